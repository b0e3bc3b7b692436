import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { latestPerItem, openRecordReader, type RecordReader } from '../run-log/index.js';
import type { RunSummary } from '../summary/run-summary.js';
import { gateCases, junitClose, junitOpen, recordCase, suiteClose, suiteOpen, type CaseContext, type SuiteHead } from './render/junit-xml.js';
import { modelDisplayName } from './render/verdict.js';
import { pct } from '../util/format.js';
import { ciOf } from './render/lines.js';
import type { Reporter } from './reporter.js';

// --junit FILE: one <testsuite> per eval × model, one <testcase> per sample × epoch, and a "gates"
// suite. Records are streamed from each run's records.jsonl (runs can hold 100k items): a first pass
// keeps, per item, where its latest line is (a resumed run appends reruns of the same item), a second
// reads those lines back one at a time in a stable order. Memory grows with the item count only by a
// small slot per item, never by outputs; the file is written in chunks to a temporary name, then renamed.

/** A finished run: its summary and the run directory holding records.jsonl. */
export interface ReportRun {
  readonly summary: RunSummary;
  readonly dir: string;
}

interface Slot {
  readonly sampleId: string;
  readonly epoch: number;
  readonly offset: number;
  readonly bytes: number;
  readonly status: 'ok' | 'error';
  readonly pass: boolean;
  /** No scorer applied (a pairwise reference): a skipped test case. */
  readonly unscored: boolean;
  readonly latencyMs: number | null;
}

/** Per model id: per item (sample, epoch), the slot of its latest record. */
type Index = Map<string, Map<string, Slot>>;

async function indexRecords(dir: string): Promise<Index> {
  const index: Index = new Map();
  const latest = await latestPerItem(dir, ({ record: r, offset, bytes }) => ({
    model: r.model,
    slot: { sampleId: r.sampleId, epoch: r.epoch, offset, bytes, status: r.status, pass: r.pass === true, unscored: r.status === 'ok' && r.pass === undefined, latencyMs: r.latencyMs },
  }));
  for (const { model, slot } of latest.values()) {
    const mine = index.get(model) ?? new Map<string, Slot>();
    index.set(model, mine);
    mine.set(`${slot.sampleId}\u0000${slot.epoch}`, slot);
  }
  return index;
}

const collator = new Intl.Collator('en', { numeric: true });
const bySample = (a: Slot, b: Slot) => collator.compare(a.sampleId, b.sampleId) || a.epoch - b.epoch;

interface Sink {
  write(s: string): void;
  flush(): void;
}

/** Buffered writes to a file descriptor. */
function sink(fd: number): Sink {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length > 0) writeSync(fd, parts.join(''));
    parts = [];
    size = 0;
  };
  return {
    write: (s: string) => {
      parts.push(s);
      size += s.length;
      if (size >= 1 << 18) flush();
    },
    flush,
  };
}

function suiteHead(s: RunSummary, modelId: string, slots: readonly Slot[]): SuiteHead {
  const m = s.models.find((x) => x.model === modelId);
  const name = m === undefined ? modelId : modelDisplayName(m);
  const simulated = m?.simulated === true;
  return {
    name: `${s.eval.id} · ${name}`,
    tests: slots.length,
    failures: slots.filter((x) => x.status === 'ok' && !x.pass && !x.unscored).length,
    errors: slots.filter((x) => x.status === 'error').length,
    skipped: slots.filter((x) => x.unscored).length,
    timeMs: slots.reduce((sum, x) => sum + (x.latencyMs ?? 0), 0),
    timestamp: s.startedAt,
    properties: [
      ['eval', s.eval.id],
      ['model', modelId],
      ['label', m?.label ?? modelId],
      ['simulated', String(simulated)],
      ...(simulated ? [['note', `${name}: the built-in simulator, not a real model; its outputs, latency and cost are settings, not measurements`] as const] : []),
      ['runId', s.runId],
      ['passRule', s.options.passRule],
      ['passRate', m === undefined ? 'unknown' : `${pct(m.passRate)}${m.ci === null ? '' : ` (${ciOf(s)} ${pct(m.ci[0])} – ${pct(m.ci[1])})`}`],
      ['verdict', s.verdict],
      ['harness', `haikubench ${s.harness.version}`],
    ],
  };
}

/** The testcases of one model, each record read back from its line. */
function writeCases(reader: RecordReader | undefined, slots: readonly Slot[], ctx: CaseContext, out: Sink): void {
  if (reader === undefined) return;
  for (const slot of slots) out.write(recordCase(reader.read(slot), ctx));
}

function writeRunSuites(run: ReportRun, index: Index, out: Sink): void {
  const s = run.summary;
  // The summary's models in its order, then any model only the records name.
  const ids = [...new Set([...s.models.map((m) => m.model), ...index.keys()])];
  const reader = openRecordReader(run.dir);
  try {
    for (const id of ids) {
      const slots = [...(index.get(id)?.values() ?? [])].sort(bySample);
      out.write(suiteOpen(suiteHead(s, id, slots)));
      writeCases(reader, slots, { classname: `${s.eval.id}.${id}`, epochs: s.options.epochs, passRule: s.options.passRule }, out);
      out.write(suiteClose());
    }
  } finally {
    reader?.close();
  }
}

function writeGateSuite(runs: readonly ReportRun[], out: Sink): void {
  const cases = runs.flatMap((r) => gateCases(r.summary));
  const simulated = runs.some((r) => r.summary.simulated);
  out.write(suiteOpen({
    name: 'gates',
    tests: cases.length,
    failures: cases.filter((c) => c.failed).length,
    errors: cases.filter((c) => c.errored).length,
    skipped: cases.filter((c) => c.skipped).length,
    timeMs: 0,
    timestamp: runs[0]?.summary.startedAt ?? new Date(0).toISOString(),
    properties: [['evals', runs.map((r) => r.summary.eval.id).join(', ')], ['simulated', String(simulated)]],
  }));
  for (const c of cases) out.write(c.xml);
  out.write(suiteClose());
}

/** Write the JUnit XML of the runs to `file` (its folder is created). */
export async function writeJUnitReport(file: string, runs: readonly ReportRun[]): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let done = false;
  try {
    const out = sink(fd);
    out.write(junitOpen());
    for (const run of runs) writeRunSuites(run, await indexRecords(run.dir), out);
    if (runs.length > 0) writeGateSuite(runs, out);
    out.write(junitClose());
    out.flush();
    done = true;
  } finally {
    closeSync(fd);
    if (!done) rmSync(tmp, { force: true });
  }
  renameSync(tmp, file);
}

/** --junit FILE: one report for the whole command, written when it ends. */
export function junitReporter(file: string): Reporter {
  return {
    label: `--junit (${file})`,
    onCommandEnd: (runs) => writeJUnitReport(file, runs.map((r) => ({ summary: r.summary, dir: r.dir }))),
  };
}
