import type { RunSummary } from '../../summary/run-summary.js';
import { mdList, mdText } from './markdown-text.js';
import { displayNameOf, modelDisplayName, verdictOf, worstWord, SIMULATED, type VerdictWord } from './verdict.js';
import { classificationSections } from './classification-section.js';
import { calibrationTable } from './calibration-text.js';
import { comparisonTable, epochTable, footer, gateTable, markdownNotes, modelTable, segmentTables } from './markdown-tables.js';
import { fitMarkdown, idList, joinBlocks, type MdBlock } from './markdown-fit.js';
import { variantTable } from './variants.js';

export { comparisonTable, epochTable, gateTable, markdownNotes, modelTable, segmentTables } from './markdown-tables.js';
export { GITHUB_COMMENT_LIMIT, MARKDOWN_BUDGET } from './markdown-fit.js';

// Markdown of a run for pull-request comments and the GitHub step summary: the verdict first, a loud
// SIMULATED warning when models are simulated, the per-model table, gates, the failing sample ids,
// then the details folded in <details> (epochs, segments, classification, what features add, notes).
// The whole report stays under GitHub's 65,536-character comment limit (render/markdown-fit.ts).
// Pure (summary → string); report/markdown.ts writes it.

/**
 * A section other features add (a comparison to a baseline, flipped samples, …). `body` is Markdown
 * already: build it with mdText / mdCode / mdTable so outside text cannot break it.
 */
export interface MarkdownSection {
  readonly title: string;
  readonly body: string;
  /** Shown folded in <details> (long sections: the routing analysis). */
  readonly fold?: boolean;
  /** Shown above the fold even when folded: the few lines a reader needs (flipped sample ids). */
  readonly lead?: string;
}

/** The failing samples of one model (read from records.jsonl by the reporter). */
export interface FailingIds {
  readonly model: string;
  /** Failing items (sample × epoch). */
  readonly total: number;
  readonly ids: readonly string[];
}

export interface MarkdownOptions {
  /** Placed after the gates, before the notes, in this order. */
  readonly sections?: readonly MarkdownSection[];
  /** Heading level of the run's title (2 alone; 3 inside a report of several runs). */
  readonly level?: 2 | 3;
  /** Where the run's files are, as the user should see it. */
  readonly runDir?: string;
  /** The failing sample ids per model; absent: not listed. */
  readonly failing?: readonly FailingIds[];
}

const ICON: Readonly<Record<VerdictWord, string>> = { PASSED: '✅', FAILED: '❌', INCOMPLETE: '⚠️' };

const hashes = (level: number) => '#'.repeat(level);

/** Plain text for an HTML element (a <summary>): Markdown is not read there, so only HTML is escaped. */
const html = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\r\n]+/g, ' ');

/** The loud warning every report of simulated models carries (a GitHub alert; a quote elsewhere). */
export function simulatedWarning(): string {
  return [
    '> [!WARNING]',
    `> **SIMULATED — not real model results.** Models marked ${mdText(SIMULATED)} are haikubench's built-in simulator (\`sim:\`): their outputs, quality, latency and cost are settings, not measurements. Set \`ANTHROPIC_API_KEY\` to run the real models.`,
  ].join('\n');
}

/** Failing sample ids per model, a line each (the first 100 per model). */
function failingBlock(s: RunSummary, failing: readonly FailingIds[], level: number): MdBlock[] {
  const rows = failing.filter((f) => f.total > 0);
  if (rows.length === 0) return [];
  const epochs = s.options.epochs > 1 ? ' (sample × epoch items)' : '';
  const items = rows.map((f) => `**${mdText(displayNameOf(s, f.model))}**: ${f.total} failing${epochs} — ${idList(f.ids)}`);
  return [{ text: `${hashes(level + 1)} Failing samples`, droppable: false }, { text: mdList(items), droppable: true }];
}

/** A sub-heading and its body, folded when `fold`. */
function section(level: number, title: string, body: string, fold: boolean, droppable = true): MdBlock[] {
  if (!fold) return [{ text: `${hashes(level + 1)} ${mdText(title)}` }, { text: body, droppable }];
  return [{ text: body, fold: html(title), droppable }];
}

/** The blocks of one run's report; `sections` are where other features add theirs. */
export function markdownBlocks(s: RunSummary, opts: MarkdownOptions = {}): MdBlock[] {
  const level = opts.level ?? 2;
  const v = verdictOf(s);
  const title = `${hashes(level)} ${ICON[v.word]} ${v.word}: ${mdText(s.eval.id)}${s.simulated ? ` ${mdText(SIMULATED)}` : ''}`;
  const blocks: MdBlock[] = [{ text: title }, { text: `**${v.word}** — ${mdText(v.reason)}.` }];
  if (s.simulated) blocks.push({ text: simulatedWarning() });
  blocks.push({ text: modelTable(s) });
  const gates = gateTable(s);
  if (gates !== '') blocks.push(...section(level, 'Gates', gates, false, false));
  const judges = calibrationTable(s, (id) => displayNameOf(s, id));
  if (judges !== '') blocks.push(...section(level, 'Judge calibration', judges, false));
  blocks.push(...failingBlock(s, opts.failing ?? [], level));
  const vs = comparisonTable(s);
  if (vs !== '') blocks.push(...section(level, `Against the reference (${displayNameOf(s, s.comparisons[0]?.reference ?? '')}, paired)`, vs, false));
  const variants = variantTable(s);
  if (variants !== '') blocks.push(...section(level, `Prompt variants (each against ${s.variants?.ids[0] ?? ''}, paired, per model)`, variants, false));
  for (const x of opts.sections ?? []) {
    if (x.lead !== undefined) blocks.push({ text: `${hashes(level + 1)} ${mdText(x.title)}` }, { text: x.lead, droppable: true });
    blocks.push(...(x.lead !== undefined ? [{ text: x.body, fold: `${html(x.title)}: in full`, droppable: true }] : section(level, x.title, x.body, x.fold === true)));
  }
  const epochs = epochTable(s);
  if (epochs !== '') blocks.push(...section(level, 'Epochs', epochs, true));
  const segments = segmentTables(s);
  if (segments !== '') blocks.push(...section(level, 'By segment', segments, true));
  const labels = classificationSections(s, hashes(level + 2), modelDisplayName);
  if (labels !== '') blocks.push(...section(level, 'Classification', labels, true));
  blocks.push(...section(level, 'Notes', mdList(markdownNotes(s)), true), { text: footer(s, opts.runDir) });
  return blocks;
}

/** The Markdown of one run. */
export const renderMarkdown = (s: RunSummary, opts: MarkdownOptions = {}): string => joinBlocks(markdownBlocks(s, opts));

/** A run for a report of several: its summary, where its files are, its extra sections, its failing ids. */
export interface MarkdownRun {
  readonly summary: RunSummary;
  readonly runDir?: string;
  readonly sections?: readonly MarkdownSection[];
  readonly failing?: readonly FailingIds[];
}

export interface MarkdownReportOptions {
  /** --markdown-link: the full report (an HTML artifact), linked at the top and from every cut. */
  readonly link?: string | undefined;
  /** The character budget (default MARKDOWN_BUDGET, under GitHub's comment limit). */
  readonly limit?: number;
}

const runOpts = (r: MarkdownRun, level: 2 | 3): MarkdownOptions => ({
  level, ...(r.runDir !== undefined && { runDir: r.runDir }), ...(r.sections !== undefined && { sections: r.sections }), ...(r.failing !== undefined && { failing: r.failing }),
});

/**
 * The Markdown of a command's runs, under the budget. One run: its blocks. Several: an overall verdict
 * first (the worst, as the exit code), one line per eval, then each run one heading level down.
 */
export function renderMarkdownReport(runs: readonly MarkdownRun[], o: MarkdownReportOptions = {}): string {
  const link = o.link === undefined ? [] : [{ text: `📄 [Full report](${encodeURI(o.link).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}) (every sample, output and score)` }];
  const where = o.link === undefined ? 'the full figures are in each run directory (summary.json, records.jsonl)' : 'see the full report linked at the top';
  const [only] = runs;
  if (runs.length === 1 && only !== undefined) {
    const [title, ...rest] = markdownBlocks(only.summary, runOpts(only, 2));
    return fitMarkdown([...(title === undefined ? [] : [title]), ...link, ...rest], where, o.limit);
  }
  const verdicts = runs.map((r) => ({ r, v: verdictOf(r.summary) }));
  const word = worstWord(verdicts.map((x) => x.v.word));
  const count = (w: VerdictWord) => verdicts.filter((x) => x.v.word === w).length;
  const head = runs.length === 0
    ? `## ${ICON.INCOMPLETE} INCOMPLETE: no eval finished`
    : `## ${ICON[word]} ${word}: ${runs.length} evals (${count('PASSED')} passed, ${count('FAILED')} failed, ${count('INCOMPLETE')} incomplete)`;
  const blocks: MdBlock[] = [{ text: head }, ...link];
  if (runs.some((r) => r.summary.simulated)) blocks.push({ text: simulatedWarning() });
  if (runs.length > 0) blocks.push({ text: mdList(verdicts.map(({ r, v }) => `${ICON[v.word]} **${mdText(r.summary.eval.id)}**: ${v.word} — ${mdText(v.reason)}`)) });
  for (const r of runs) blocks.push(...markdownBlocks(r.summary, runOpts(r, 3)));
  return fitMarkdown(blocks, where, o.limit);
}
