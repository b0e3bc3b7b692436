import type { RunView, ItemResult } from './read-run.js';
import { ownCluster } from '../dataset/clusters.js';

// Pairing two sides (a model in a run) on the samples both scored. With epochs, each side's items of a
// sample are averaged first, so a sample is one paired observation. A sample that
// ended in error on either side is left out of the pairing and counted: an API failure is not a verdict;
// so is one without a verdict on either side (no scorer applied: a pairwise reference).

export interface Side {
  readonly run: RunView;
  readonly model: string;
}

export interface PairedSamples {
  readonly sampleIds: readonly string[];
  /** Per-sample pass share (0/1 with one epoch) of each side. */
  readonly passA: readonly number[];
  readonly passB: readonly number[];
  /** Per-sample mean score of each side. */
  readonly scoreA: readonly number[];
  readonly scoreB: readonly number[];
  /**
   * One cluster per paired sample when either run had a group field (dataset.fields.group): the
   * baseline's group, else the candidate's, else the sample's own; null when neither had one.
   */
  readonly clusters: readonly string[] | null;
  /** Every sample has exactly one item on each side: pass/fail is binary (McNemar applies). */
  readonly binary: boolean;
  /** Left out: an error on either side, no verdict on either side (unscored: a pairwise reference), or on one side only. */
  readonly excluded: { readonly errors: number; readonly unscored: number; readonly onlyA: number; readonly onlyB: number };
}

function bySample(run: RunView, model: string): Map<string, ItemResult[]> {
  const out = new Map<string, ItemResult[]>();
  for (const v of run.verdicts.values()) {
    if (v.model !== model) continue;
    const list = out.get(v.sampleId);
    if (list === undefined) out.set(v.sampleId, [v]);
    else list.push(v);
  }
  return out;
}

const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** A is the baseline, B the candidate; samples in the baseline's order. */
export function pairSides(a: Side, b: Side): PairedSamples {
  const sa = bySample(a.run, a.model);
  const sb = bySample(b.run, b.model);
  const sampleIds: string[] = [];
  const passA: number[] = [];
  const passB: number[] = [];
  const scoreA: number[] = [];
  const scoreB: number[] = [];
  let errors = 0;
  let unscored = 0;
  let onlyA = 0;
  let binary = true;
  const clusters: string[] = [];
  let clustered = false;
  for (const [id, va] of sa) {
    const vb = sb.get(id);
    if (vb === undefined) {
      onlyA += 1;
      continue;
    }
    if (va.some((v) => !v.ok) || vb.some((v) => !v.ok)) {
      errors += 1;
      continue;
    }
    if (va.some((v) => v.unscored) || vb.some((v) => v.unscored)) {
      unscored += 1;
      continue;
    }
    if (va.length !== 1 || vb.length !== 1) binary = false;
    sampleIds.push(id);
    passA.push(mean(va.map((v) => (v.pass ? 1 : 0))));
    passB.push(mean(vb.map((v) => (v.pass ? 1 : 0))));
    scoreA.push(mean(va.map((v) => v.score)));
    scoreB.push(mean(vb.map((v) => v.score)));
    const cluster = va[0]?.cluster ?? vb[0]?.cluster;
    if (cluster !== undefined) clustered = true;
    clusters.push(cluster ?? ownCluster(id));
  }
  const onlyB = [...sb.keys()].filter((id) => !sa.has(id)).length;
  return { sampleIds, passA, passB, scoreA, scoreB, clusters: clustered ? clusters : null, binary, excluded: { errors, unscored, onlyA, onlyB } };
}

export interface Flip {
  readonly sampleId: string;
  /** Pass share on each side (1/0 with one epoch). */
  readonly baseline: number;
  readonly candidate: number;
}

/** Samples whose pass share went down (pass→fail) and up (fail→pass); the largest changes first. */
export function flips(p: PairedSamples): { readonly regressed: readonly Flip[]; readonly improved: readonly Flip[] } {
  const all = p.sampleIds.map((sampleId, i) => ({ sampleId, baseline: p.passA[i] ?? 0, candidate: p.passB[i] ?? 0 }));
  const by = (x: Flip) => Math.abs(x.candidate - x.baseline);
  return {
    regressed: all.filter((f) => f.candidate < f.baseline).sort((x, y) => by(y) - by(x)),
    improved: all.filter((f) => f.candidate > f.baseline).sort((x, y) => by(y) - by(x)),
  };
}

/** Which model of each run to compare: the one given, the same id in both, or each run's only model. */
export function chooseModels(a: RunView, b: RunView, wanted: { baseline?: string; candidate?: string }): { pairs: [string, string][]; problem?: string } {
  const ma = a.summary.models.map((m) => m.model);
  const mb = b.summary.models.map((m) => m.model);
  if (wanted.baseline !== undefined || wanted.candidate !== undefined) {
    const x = wanted.baseline ?? wanted.candidate ?? '';
    const y = wanted.candidate ?? wanted.baseline ?? '';
    if (!ma.includes(x)) return { pairs: [], problem: `${a.shownDir} has no model ${x} (it has ${ma.join(', ')})` };
    if (!mb.includes(y)) return { pairs: [], problem: `${b.shownDir} has no model ${y} (it has ${mb.join(', ')})` };
    return { pairs: [[x, y]] };
  }
  const common = ma.filter((m) => mb.includes(m));
  if (common.length > 0) return { pairs: common.map((m) => [m, m]) };
  if (ma.length === 1 && mb.length === 1) return { pairs: [[ma[0] ?? '', mb[0] ?? '']] };
  return { pairs: [], problem: `the runs share no model (${ma.join(', ')} / ${mb.join(', ')}); name them with --baseline-model and --candidate-model` };
}
