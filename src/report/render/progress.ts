import type { FailureKind, RunRecord } from '../../types.js';
import { duration, usd } from './format.js';

// The progress line: done/total, rate, ETA, errors by kind and cost so far. Pure: state in, text out.

export interface ProgressState {
  readonly evalId: string;
  readonly done: number;
  readonly total: number;
  readonly elapsedMs: number;
  readonly errorsByKind: Readonly<Partial<Record<FailureKind, number>>>;
  /** null once any finished call had no known price. */
  readonly costUsd: number | null;
}

export function addToProgress(s: ProgressState, r: RunRecord, done: number, elapsedMs: number): ProgressState {
  const kind = r.status === 'error' ? r.error?.kind : undefined;
  return {
    ...s,
    done,
    elapsedMs,
    errorsByKind: kind === undefined ? s.errorsByKind : { ...s.errorsByKind, [kind]: (s.errorsByKind[kind] ?? 0) + 1 },
    costUsd: s.costUsd === null || (r.usage !== null && r.costUsd === null) ? null : s.costUsd + (r.cached ? 0 : r.costUsd ?? 0),
  };
}


/** `final`: the run has ended (maybe stopped early), so no ETA. */
export function renderProgress(s: ProgressState, final = false): string {
  const rate = s.elapsedMs > 0 ? (s.done / s.elapsedMs) * 1000 : 0;
  const eta = !final && rate > 0 && s.done < s.total ? `, ETA ${duration(((s.total - s.done) / rate) * 1000)}` : '';
  const kinds = Object.entries(s.errorsByKind).map(([k, n]) => `${k} ${n}`).join(', ');
  const errors = kinds === '' ? '0 errors' : `errors: ${kinds}`;
  const pct = s.total > 0 ? Math.floor((s.done / s.total) * 100) : 100;
  return `${s.evalId}: ${s.done}/${s.total} (${pct}%), ${rate.toFixed(1)}/s${eta}, ${errors}, spent ${usd(s.costUsd)}`;
}
