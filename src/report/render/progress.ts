import type { FailureKind, RunRecord } from '../../types.js';
import { duration } from './format.js';
import { spentText } from './cost-text.js';
import { spendOf } from '../../runner/budget.js';

// The progress line: done/total, rate, ETA, errors by kind and what this run has spent so far (the
// models' calls and their judges', cached answers left out: runner/budget's spendOf). A simulated
// model's calls are paid for by no one: their list-price cost is shown apart, as simulated cost.
// Pure: state in, text out.

export interface ProgressState {
  readonly evalId: string;
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  readonly errorsByKind: Readonly<Partial<Record<FailureKind, number>>>;
  /** null once any finished call had no known price. */
  readonly costUsd: number | null;
  /** What the simulated models' calls would have cost at list price (not paid; absent: none so far). */
  readonly simulatedUsd?: number;
}

export function addToProgress(s: ProgressState, r: RunRecord, done: number, elapsedMs: number): ProgressState {
  const kind = r.status === 'error' ? r.error?.kind : undefined;
  return {
    ...s,
    done,
    elapsedMs,
    errorsByKind: kind === undefined ? s.errorsByKind : { ...s.errorsByKind, [kind]: (s.errorsByKind[kind] ?? 0) + 1 },
    ...spendOfRecord(s, r),
  };
}

/**
 * A simulated model's call goes to simulatedUsd, and so does its judges' spend when every judge on the
 * record is simulated (sim:); a record with a real judge counts all its judge spend as paid.
 */
function spendOfRecord(s: ProgressState, r: RunRecord): Pick<ProgressState, 'costUsd' | 'simulatedUsd'> {
  // A replay: model calls nothing: it pays nothing, priced or not.
  const replay = r.model.startsWith('replay:');
  const unknown = s.costUsd === null || (r.usage !== null && r.costUsd === null && !replay) || judgeUnpriced(r);
  const simJudges = judgesSimulated(r);
  const judge = spendOf({ judge: r.judge, costUsd: null }).spent;
  const model = replay ? 0 : spendOf({ cached: r.cached, costUsd: r.costUsd }).spent;
  const paid = (r.simulated ? 0 : model) + (simJudges ? 0 : judge);
  const simulated = (s.simulatedUsd ?? 0) + (r.simulated ? model : 0) + (simJudges ? judge : 0);
  return { costUsd: unknown || s.costUsd === null ? null : s.costUsd + paid, ...(simulated > 0 && { simulatedUsd: simulated }) };
}

/** Every judge named on the record (its scores' judges, a cascade's both) is a simulated one. */
function judgesSimulated(r: RunRecord): boolean {
  // A loop, not flatMap/filter: this runs for every record of a run.
  let any = false;
  for (const x of r.scores) {
    const j = x.judge;
    if (j === undefined) continue;
    const c = j.cascade;
    for (const id of [j.model, c?.escalateTo, c?.escalated === true ? c.cheap.model : undefined]) {
      if (id === undefined) continue;
      if (!id.startsWith('sim:')) return false;
      any = true;
    }
  }
  return any;
}

/** A judge call of this item had no known price. */
const judgeUnpriced = (r: RunRecord): boolean => r.judge !== undefined && r.judge.attempts > 0 && (r.judge.spentUsd === null || r.judge.costUsd === null);


/** `final`: the run has ended (maybe stopped early), so no ETA. */
export function renderProgress(s: ProgressState, final = false): string {
  const rate = s.elapsedMs > 0 ? (s.done / s.elapsedMs) * 1000 : 0;
  const eta = !final && rate > 0 && s.done < s.total ? `, ETA ${duration(((s.total - s.done) / rate) * 1000)}` : '';
  const kinds = Object.entries(s.errorsByKind).map(([k, n]) => `${k} ${n}`).join(', ');
  const errors = kinds === '' ? '0 errors' : `errors: ${kinds}`;
  const pct = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 100;
  return `${s.evalId}: ${s.done}/${s.total} (${pct}%), ${rate.toFixed(1)}/s${eta}, ${errors}, ${spentText(s.costUsd, s.simulatedUsd ?? 0)}`;
}
