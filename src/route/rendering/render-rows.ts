import { ms, pct, signedPts, usd } from '../../report/render/format.js';
import { foldsOf, modelLabel, pct0, pts } from './headline.js';
import type { PolicyRow, RouteReport } from '../report/report-types.js';
import type { SegmentVerdict } from '../segments/segment-verdicts.js';

// The two tables of the routing report as plain cells (header first): where the small model holds up,
// per segment, and the policies side by side. The terminal and Markdown renderers lay them out.

const per1k = (x: number | null): string => (x === null ? 'unknown' : usd(x * 1000));

function verdictCell(v: SegmentVerdict): string {
  if (v.verdict === 'holds') return 'holds → S';
  if (v.verdict === 'escalate') return 'escalate → L';
  return `not enough data${v.neededN === null ? '' : ` (~${v.neededN} needed)`} → L`;
}

const diffCell = (v: SegmentVerdict): string =>
  v.diff === null ? '—' : `${signedPts(v.diff)}${v.ci === null ? '' : ` [${signedPts(v.ci[0])}, ${signedPts(v.ci[1])}]`}`;

/** The segment table of one field: n, both qualities, the paired difference S − L with its interval, the verdict, cost and latency. */
export function segmentTable(r: RouteReport, field: string): string[][] {
  const verdicts = r.analysis.segments.find((f) => f.field === field)?.verdicts ?? [];
  const header = [field, 'n', 'quality S', 'quality L', `S − L [${pct0(r.options.level, 1)} CI]`, 'verdict', '$ / 1k S · L', 'latency S · L'];
  const rows = [...verdicts].sort((a, b) => b.n - a.n).map((v) => [
    v.value, String(v.n), pct(v.meanQS), pct(v.meanQL), diffCell(v), verdictCell(v),
    `${per1k(v.cost.s)} · ${per1k(v.cost.l)}`, `${ms(v.latencyMs.s)} · ${ms(v.latencyMs.l)}`,
  ]);
  return [header, ...rows];
}

function figuresCell(r: RouteReport, row: PolicyRow): string {
  if (row.validation !== 'held-out') return row.validation;
  return `held-out (${foldsOf(r, row) ?? r.options.folds} folds)`;
}

function labelCell(r: RouteReport, row: PolicyRow): string {
  const chosen = r.recommendation.row.key === row.key ? '► ' : '';
  const tau = row.threshold === null ? '' : ` (τ* = ${Number(row.threshold.toPrecision(4))})`;
  return `${chosen}${row.label}${tau}`;
}

/** Within the tolerance of always-L by the interval of Q − Q_L: yes, no (the whole interval below), or can't tell. */
const withinCell = (row: PolicyRow): string =>
  row.meetsTarget === null ? '—' : row.meetsTarget ? 'yes' : row.vsLarge?.verdict === 'undecided' ? 'can\'t tell' : 'no';

/** The policies table: quality with its interval, $ per 1k, savings, latency, share to L, within tolerance. */
export function policyTable(r: RouteReport): string[][] {
  const header = ['policy', 'figures', `quality [${pct0(r.options.level, 1)} CI]`, '$ / 1k', `savings vs L [${pct0(r.options.level, 1)} CI]`, 'latency mean · p95', 'to L', `within ${pts(r.options.tolerance)}`];
  const rows = r.policies.map((row) => {
    const p = row.point;
    const share = p.costing === 'cascade' ? `${pct(p.escalatedShare)} escalated` : pct(p.strongShare);
    return [
      labelCell(r, row), figuresCell(r, row),
      `${pct(p.quality)}${row.qualityCi === null ? '' : ` [${pct(row.qualityCi[0])}, ${pct(row.qualityCi[1])}]`}`,
      per1k(p.costPerItem),
      row.key === 'always-l' ? '—' : row.savings === null ? (p.costPerItem === null ? 'unknown' : '—') : `${pct(row.savings.estimate)} [${pct(row.savings.ci[0])}, ${pct(row.savings.ci[1])}]`,
      `${ms(p.latencyMeanMs)} · ${ms(p.latencyP95Ms)}`, share,
      withinCell(row),
    ];
  });
  return [header, ...rows];
}

/** The models line above the tables. */
export function modelsLine(r: RouteReport): string {
  const q = r.quality === 'pass' ? 'pass rate (each record\'s verdict)' : 'mean score';
  return `S = ${modelLabel(r.models.small)}, L = ${modelLabel(r.models.large)}; ${r.samples.paired} samples paired by id; quality = ${q}.`;
}
