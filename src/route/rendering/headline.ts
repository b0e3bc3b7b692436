import { pct, signedPts } from '../../report/render/format.js';
import { CANDIDATES } from '../report/recommend.js';
import type { PolicyRow, RouteReport } from '../report/report-types.js';
import { shortName } from '../report/report.js';

// The recommendation in one sentence, first thing in every report: what to do, what it saves with its
// interval, what it costs in quality, and how it was validated. Simulated models carry "[SIMULATED]".
// "Within the tolerance" is said only when the interval of Q − Q_L shows it (route/analysis/non-inferiority); when
// a candidate's interval straddles the margin the headline keeps L and says the data cannot tell, and how
// many samples would.

export const SIM = '[SIMULATED]';

/** A model's display name, tagged when simulated. */
export const modelLabel = (m: { readonly id: string; readonly simulated: boolean }): string => `${shortName(m.id)}${m.simulated ? ` ${SIM}` : ''}`;

/** A share as a percentage with `digits` decimals, no trailing ".0" for whole numbers. */
export const pct0 = (x: number, digits = 0): string => `${Number((x * 100).toFixed(digits))}%`;

/** "95% CI 31–45%" from an interval of shares. */
export const ciText = (ci: readonly [number, number] | null, level: number): string =>
  ci === null ? 'no interval' : `${pct0(level, 1)} CI ${(ci[0] * 100).toFixed(1)}–${pct(ci[1])}`;

/** Points, as people say them: 0.02 → "2 pts". */
export const pts = (x: number): string => `${Number((x * 100).toFixed(2))} pts`;

/** Why costs are unknown: the models recorded without a price, and how to give one. */
export function unpricedReason(r: Pick<RouteReport, 'models'>): string {
  const missing = [r.models.small, r.models.large].filter((m) => m.priced === false).map((m) => m.id);
  if (missing.length === 0) return 'prices missing';
  const replay = missing.every((id) => id.startsWith('replay:'));
  const how = replay ? 'price: {per_call: …}' : 'price: {input: …, output: …} (USD per million tokens) or price: {per_call: …}';
  return `no price for ${missing.join(' and ')} in ${missing.length > 1 ? 'their' : 'its'} run; give ${missing.length > 1 ? 'each' : 'its'} model entry ${how} and run again`;
}

function savingsText(r: RouteReport, row: PolicyRow): string {
  if (row.savings !== null) return `saves ${pct(row.savings.estimate)} (${ciText(row.savings.ci, r.options.level)})`;
  const share = row.point.strongShare;
  return share === null ? `cost unknown (${unpricedReason(r)})` : `cost unknown (${unpricedReason(r)}); sends ${pct(1 - share)} of requests to the small model`;
}

/** K of a held-out row's cross-fitting. */
export function foldsOf(r: RouteReport, row: PolicyRow): number | undefined {
  if (row.key === 'segments') return r.segmentRoute?.k;
  if (row.key === 'segments-cascade') return r.segmentCascade?.k;
  return r.analysis.policies.find((p) => p.kind === row.key)?.crossFit?.k;
}

function validationText(r: RouteReport, row: PolicyRow): string {
  if (row.validation === 'held-out') {
    const k = foldsOf(r, row);
    return `validated on ${k ?? r.options.folds} held-out folds`;
  }
  return `nothing fitted to the data, figures on all ${r.samples.paired} samples`;
}

function qualityText(r: RouteReport, row: PolicyRow): string {
  const l = shortName(r.models.large.id);
  const q = row.point.quality;
  const ql = r.analysis.alwaysL.quality;
  const where = row.validation === 'held-out' ? 'held-out ' : '';
  return `at quality within ${pts(r.options.tolerance)} of always-${l} (${where}${pct(q)} vs ${pct(ql)})`;
}

/** "±0.0 pts [−9.2 pts, +9.2 pts]": a difference with its interval. */
const diffText = (diff: number | null, ci: readonly [number, number] | null): string =>
  diff === null ? '—' : `${signedPts(diff)}${ci === null ? '' : ` [${signedPts(ci[0])}, ${signedPts(ci[1])}]`}`;

/** The cheapest candidate whose interval straddles the margin: the data cannot tell whether it is within the tolerance. */
function undecidedRow(r: RouteReport): PolicyRow | undefined {
  const rows = r.policies.filter((p) => CANDIDATES.includes(p.key) && p.vsLarge?.verdict === 'undecided');
  const priced = rows.every((p) => p.point.costPerItem !== null);
  const rank = (p: PolicyRow) => (priced ? (p.point.costPerItem as number) : (p.point.strongShare ?? 1));
  return [...rows].sort((a, b) => rank(a) - rank(b))[0];
}

/** The segment that came closest when verdicts lacked data, or ''. */
function segmentTail(r: RouteReport): string {
  const undecided = r.analysis.segments.flatMap((f) => f.verdicts.filter((v) => v.verdict === 'not enough data' && v.neededN !== null).map((v) => ({ field: f.field, v })));
  if (undecided.length === 0) return '';
  const best = [...undecided].sort((a, b) => (b.v.diff ?? -1) - (a.v.diff ?? -1))[0] as (typeof undecided)[number];
  return `; ${undecided.length} segment(s) need more data (closest: ${best.field} = ${best.v.value}, ${best.v.n} samples now, about ${best.v.neededN} would decide it)`;
}

/** Why nothing qualified: what the data cannot tell and how many samples would, or that nothing came close. */
function keepLarge(r: RouteReport): string {
  const l = modelLabel(r.models.large);
  const s = modelLabel(r.models.small);
  const tol = pts(r.options.tolerance);
  const open = undecidedRow(r);
  if (open?.vsLarge) {
    const v = open.vsLarge;
    const what = open.key === 'always-s' ? `${s} alone` : open.label;
    const needed = v.neededN === null ? 'no sample size estimate' : `about ${v.neededN} samples would decide it (${r.samples.paired} now)`;
    return `Keep ${l} for now: the data cannot tell whether ${what} keeps quality within ${tol} of it (difference ${diffText(v.diff, v.ci)}, ${pct0(v.level, 1)} CI); ${needed}${segmentTail(r)}.`;
  }
  return `Keep ${l}: no policy tested keeps quality within ${tol} of it while sending work to ${s}${segmentTail(r)}.`;
}

/** The one-sentence recommendation. */
export function headline(r: RouteReport): string {
  const { row, rule } = r.recommendation;
  const s = modelLabel(r.models.small);
  const l = modelLabel(r.models.large);
  const tail = `${savingsText(r, row)} ${qualityText(r, row)}, ${validationText(r, row)}.`;
  switch (rule) {
    case 'segments': {
      const rl = r.segmentRoute?.rule;
      if (rl === undefined) return keepLarge(r);
      const m = rl.toSmall.length + rl.toLarge.length;
      return `Route by ${rl.field}: ${rl.toSmall.length} of ${m} values (${rl.toSmall.join(', ')}) to ${s}, the rest to ${l}; ${tail}`;
    }
    case 'segments-cascade': {
      const rl = r.segmentCascade?.rule;
      if (rl === undefined) return keepLarge(r);
      const t = row.threshold === null ? 'τ*' : String(Number(row.threshold.toPrecision(4)));
      const m = rl.toSmall.length + rl.toLarge.length;
      return `Route by ${rl.field}: ${rl.toSmall.length} of ${m} values (${rl.toSmall.join(', ')}) to ${s}; the rest to ${s} first, escalating to ${l} when ${r.options.signal} ≤ ${t} (${pct(row.point.escalatedShare)} of all requests escalated); ${tail}`;
    }
    case 'cascade':
    case 'gate-or-threshold': {
      const t = row.threshold === null ? 'τ*' : String(Number(row.threshold.toPrecision(4)));
      const when = rule === 'cascade' ? `${r.options.signal} ≤ ${t}` : `${r.options.check} fails or ${r.options.signal} ≤ ${t}`;
      return `Cascade: ${s} first, escalate to ${l} when ${when} (${pct(row.point.escalatedShare)} escalated); ${tail}`;
    }
    case 'router': {
      const rt = r.options.router;
      const t = row.threshold === null ? 'τ*' : String(Number(row.threshold.toPrecision(4)));
      const when = rt === null || rt === undefined ? `its signal ≤ ${t}` : `${rt.signal} ${rt.high === 'small' ? '≤' : '≥'} ${t}`;
      return `Router: before any call, send a request to ${l} when ${when}, else to ${s} (${pct(row.point.strongShare)} to ${l}); ${tail}`;
    }
    case 'gate':
      return `Gate cascade: ${s} first, escalate to ${l} when ${r.options.check} fails (${pct(row.point.escalatedShare)} escalated); ${tail}`;
    case 'always-small':
      return `${s} alone is enough: ${tail}`;
    default:
      return keepLarge(r);
  }
}
