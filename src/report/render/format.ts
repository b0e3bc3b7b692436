export const pct = (x: number | null, digits = 1): string => (x === null ? '—' : `${(x * 100).toFixed(digits)}%`);

export const usd = (x: number | null): string => {
  if (x === null) return 'unknown';
  if (x === 0) return '$0';
  return x < 0.01 ? `$${x.toPrecision(2)}` : `$${x.toFixed(x < 10 ? 3 : 2)}`;
};

export const int = (x: number): string => x.toLocaleString('en-US');

export const ms = (x: number | null): string => (x === null ? '—' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${Math.round(x)} ms`);
