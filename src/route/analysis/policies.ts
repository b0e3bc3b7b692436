import { evaluateDecision } from './evaluate.js';
import type { Costing, Decision, PolicyPoint, PolicySpec, RouteItem, ThresholdKind } from './types.js';

// The policies, as decisions over items (offline replay,
// RouterBench-style), plus route-by-segment and "gate OR threshold". A policy that needs a signal an item
// lacks throws a RangeError naming the item: silently escalating (or keeping) it would bias the replay.

/** The signal a threshold policy reads (the router's is known before generation, the cascades' after); throws when absent. */
export function signalOf(item: RouteItem, kind: ThresholdKind, index: number): number {
  const v = kind === 'router' ? item.preSignal : item.signal;
  const name = kind === 'router' ? 'preSignal' : 'signal';
  if (v === undefined || Number.isNaN(v)) throw new RangeError(`${kind} policy: item ${index}${label(item)} has no ${name}`);
  return v;
}

/** Whether S's answer passed its checks; throws when the item does not say. */
export function checkOf(item: RouteItem, index: number): boolean {
  if (item.checkPassed === undefined) throw new RangeError(`gate policy: item ${index}${label(item)} has no checkPassed`);
  return item.checkPassed;
}

const label = (item: RouteItem): string => (item.id === undefined ? '' : ` (${item.id})`);

/** Oracle: L iff q_L > q_S; on a tie the cheaper model, S when either price is unknown. */
function oracleWeight(item: RouteItem): number {
  if (item.qL !== item.qS) return item.qL > item.qS ? 1 : 0;
  return item.cS !== null && item.cL !== null && item.cL < item.cS ? 1 : 0;
}

/** How a policy pays: cascades call S first; everything else picks one model up front. */
export function costingOf(spec: PolicySpec): Costing {
  return spec.kind === 'cascade' || spec.kind === 'gate' || spec.kind === 'gate-or-threshold' ? 'cascade' : 'router';
}

/** The probability each item calls L under the policy. */
function weightsOf(items: readonly RouteItem[], spec: PolicySpec): number[] {
  switch (spec.kind) {
    case 'always-s': return items.map(() => 0);
    case 'always-l': return items.map(() => 1);
    case 'random': {
      if (!(spec.share >= 0 && spec.share <= 1)) throw new RangeError(`random mix: share must be in [0, 1], got ${spec.share}`);
      return items.map(() => spec.share);
    }
    case 'oracle': return items.map(oracleWeight);
    case 'router':
    case 'cascade': return items.map((it, i) => (signalOf(it, spec.kind, i) <= spec.threshold ? 1 : 0));
    case 'gate': return items.map((it, i) => (checkOf(it, i) ? 0 : 1));
    case 'gate-or-threshold':
      return items.map((it, i) => (!checkOf(it, i) || signalOf(it, spec.kind, i) <= spec.threshold ? 1 : 0));
    case 'segment': {
      const toL = new Set(spec.values);
      return items.map((it) => {
        const v = it.segments?.[spec.field];
        return v !== undefined && toL.has(v) ? 1 : 0;
      });
    }
  }
}

/** The policy's decision on every item. */
export function decide(items: readonly RouteItem[], spec: PolicySpec): Decision {
  return { costing: costingOf(spec), weights: weightsOf(items, spec) };
}

/** A short label for reports: "always-L", "cascade", "segment language ∈ {de, fr}". */
export function policyLabel(spec: PolicySpec): string {
  switch (spec.kind) {
    case 'always-s': return 'always-S';
    case 'always-l': return 'always-L';
    case 'random': return `random mix (${spec.share})`;
    case 'segment': return `segment ${spec.field} ∈ {${spec.values.join(', ')}}`;
    default: return spec.kind;
  }
}

const thresholdOf = (spec: PolicySpec): number | null => ('threshold' in spec ? spec.threshold : null);

/** Replay one policy over the items: Q, c, cost per item and per 1k, latency mean/p95, escalated share. */
export function runPolicy(items: readonly RouteItem[], spec: PolicySpec): PolicyPoint {
  return evaluateDecision(items, decide(items, spec), { policy: policyLabel(spec), threshold: thresholdOf(spec) });
}

/** The spec of a threshold policy at τ. */
export const thresholdSpec = (kind: ThresholdKind, threshold: number): PolicySpec => ({ kind, threshold });

/** The distinct values of the policy's signal, ascending; throws when an item lacks it. */
export function signalValues(items: readonly RouteItem[], kind: ThresholdKind): number[] {
  const values = new Set(items.map((it, i) => signalOf(it, kind, i)));
  return [...values].sort((a, b) => a - b);
}
