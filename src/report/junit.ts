import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { latestPerItem, openRecordReader, type RecordReader } from '../run-log/index.js';
import type { RunSummary } from '../summary/run-summary.js';
import { gateCases, junitClose, junitOpen, recordCase, suiteClose, suiteOpen, type CaseContext, type GateCase, type SampleMode, type SuiteHead, type Totals } from './render/junit-xml.js';
import { modelDisplayName } from './render/verdict.js';
import { pct } from './render/format.js';
import { ciOf } from './render/lines.js';
import type { Reporter } from './reporter.js';
import { makeDirSync } from '../util/make-dir.js';

// --junit FILE: one <testsuite> per eval × model, one <testcase> per sample × epoch, and a "gates"
// suite (which alone fails a build, when the verdict fails: see render/junit-xml.ts). Records are streamed from each run's records.jsonl (runs can hold 100k items): a first pass
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
}

/** Per model id: per item (sample, epoch), the slot of its latest record. */
type Index = Map<string, Map<string, Slot>>;

async function indexRecords(dir: string): Promise<Index> {
  const index: Index = new Map();
  const latest = await latestPerItem(dir, ({ record: r, offset, bytes }) => ({
    model: r.model,
    slot: { sampleId: r.sampleId, epoch: r.epoch, offset, bytes, status: r.status, pass: r.pass === true, unscored: r.status === 'ok' && r.pass === undefined },
  }));
  for (const { model, slot } of latest.values()) {
    const mine = index.get(model) ?? new Map<string, Slot>();
    index.set(model, mine);
    mine.set(`${slot.sampleId}\u0000${slot.epoch}`, slot);
  }
  return index;
}

// Made when first used: a collator loads ICU's collation data, which most runs never need.
let collator: Intl.Collator | undefined;
const compareIds = (a: string, b: string) => (collator ??= new Intl.Collator('en', { numeric: true })).compare(a, b);
const bySample = (a: Slot, b: Slot) => compareIds(a.sampleId, b.sampleId) || a.epoch - b.epoch;

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

/** The run's wall time (startedAt → endedAt), in ms; 0 when unknown. */
export function wallMs(s: Pick<RunSummary, 'startedAt' | 'endedAt'>): number {
  const ms = Date.parse(s.endedAt) - Date.parse(s.startedAt);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

function suiteHead(s: RunSummary, modelId: string, slots: readonly Slot[], samples: SampleMode): SuiteHead {
  const m = s.models.find((x) => x.model === modelId);
  const name = m === undefined ? modelId : modelDisplayName(m);
  const simulated = m?.simulated === true;
  const failed = slots.filter((x) => x.status === 'ok' && !x.pass && !x.unscored).length;
  const errored = slots.filter((x) => x.status === 'error').length;
  return {
    name: `${s.eval.id} · ${name}`,
    tests: slots.length,
    failures: samples === 'fail' ? failed : 0,
    errors: samples === 'fail' ? errored : 0,
    skipped: slots.filter((x) => x.unscored).length,
    timeMs: wallMs(s),
    timestamp: s.startedAt,
    properties: [
      ['eval', s.eval.id],
      ['model', modelId],
      ['label', m?.label ?? modelId],
      ['simulated', String(simulated)],
      ...(simulated ? [['note', `${name}: the built-in simulator, not a real model; its outputs, latency and cost are settings, not measurements`] as const] : []),
      ['runId', s.runId],
      ['passRule', s.options.passRule],
      ['failedSamples', String(failed)],
      ['erroredSamples', String(errored)],
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

/** A run, its records indexed, and its suites' heads. */
interface Indexed {
  readonly run: ReportRun;
  readonly suites: readonly { readonly id: string; readonly slots: readonly Slot[]; readonly head: SuiteHead }[];
}

async function indexRun(run: ReportRun, samples: SampleMode): Promise<Indexed> {
  const s = run.summary;
  const index = await indexRecords(run.dir);
  // The summary's models in its order, then any model only the records name.
  const ids = [...new Set([...s.models.map((m) => m.model), ...index.keys()])];
  const suites = ids.map((id) => {
    const slots = [...(index.get(id)?.values() ?? [])].sort(bySample);
    return { id, slots, head: suiteHead(s, id, slots, samples) };
  });
  return { run, suites };
}

function writeRunSuites(x: Indexed, samples: SampleMode, out: Sink): void {
  const s = x.run.summary;
  const reader = openRecordReader(x.run.dir);
  try {
    for (const { id, slots, head } of x.suites) {
      out.write(suiteOpen(head));
      writeCases(reader, slots, { classname: `${s.eval.id}.${id}`, epochs: s.options.epochs, passRule: s.options.passRule, samples }, out);
      out.write(suiteClose());
    }
  } finally {
    reader?.close();
  }
}

function gateSuite(runs: readonly ReportRun[]): { head: SuiteHead; cases: readonly GateCase[] } {
  const cases = runs.flatMap((r) => gateCases(r.summary));
  const simulated = runs.some((r) => r.summary.simulated);
  return {
    cases,
    head: {
      name: 'gates',
      tests: cases.length,
      failures: cases.filter((c) => c.failed).length,
      errors: cases.filter((c) => c.errored).length,
      skipped: cases.filter((c) => c.skipped).length,
      timeMs: 0,
      timestamp: runs[0]?.summary.startedAt ?? new Date(0).toISOString(),
      properties: [['evals', runs.map((r) => r.summary.eval.id).join(', ')], ['simulated', String(simulated)]],
    },
  };
}

function totalsOf(heads: readonly SuiteHead[], runs: readonly ReportRun[]): Totals {
  const sum = (k: 'tests' | 'failures' | 'errors' | 'skipped') => heads.reduce((n, h) => n + h[k], 0);
  return { tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: sum('skipped'), timeMs: runs.reduce((n, r) => n + wallMs(r.summary), 0) };
}

export interface JUnitOptions {
  /** How failing samples are written (default report: not CI failures). */
  readonly samples?: SampleMode | undefined;
}

/** Write the JUnit XML of the runs to `file` (its folder is created). */
export async function writeJUnitReport(file: string, runs: readonly ReportRun[], opts: JUnitOptions = {}): Promise<void> {
  const samples = opts.samples ?? 'report';
  const indexed: Indexed[] = [];
  for (const run of runs) indexed.push(await indexRun(run, samples));
  const gates = runs.length > 0 ? gateSuite(runs) : undefined;
  const heads = [...indexed.flatMap((x) => x.suites.map((y) => y.head)), ...(gates === undefined ? [] : [gates.head])];
  makeDirSync(dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  let done = false;
  try {
    const out = sink(fd);
    out.write(junitOpen(totalsOf(heads, runs)));
    for (const x of indexed) writeRunSuites(x, samples, out);
    if (gates !== undefined) {
      out.write(suiteOpen(gates.head));
      for (const c of gates.cases) out.write(c.xml);
      out.write(suiteClose());
    }
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
export function junitReporter(file: string, samples: SampleMode = 'report'): Reporter {
  return {
    label: `--junit (${file})`,
    onCommandEnd: (runs) => writeJUnitReport(file, runs.map((r) => ({ summary: r.summary, dir: r.dir })), { samples }),
  };
}
