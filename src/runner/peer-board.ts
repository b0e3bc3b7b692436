import type { PeerAnswer } from '../types.js';
import type { WorkItem } from './plan.js';

// Pairwise judging against another model of the same run (`against_model`): a candidate item's
// scorer needs the reference model's answer to the same sample and epoch. The board hands it over
// inside the runner. The plan puts the reference model first in each (sample, epoch) group
// (run-eval's planModels), so its item is fed, and started, before the candidates that wait on it:
// a shared queue with one slot cannot deadlock. One reference per run (the spec refuses two), so no
// model waits on a model that waits on it.
//
// An entry lives from the first publish or wait of its group until every candidate item of the
// group that this process runs has released it, so a long run keeps only the groups in flight.
// A reference item this process does not run (a resume: it was done before) is answered from the
// earlier records (`prior`). When the run stops, a wait whose reference item never started resolves
// at once as stopped (the candidate's record is kind "aborted", so a resume runs it again); a
// reference already in flight still publishes when its call ends (after Ctrl-C: within the grace
// period, or cut off by it, which publishes a stopped answer). A crash resolves them all.


export interface PeerBoard {
  /** The reference model's id. */
  readonly reference: string;
  /** Whether items of this model wait on the reference (every model but the reference). */
  isCandidate(modelId: string): boolean;
  /** The reference item of this (reference) item is starting: a stop will no longer cancel its waits. */
  started(item: WorkItem): void;
  /** The reference item's answer (or failure); ignored for candidate items. */
  publish(item: WorkItem, answer: PeerAnswer): void;
  /** The reference's answer for a candidate item: at once when known, else when the reference publishes. */
  answerFor(item: WorkItem): Promise<PeerAnswer>;
  /** A candidate item is done (whatever its outcome): its group may be dropped. */
  release(item: WorkItem): void;
  /** The run is stopping: waits on references that never started (or, with all, on every reference) end as stopped. */
  close(all: boolean): void;
  /** Groups held (tests check that a finished run holds none). */
  size(): number;
}

export interface PeerBoardOptions {
  readonly reference: string;
  /** The plan's model order (plan index = group base + position). */
  readonly models: readonly string[];
  /** Whether this process runs the item at a plan index (a resume skips the ones done before). */
  readonly willRun: (index: number) => boolean;
  /** The reference's answer recorded by an earlier process, for reference items this one does not run. */
  readonly prior?: (sampleId: string, epoch: number) => PeerAnswer;
}

interface Group {
  answer?: PeerAnswer;
  waiters: ((a: PeerAnswer) => void)[];
  started: boolean;
  /** Candidate items of the group this process runs that have not released it yet. */
  left: number;
}

export function peerBoard(o: PeerBoardOptions): PeerBoard {
  const refPos = o.models.indexOf(o.reference);
  if (refPos < 0) throw new Error(`reference model ${o.reference} is not in the plan`);
  const m = o.models.length;
  const groups = new Map<number, Group>();
  let closed: 'no' | 'not-started' | 'all' = 'no';
  const posOf = (id: string) => o.models.indexOf(id);
  const baseOf = (item: WorkItem) => item.index - posOf(item.modelId);
  const isCandidate = (id: string) => id !== o.reference && posOf(id) >= 0;
  const stopped: PeerAnswer = { ok: false, stopped: true, message: `the run stopped before ${o.reference} answered this sample, so there is no answer to compare with` };

  const groupOf = (base: number): Group => {
    let g = groups.get(base);
    if (g === undefined) {
      let left = 0;
      for (let p = 0; p < m; p++) if (p !== refPos && o.willRun(base + p)) left += 1;
      g = { waiters: [], started: false, left };
      groups.set(base, g);
    }
    return g;
  };
  const settle = (base: number, g: Group, answer: PeerAnswer) => {
    g.answer = answer;
    const w = g.waiters;
    g.waiters = [];
    for (const f of w) f(answer);
    if (g.left <= 0) groups.delete(base);
  };

  return {
    reference: o.reference,
    isCandidate,
    started(item) {
      if (item.modelId === o.reference) groupOf(baseOf(item)).started = true;
    },
    publish(item, answer) {
      if (item.modelId !== o.reference) return;
      const base = baseOf(item);
      const g = groupOf(base);
      if (g.answer === undefined) settle(base, g, answer);
    },
    answerFor(item) {
      const base = baseOf(item);
      if (!o.willRun(base + refPos)) {
        return Promise.resolve(o.prior?.(item.sample.id, item.epoch) ?? { ok: false, message: `${o.reference} has no answer recorded for sample ${item.sample.id}` });
      }
      const g = groupOf(base);
      if (g.answer !== undefined) return Promise.resolve(g.answer);
      if (closed === 'all' || (closed === 'not-started' && !g.started)) return Promise.resolve(stopped);
      return new Promise((resolve) => g.waiters.push(resolve));
    },
    release(item) {
      if (!isCandidate(item.modelId)) return;
      const base = baseOf(item);
      // A group whose reference this process does not run is never kept (answerFor reads `prior`).
      if (!o.willRun(base + refPos)) return;
      // A candidate may finish (say, its own call failed) before its reference started: count it now.
      const g = groupOf(base);
      g.left -= 1;
      if (g.left <= 0 && g.answer !== undefined) groups.delete(base);
    },
    close(all) {
      closed = all ? 'all' : closed === 'all' ? 'all' : 'not-started';
      for (const [base, g] of groups) {
        if (g.answer === undefined && (all || !g.started)) settle(base, g, stopped);
      }
    },
    size: () => groups.size,
  };
}
