import type { Comparison } from './compare.js';
import { clusteredOn, levelPct, pairedTestName, signedPts } from '../report/render/format.js';

// `compare` as text: the verdict on the gates first, then the change with its interval and test, what
// the comparison could have detected, and the flipped samples (pass→fail first) with both outputs.

export interface FlipOutputs {
  /** By `${sampleId}\u0000${model}`. */
  readonly baseline: ReadonlyMap<string, { output: string; reason: string }>;
  readonly candidate: ReadonlyMap<string, { output: string; reason: string }>;
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const pts = (x: number | null) => (x === null ? '—' : signedPts(x, '+'));
const num = (x: number | null, d = 3) => (x === null ? '—' : `${x < 0 ? '−' : ''}${Math.abs(x).toFixed(d)}`);
const p = (x: number | null) => (x === null ? '= —' : x < 0.0001 ? '< 0.0001' : `= ${x.toPrecision(2)}`);
const SIM = ' [SIMULATED]';

/** One line of text, at most `max` characters, with newlines shown as ⏎. */
export function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\r?\n/g, ' ⏎ ').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function flipLines(c: Comparison, kind: 'regressed' | 'improved', outputs: FlipOutputs | undefined, show: number): string[] {
  const list = c.flipped[kind];
  if (list.length === 0) return [];
  const title = kind === 'regressed' ? 'pass → fail' : 'fail → pass';
  const lines = [`${title} (${list.length}):`];
  for (const f of list.slice(0, show)) {
    const shares = c.binary ? '' : ` (pass share ${pct(f.baseline)} → ${pct(f.candidate)})`;
    lines.push(`  ${f.sampleId}${shares}`);
    const b = outputs?.baseline.get(`${f.sampleId}\u0000${c.baseline.model}`);
    const k = outputs?.candidate.get(`${f.sampleId}\u0000${c.candidate.model}`);
    if (b !== undefined) lines.push(`    baseline:  ${JSON.stringify(oneLine(b.output))}${b.reason !== '' ? `  — ${oneLine(b.reason, 80)}` : ''}`);
    if (k !== undefined) lines.push(`    candidate: ${JSON.stringify(oneLine(k.output))}${k.reason !== '' ? `  — ${oneLine(k.reason, 80)}` : ''}`);
  }
  if (list.length > show) lines.push(`  … and ${list.length - show} more (--show N, or --json for every id)`);
  return lines;
}

export function renderComparison(c: Comparison, outputs: FlipOutputs | undefined, show = 20): string {
  const level = levelPct(c.level);
  const failed = c.gates.filter((g) => g.status === 'fail');
  const blind = c.gates.filter((g) => g.status === 'inconclusive');
  const warned = blind.length > 0 && blind.every((g) => g.pass) ? ` (INCONCLUSIVE, passed with --on-inconclusive warn: ${blind.map((g) => g.gate).join('; ')})` : '';
  const head = c.gates.length === 0 ? 'DONE: no gates set (--max-drop, --max-score-drop, --must-pass).'
    : failed.length > 0 ? `FAILED: ${failed.map((g) => g.gate).join('; ')}.`
      : blind.some((g) => !g.pass) ? `INCONCLUSIVE: ${blind.map((g) => g.gate).join('; ')} — these samples cannot detect a drop that small, so the gate cannot vouch for the candidate; it fails (--on-inconclusive warn lets it pass with this warning).`
        : `PASSED: no regression past the gates${warned}.`;
  // A gate tighter than what the samples can detect passes on real drops too: say so next to the verdict.
  const maxDrop = c.maxDrop;
  const weak = maxDrop !== null && c.mde !== null && c.mde > maxDrop
    ? `WARNING: with ${c.n} paired samples this comparison can only detect changes of ${(c.mde * 100).toFixed(1)} pts or more; the ${(maxDrop * 100).toFixed(1)}-pt gate cannot catch smaller real drops — more samples would.`
    : undefined;
  const ex = c.excluded;
  const left = [ex.errors > 0 ? `${ex.errors} with an error on either side` : '', ex.unscored > 0 ? `${ex.unscored} not scored on either side (pairwise reference)` : '', ex.onlyA > 0 ? `${ex.onlyA} only in the baseline` : '', ex.onlyB > 0 ? `${ex.onlyB} only in the candidate` : ''].filter((x) => x !== '');
  const pr = c.passRate;
  const sc = c.score;
  const lines = [
    head,
    ...(weak === undefined ? [] : [weak]),
    `baseline  ${c.baseline.model}${c.baseline.simulated ? SIM : ''}  (${c.baseline.run})`,
    `candidate ${c.candidate.model}${c.candidate.simulated ? SIM : ''}  (${c.candidate.run})`,
    `${c.n} paired samples${clusteredOn(c)}${left.length > 0 ? `; left out: ${left.join(', ')}` : ''}${c.binary ? '' : '; epochs averaged per sample'}`,
    `pass rate   ${pct(pr.baseline)} → ${pct(pr.candidate)}   change ${pts(pr.diff)}, ${level} CI [${pts(pr.ci?.[0] ?? null)}, ${pts(pr.ci?.[1] ?? null)}], ${pr.test.name === 'mcnemar-exact' ? "McNemar's exact" : pairedTestName(pr.test.name)} p ${p(pr.test.p)}; ${pr.discordant.regressed} pass→fail, ${pr.discordant.improved} fail→pass`,
    `mean score  ${num(sc.baseline)} → ${num(sc.candidate)}   change ${sc.diff === null ? '—' : `${sc.diff >= 0 ? '+' : '−'}${Math.abs(sc.diff).toFixed(3)}`}, ${level} CI [${num(sc.ci?.[0] ?? null)}, ${num(sc.ci?.[1] ?? null)}], ${pairedTestName(sc.test.name)} p ${p(sc.test.p)}`,
    c.mde === null ? 'smallest detectable change: unknown (no sample differs between the runs)'
      : `this comparison could detect a change in pass rate of ${(c.mde * 100).toFixed(1)} pts or more (80% power, two-sided α = ${(1 - c.level).toFixed(2)})`,
    `${c.clusters === null ? 'paired SE' : 'clustered paired SE'} ${num(pr.se, 4)} (unpaired ${num(pr.seUnpaired, 4)}; per-sample correlation ${num(pr.correlation, 2)})`,
    ...c.gates.map((g) => `${g.status === 'inconclusive' ? 'INCONCLUSIVE' : g.pass ? 'PASS' : 'FAIL'} gate ${g.gate}: ${g.reason}`),
    ...flipLines(c, 'regressed', outputs, show),
    ...flipLines(c, 'improved', outputs, show),
  ];
  if (c.baseline.simulated || c.candidate.simulated) lines.push('[SIMULATED] models are the built-in simulator, not real model outputs.');
  return `${lines.join('\n')}\n`;
}

