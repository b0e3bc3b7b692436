import type { Json, RunRecord, Sample } from '../types.js';
import type { Progress } from '../runner/run.js';
import type { RunSummary } from '../summary/run-summary.js';
import type { MarkdownSection } from './render/markdown.js';

// The reporter seam: every report of a run (terminal, JSON, JUnit, Markdown, the GitHub step summary)
// is a peer that picks the hooks it needs. Per eval: onRunStart, onNote, onRecord, onRunEnd; once per
// command, onCommandEnd with every finished eval, for the reports that are one file for the whole
// command. report/registry.ts builds the set a command's flags ask for.

/** What a feature adds to a finished run's reports: text after the terminal's summary, a section of the Markdown. */
export interface RunExtra {
  readonly text: string;
  readonly section: MarkdownSection;
  /**
   * The terminal's text laid out for `width` columns: folded to its headline unless `details`
   * (--details). Absent: `text` as it is.
   */
  readonly terminal?: (o: { readonly width: number; readonly details: boolean }) => string;
}

/** A finished eval as reporters see it. */
export interface FinishedRun {
  readonly summary: RunSummary;
  /** The run directory (records.jsonl, summary.json), for reporters that read its records. */
  readonly dir: string;
  /** The run directory as the user should see it. */
  readonly shownDir: string;
  /** The comparison with the baseline (run --baseline), the tiering (run --route), in this order. */
  readonly extras: readonly RunExtra[];
  /** The targets of these samples, looked up in the run's dataset (for the failing samples a report lists). */
  readonly targets?: (sampleIds: ReadonlySet<string>) => ReadonlyMap<string, Json>;
  /** Each model's API host (never a key), for the errors a report lists. */
  readonly endpoints?: ReadonlyMap<string, string>;
  /**
   * Records the run had before this process started (a resumed run's), which no reporter's onRecord
   * saw; absent when unknown.
   */
  readonly recordsBefore?: number;
}

export interface Reporter {
  /** Names the reporter in a message when it fails (e.g. the flag and the file it writes). */
  readonly label?: string;
  onRunStart?(evalId: string, planned: number): void;
  /** A status line that is not a record (Message Batches: created, ended). */
  onNote?(text: string): void;
  /** A record is on disk; `sample` is the sample it was for, when the run has it at hand. */
  onRecord?(record: RunRecord, progress: Progress, sample?: Sample): void;
  /** The eval's summary.json is written. */
  onRunEnd?(summary: RunSummary, run: FinishedRun): void | Promise<void>;
  /** Every eval of the command is done (or the command was stopped): the finished ones, in order. */
  onCommandEnd?(runs: readonly FinishedRun[]): void | Promise<void>;
}
