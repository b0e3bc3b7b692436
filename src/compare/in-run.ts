import type { ReferenceComparison, RunSummary } from '../summary/run-summary.js';
import type { SummaryRecord } from '../summary/model-summary.js';
import { compareSides } from './compare.js';
import { itemResultOf, type RunView, type ItemResult } from './read-run.js';

// In a run of several models, every model against the first (the reference), on the samples both
// scored: the paired change in pass rate with its interval and test, the flips each way, and the
// smallest change the run could detect. Written to summary.json and shown in every report. With
// dataset.fields.group the interval and the test are clustered on the groups (compareSides).

/** With dataset.fields.group: each sample's cluster (undefined: the comparisons are not clustered). */
export type ClusterOf = (sampleId: string) => string | undefined;

export function referenceComparisons(summary: Pick<RunSummary, 'models' | 'runId'>, records: readonly SummaryRecord[], level = 0.95, clusterOf?: ClusterOf): ReferenceComparison[] {
  const [ref, ...others] = summary.models;
  if (ref === undefined || others.length === 0) return [];
  const verdicts = new Map<string, ItemResult>();
  for (const r of records) {
    verdicts.set(`${r.sampleId}\u0000${r.model}\u0000${r.epoch}`, itemResultOf(r, clusterOf?.(r.sampleId)));
  }
  const run: RunView = { dir: '', shownDir: 'this run', summary: summary as RunSummary, verdicts };
  return others.map((m) => {
    const c = compareSides({ run, model: ref.model }, { run, model: m.model }, { judge: 'interval', level, mustPass: [] }, { resamples: 2_000 });
    return {
      reference: ref.model, model: m.model, n: c.n, diff: c.passRate.diff, ci: c.passRate.ci, test: c.passRate.test,
      regressed: c.passRate.discordant.regressed, improved: c.passRate.discordant.improved, mde: c.mde,
      ...(c.clusters !== null && { clusters: c.clusters }),
    };
  });
}
