import type { Score } from '../../types.js';
import type { ScorerSpec } from '../create.js';
import { DEFAULT_THRESHOLD } from './types.js';

// What a plug-in scorer returned → a Score (negate applied). Anything else is an Error whose message
// says what was wrong: the item becomes a scorer error, never a failed answer.

const inRange = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0 && x <= 1;
const shown = (v: unknown) => { const s = JSON.stringify(v) ?? String(v); return s.length > 120 ? `${s.slice(0, 120)}…` : s; };

/** {value, pass, reason} of a result, or a thrown Error. */
export function readResult(raw: unknown, threshold: number): { value: number; pass: boolean; reason?: string } {
  if (typeof raw === 'boolean') return { value: raw ? 1 : 0, pass: raw };
  if (typeof raw === 'number') {
    if (!inRange(raw)) throw new Error(`returned ${shown(raw)}: a score must be a number from 0 to 1`);
    return { value: raw, pass: raw >= threshold };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`returned ${shown(raw)}: expected {score, pass?, reason?}, a boolean or a number from 0 to 1`);
  const r = raw as Record<string, unknown>;
  const { score, pass, reason } = r;
  if (score !== undefined && !inRange(score)) throw new Error(`returned score ${shown(score)}: a score must be a number from 0 to 1`);
  if (pass !== undefined && typeof pass !== 'boolean') throw new Error(`returned pass ${shown(pass)}: pass must be true or false`);
  if (score === undefined && pass === undefined) throw new Error(`returned ${shown(raw)}, which has neither score nor pass`);
  const value = score ?? (pass === true ? 1 : 0);
  return { value, pass: pass ?? value >= threshold, ...(typeof reason === 'string' && reason !== '' && { reason }) };
}

/** The Score of a plug-in's result under the scorer's spec (threshold, negate). */
export function pluginScore(spec: ScorerSpec, raw: unknown): Score {
  const threshold = typeof spec.options['threshold'] === 'number' ? spec.options['threshold'] : DEFAULT_THRESHOLD;
  const r = readResult(raw, threshold);
  if (spec.negate) return { name: spec.name, value: 1 - r.value, pass: !r.pass, ...(r.pass && { reason: `negated: ${r.reason ?? 'the plug-in passed it'}` }) };
  return { name: spec.name, value: r.value, pass: r.pass, ...(r.reason !== undefined && { reason: r.reason }) };
}
