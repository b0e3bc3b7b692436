import type { RunSummary } from '../../summary/run-summary.js';
import type { ModelSummary } from '../../summary/model-summary.js';
import { ms, pct, usd, signedPts } from './format.js';
import { ciOf, judgeLine, pairwiseLine, pairwiseReferenceLine, unscoredLine, scoreCell, scoreNote } from './lines.js';
import { mdCode, mdList, mdTable, mdText } from './markdown-text.js';
import { displayNameOf, modelDisplayName, verdictOf, worstWord, SIMULATED, type VerdictWord } from './verdict.js';
import { classificationSections } from './classification-section.js';
import { clusteredLine } from './clustered-text.js';
import { judgeDetailLines } from './judge-text.js';
import { calibrationTable } from './calibration-text.js';
import { cacheLine, costText, spentCell } from './cost-text.js';

// Markdown of a run for pull-request comments and the GitHub step summary: the verdict first, a loud
// SIMULATED warning when models are simulated, the per-model table, gates, extra sections, notes.
// Pure (summary → string); report/markdown.ts writes it.

/**
 * A section other features add (a comparison to a baseline, flipped samples, …). `body` is Markdown
 * already: build it with mdText / mdCode / mdTable so outside text cannot break it.
 */
export interface MarkdownSection {
  readonly title: string;
  readonly body: string;
}

export interface MarkdownOptions {
  /** Placed after the gates, before the notes, in this order. */
  readonly sections?: readonly MarkdownSection[];
  /** Heading level of the run's title (2 alone; 3 inside a report of several runs). */
  readonly level?: 2 | 3;
  /** Where the run's files are, as the user should see it. */
  readonly runDir?: string;
}

const ICON: Readonly<Record<VerdictWord, string>> = { PASSED: '✅', FAILED: '❌', INCOMPLETE: '⚠️' };

const hashes = (level: number) => '#'.repeat(level);

/** The loud warning every report of simulated models carries (a GitHub alert; a quote elsewhere). */
export function simulatedWarning(): string {
  return [
    '> [!WARNING]',
    `> **SIMULATED — not real model results.** Models marked ${mdText(SIMULATED)} are haikubench's built-in simulator (\`sim:\`): their outputs, quality, latency and cost are settings, not measurements. Set \`ANTHROPIC_API_KEY\` to run the real models.`,
  ].join('\n');
}

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
    if (m.costUsd === null) out.push(`${name}: cost unknown (no price for this model in price table ${mdText(s.options.priceTable)})`);
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

function footer(s: RunSummary, runDir: string | undefined): string {
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

/** The Markdown of one run; `sections` are where other features add theirs. */
/** Each model against the first, on the samples both scored (summary.comparisons). */
export function comparisonTable(s: RunSummary): string {
  if (s.comparisons.length === 0) return '';
  const rows = s.comparisons.map((c) => [
    mdText(displayNameOf(s, c.model)),
    String(c.n),
    c.diff === null ? '—' : signedPts(c.diff),
    c.ci === null ? '—' : `${signedPts(c.ci[0])} to ${signedPts(c.ci[1])}`,
    c.test.p === null ? '—' : `${c.test.p < 0.0001 ? '< 0.0001' : c.test.p.toPrecision(2)} (${c.test.name === 'mcnemar-exact' ? 'McNemar exact' : 'permutation'})`,
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

export function renderMarkdown(s: RunSummary, opts: MarkdownOptions = {}): string {
  const level = opts.level ?? 2;
  const v = verdictOf(s);
  const title = `${hashes(level)} ${ICON[v.word]} ${v.word}: ${mdText(s.eval.id)}${s.simulated ? ` ${mdText(SIMULATED)}` : ''}`;
  const blocks = [title, `**${v.word}** — ${mdText(v.reason)}.`];
  if (s.simulated) blocks.push(simulatedWarning());
  blocks.push(modelTable(s));
  const gates = gateTable(s);
  if (gates !== '') blocks.push(`${hashes(level + 1)} Gates`, gates);
  const judges = calibrationTable(s, (id) => displayNameOf(s, id));
  if (judges !== '') blocks.push(`${hashes(level + 1)} Judge calibration`, judges);
  const epochs = epochTable(s);
  if (epochs !== '') blocks.push(`${hashes(level + 1)} Epochs`, epochs);
  const vs = comparisonTable(s);
  if (vs !== '') blocks.push(`${hashes(level + 1)} Against the reference (${mdText(displayNameOf(s, s.comparisons[0]?.reference ?? ''))}, paired)`, vs);
  const segments = segmentTables(s);
  if (segments !== '') blocks.push(`${hashes(level + 1)} By segment`, segments);
  const labels = classificationSections(s, hashes(level + 2), modelDisplayName);
  if (labels !== '') blocks.push(`${hashes(level + 1)} Classification`, labels);
  for (const section of opts.sections ?? []) blocks.push(`${hashes(level + 1)} ${mdText(section.title)}`, section.body);
  blocks.push(`${hashes(level + 1)} Notes`, mdList(markdownNotes(s)), footer(s, opts.runDir));
  return `${blocks.join('\n\n')}\n`;
}

/** A run for a report of several: its summary, where its files are, its extra sections. */
export interface MarkdownRun {
  readonly summary: RunSummary;
  readonly runDir?: string;
  readonly sections?: readonly MarkdownSection[];
}

/**
 * The Markdown of a command's runs. One run: renderMarkdown. Several: an overall verdict first (the
 * worst, as the exit code), one line per eval, then each run one heading level down.
 */
export function renderMarkdownReport(runs: readonly MarkdownRun[]): string {
  const opts = (r: MarkdownRun, level: 2 | 3): MarkdownOptions => ({ level, ...(r.runDir !== undefined && { runDir: r.runDir }), ...(r.sections !== undefined && { sections: r.sections }) });
  const [only] = runs;
  if (runs.length === 1 && only !== undefined) return renderMarkdown(only.summary, opts(only, 2));
  const verdicts = runs.map((r) => ({ r, v: verdictOf(r.summary) }));
  const word = worstWord(verdicts.map((x) => x.v.word));
  const count = (w: VerdictWord) => verdicts.filter((x) => x.v.word === w).length;
  const head = runs.length === 0
    ? `## ${ICON.INCOMPLETE} INCOMPLETE: no eval finished`
    : `## ${ICON[word]} ${word}: ${runs.length} evals (${count('PASSED')} passed, ${count('FAILED')} failed, ${count('INCOMPLETE')} incomplete)`;
  const blocks = [head];
  if (runs.some((r) => r.summary.simulated)) blocks.push(simulatedWarning());
  if (runs.length > 0) blocks.push(mdList(verdicts.map(({ r, v }) => `${ICON[v.word]} **${mdText(r.summary.eval.id)}**: ${v.word} — ${mdText(v.reason)}`)));
  for (const r of runs) blocks.push(renderMarkdown(r.summary, opts(r, 3)).trimEnd());
  return `${blocks.join('\n\n')}\n`;
}
