import { SpecError } from '../errors.js';
import type { SpecSource } from './load.js';

// Validation in one pass: when the schema's only complaints are about whole scorer entries (an unknown
// type, a misspelt option), the rest of the spec is sound, so the dataset and the templates can still be
// checked and every problem reported at once. The broken entries are stood in for by a scorer that
// needs nothing from the samples, so every other entry keeps its index (and its place in messages).

const STAND_IN = { type: 'max-latency', ms: 1e12 } as const;
const ENTRY = /#\/scorers\/(\d+)(?:[/ :]|$)/;

/** The spec with its broken scorer entries stood in for, or undefined when anything else is wrong. */
export function withoutBrokenScorers(src: SpecSource, err: SpecError): SpecSource | undefined {
  const data = src.data as { scorers?: unknown } | null;
  if (data === null || typeof data !== 'object' || !Array.isArray(data.scorers)) return undefined;
  const broken = new Set<number>();
  for (const issue of err.issues) {
    const m = ENTRY.exec(issue);
    if (m === null) return undefined;
    broken.add(Number(m[1]));
  }
  const scorers = data.scorers.map((s: unknown, i) => (broken.has(i) ? STAND_IN : s));
  return { ...src, data: { ...data, scorers } };
}
