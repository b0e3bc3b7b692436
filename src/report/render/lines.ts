import type { PairwiseScorerSummary } from '../../summary/pairwise-summary.js';
import { int, levelPct, pct, usd } from './format.js';

// Lines and cells that the terminal and Markdown reports share: intervals, mean scores, judges, pairwise.

/** The level of a summary's intervals; summaries written before it was configurable are at 95%. */
export const ciOf = (s: { readonly options: { readonly confidence?: number } }): string => `${levelPct(s.options.confidence ?? 0.95)} CI`;

/** A mean score with its SE and, when known, its interval: "0.812 ± 0.021 (0.770 – 0.851)". */
export const scoreCell = (m: { readonly meanScore: number | null; readonly meanScoreSe: number | null; readonly meanScoreCi?: { readonly ci: readonly [number, number] } | null }): string =>
  m.meanScore === null ? '—'
    : `${m.meanScore.toFixed(3)} ± ${(m.meanScoreSe ?? 0).toFixed(3)}${m.meanScoreCi == null ? '' : ` (${m.meanScoreCi.ci[0].toFixed(3)} – ${m.meanScoreCi.ci[1].toFixed(3)})`}`;

/** How the mean score's interval was made, for the notes under the table. */
export function scoreNote(s: { readonly options: { readonly confidence?: number }; readonly models: readonly { readonly meanScoreCi?: { readonly method: string } | null }[] }): string {
  const methods = new Set(s.models.map((m) => m.meanScoreCi?.method));
  const how = [
    ...(methods.has('wilson') ? ['Wilson when every score is 0 or 1'] : []),
    ...(methods.has('bootstrap') ? ['a seeded bootstrap over samples (2,000 resamples)'] : []),
    ...(methods.has('clt') ? ['the CLT above 20,000 samples'] : []),
  ];
  return `mean score: ± SE over samples${how.length > 0 ? `; in parentheses its ${ciOf(s)}: ${how.join('; ')}` : ''}.`;
}

/** A model's judge totals, reported apart from its own cost: "judge: 24 call(s), 12,000 in / 800 out tokens, $0.012 (not in the model's cost), 1 judge error(s)". */
export function judgeLine(j: { readonly calls: number; readonly answers: number; readonly tokens: { readonly input: number; readonly output: number }; readonly costUsd: number | null; readonly errors: number; readonly models?: readonly string[] | undefined }): string {
  const cached = j.answers > j.calls ? `, ${int(j.answers - j.calls)} answer(s) from the cache` : '';
  const errors = j.errors > 0 ? `; ${int(j.errors)} item(s) ended as judge errors (counted apart, never as failures)` : '';
  const who = j.models === undefined || j.models.length === 0 ? '' : `; judged by ${j.models.join(', ')}`;
  // Simulated judges (sim:) pay nothing: their cost is a simulated one.
  const simulated = j.models !== undefined && j.models.length > 0 && j.models.every((m) => m.startsWith('sim:')) ? ' simulated cost, nothing paid' : '';
  return `judge: ${int(j.calls)} call(s)${cached}, ${int(j.tokens.input)} in / ${int(j.tokens.output)} out tokens, ${usd(j.costUsd)}${simulated} (apart from the model's cost)${errors}${who}`;
}

/** The line of a model that is a pairwise scorer's reference (against_model). */
export const pairwiseReferenceLine = (scorer: string): string =>
  `pairwise ${scorer}: the reference model; its answers are the yardstick, not judged by this scorer`;

/** The line of a model with answers no scorer applied to. */
export const unscoredLine = (n: number): string => `${n} answer(s) not scored: no scorer applies to this model's answers (they are the reference of a pairwise scorer), so they are neither passes, failures nor errors`;

/** One line per pairwise scorer: rates with intervals, flips, first-position wins, and the winner if any. */
export function pairwiseLine(p: PairwiseScorerSummary): string {
  const r = (x: PairwiseScorerSummary['wins']) => `${pct(x.rate)} (${pct(x.ci[0])}–${pct(x.ci[1])})`;
  const other = p.against === undefined || p.against.startsWith('run ') ? 'the baseline' : p.against;
  const winner = p.winner === null ? 'no winner' : p.winner === 'candidate' ? 'the candidate wins' : `${other} wins`;
  const incomplete = p.incomplete > 0 ? `, ${int(p.incomplete)} incomplete` : '';
  const head = p.against === undefined ? p.scorer : `${p.scorer} against ${p.against}`;
  return `pairwise ${head}: ${winner} over ${int(p.n)} item(s)${incomplete}; win rate ${pct(p.winRate)}${continuousPart(p.continuous)}; wins ${r(p.wins)}, ties ${r(p.ties)}, losses ${r(p.losses)} (95% CI); position flips ${pct(p.flips.rate)}, first position won ${pct(p.firstPositionWins.rate)} of order verdicts`;
}

/** "; graded win rate 62.5% ± 4.1% SE (54.0%–71.0%)", or empty without a continuous win rate. */
function continuousPart(c: PairwiseScorerSummary['continuous']): string {
  if (c === undefined) return '';
  const what = c.from === 'graded' ? 'graded win rate' : 'probability-weighted win rate';
  const se = c.se === null ? '' : ` ± ${pct(c.se)} SE`;
  const ci = c.ci === null ? '' : ` (${pct(c.ci[0])}–${pct(c.ci[1])})`;
  const missing = c.noLogprobs !== undefined && c.noLogprobs > 0 ? `, ${int(c.noLogprobs)} item(s) with a judge answer without logprobs (its discrete verdict counted)` : '';
  return `; ${what} ${pct(c.winRate)}${se}${ci}${missing}`;
}
