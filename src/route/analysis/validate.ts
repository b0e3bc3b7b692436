import type { RouteItem } from './types.js';

// Checks the paired items once at the boundary; the rest of src/route trusts them.

function problems(it: RouteItem, i: number): string[] {
  const out: string[] = [];
  const at = `item ${i}${it.id === undefined ? '' : ` (${it.id})`}`;
  for (const [name, q] of [['qS', it.qS], ['qL', it.qL]] as const) {
    if (!(q >= 0 && q <= 1)) out.push(`${at}: ${name} must be in [0, 1], got ${q}`);
  }
  for (const [name, v] of [['cS', it.cS], ['cL', it.cL], ['lS', it.lS], ['lL', it.lL]] as const) {
    if (v !== null && !(v >= 0 && Number.isFinite(v))) out.push(`${at}: ${name} must be a finite number ≥ 0 or null, got ${v}`);
  }
  for (const [name, v] of [['preSignal', it.preSignal], ['signal', it.signal]] as const) {
    if (v !== undefined && !Number.isFinite(v)) out.push(`${at}: ${name} must be finite when given, got ${v}`);
  }
  return out;
}

/** Throws a RangeError listing every problem (quality outside [0, 1], negative or non-finite cost, …). */
export function validateRouteItems(items: readonly RouteItem[]): void {
  const all = items.flatMap(problems);
  if (all.length > 0) throw new RangeError(`routing items: ${all.length} problem(s)\n  ${all.join('\n  ')}`);
}
