// A set of 64-bit hashes written as 16 hex digits (the input and text hashes of inputs.jsonl), kept in
// typed arrays instead of a Set of strings: 9 bytes a slot, at most twice as many slots as entries,
// so a million hashes take ~18 MB. (A Set of the strings cost ~110 bytes an item: a replay of 300,000
// distinct inputs peaked 33 MB higher, bench/replay.sh with DISTINCT=1.) Open addressing with linear
// probing; the hashes are already uniform, so their low 32 bits give the slot. Anything that is not
// 16 hex digits (an odd line in an edited file) goes to a plain Set.

const HEX16 = /^[0-9a-f]{16}$/;
const FIRST_CAPACITY = 1024;

export interface HexSet {
  /** Adds the value; true when it was not there yet. */
  add(value: string): boolean;
  has(value: string): boolean;
  readonly size: number;
}

export function hexSet(): HexSet {
  let capacity = FIRST_CAPACITY;
  let hi = new Uint32Array(capacity);
  let lo = new Uint32Array(capacity);
  let used = new Uint8Array(capacity);
  let count = 0;
  const other = new Set<string>();

  /** The slot holding (h, l), or the empty slot where it would go. */
  const slotOf = (h: number, l: number): number => {
    const mask = capacity - 1;
    let i = l & mask;
    while (used[i] === 1 && (hi[i] !== h || lo[i] !== l)) i = (i + 1) & mask;
    return i;
  };

  const grow = (): void => {
    const [oldHi, oldLo, oldUsed, oldCapacity] = [hi, lo, used, capacity];
    capacity *= 2;
    hi = new Uint32Array(capacity);
    lo = new Uint32Array(capacity);
    used = new Uint8Array(capacity);
    for (let j = 0; j < oldCapacity; j++) {
      if (oldUsed[j] !== 1) continue;
      const i = slotOf(oldHi[j] as number, oldLo[j] as number);
      hi[i] = oldHi[j] as number;
      lo[i] = oldLo[j] as number;
      used[i] = 1;
    }
  };

  const split = (v: string): [number, number] => [Number.parseInt(v.slice(0, 8), 16), Number.parseInt(v.slice(8), 16)];

  return {
    add(v) {
      if (!HEX16.test(v)) {
        if (other.has(v)) return false;
        other.add(v);
        return true;
      }
      const [h, l] = split(v);
      const i = slotOf(h, l);
      if (used[i] === 1) return false;
      hi[i] = h;
      lo[i] = l;
      used[i] = 1;
      count += 1;
      if (count * 2 > capacity) grow();
      return true;
    },
    has(v) {
      if (!HEX16.test(v)) return other.has(v);
      const [h, l] = split(v);
      return used[slotOf(h, l)] === 1;
    },
    get size() {
      return count + other.size;
    },
  };
}
