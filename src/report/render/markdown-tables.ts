import type { RunSummary } from '../../summary/run-summary.js';
import type { ModelSummary } from '../../summary/model-summary.js';
import { ms, pairedTestName, pct, usd, signedPts } from './format.js';
import { ciOf, judgeLine, pairwiseLine, pairwiseReferenceLine, unscoredLine, scoreCell, scoreNote } from './lines.js';
import { mdCode, mdTable, mdText } from './markdown-text.js';
import { displayNameOf, modelDisplayName } from './verdict.js';
import { clusteredLine } from './clustered-text.js';
import { judgeDetailLines } from './judge-text.js';
import { cacheLine, costText, spentCell, unpricedText } from './cost-text.js';

// The tables and notes of a run's Markdown report (render/markdown.ts assembles them). Pure.

function errorsCell(m: ModelSummary): string {
  if (m.errors === 0) return '0';
  const kinds = Object.entries(m.errorsByKind).map(([k, n]) => `${mdText(k)} ${n}`).join(', ');
  return `**${m.errors}** (${kinds})`;
}

/** The per-model table: pass rate with its interval, mean score ± SE, errors by kind, cost, latency. */
export function modelTable(s: RunSummary): string {
  const header = ['Model', 'Scored', 'Pass rate', ciOf(s), 'Mean score ± SE (CI)', 'Errors', s.models.some((m) => m.simulated) ? 'Cost / spent (a simulated model pays nothing)' : 'Cost / spent', 'Latency p50 / p95'];
  const rows = s.models.map((m) => [
    mdText(modelDisplayName(m)),
    String(m.passed + m.failed),
    `**${pct(m.passRate)}** (${m.passed}/${m.passed + m.failed})`,
    m.ci === null ? '—' : `${pct(m.ci[0])} – ${pct(m.ci[1])}`,
    scoreCell(m),
    errorsCell(m),
    `${costText(m)} / ${spentCell(m)}`,
    `${ms(m.latencyMs.p50)} / ${ms(m.latencyMs.p95)}`,
  ]);
  return mdTable(header, rows, ['left', 'right', 'right', 'left', 'right', 'left', 'right', 'right']);
}

/** With epochs, per model the epoch reducers with their intervals and the flaky samples. Empty with one epoch. */
export function epochTable(s: RunSummary): string {
  const withEpochs = s.models.flatMap((m) => (m.epochs === null ? [] : [{ m, e: m.epochs }]));
  const first = withEpochs[0];
  if (first === undefined) return '';
  const k = first.e.k;
  const cell = (x: { share: number | null; ci: readonly [number, number] | null }) =>
    `${pct(x.share)}${x.ci === null ? '' : ` (${pct(x.ci[0])} – ${pct(x.ci[1])})`}`;
  const rows = withEpochs.map(({ m, e }) => [
    mdText(modelDisplayName(m)),
    String(e.samples),
    cell(e.passAtK), cell(e.passHatK), cell(e.majority), cell(e.meanShare),
    `${pct(e.flaky.share)} (${e.flaky.count}/${e.samples})`,
    String(e.incomplete),
  ]);
  const table = mdTable(['Model', 'Samples', `pass@${k}`, `pass^${k}`, 'Majority', 'Mean pass share', 'Flaky', 'Left out'], rows,
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right']);
  const scorers = withEpochs.flatMap(({ m }) => m.scorers.flatMap((sc) => (sc.epochs === null || sc.epochs.value === null ? [] : [[
    mdText(modelDisplayName(m)), mdText(sc.name), mdText(sc.epochs.reducer),
    sc.epochs.reducer === 'mean' ? sc.epochs.value.toFixed(3) : pct(sc.epochs.value),
    sc.epochs.ci === null ? '—' : sc.epochs.reducer === 'mean' ? `${sc.epochs.ci[0].toFixed(3)} – ${sc.epochs.ci[1].toFixed(3)}` : `${pct(sc.epochs.ci[0])} – ${pct(sc.epochs.ci[1])}`,
    String(sc.epochs.samples),
  ]])));
  const perScorer = scorers.length === 0 ? '' : `\n\n${mdTable(['Model', 'Scorer', 'Reducer', 'Value', ciOf(s), 'Samples'], scorers, ['left', 'left', 'left', 'right', 'left', 'right'])}`;
  return `${table}${perScorer}\n\n_Over samples with all ${k} epochs scored (${ciOf(s)} in parentheses: Wilson; mean pass share: CLT over samples). Majority: more than ${k}/2 epochs pass, a tie fails. Flaky: some epochs pass, some fail. Left out: samples with fewer than ${k} scored epochs._`;
}

/** One row per gate, with its result. Empty when the run has no gates. */
export function gateTable(s: RunSummary): string {
  if (s.gates.length === 0) return '';
  const rows = s.gates.map((g) => [
    mdText(displayNameOf(s, g.model)),
    `≥ ${pct(g.minPassRate)}`,
    pct(g.passRate),
    g.skipped ? '⏭️ SKIPPED' : g.pass ? '✅ PASS' : '❌ **FAIL**',
    mdText(g.reason),
  ]);
  return mdTable(['Gate (model)', 'Minimum', 'Pass rate', 'Result', 'Detail'], rows, ['left', 'right', 'right', 'left', 'left']);
}

/** The notes a reader needs to read the numbers right (truncations, refusals, cache, unknown cost, CI method, errors). */
export function markdownNotes(s: RunSummary): string[] {
  const out: string[] = [];
  for (const m of s.models) {
    const name = mdText(modelDisplayName(m));
    const truncated = (m.stopReasons['max_tokens'] ?? 0) + (m.stopReasons['length'] ?? 0);
    const refused = (m.stopReasons['refusal'] ?? 0) + (m.stopReasons['content_filter'] ?? 0);
    if (truncated > 0) out.push(`${name}: ${truncated} output(s) cut off at the max\\_tokens limit`);
    if (refused > 0) out.push(`${name}: ${refused} refusal(s)`);
    if (m.cached > 0) out.push(`${name}: ${m.cached} answer(s) from the response cache (cost ${costText(m)}, ${m.simulated ? 'nothing paid' : `spent in this run ${usd(m.spentUsd)}`})`);
    const cache = cacheLine(m);
    if (cache !== undefined) out.push(`${name}: ${mdText(cache)}`);
    if (m.costUsd === null) out.push(`${name}: ${mdText(unpricedText(m.model, s.options.priceTable))}`);
    if (m.judge !== null) out.push(`${name}: ${mdText(judgeLine(m.judge))}`, ...judgeDetailLines(m.judge, ciOf(s)).map((l) => `${name}: ${mdText(l)}`));
    for (const p of m.pairwise ?? []) out.push(`${name}: ${mdText(pairwiseLine(p))}`);
    for (const sc of m.pairwiseReference ?? []) out.push(`${name}: ${mdText(pairwiseReferenceLine(sc))}`);
    if (m.unscored !== undefined) out.push(`${name}: ${mdText(unscoredLine(m.unscored))}`);
    const clustered = clusteredLine(s, m, modelDisplayName(m));
    if (clustered !== undefined) out.push(mdText(clustered));
  }
  out.push(s.models.some((m) => m.ciMethod === 'clt-over-samples')
    ? `${ciOf(s)} over per-sample pass shares (epochs: items of one sample are not independent); otherwise Wilson.`
    : `${ciOf(s)}: Wilson score interval.`);
  out.push(scoreNote(s));
  if (s.items.errors > 0) out.push(`${s.items.errors} item(s) ended in error: counted apart, never as failures (records.jsonl, status "error").`);
  if (s.shard !== null) out.push(`Shard ${s.shard.index}/${s.shard.count}: ${s.items.planned} of the plan's items; join the shards with \`haikubench merge\`.`);
  if (s.mergedFrom !== null) out.push(`Merged from ${s.mergedFrom.length} shard(s).`);
  return out;
}

export function footer(s: RunSummary, runDir: string | undefined): string {
  const parts = [
    `run ${mdCode(s.runId)}`,
    `${s.items.finished}/${s.items.planned} items`,
    `${s.dataset.samples} samples × ${s.models.length} model(s) × ${s.options.epochs} epoch(s)`,
    `pass rule ${mdCode(s.options.passRule)}`,
    `haikubench ${mdText(s.harness.version)}`,
    ...(runDir !== undefined ? [`files in ${mdCode(runDir)}`] : []),
  ];
  return `_${parts.join(' · ')}_`;
}

/** Each model against the first, on the samples both scored (summary.comparisons). */
export function comparisonTable(s: RunSummary): string {
  if (s.comparisons.length === 0) return '';
  const rows = s.comparisons.map((c) => [
    mdText(displayNameOf(s, c.model)),
    c.clusters === undefined ? String(c.n) : `${c.n} (${c.clusters} clusters)`,
    c.diff === null ? '—' : signedPts(c.diff),
    c.ci === null ? '—' : `${signedPts(c.ci[0])} to ${signedPts(c.ci[1])}`,
    c.test.p === null ? '—' : `${c.test.p < 0.0001 ? '< 0.0001' : c.test.p.toPrecision(2)} (${pairedTestName(c.test.name, true)})`,
    `${c.regressed} / ${c.improved}`,
    c.mde === null ? '—' : `${(c.mde * 100).toFixed(1)} pts`,
  ]);
  return mdTable(['Model', 'Samples', 'Change in pass rate', ciOf(s), 'p', 'Pass→fail / fail→pass', 'Detectable change'], rows, ['left', 'right', 'right', 'left', 'left', 'right', 'right']);
}

/** Per metadata field, a table: per value, each model's pass rate and each change against the first model. */
export function segmentTables(s: RunSummary): string {
  const blocks = s.segments.filter((f) => f.segments.length > 0).map((f) => {
    const first = f.segments[0];
    const header = [`By ${mdText(f.field)}`, 'Samples', ...s.models.map((m) => mdText(modelDisplayName(m))),
      ...(first?.changes ?? []).map((c) => `${mdText(displayNameOf(s, c.model))} vs ${mdText(displayNameOf(s, c.reference))}`)];
    const rows = f.segments.map((seg) => [
      mdText(seg.value, 120),
      String(seg.samples),
      ...seg.models.map((m) => `${pct(m.passRate)} (${m.passed}/${m.n})${m.errors > 0 ? `, ${m.errors} errors` : ''}`),
      ...seg.changes.map((c) => c.diff === null ? '—'
        : `${signedPts(c.diff)}${c.ci === null ? '' : ` (${signedPts(c.ci[0])} to ${signedPts(c.ci[1])})`}${c.small ? ' _small_' : ''}`),
    ]);
    return mdTable(header, rows, ['left', 'right', ...header.slice(2).map(() => 'right' as const)]);
  });
  if (blocks.length === 0) return '';
  const small = s.segments.some((f) => f.segments.some((seg) => seg.changes.some((c) => c.small)));
  if (small) blocks.push('_small_: fewer than 30 paired samples in the segment: too small to conclude.');
  return blocks.join('\n\n');
}

