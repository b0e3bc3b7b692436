import type { JsonSchema, Scale } from '../types/judge-task.js';

// One place that knows what a Scale means: validation of the scale itself, membership of a score,
// the wording shown to the judge, the JSON Schema fragment, and the ordered categories for kappa.

/** Throws RangeError for a scale no judge could satisfy (a spec error the caller reports). */
export function checkScale(scale: Scale, where = 'scale'): void {
  if (scale.type === 'values') {
    const ok = scale.values.length >= 2 && scale.values.every(Number.isFinite);
    if (!ok || new Set(scale.values).size !== scale.values.length) {
      throw new RangeError(`${where}: needs at least 2 distinct finite values, got ${JSON.stringify(scale.values)}`);
    }
    return;
  }
  if (!(Number.isFinite(scale.min) && Number.isFinite(scale.max) && scale.min < scale.max)) {
    throw new RangeError(`${where}: needs finite min < max, got ${scale.min}..${scale.max}`);
  }
  if (scale.type === 'integer' && !(Number.isInteger(scale.min) && Number.isInteger(scale.max))) {
    throw new RangeError(`${where}: an integer scale needs integer bounds, got ${scale.min}..${scale.max}`);
  }
}

/** The allowed scores in ascending order for an `integer` or `values` scale; undefined if continuous. */
export function scaleCategories(scale: Scale): number[] | undefined {
  if (scale.type === 'values') return [...scale.values].sort((a, b) => a - b);
  if (scale.type === 'continuous') return undefined;
  return Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
}

const bounds = (scale: Scale): [number, number] =>
  scale.type === 'values' ? [Math.min(...scale.values), Math.max(...scale.values)] : [scale.min, scale.max];

/** Why `score` is not a valid score on `scale`, or undefined if it is. Never clamps or rounds. */
export function offScale(score: number, scale: Scale): string | undefined {
  if (!Number.isFinite(score)) return `score ${score} is not a finite number`;
  const [lo, hi] = bounds(scale);
  if (score < lo || score > hi) return `score ${score} is outside the scale ${lo}..${hi}`;
  if (scale.type === 'integer' && !Number.isInteger(score)) {
    return `score ${score} is not an integer on the integer scale ${lo}..${hi}`;
  }
  if (scale.type === 'values' && !scale.values.includes(score)) {
    return `score ${score} is not one of the allowed values ${scale.values.join(', ')}`;
  }
  return undefined;
}

/** How the scale reads in a prompt: "an integer from 1 to 10". */
export function describeScale(scale: Scale): string {
  if (scale.type === 'values') return `exactly one of ${scaleCategories(scale)?.join(', ')}`;
  const kind = scale.type === 'integer' ? 'an integer' : 'a number';
  return `${kind} from ${scale.min} to ${scale.max}`;
}

/**
 * JSON Schema for one score. Bounds go into `description`, not `minimum`/`maximum`: structured
 * outputs do not enforce numeric constraints, so the parser checks the range itself.
 */
export function scaleSchema(scale: Scale): JsonSchema {
  const description = `${describeScale(scale)} (higher is better)`;
  if (scale.type === 'values') return { type: 'number', enum: scaleCategories(scale) ?? [], description };
  return { type: scale.type === 'integer' ? 'integer' : 'number', description };
}
