import { appendFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderMarkdownReport, type MarkdownReportOptions, type MarkdownRun } from './render/markdown.js';
import { readFindings } from './run-findings.js';
import type { FinishedRun, Reporter } from './reporter.js';
import { makeDir } from '../util/make-dir.js';

// --markdown FILE (written whole) and the GitHub Actions step summary (appended: other steps write
// there too), each one report for the whole command. The text is rendered by render/markdown.ts; this
// module only writes it.

export type { MarkdownRun, MarkdownSection, MarkdownReportOptions } from './render/markdown.js';

export interface MarkdownTargets {
  /** --markdown FILE: replaced. */
  readonly file?: string | undefined;
  /** $GITHUB_STEP_SUMMARY: appended to. */
  readonly stepSummary?: string | undefined;
}

/** Write `markdown` to the targets (either may be absent). */
export async function writeMarkdown(markdown: string, targets: MarkdownTargets): Promise<void> {
  if (targets.file !== undefined) {
    await makeDir(dirname(targets.file));
    const tmp = `${targets.file}.${process.pid}.tmp`;
    await writeFile(tmp, markdown);
    await rename(tmp, targets.file);
  }
  // The step summary file exists (the runner creates it); a blank line keeps our headings apart from
  // whatever an earlier step wrote.
  if (targets.stepSummary !== undefined) await appendFile(targets.stepSummary, `\n${markdown}`);
}

/** Render the runs (with any extra sections) and write them to the targets. */
export async function writeMarkdownReport(runs: readonly MarkdownRun[], targets: MarkdownTargets, o: MarkdownReportOptions = {}): Promise<void> {
  if (targets.file === undefined && targets.stepSummary === undefined) return;
  await writeMarkdown(renderMarkdownReport(runs, o), targets);
}

/** The finished runs as the Markdown report shows them: each with its extra sections and failing sample ids. */
async function markdownRuns(runs: readonly FinishedRun[]): Promise<MarkdownRun[]> {
  const out: MarkdownRun[] = [];
  for (const r of runs) {
    const failed = r.summary.models.some((m) => m.failed > 0);
    const failing = failed ? (await readFindings(r.dir, { show: 0 })).failures.map((f) => ({ model: f.model, total: f.total, ids: f.ids })) : [];
    out.push({ summary: r.summary, runDir: r.shownDir, failing, ...(r.extras.length > 0 && { sections: r.extras.map((e) => e.section) }) });
  }
  return out;
}

/** --markdown FILE, written when the command ends. */
export function markdownReporter(file: string, o: MarkdownReportOptions = {}): Reporter {
  return { label: `--markdown (${file})`, onCommandEnd: async (runs) => writeMarkdown(renderMarkdownReport(await markdownRuns(runs), o), { file }) };
}

/** $GITHUB_STEP_SUMMARY (set by GitHub Actions): the same Markdown, appended when the command ends. */
export function stepSummaryReporter(file: string, o: MarkdownReportOptions = {}): Reporter {
  return { label: `GITHUB_STEP_SUMMARY (${file})`, onCommandEnd: async (runs) => writeMarkdown(renderMarkdownReport(await markdownRuns(runs), o), { stepSummary: file }) };
}
