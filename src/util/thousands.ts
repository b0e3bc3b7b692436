// Counts in messages and reports with thousands separators ("12,345"), as toLocaleString('en-US')
// writes them, but without it for whole numbers: the first toLocaleString of a process loads ICU's
// number-formatting data, ~6 MB of resident memory for the rest of the run (bench/memory.sh).

/** `x` with thousands separators: the same text as x.toLocaleString('en-US'). */
export function thousands(x: number): string {
  if (!Number.isSafeInteger(x) || Object.is(x, -0)) return x.toLocaleString('en-US'); // fractions, -0, NaN, ±∞, huge
  const digits = String(Math.abs(x));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return x < 0 ? `-${out}` : out;
}
