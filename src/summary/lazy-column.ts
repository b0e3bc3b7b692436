// A column of numbers with one slot per plan item that costs nothing per item while every value
// written to it is the same: a run whose items all agree on a figure (a replay:'s zero latency and
// tokens, one attempt each, the same stop reason and score names) keeps one number for it. The typed
// array is allocated at the first value that differs, filled with the one value seen so far. Slots
// never written read as that value too: callers read only the slots they wrote (the record table
// checks an item's state first).
//
// A column of doubles (make: Float64Array) is kept narrower while its values allow, each step exact:
// - one byte a slot while they are small whole numbers (a pass/fail score: 0 and 1, NaN for none);
// - four bytes a slot while they are whole tenths, k/10 for a 32-bit k (latencies, which runs round
//   to 0.1 ms, and token counts): k is stored and k/10 read back, the very double that was written;
// - eight, a double, from the first value that is neither.

import { wholeTenths } from '../util/tenths.js';

type Typed = Float64Array | Uint32Array | Uint16Array | Uint8Array | Int8Array;

export interface Column {
  get(i: number): number;
  set(i: number, v: number): void;
}

/** The byte that stands for NaN in a column of small whole numbers. */
const NAN_BYTE = -128;
const isSmall = (v: number) => Number.isInteger(v) && v > NAN_BYTE && v < 128 && !Object.is(v, -0);
const toByte = (v: number) => (Number.isNaN(v) ? NAN_BYTE : v);
const fromByte = (b: number) => (b === NAN_BYTE ? Number.NaN : b);

/** The tenths that stand for NaN in a column of tenths (wholeTenths never gives it). */
const NAN_TENTHS = -(2 ** 31);
/** v as whole tenths, NaN as NAN_TENTHS, or undefined when it is neither. */
const toTenths = (v: number): number | undefined => (Number.isNaN(v) ? NAN_TENTHS : wholeTenths(v));
const fromTenths = (k: number) => (k === NAN_TENTHS ? Number.NaN : k / 10);

/** `make(n)`: the typed array the column becomes; values are stored as that array stores them (truncated, wrapped). */
export function lazyColumn(make: (n: number) => Typed, capacity: number): Column {
  const one = make(1); // stores a value as the full array would, so the constant reads back the same
  const doubles = one instanceof Float64Array;
  let constant = one[0] as number;
  let written = false;
  let values: Typed | undefined;
  let bytes: Int8Array | undefined; // doubles only: while every value is small (or NaN)
  let tenths: Int32Array | undefined; // doubles only: while every value is whole tenths (or NaN)
  const toDoubles = (from: Int8Array | Int32Array, read: (x: number) => number) => {
    const all = make(capacity);
    for (let k = 0; k < capacity; k++) all[k] = read(from[k] as number);
    return all;
  };
  /** The column of tenths holding what the bytes (or the constant) held. */
  const toTenthsColumn = () => {
    const all = new Int32Array(capacity);
    if (bytes === undefined) all.fill(toTenths(constant) as number);
    else for (let k = 0; k < capacity; k++) all[k] = bytes[k] === NAN_BYTE ? NAN_TENTHS : (bytes[k] as number) * 10;
    return all;
  };
  return {
    get: (i) => {
      if (bytes !== undefined) return fromByte(bytes[i] as number);
      if (tenths !== undefined) return fromTenths(tenths[i] as number);
      return values === undefined ? constant : values[i] as number;
    },
    set: (i, v) => {
      if (bytes !== undefined) {
        if (isSmall(v) || Number.isNaN(v)) {
          bytes[i] = toByte(v);
          return;
        }
        if (toTenths(v) !== undefined) tenths = toTenthsColumn();
        else values = toDoubles(bytes, fromByte);
        bytes = undefined;
      }
      if (tenths !== undefined) {
        const k = toTenths(v);
        if (k !== undefined) {
          tenths[i] = k;
          return;
        }
        values = toDoubles(tenths, fromTenths);
        tenths = undefined;
      }
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
      if (doubles && (isSmall(constant) || Number.isNaN(constant)) && (isSmall(stored) || Number.isNaN(stored))) {
        bytes = new Int8Array(capacity).fill(toByte(constant));
        bytes[i] = toByte(stored);
        return;
      }
      if (doubles && toTenths(constant) !== undefined && toTenths(stored) !== undefined) {
        tenths = toTenthsColumn();
        tenths[i] = toTenths(stored) as number;
        return;
      }
      values = make(capacity);
      values.fill(constant);
      values[i] = v;
    },
  };
}
