import { thousands } from '../../util/thousands.js';

// Numbers as reports show them: percentages, dollars, counts, durations, signed points.
export const pct = (x: number | null, digits = 1): string => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);

export const usd = (x: number | null): string => {
  if (x === null) return 'unknown';
  if (x === 0) return '$0';
  return x < 0.01 ? `$${twoSignificant(x)}` : `$${x.toFixed(x < 10 ? 3 : 2)}`;
};

/**
 * Two significant digits, always as a plain decimal ("0.0000027"; toPrecision gives "2.7e-6" below
 * 1e-6): the text of toLocaleString('en-US') with two significant digits for 0 < x < 1, built here so
 * that ICU's number data is not loaded for it. Like ICU, it rounds the shortest decimal that reads
 * back as x (1.35e-5, not the binary value just below it), half away from zero.
 */
export function twoSignificant(x: number): string {
  if (!(x > 0 && x < 1)) return x.toLocaleString('en-US', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
  const [mantissa = '', exp = '0'] = x.toExponential().split('e'); // shortest: "1.35e-5"
  const all = mantissa.replace('.', '');
  let e = Number(exp);
  let two = Number(all.slice(0, 2).padEnd(2, '0')) + (Number(all[2] ?? '0') >= 5 ? 1 : 0);
  if (two === 100) { two = 10; e += 1; } // 9.96e-3 → 1.0e-2
  return e >= 0 ? `${String(two)[0]}.${String(two)[1]}` : `0.${'0'.repeat(-e - 1)}${two}`;
}

/** A change in a rate as signed points: "−8.8 pts", "+0.6 pts"; `zero` is the sign a zero change shows. */
export const signedPts = (x: number, zero = '±'): string => `${x < 0 ? '−' : x > 0 ? '+' : zero}${Math.abs(x * 100).toFixed(1)} pts`;

export const int = (x: number): string => thousands(x);

export const ms = (x: number | null): string => (x === null ? '—' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

const oneDecimal = (x: number) => x.toFixed(1).replace(/\.0$/, '');

/** A span of time for people: "3.2 s", "9 min", "1.5 h". */
export const duration = (ms: number): string =>
  ms >= 3_600_000 ? `${oneDecimal(ms / 3_600_000)} h` : ms >= 60_000 ? `${oneDecimal(ms / 60_000)} min` : `${oneDecimal(ms / 1000)} s`;

/** A confidence level as people write it: 0.95 → "95%", 0.995 → "99.5%". */
export const levelPct = (level: number): string => `${Number((level * 100).toFixed(2))}%`;

/**
 * A paired test as reports name it: McNemar's exact test, the sign-flip permutation test, the paired z
 * test (segments with epochs), or the clustered t test (with dataset.fields.group). `long` names McNemar's
 * test as exact.
 */
export function pairedTestName(name: string, long = false): string {
  if (name === 'mcnemar-exact') return long ? 'McNemar exact' : 'McNemar';
  if (name === 'clustered-t') return 'clustered t';
  if (name === 'paired-z') return 'paired z';
  return name;
}

/** ", N clusters" for a comparison clustered on dataset.fields.group; '' otherwise. */
export const clusteredOn = (c: { readonly clusters?: number | null | undefined }): string =>
  (c.clusters === undefined || c.clusters === null ? '' : `, ${thousands(c.clusters)} clusters`);
