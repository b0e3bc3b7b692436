// Numbers as reports show them: percentages, dollars, counts, durations, signed points.
export const pct = (x: number | null, digits = 1): string => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);

export const usd = (x: number | null): string => {
  if (x === null) return 'unknown';
  if (x === 0) return '$0';
  // Below a cent: two significant digits, always as a plain decimal (toPrecision gives "1.0e-7" below 1e-6).
  const tiny = (v: number) => v.toLocaleString('en-US', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
  return x < 0.01 ? `$${tiny(x)}` : `$${x.toFixed(x < 10 ? 3 : 2)}`;
};

/** A change in a rate as signed points: "−8.8 pts", "+0.6 pts"; `zero` is the sign a zero change shows. */
export const signedPts = (x: number, zero = '±'): string => `${x < 0 ? '−' : x > 0 ? '+' : zero}${Math.abs(x * 100).toFixed(1)} pts`;

export const int = (x: number): string => x.toLocaleString('en-US');

export const ms = (x: number | null): string => (x === null ? '—' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);

const oneDecimal = (x: number) => x.toFixed(1).replace(/\.0$/, '');

/** A span of time for people: "3.2 s", "9 min", "1.5 h". */
export const duration = (ms: number): string =>
  ms >= 3_600_000 ? `${oneDecimal(ms / 3_600_000)} h` : ms >= 60_000 ? `${oneDecimal(ms / 60_000)} min` : `${oneDecimal(ms / 1000)} s`;

/** A confidence level as people write it: 0.95 → "95%", 0.995 → "99.5%". */
export const levelPct = (level: number): string => `${Number((level * 100).toFixed(2))}%`;
