import { appendFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { renderMarkdownReport, type MarkdownRun } from './render/markdown.js';
import type { FinishedRun, Reporter } from './reporter.js';
import { makeDir } from '../util/make-dir.js';

// --markdown FILE (written whole) and the GitHub Actions step summary (appended: other steps write
// there too), each one report for the whole command. The text is rendered by render/markdown.ts; this
// module only writes it.

export type { MarkdownRun, MarkdownSection } from './render/markdown.js';

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
export async function writeMarkdownReport(runs: readonly MarkdownRun[], targets: MarkdownTargets): Promise<void> {
  if (targets.file === undefined && targets.stepSummary === undefined) return;
  await writeMarkdown(renderMarkdownReport(runs), targets);
}

/** The finished runs as the Markdown report shows them: each with its extra sections. */
const markdownRuns = (runs: readonly FinishedRun[]): MarkdownRun[] =>
  runs.map((r) => ({ summary: r.summary, runDir: r.shownDir, ...(r.extras.length > 0 && { sections: r.extras.map((e) => e.section) }) }));

/** --markdown FILE, written when the command ends. */
export function markdownReporter(file: string): Reporter {
  return { label: `--markdown (${file})`, onCommandEnd: (runs) => writeMarkdown(renderMarkdownReport(markdownRuns(runs)), { file }) };
}

/** $GITHUB_STEP_SUMMARY (set by GitHub Actions): the same Markdown, appended when the command ends. */
export function stepSummaryReporter(file: string): Reporter {
  return { label: `GITHUB_STEP_SUMMARY (${file})`, onCommandEnd: (runs) => writeMarkdown(renderMarkdownReport(markdownRuns(runs)), { stepSummary: file }) };
}
