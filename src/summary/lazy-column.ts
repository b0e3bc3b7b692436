// A column of numbers with one slot per plan item that costs nothing per item while every value
// written to it is the same: a run whose items all agree on a figure (a replay:'s zero latency and
// tokens, one attempt each, the same stop reason and score names) keeps one number for it. The typed
// array is allocated at the first value that differs, filled with the one value seen so far. Slots
// never written read as that value too: callers read only the slots they wrote (the record table
// checks an item's state first).

type Typed = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int8Array;

export interface Column {
  get(i: number): number;
  set(i: number, v: number): void;
}

/** `make(n)`: the typed array the column becomes; values are stored as that array stores them (truncated, wrapped). */
export function lazyColumn(make: (n: number) => Typed, capacity: number): Column {
  const one = make(1); // stores a value as the full array would, so the constant reads back the same
  let constant = one[0] as number;
  let written = false;
  let values: Typed | undefined;
  return {
    get: (i) => (values === undefined ? constant : values[i] as number),
    set: (i, v) => {
      if (values !== undefined) {
        values[i] = v;
        return;
      }
      one[0] = v;
      const stored = one[0] as number;
      if (!written) {
        written = true;
        constant = stored;
        return;
      }
      if (Object.is(stored, constant)) return; // NaN is NaN, 0 is not -0: exactly what was stored
      values = make(capacity);
      values.fill(constant);
      values[i] = v;
    },
  };
}
