import { pct, signedPts, usd } from '../../report/render/format.js';
import { ciText, pts, SIM } from './headline.js';
import { shortName } from '../report/report.js';
import { routerThreshold } from '../report/policy-rows.js';
import type { CurveMetrics, PolicyRow, RouteReport } from '../report/report-types.js';

// The metrics and the honest-validation note of the routing report, as lines of
// plain text; the terminal and Markdown renderers print them as they are (Markdown escapes them).

const f3 = (x: number | null): string => (x === null ? '—' : x.toFixed(3));

/** A threshold as people read it: 4 significant digits. */
export const tau = (x: number): string => String(Number(x.toPrecision(4)));

/** "on the <curve>: APGR …; CPT(50%) …": which curve each APGR and CPT is computed on. */
function pgrLine(curve: string, p: CurveMetrics['pgr']): string {
  if (p.status === 'skipped') return `on ${curve}: ${p.reason}`;
  const cpt = (x: number | null) => (x === null ? 'never' : pct(x));
  return `on ${curve}: APGR ${f3(p.apgr)} (random mix 0.5); CPT(50%) ${cpt(p.cpt50)}, CPT(80%) ${cpt(p.cpt80)}, CPT(95%) ${cpt(p.cpt95)} of requests to L`;
}

function isoLine(c: CurveMetrics): string {
  const iso = c.isoQualityInSample;
  if (iso.point === null) return `${c.label}: no point of the curve reaches ${pct(iso.target)} (in-sample)`;
  const saving = iso.savings === null ? (iso.note ?? 'savings unknown') : `saves ${pct(iso.savings)}`;
  return `${c.label}: cheapest point with Q ≥ ${pct(iso.target)} ${saving}, ${pct(iso.point.strongShare)} to L (in-sample, optimistic)`;
}

/** Why a held-out saving does not count: its Q − Q_L interval does not clear −tolerance (route/analysis/non-inferiority). */
function notShown(p: PolicyRow, tolerance: number): string {
  const v = p.vsLarge;
  if (v === null || v.verdict === 'within' || v.diff === null || v.ci === null) return '';
  const d = `${signedPts(v.diff)} [${signedPts(v.ci[0])}, ${signedPts(v.ci[1])}]`;
  return v.verdict === 'worse'
    ? `; not at iso-quality: Q − Q_L = ${d} lies below −${pts(tolerance)}`
    : `; not shown at iso-quality: Q − Q_L = ${d} reaches past −${pts(tolerance)}`;
}

/** Savings at iso-quality, PGR family, AIQ, ΔIBC, AUROC, deferral confusion and McNemar. */
export function metricLines(r: RouteReport): string[] {
  const a = r.analysis;
  const g = a.gap;
  const lines: string[] = [];
  const gapCi = g.ci === null ? '' : ` [${signedPts(g.ci[0])}, ${signedPts(g.ci[1])}]`;
  lines.push(`Gap Q_L − Q_S = ${g.gap === null ? '—' : signedPts(g.gap)}${gapCi}: ${g.significant ? 'significant' : (g.reason ?? 'not significant')}.`);
  const held = r.policies.filter((p) => p.validation === 'held-out' && p.savings !== null);
  for (const p of held) lines.push(`Savings at iso-quality (Q ≥ Q_L − ${pts(r.options.tolerance)}), ${p.label}: ${pct((p.savings as { estimate: number }).estimate)} held-out (${ciText(p.savings?.ci ?? null, r.options.level)})${notShown(p, r.options.tolerance)}.`);
  for (const c of r.curves) lines.push(`Savings at iso-quality, ${isoLine(c)}.`);
  lines.push(`PGR ${pgrLine('the oracle\'s curve (upper bound: knows both answers, sends L the items it gains most on)', a.oraclePgr)}.`);
  for (const c of r.curves) lines.push(`PGR ${pgrLine(`the ${c.label} curve (in-sample sweep)`, c.pgr)}.`);
  if (a.oraclePgr.status === 'ok' || r.curves.some((c) => c.pgr.status === 'ok')) lines.push('APGR is the trapezoid area under PGR over the share sent to L, endpoints included (RouteLLM\'s code convention, not the paper\'s mean over 10 points).');
  if (a.aiqRange !== null) {
    const range = `[${usd(a.aiqRange.min * 1000)}, ${usd(a.aiqRange.max * 1000)}] per 1k`;
    const each = r.curves.map((c) => `${c.label} ${f3(c.aiq)}`).join(', ');
    lines.push(`AIQ on one fixed cost range ${range}: ${each === '' ? 'no swept policy' : each}; Zero router (random mix) ${f3(a.zeroRouterAiq)}.`);
  } else {
    lines.push('AIQ: not computed (a price is unknown, or the small model is not cheaper).');
  }
  for (const c of r.curves) {
    if (c.deltaIbc !== null) lines.push(`ΔIBC at τ* (${c.label}): ${c.deltaIbc.toFixed(3)} (AutoMix; > 0 beats the random mix per dollar).`);
    if (c.auroc !== null) lines.push(`Signal AUROC for "S fails" (${c.label}): ${c.auroc.auroc === null ? (c.auroc.note ?? '—') : c.auroc.auroc.toFixed(3)} (0.5 = no information).`);
    if ((c.auroc?.auroc ?? 0) >= 0.99) {
      lines.push(c.label === 'router'
        ? 'Check the router\'s signal: known before any call, it still separates S\'s right and wrong answers almost perfectly. Make sure it does not leak the outcome (a field filled after the fact, a classifier trained on these samples).'
        : 'Check the signal: it separates S\'s right and wrong answers almost perfectly. A scorer that compares the answer with the expected one is not available in production; a cascade on it is an oracle, not a policy.');
    }
  }
  const conf = r.recommendation.confusion;
  if (conf !== null) {
    lines.push(`Deferral decisions of the recommended policy (${conf.n} samples): kept S and S right ${conf.correctAccept}; kept S and S wrong (false accept) ${conf.falseAccept}; ` +
      `to L and L better (useful) ${conf.useful}; to L, no change (needless) ${conf.needless}; to L and L worse (harmful) ${conf.harmful}.`);
  }
  const mc = r.recommendation.mcnemar;
  if (mc !== null) {
    lines.push(mc.status === 'ok'
      ? `McNemar vs always-L (recommended policy): ${mc.result.b} samples only it got right, ${mc.result.c} only always-L got right, exact p = ${mc.result.exactP.toPrecision(2)}.`
      : `McNemar vs always-L: skipped, ${r.epochs.small > 1 || r.epochs.large > 1 ? 'quality is a mean over epochs, not 0/1' : mc.reason}.`);
  }
  return lines;
}

/** How folds and intervals treat the samples: clustered by --cluster, or independent. */
function clustering(r: RouteReport): string {
  const n = r.analysis.clusters;
  if (r.options.cluster === null || n === null) return 'samples treated as independent: pass --cluster <field> when they are not';
  return `a ${r.options.cluster} never split across folds; intervals resample the ${n} ${r.options.cluster} clusters`;
}

/** How the figures were validated, what is optimistic, and what the reader must know. */
export function validationLines(r: RouteReport): string[] {
  const lines: string[] = [];
  const seg = r.segmentRoute;
  const thresholds = r.analysis.policies.filter((p) => p.crossFit !== null);
  if (seg !== null || thresholds.length > 0) {
    lines.push(`Honest validation: segment rules and thresholds were chosen on ${r.options.folds - 1} of ${r.options.folds} folds and scored on the held-out fold (folds seeded with ${r.options.seed}, ${clustering(r)}); "held-out" figures pool the held-out folds.`);
  }
  if (seg !== null) {
    const ins = seg.inSample;
    const sv = ins.costPerItem === null || seg.alwaysL.costPerItem === null || seg.alwaysL.costPerItem === 0 ? 'savings unknown' : `saves ${pct(1 - ins.costPerItem / seg.alwaysL.costPerItem)}`;
    lines.push(`Route by ${seg.rule.field} in-sample (optimistic: learned and scored on the same ${ins.n} samples): quality ${pct(ins.quality)}, ${sv}. The rule to deploy is learned on all samples; ${seg.stableFolds} of ${seg.k} fold rules matched it${seg.stableFolds < seg.k ? ' (so the held-out figures validate the way the rule is learned more than this exact rule: more samples per segment would steady it)' : ''}.`);
  }
  for (const p of thresholds) {
    const fit = p.crossFit;
    if (fit === null) continue;
    const ins = fit.inSample.point;
    const router = p.kind === 'router' ? r.options.router ?? null : null;
    const sent = router === null ? 'escalated' : 'sent to L';
    const t = router === null ? fit.inSample.threshold : routerThreshold(fit.inSample.threshold, router.high);
    lines.push(`${p.kind}${router === null ? '' : ` on ${router.signal}`} in-sample (optimistic): τ* = ${tau(t)}, quality ${pct(ins.quality)}, ${pct(ins.strongShare)} ${sent}. Held-out: τ aimed at ${pct(fit.targetShare)} ${sent} and achieved ${pct(fit.achievedShare)}.`);
  }
  lines.push(`Recommendation: ${r.recommendation.why}; choosing among candidates by these figures is a mild selection of its own.`);
  lines.push(...r.notes);
  if (r.simulated) {
    const sims = [r.models.small, r.models.large].filter((m) => m.simulated).map((m) => shortName(m.id)).join(' and ');
    lines.push(`${SIM} ${sims}: records of the built-in simulator, not real model outputs; quality, latency and cost are its settings, not measurements.`);
  }
  return lines;
}
