import type { ScorerSpec } from '../create.js';
import type { Scale } from '../../types/judge-task.js';

// The scale a model-graded scorer's verdicts are on, as calibration against human labels needs it:
// reference 0/1 (or 0/0.5/1 with partial credit), a rubric's integer scale, one criterion's scale.
// Shared by `haikubench calibrate` and the spec's `judge.calibration`; each words the problems itself.

export type ScorerScale =
  | { readonly ok: true; readonly scale: Scale; readonly criterion: string | undefined }
  /** pairwise: preferences, not scores; continuous: no categories for kappa; criterion: none named, or not one of `criteria`. */
  | { readonly ok: false; readonly why: 'pairwise' | 'continuous' | 'criterion'; readonly criteria: readonly string[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const intScale = (v: unknown): Scale | undefined => (isObj(v) && typeof v['min'] === 'number' && typeof v['max'] === 'number' ? { type: 'integer', min: v['min'], max: v['max'] } : undefined);

/** The discrete scale of `s` (a model-graded scorer), for `criterion` when it is a criteria scorer. */
export function scorerScale(s: Pick<ScorerSpec, 'type' | 'options'>, criterion: string | undefined): ScorerScale {
  const o = s.options;
  if (s.type === 'reference') return { ok: true, scale: { type: 'values', values: o['partial_credit'] === true ? [0, 0.5, 1] : [0, 1] }, criterion: undefined };
  if (s.type === 'pairwise') return { ok: false, why: 'pairwise', criteria: [] };
  if (s.type !== 'criteria') {
    const scale = intScale(o['scale']);
    return scale === undefined ? { ok: false, why: 'continuous', criteria: [] } : { ok: true, scale, criterion: undefined };
  }
  const list = Array.isArray(o['criteria']) ? o['criteria'].filter(isObj) : [];
  const crit = list.find((c) => c['name'] === criterion);
  const scale = crit === undefined ? undefined : intScale(crit['scale']);
  if (scale === undefined) return { ok: false, why: 'criterion', criteria: list.map((c) => String(c['name'])) };
  return { ok: true, scale, criterion };
}
