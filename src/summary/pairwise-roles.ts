import type { EvalSpec } from '../spec/types.js';
import { gateTarget } from '../spec/gates.js';
import type { ModelSummary } from './model-summary.js';

// What each pairwise scorer of a spec compared with, added to the model summaries: every pairwise
// entry names its opponent (`against`: a model of the run, or "run <dir>"), and the reference model
// of an against_model scorer lists that scorer under `pairwiseReference`, since its own items were
// not judged (each scored as a tie with itself) and its pass rate on the scorer means nothing.

/** Scorer name → what it compares with, and the reference model's id for against_model. */
export function pairwiseOpponentsOf(spec: Pick<EvalSpec, 'scorers' | 'models'>): Map<string, { against: string; reference?: string }> {
  const out = new Map<string, { against: string; reference?: string }>();
  for (const s of spec.scorers) {
    if (s.type !== 'pairwise') continue;
    const named = s.options['against_model'];
    const dir = s.options['against'];
    if (typeof named === 'string') {
      const m = gateTarget(named, spec.models);
      // Named as the reports name models (the label: under --simulate, the model it stands in for).
      out.set(s.name, { against: m?.label ?? named, reference: m?.id ?? named });
    } else if (typeof dir === 'string') {
      const model = s.options['model'];
      out.set(s.name, { against: `run ${dir}${typeof model === 'string' ? ` (${model})` : ''}` });
    }
  }
  return out;
}

/** A model summary with its pairwise entries' opponents named and the scorers it is the reference of. */
export function withPairwiseRoles(m: ModelSummary, roles: ReturnType<typeof pairwiseOpponentsOf>): ModelSummary {
  if (roles.size === 0) return m;
  const referenceOf = [...roles].filter(([, r]) => r.reference === m.model).map(([name]) => name);
  const pairwise = m.pairwise?.map((p) => {
    const against = roles.get(p.scorer)?.against;
    return against === undefined ? p : { ...p, against };
  });
  return { ...m, ...(pairwise !== undefined && { pairwise }), ...(referenceOf.length > 0 && { pairwiseReference: referenceOf }) };
}
