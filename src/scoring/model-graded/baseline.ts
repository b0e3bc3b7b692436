import type { PeerAnswer } from '../../types.js';

// The baseline of a pairwise scorer: the answers another finished run recorded, read once at
// prepare time (file edge: eval/read-baseline-run.ts) and indexed by (sample id, epoch) (pure: indexBaseline).
// A candidate answer of epoch e is compared with the baseline's epoch e when the baseline ran that
// epoch, else with its epoch 1, so a 3-epoch candidate can be compared with a 1-epoch baseline.
// Problems with the directory itself are spec problems (the caller raises a SpecError, exit 2);
// a sample the baseline lacks, or whose call failed, is a per-item judge error, never a model
// failure. An item that failed only after the answer (a scorer or judge error) still lends its answer.

/** What the baseline holds for one (sample, epoch): its answer, or why there is none to compare with. */
export type BaselineAnswer = PeerAnswer;

export interface Baseline {
  /** The run directory as the spec names it (for messages). */
  readonly dir: string;
  /** The baseline's model whose answers are compared. */
  readonly model: string;
  lookup(sampleId: string, epoch: number): BaselineAnswer;
}

/** A records.jsonl line reduced to what a baseline needs. */
interface BaselineLine {
  readonly sampleId: string;
  readonly model: string;
  readonly epoch: number;
  readonly status: 'ok' | 'error';
  readonly output: string | undefined;
  readonly error: string | undefined;
  /** Where the error arose: 'provider' (no answer) or a scorer or judge after the answer. */
  readonly stage: string | undefined;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function toLine(v: unknown): BaselineLine | null {
  if (!isObj(v) || typeof v['sampleId'] !== 'string' || typeof v['model'] !== 'string') return null;
  if (v['status'] !== 'ok' && v['status'] !== 'error') return null;
  const err = isObj(v['error']) && typeof v['error']['message'] === 'string' ? v['error']['message'] : undefined;
  return {
    sampleId: v['sampleId'], model: v['model'], status: v['status'],
    epoch: typeof v['epoch'] === 'number' ? v['epoch'] : 1,
    output: typeof v['output'] === 'string' ? v['output'] : undefined,
    error: err,
    stage: isObj(v['error']) && typeof v['error']['stage'] === 'string' ? v['error']['stage'] : undefined,
  };
}

/** Result of indexing: a baseline, or the problems with it (each a message for the `against` pointer). */
export type IndexedBaseline = { readonly ok: true; readonly baseline: Baseline } | { readonly ok: false; readonly problem: string };

/**
 * Pure: index the parsed lines of a baseline's records.jsonl. `model` picks one model when the
 * baseline ran several (required then). A later line for the same (sample, model, epoch) wins, as
 * a resumed run appends.
 */
export function indexBaseline(dir: string, lines: readonly unknown[], model: string | undefined, label = `baseline ${dir}`): IndexedBaseline {
  const recs = lines.map(toLine).filter((l): l is BaselineLine => l !== null);
  if (recs.length === 0) return { ok: false, problem: `${dir}/records.jsonl holds no haikubench records` };
  const models = [...new Set(recs.map((r) => r.model))].sort();
  const chosen = model ?? (models.length === 1 ? models[0] : undefined);
  if (chosen === undefined) return { ok: false, problem: `${dir} holds several models (${models.join(', ')}); name one with "model:" on the scorer` };
  if (!models.includes(chosen)) return { ok: false, problem: `${dir} holds no records of model ${chosen} (it has ${models.join(', ')})` };
  const byKey = new Map<string, BaselineLine>();
  for (const r of recs) if (r.model === chosen) byKey.set(`${r.sampleId}\u0000${r.epoch}`, r);
  const lookup = (sampleId: string, epoch: number): BaselineAnswer => {
    const r = byKey.get(`${sampleId}\u0000${epoch}`) ?? byKey.get(`${sampleId}\u00001`);
    if (r === undefined) return { ok: false, message: `${label} has no answer of ${chosen} for sample ${sampleId}` };
    // An item that failed after its answer (a scorer or judge error) still has the model's answer.
    const answered = r.output !== undefined && (r.status === 'ok' || (r.stage !== undefined && r.stage !== 'provider' && r.output !== ''));
    if (!answered || r.output === undefined) {
      return { ok: false, message: `${label} has no answer of ${chosen} for sample ${sampleId} (epoch ${r.epoch} ended in error${r.error === undefined ? '' : `: ${r.error}`})` };
    }
    return { ok: true, output: r.output };
  };
  return { ok: true, baseline: { dir, model: chosen, lookup } };
}
