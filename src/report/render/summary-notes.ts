import type { RunSummary } from '../../summary/run-summary.js';
import type { ModelSummary } from '../../summary/model-summary.js';
import { clusteredOn, pairedTestName, pct, usd, signedPts } from './format.js';
import { ciOf, judgeLine, pairwiseLine, pairwiseReferenceLine, unscoredLine, scoreNote } from './lines.js';
import { clusteredLine } from './clustered-text.js';
import { judgeDetailLines } from './judge-text.js';
import { cacheLine, costText, unpricedText } from './cost-text.js';

// The lines of the terminal summary under its tables: epochs, truncations, refusals, the cache,
// judges, pairwise scorers, how the intervals were made, and each model against the first. Pure.

export const SIM = '[SIMULATED]';

export const modelName = (m: ModelSummary): string => (m.simulated ? `${m.label} ${SIM}`.replace(' (simulated) [SIMULATED]', ` ${SIM}`) : m.label);

/** With epochs, one line per model: the epoch reducers and how many samples were flaky. */
export function epochLine(m: ModelSummary): string | null {
  const e = m.epochs;
  if (e === null) return null;
  const left = e.incomplete > 0 ? `; ${e.incomplete} sample(s) with fewer than ${e.k} scored epochs left out` : '';
  return `${modelName(m)}: ${e.k} epochs: pass@${e.k} ${pct(e.passAtK.share)}, pass^${e.k} ${pct(e.passHatK.share)}, majority ${pct(e.majority.share)}, ` +
    `flaky ${pct(e.flaky.share)} of samples (${e.flaky.count}/${e.samples})${left}`;
}

/** With epochs, each scorer's reduced figure (its spec `reducer`, default mean). */
function reducedScorerLines(s: RunSummary, m: ModelSummary): string[] {
  return m.scorers.flatMap((sc) => {
    const e = sc.epochs;
    if (e === null || e.value === null) return [];
    const value = e.reducer === 'mean' ? e.value.toFixed(3) : pct(e.value);
    const ci = e.ci === null ? '' : `, ${ciOf(s)} ${e.reducer === 'mean' ? `${e.ci[0].toFixed(3)} – ${e.ci[1].toFixed(3)}` : `${pct(e.ci[0])} – ${pct(e.ci[1])}`}`;
    return [`  scorer ${sc.name}, ${e.reducer} per sample: ${value}${ci} over ${e.samples} samples`];
  });
}

export function notes(s: RunSummary): string[] {
  const out: string[] = [];
  for (const m of s.models) {
    const epochs = epochLine(m);
    if (epochs !== null) out.push(epochs, ...reducedScorerLines(s, m));
    // Anthropic says max_tokens / refusal; OpenAI-compatible servers say length / content_filter.
    const truncated = (m.stopReasons['max_tokens'] ?? 0) + (m.stopReasons['length'] ?? 0);
    const refused = (m.stopReasons['refusal'] ?? 0) + (m.stopReasons['content_filter'] ?? 0);
    if (truncated > 0) out.push(`${modelName(m)}: ${truncated} output(s) cut off at the max_tokens limit (stop reason max_tokens/length)`);
    if (refused > 0) out.push(`${modelName(m)}: ${refused} refusal(s) (stop reason refusal/content_filter)`);
    if (m.cached > 0) out.push(`${modelName(m)}: ${m.cached} answer(s) from the response cache (no call made; cost ${costText(m)} is what the answers cost, ${m.simulated ? 'nothing paid' : `${usd(m.spentUsd)} was spent`} in this run; --no-cache to call again)`);
    const cache = cacheLine(m);
    if (cache !== undefined) out.push(`${modelName(m)}: ${cache}`);
    if (m.costUsd === null) out.push(`${modelName(m)}: ${unpricedText(m.model, s.options.priceTable)}`);
    if (m.judge !== null) out.push(`${modelName(m)}: ${judgeLine(m.judge)}`, ...judgeDetailLines(m.judge, ciOf(s)).map((l) => `${modelName(m)}: ${l}`));
    for (const p of m.pairwise ?? []) out.push(`${modelName(m)}: ${pairwiseLine(p)}`);
    for (const sc of m.pairwiseReference ?? []) out.push(`${modelName(m)}: ${pairwiseReferenceLine(sc)}`);
    if (m.unscored !== undefined) out.push(`${modelName(m)}: ${unscoredLine(m.unscored)}`);
    const clustered = clusteredLine(s, m, modelName(m));
    if (clustered !== undefined) out.push(clustered);
  }
  if (s.models.some((m) => m.ciMethod === 'clt-over-samples')) out.push(`${ciOf(s)} over per-sample pass shares (epochs: items of one sample are not independent); otherwise Wilson.`);
  else out.push(`${ciOf(s)}: Wilson score interval.`);
  out.push(scoreNote(s));
  if (s.items.errors > 0) out.push(`${s.items.errors} item(s) ended in error: not counted as failures; see records.jsonl (status "error")`);
  if (s.simulated) out.push(`${SIM} models are the built-in simulator, not real model outputs: their quality, latency and cost are settings, not measurements.`);
  return out;
}

/** Each model against the first, paired on the same samples. */
export function comparisonLines(s: RunSummary): string[] {
  return s.comparisons.map((c) => {
    const name = (id: string) => { const m = s.models.find((x) => x.model === id); return m === undefined ? id : modelName(m); };
    if (c.diff === null) return `${name(c.model)} vs ${name(c.reference)}: no samples scored by both`;
    const ci = c.ci === null ? '' : `, ${ciOf(s)} [${signedPts(c.ci[0])}, ${signedPts(c.ci[1])}]`;
    const p = c.test.p === null ? '' : `, ${pairedTestName(c.test.name)} p ${c.test.p < 0.0001 ? '< 0.0001' : `= ${c.test.p.toPrecision(2)}`}`;
    const mde = c.mde === null ? '' : `; could detect ≥ ${(c.mde * 100).toFixed(1)} pts`;
    return `${name(c.model)} vs ${name(c.reference)} (paired, ${c.n} samples${clusteredOn(c)}): ${signedPts(c.diff)}${ci}${p}; ${c.regressed} pass→fail, ${c.improved} fail→pass (reference → model)${mde}`;
  });
}

