/**
 * A typed array that numbers are appended to, grown by half again when full; `done()` is a view of the
 * numbers appended (no copy). For long lists of numbers (one per record or per item): 8 bytes a number
 * in a Float64Array, outside the JavaScript heap, freed as a whole.
 */
export function growable<A extends Float64Array | Uint32Array>(make: (n: number) => A, initial = 256) {
  let a = make(initial);
  let n = 0;
  return {
    get length(): number { return n; },
    push(v: number): void {
      if (n === a.length) {
        const b = make(Math.ceil(a.length * 1.5));
        b.set(a);
        a = b;
      }
      a[n++] = v;
    },
    done: (): A => a.subarray(0, n) as A,
  };
}
