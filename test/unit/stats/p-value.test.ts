import { describe, expect, it } from 'vitest';
import { mcnemar } from '../../../src/stats/mcnemar.js';
import { cohenKappa } from '../../../src/stats/kappa.js';
import { pairedDifference, unpairedDifference } from '../../../src/stats/paired.js';
import { positiveP } from '../../../src/stats/p-value.js';
import { seededRandom } from '../../../src/util/random.js';

// Property: a test's p-value is in (0, 1] whatever the data, however lopsided: an underflow is the
// smallest positive double, never 0 (which would read "impossible" in summary.json and compare --json).

describe('positiveP', () => {
  it.each([[0, Number.MIN_VALUE], [-0, Number.MIN_VALUE], [1e-300, 1e-300], [0.5, 0.5], [1, 1]])('%d → %d', (p, want) => {
    expect(positiveP(p)).toBe(want);
  });
  it('keeps NaN as NaN (a bug upstream stays visible)', () => expect(positiveP(Number.NaN)).toBeNaN());
});

describe('property: no p-value is 0 (seeded random and extreme inputs)', () => {
  const rand = seededRandom(20261207);
  const int = (n: number) => Math.floor(rand() * n);
  const sizes = [1, 2, 5, 30, 500, 3000, 20000];

  it('McNemar exact, mid-p and χ² over lopsided discordant counts', () => {
    for (let t = 0; t < 300; t++) {
      const n = sizes[int(sizes.length)] as number;
      const b = rand() < 0.3 ? 0 : int(n + 1);
      const r = mcnemar(b, n - b);
      for (const p of [r.exactP, r.midP, r.chi2P]) if (p !== null) expect(p, `mcnemar(${b}, ${n - b})`).toBeGreaterThan(0);
    }
  });

  it('Cohen\'s kappa over tables up to perfect agreement on 40,000 items', () => {
    for (let t = 0; t < 200; t++) {
      const n = sizes[int(sizes.length)] as number;
      const agree = rand() < 0.3 ? n : int(n + 1);
      const yes = int(agree + 1); // agreements split between the two classes
      const off = n - agree;
      const oneWay = int(off + 1); // disagreements split between the two directions
      const k = cohenKappa([[yes, oneWay], [off - oneWay, agree - yes]]);
      if (k.defined && k.p !== null) expect(k.p).toBeGreaterThan(0);
    }
    const perfect = cohenKappa([[20000, 0], [0, 20000]]);
    expect(perfect.defined && perfect.p).toBe(Number.MIN_VALUE);
  });

  it('paired and unpaired z and clustered t tests on far-apart samples', () => {
    for (let t = 0; t < 100; t++) {
      const n = 2 + int(5000);
      const a = Array.from({ length: n }, () => (rand() < 0.999 ? 1 : 0));
      const b = Array.from({ length: n }, () => (rand() < 0.001 ? 1 : 0));
      const clusters = Array.from({ length: n }, (_, i) => `c${i % 50}`);
      for (const d of [pairedDifference(a, b), pairedDifference(a, b, { clusters }), unpairedDifference(a, b)]) {
        if (d.p !== null) expect(d.p).toBeGreaterThan(0);
      }
    }
  });
});
