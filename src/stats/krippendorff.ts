// Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability";
// α = 1 − D_o/D_e over the coincidence matrix of the pairable units.
// A unit is the list of values given to one item (by raters, or by repeated judge samples);
// missing values are simply left out, and units with fewer than 2 values are dropped.

export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export type AlphaValue = number | string;

export type AlphaResult =
  | {
      readonly defined: true;
      readonly level: AlphaLevel;
      readonly alpha: number;
      /** Observed and expected disagreement. */
      readonly dO: number;
      readonly dE: number;
      /** Number of pairable values (in units with ≥ 2 values). */
      readonly n: number;
      readonly units: number;
    }
  | {
      readonly defined: false;
      readonly level: AlphaLevel;
      readonly alpha: null;
      readonly n: number;
      readonly units: number;
      /** Fewer than 2 pairable values, or no variation at all (D_e = 0). */
      readonly reason: string;
    };

/** Units (one list of present values per item) from a raters × items matrix with null for missing. */
export function unitsFromRaters<V extends AlphaValue>(raters: readonly (readonly (V | null)[])[]): V[][] {
  const items = Math.max(0, ...raters.map((r) => r.length));
  return Array.from({ length: items }, (_, u) =>
    raters.map((r) => r[u]).filter((v): v is V => v !== null && v !== undefined),
  );
}

interface Coincidence {
  readonly values: readonly AlphaValue[];
  readonly o: readonly (readonly number[])[];
  readonly nc: readonly number[];
  readonly n: number;
  readonly units: number;
}

function sortValues(values: AlphaValue[], level: AlphaLevel): AlphaValue[] {
  if (level === 'nominal') return values;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(`krippendorffAlpha: ${level} data must be finite numbers, got ${JSON.stringify(v)}`);
    }
  }
  return [...(values as number[])].sort((a, b) => a - b);
}

function coincidence(units: readonly (readonly AlphaValue[])[], level: AlphaLevel): Coincidence {
  const pairable = units.filter((u) => u.length >= 2);
  const values = sortValues([...new Set(pairable.flat())], level);
  const index = new Map(values.map((v, i) => [v, i] as const));
  const o = values.map(() => values.map(() => 0));
  for (const unit of pairable) {
    const counts = values.map(() => 0);
    for (const v of unit) {
      const i = index.get(v) ?? 0;
      counts[i] = (counts[i] ?? 0) + 1;
    }
    const m = unit.length;
    counts.forEach((cc, c) => {
      const row = o[c];
      if (cc === 0 || row === undefined) return;
      counts.forEach((ck, k) => {
        row[k] = (row[k] ?? 0) + (cc * (c === k ? ck - 1 : ck)) / (m - 1);
      });
    });
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  return { values, o, nc, n: nc.reduce((s, x) => s + x, 0), units: pairable.length };
}

function distance(co: Coincidence, level: AlphaLevel): (c: number, k: number) => number {
  const num = (i: number) => co.values[i] as number;
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (num(c) - num(k)) ** 2;
    case 'ratio':
      return (c, k) => {
        const s = num(c) + num(k);
        return s === 0 ? 0 : ((num(c) - num(k)) / s) ** 2;
      };
    case 'ordinal':
      return (c, k) => {
        const [lo, hi] = c <= k ? [c, k] : [k, c];
        let between = 0;
        for (let g = lo; g <= hi; g++) between += co.nc[g] ?? 0;
        return (between - ((co.nc[c] ?? 0) + (co.nc[k] ?? 0)) / 2) ** 2;
      };
  }
}

/** Krippendorff's alpha at the given level of measurement. Undefined (null + reason) without variation. */
export function krippendorffAlpha(units: readonly (readonly AlphaValue[])[], level: AlphaLevel): AlphaResult {
  const co = coincidence(units, level);
  if (co.n < 2) return { defined: false, level, alpha: null, n: co.n, units: co.units, reason: 'fewer than 2 pairable values' };
  const d = distance(co, level);
  let observed = 0;
  let expected = 0;
  co.values.forEach((_, c) => {
    co.values.forEach((__, k) => {
      const dd = d(c, k);
      observed += (co.o[c]?.[k] ?? 0) * dd;
      expected += (co.nc[c] ?? 0) * (co.nc[k] ?? 0) * dd;
    });
  });
  const dO = observed / co.n;
  const dE = expected / (co.n * (co.n - 1));
  if (dE === 0) {
    return { defined: false, level, alpha: null, n: co.n, units: co.units, reason: 'no variation in the values (D_e = 0)' };
  }
  return { defined: true, level, alpha: 1 - dO / dE, dO, dE, n: co.n, units: co.units };
}
