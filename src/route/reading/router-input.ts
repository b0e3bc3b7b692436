import { InputError } from '../../errors.js';
import { parseRouterFlag, preSignals, routerCostPerItem, type RouterSpec } from './pre-signal.js';
import type { RouteRecord } from './records.js';

// The --router and --router-high flags of `haikubench route`, checked (every problem is an input error,
// exit 2, before any analysis), and the router's signal read from the runs' records.

/** The router the flags ask for, or undefined; problems are pushed to `issues`. */
export function routerOf(flag: string | undefined, high: string | undefined, issues: string[]): RouterSpec | undefined {
  if (high !== undefined && high !== 'small' && high !== 'large') issues.push(`--router-high ${high}: small or large (which model high values of the router's signal favour)`);
  if (high !== undefined && flag === undefined) issues.push('--router-high: needs --router field:<name> or --router model:<id>');
  if (flag === undefined) return undefined;
  const source = parseRouterFlag(flag);
  if (typeof source === 'string') {
    issues.push(source);
    return undefined;
  }
  return { source, high: high === 'large' ? 'large' : 'small', name: flag };
}

/** A field that no record has, or has but never as a number: the message, else null. */
function fieldProblem(records: readonly RouteRecord[], field: string, values: ReadonlyMap<string, number>): string | null {
  if (values.size > 0) return null;
  const fields = [...new Set(records.flatMap((r) => Object.keys(r.metadata)))];
  const seen = records.find((r) => Object.hasOwn(r.metadata, field));
  if (seen === undefined) {
    return `--router field:${field}: no such metadata field in the runs (fields: ${fields.join(', ') || 'none'}); list the dataset column under dataset.fields.metadata so that records carry it`;
  }
  return `--router field:${field}: no sample has a number there (first value: ${JSON.stringify(seen.metadata[field])}); the router needs a numeric score per sample`;
}

/** A model that is not in the runs, is S or L, or never answered a number: the message, else null. */
function modelProblem(records: readonly RouteRecord[], model: string, roles: { readonly small: string; readonly large: string }, values: ReadonlyMap<string, number>): string | null {
  const models = [...new Set(records.map((r) => r.model))];
  if (!models.includes(model)) return `--router model:${model}: no such model in the runs (models: ${models.join(', ')})`;
  if (model === roles.small || model === roles.large) return `--router model:${model}: that is the ${model === roles.small ? 'small' : 'large'} model; the router's signal must come from a third model (a classifier run on the same samples), or from a field`;
  if (values.size === 0) return `--router model:${model}: none of its answers gives a number (e.g. "0.8" or {"answer": 0.8}); prompt it for a score`;
  return null;
}

/** The router's signal per sample (oriented: higher favours S) and the router model's cost per item; an InputError when it cannot be read at all. */
export function routerSignals(records: readonly RouteRecord[], router: RouterSpec, roles: { readonly small: string; readonly large: string }): { values: Map<string, number>; costPerItem: number | null } {
  const values = preSignals(records, router);
  const problem = router.source.kind === 'field' ? fieldProblem(records, router.source.field, values) : modelProblem(records, router.source.model, roles, values);
  if (problem !== null) throw new InputError('route.router', 'Cannot route:', [problem]);
  return { values, costPerItem: routerCostPerItem(records, router) };
}
