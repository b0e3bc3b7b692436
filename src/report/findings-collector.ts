import type { FailureKind, Json, RunRecord } from '../types.js';
import { bySample, failingScores, inReportOrder, quotas, type ErrorKindFinding, type FailingSample, type ShownFindings } from './run-findings.js';

// The failing samples and the errors of a run, collected from its records as they finish, so that a
// run's own report does not read records.jsonl back (run-findings.ts does that for a finished run).
// Per model it keeps the count and only the first `show` failing items by sample id (a sorted list
// of at most `show`; every one with --show-failures), and per model and error kind the count and
// the first message. It answers only for the records it saw: `complete` says whether those were all
// the run's, and the caller reads the run back when they were not.

export interface FindingsCollector {
  /** A record as it finishes, with its sample's target when the sample has one. */
  add(record: RunRecord, target: Json | undefined): void;
  /**
   * Whether the records seen are all of the run's: it had none before this process (`before`: a
   * resumed run's earlier records, which the collector never saw) and its `finished` items are the
   * records seen, each item once.
   */
  complete(run: { readonly before: number; readonly finished: number }): boolean;
  /** The findings in the order readFindings gives them. */
  findings(o: { readonly models?: readonly string[] | undefined; readonly endpoints?: ReadonlyMap<string, string> | undefined }): ShownFindings;
}

interface ErrorGroup { readonly model: string; readonly kind: FailureKind | undefined; readonly stage: string | undefined; readonly message: string; count: number }
interface ModelFailing { total: number; first: FailingSample[] }

/** Inserts `sample` into `list`, kept sorted by sample id and at most `max` long. */
function keepFirst(list: FailingSample[], sample: FailingSample, max: number): void {
  if (!Number.isFinite(max)) { list.push(sample); return; }
  if (max <= 0 || (list.length >= max && bySample(sample, list.at(-1) as FailingSample) >= 0)) return;
  const at = list.findIndex((x) => bySample(sample, x) < 0);
  list.splice(at < 0 ? list.length : at, 0, sample);
  if (list.length > max) list.pop();
}

export function findingsCollector(show: number): FindingsCollector {
  const failing = new Map<string, ModelFailing>();
  const errors = new Map<string, ErrorGroup>();
  let seen = 0;
  return {
    add(r, target) {
      seen++;
      if (r.status === 'error') {
        const key = `${r.model}\u0000${r.error?.kind ?? 'unknown'}`;
        const g = errors.get(key);
        if (g === undefined) errors.set(key, { model: r.model, kind: r.error?.kind, stage: r.error?.stage, message: r.error?.message ?? '', count: 1 });
        else g.count++;
      } else if (r.status === 'ok' && r.pass === false) {
        let m = failing.get(r.model);
        if (m === undefined) failing.set(r.model, (m = { total: 0, first: [] }));
        m.total++;
        keepFirst(m.first, { model: r.model, sampleId: r.sampleId, epoch: r.epoch, output: r.output, scores: failingScores(r), ...(target !== undefined && { expected: target }) }, show);
      }
    },
    // A fresh run's records are its items' only records unless one item was recorded twice, and
    // then more records were seen than items finished.
    complete: (run) => run.before === 0 && seen === run.finished,
    findings(o) {
      const models = inReportOrder(failing.keys(), o.models);
      const quota = quotas(models.map((m) => failing.get(m)?.total ?? 0), show);
      const failures = models.map((model, i) => {
        const m = failing.get(model) as ModelFailing;
        return { model, total: m.total, shown: [...m.first].sort(bySample).slice(0, quota[i]) };
      });
      const errorList: ErrorKindFinding[] = [...errors.values()].map((g) => ({
        model: g.model, kind: g.kind ?? 'unknown', stage: g.stage ?? 'provider', count: g.count, message: g.message, endpoint: o.endpoints?.get(g.model),
      }));
      return { failures, errors: errorList };
    },
  };
}
