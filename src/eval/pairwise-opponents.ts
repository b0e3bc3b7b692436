import { dirname, resolve as resolvePath } from 'node:path';
import type { EvalSpec } from '../spec/types.js';
import { SpecError } from '../errors.js';
import { gateTarget } from '../spec/gates.js';
import { baselineOpponent, modelOpponent, type Opponent } from '../scoring/model-graded/index.js';
import { readBaselineRun } from './read-baseline-run.js';

// What each pairwise scorer compares with, resolved before any call: `against`, a finished run
// directory (relative to the spec file, as dataset.path is) read once and indexed by sample id; or
// `against_model`, another model of this spec (matched like a gate: id, label, or the bare model
// name, so it still names the model under --simulate). Every problem is a SpecError naming the
// scorer's pointer (exit 2): neither or both given, a missing or ambiguous baseline run, a model the
// spec does not run, or two different reference models (a model that waits on another's answer
// must not be waited on itself).

export interface PairwiseOpponents {
  /** By scorer name. */
  readonly opponents: ReadonlyMap<string, Opponent>;
  /** The model whose answers against_model scorers compare with (one per spec), by its resolved id. */
  readonly reference: string | undefined;
}

/** `replaced`: --model replaced the spec's models (then a missing reference is the flag's doing). */
export function pairwiseOpponents(spec: EvalSpec, file: string, replaced = false): PairwiseOpponents {
  const opponents = new Map<string, Opponent>();
  const issues: string[] = [];
  let reference: { id: string; at: number } | undefined;
  spec.scorers.forEach((s, i) => {
    if (s.type !== 'pairwise') return;
    const where = `${file}#/scorers/${i}`;
    const against = s.options['against'];
    const named = s.options['against_model'];
    if (typeof against === 'string' && typeof named === 'string') {
      issues.push(`${where}: give against (a baseline run directory) or against_model (a model of this spec), not both`);
      return;
    }
    if (typeof named === 'string') {
      if (s.options['model'] !== undefined) issues.push(`${where}/model: model picks one model of a baseline run; with against_model it has no meaning, remove it`);
      const m = gateTarget(named, spec.models);
      const ids = spec.models.map((x) => x.id).join(', ');
      if (m === undefined) {
        issues.push(replaced
          ? `${where}/against_model: --model left out ${named}, the model this scorer compares with (the run has ${ids}); add --model ${named}`
          : `${where}/against_model: this spec runs no model ${named} (it runs ${ids}); name one of them`);
        return;
      }
      if (spec.models.length < 2) {
        issues.push(replaced
          ? `${where}/against_model: --model left only ${m.id}, the model this scorer compares with; add --model with the model to judge against it`
          : `${where}/against_model: ${m.id} is the only model of this spec, so there is nothing to compare with it; add the model to judge under models`);
        return;
      }
      if (reference !== undefined && reference.id !== m.id) {
        issues.push(`${where}/against_model: scorer ${reference.at} already compares with ${reference.id}; one reference model per spec (each model would wait on the other's answers), so name ${reference.id} here too or split the spec`);
        return;
      }
      reference ??= { id: m.id, at: i };
      opponents.set(s.name, modelOpponent(m.id));
      return;
    }
    if (typeof against !== 'string') {
      issues.push(`${where}: a pairwise scorer needs something to compare with: against: <a finished run directory> or against_model: <a model of this spec>`);
      return;
    }
    const model = typeof s.options['model'] === 'string' ? s.options['model'] : undefined;
    const got = readBaselineRun(resolvePath(dirname(spec.file), against), against, model);
    if (got.ok) opponents.set(s.name, baselineOpponent(got.baseline));
    else issues.push(`${where}/against: ${got.problem}`);
  });
  // A gate on a reference that no scorer scores could never pass: say so now, not after the run.
  const ref = reference;
  if (ref !== undefined && spec.scorers.every((s) => opponents.get(s.name)?.model === ref.id)) {
    spec.gates.forEach((g, i) => {
      if (gateTarget(g.model, spec.models)?.id === ref.id) issues.push(`${file}#/gates/${i}/model: no scorer scores ${ref.id}'s answers (it is the reference of the pairwise scorers), so this gate could never pass; remove it, or add a scorer that scores every model`);
    });
  }
  if (issues.length > 0) throw new SpecError(file, issues);
  return { opponents, reference: reference?.id };
}
