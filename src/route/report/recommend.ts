import type { PolicyFile, PolicyRow, Recommendation, RouteReport, RuleKind } from './report-types.js';
import type { SegmentCrossFit } from '../segments/segment-route.js';
import type { SegmentCascadeFit } from '../segments/segment-cascade.js';

// The recommendation: among the policies whose figures are honest (held-out, or nothing fitted), those
// shown to keep quality within the tolerance of always-L (non-inferiority: the lower bound of the paired
// interval of Q − Q_L, on held-out decisions, is at least −tolerance; route/analysis/non-inferiority), the cheapest; by the share sent to L when a price is unknown. Always-S competes too (when it is
// within the tolerance, no routing is needed). None qualifies → always-L. Choosing among a handful of
// candidates by their held-out figures is a mild selection of its own; the report says so.

export const CANDIDATES: readonly PolicyRow['key'][] = ['always-s', 'segments', 'segments-cascade', 'router', 'cascade', 'gate-or-threshold', 'gate'];

const ruleOf = (key: PolicyRow['key']): RuleKind =>
  key === 'always-s' ? 'always-small' : key === 'always-l' || key === 'random' || key === 'oracle' ? 'always-large' : key;

/** Ranking key: cost per item, or the strong-call share when any candidate's cost is unknown. */
function ranker(rows: readonly PolicyRow[]): (r: PolicyRow) => number {
  const priced = rows.every((r) => r.point.costPerItem !== null);
  return (r) => (priced ? (r.point.costPerItem as number) : (r.point.strongShare ?? 1));
}

/** The chosen row and why, from the table's rows. */
export function chooseRow(rows: readonly PolicyRow[], tolerance: number): { row: PolicyRow; considered: string[]; why: string } {
  const candidates = rows.filter((r) => CANDIDATES.includes(r.key));
  const ok = candidates.filter((r) => r.meetsTarget === true);
  const alwaysL = rows.find((r) => r.key === 'always-l') as PolicyRow;
  const considered = candidates.map((r) => r.label);
  const pts = `${Number((tolerance * 100).toFixed(2))} pts`;
  if (ok.length === 0) {
    return { row: alwaysL, considered, why: `no candidate was shown (by the interval of its difference from always-L) to keep quality within ${pts} of always-L on held-out data` };
  }
  const rank = ranker(ok);
  const best = [...ok].sort((a, b) => rank(a) - rank(b))[0] as PolicyRow;
  const by = ok.every((r) => r.point.costPerItem !== null) ? 'the cheapest' : 'the fewest calls to the large model (a price is unknown)';
  return { row: best, considered, why: `${by} of the ${ok.length} of ${candidates.length} candidates within ${pts} of always-L` };
}

export function recommendation(rows: readonly PolicyRow[], tolerance: number, extras: Pick<Recommendation, 'confusion' | 'mcnemar'>): Recommendation {
  const { row, considered, why } = chooseRow(rows, tolerance);
  return { rule: ruleOf(row.key), row, considered, why, ...extras };
}

type ReportCore = Pick<RouteReport, 'models' | 'options' | 'samples' | 'simulated' | 'analysis' | 'runs'>;

/** policy.json from the recommendation. */
export function policyFile(core: ReportCore, rec: Recommendation, seg: SegmentCrossFit | null, sc: SegmentCascadeFit | null): PolicyFile {
  const { row } = rec;
  const { options: o } = core;
  const folds = row.validation !== 'held-out' ? null
    : row.key === 'segments' ? seg?.k ?? null : row.key === 'segments-cascade' ? sc?.k ?? null : core.analysis.policies.find((p) => p.kind === row.key)?.crossFit?.k ?? null;
  const segments = rec.rule === 'segments' ? seg?.rule : rec.rule === 'segments-cascade' ? sc?.rule : undefined;
  const base = { schemaVersion: 1 as const, small: core.models.small.id, large: core.models.large.id, rule: rec.rule };
  const rule = {
    ...(segments !== undefined ? { segments: { field: segments.field, toSmall: segments.toSmall, toLarge: segments.toLarge, otherValues: rec.rule === 'segments-cascade' ? 'cascade' as const : 'large' as const } } : {}),
    ...(rec.rule === 'router' && o.router && row.threshold !== null
      ? { router: { signal: o.router.signal, threshold: row.threshold, largeWhen: o.router.high === 'small' ? 'signal <= threshold' as const : 'signal >= threshold' as const } } : {}),
    ...((rec.rule === 'cascade' || rec.rule === 'gate-or-threshold' || rec.rule === 'segments-cascade') && o.signal !== null && row.threshold !== null
      ? { cascade: { signal: o.signal, threshold: row.threshold, escalateWhen: 'signal <= threshold' as const } } : {}),
    ...((rec.rule === 'gate' || rec.rule === 'gate-or-threshold') && o.check !== null ? { check: { scorer: o.check, escalateWhen: 'check fails' as const } } : {}),
  };
  return {
    ...base, ...rule,
    validated: {
      quality: row.point.quality, ci: row.qualityCi, level: o.level, alwaysLargeQuality: core.analysis.alwaysL.quality, tolerance: o.tolerance,
      savings: row.savings?.estimate ?? null, savingsCi: row.savings?.ci ?? null, shareToLarge: row.point.strongShare,
      heldOut: row.validation === 'held-out', folds, stableFolds: rec.rule === 'segments' ? (seg?.stableFolds ?? null) : null, pairedSamples: core.samples.paired,
    },
    runs: core.runs.map((r) => r.runId),
    simulated: core.simulated,
  };
}
