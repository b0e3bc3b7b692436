import { rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { readRunData } from './html/data.js';
import { renderPage } from './html/page.js';
import type { FinishedRun, Reporter } from './reporter.js';
import { makeDirSync } from '../util/make-dir.js';

// --html FILE (run) and `haikubench report <runDir…> --html FILE`: one self-contained HTML file of the
// runs (html/page.ts renders it, html/data.ts reads the runs through run-log/). This module writes it.

export interface HtmlReportOptions {
  readonly dirs: readonly string[];
  readonly file: string;
  /** A baseline run to mark flipped samples against (default: each run's own run --baseline). */
  readonly baseline?: string | undefined;
  readonly now?: () => Date;
}

/** The HTML of the runs in `dirs`. */
export async function htmlReport(o: Omit<HtmlReportOptions, 'file'>): Promise<string> {
  const runs = [];
  for (const dir of o.dirs) runs.push(await readRunData(dir, { baseline: o.baseline }));
  const first = runs[0]?.summary;
  const title = runs.length === 1 && first !== undefined ? `haikubench · ${first.eval.id}` : `haikubench · ${runs.length} runs`;
  return renderPage(runs, { title, mode: 'report', generatedAt: (o.now?.() ?? new Date()).toISOString(), version: first?.harness.version ?? '' });
}

/** Write the report to its file (atomically: a reader never sees half of it); its size in bytes. */
export async function writeHtmlReport(o: HtmlReportOptions): Promise<number> {
  const html = await htmlReport(o);
  makeDirSync(dirname(o.file));
  const tmp = `${o.file}.${process.pid}.tmp`;
  await writeFile(tmp, html);
  await rename(tmp, o.file);
  return Buffer.byteLength(html);
}

/** run --html FILE, written when the command ends: every finished eval of the command. */
export function htmlReporter(file: string): Reporter {
  return {
    label: `--html (${file})`,
    onCommandEnd: async (runs: readonly FinishedRun[]) => { if (runs.length > 0) await writeHtmlReport({ file, dirs: runs.map((r) => r.dir) }); },
  };
}
