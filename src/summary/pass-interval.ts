import type { RunRecord } from '../types.js';
import { meanWithSe, wilson } from '../stats/intervals.js';
import { zCritical } from '../stats/distributions.js';

// The interval of a pass rate (at the run's confidence level, 95% by default) over scored items, shared by the model summary, the segments and
// the epoch reducers. Apart from summary.ts so that epochs.ts can use it without an import cycle.

/** wilson: one verdict per sample; clt-over-samples: with epochs, over per-sample pass shares. */
export type CiMethod = 'wilson' | 'clt-over-samples';

/**
 * With one item per sample, the Wilson interval of the pass rate. With epochs, items of one sample
 * are not independent, so each sample's pass share is averaged first and the
 * interval is the CLT one over samples, clamped to [0, 1].
 */
export function passInterval(ok: readonly Pick<RunRecord, 'sampleId' | 'pass'>[], level = 0.95): { ci: readonly [number, number] | null; method: CiMethod; samples: number } {
  const bySample = new Map<string, { pass: number; n: number }>();
  for (const r of ok) {
    const cur = bySample.get(r.sampleId) ?? { pass: 0, n: 0 };
    bySample.set(r.sampleId, { pass: cur.pass + (r.pass === true ? 1 : 0), n: cur.n + 1 });
  }
  if (ok.length === 0) return { ci: null, method: 'wilson', samples: 0 };
  if (bySample.size === ok.length) return { ci: wilson(ok.filter((r) => r.pass === true).length, ok.length, zCritical(level)), method: 'wilson', samples: bySample.size };
  const shares = meanWithSe([...bySample.values()].map((x) => x.pass / x.n));
  const mean = shares?.mean ?? 0;
  const half = zCritical(level) * (shares?.se ?? 0);
  return { ci: [Math.max(0, mean - half), Math.min(1, mean + half)], method: 'clt-over-samples', samples: bySample.size };
}
