import type { RunSummary } from '../../summary/run-summary.js';
import type { ModelSummary } from '../../summary/model-summary.js';
import { pct } from '../../util/format.js';
import { ciOf } from './lines.js';

// The clustered figures of a model (dataset.fields.group) as one line for the terminal and Markdown
// notes: the pass rate with its clustered t interval and SE, beside the mean score. Pure.

export function clusteredLine(s: RunSummary, m: ModelSummary, name: string): string | undefined {
  const c = m.clustered;
  if (c === null) return undefined;
  const p = c.passRate;
  const interval = p.ci === null ? 'no interval with one cluster' : `${ciOf(s)} ${pct(p.ci[0])} – ${pct(p.ci[1])} (t, ${c.df} df)`;
  return `${name}: clustered by ${c.field} (${c.clusters} clusters): pass rate ${pct(p.mean)}, ${interval}, SE ${(p.se * 100).toFixed(1)} pts; mean score ${c.meanScore.mean.toFixed(3)} ± ${c.meanScore.se.toFixed(3)}`;
}
