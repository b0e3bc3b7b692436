import { InputError } from '../errors.js';
import { minimumDetectableEffect, pairedPassRateOmega2, sampleSize, unpairedPassRateOmega2 } from '../stats/power.js';
import type { Output } from '../report/terminal.js';
import { thousands as int } from '../util/thousands.js';

// `haikubench plan-size`: how many samples a comparison needs to detect a drop of d from a pass rate r
// at power p and level α (Miller 2024, Eq. 9), or with --samples n, the
// smallest drop n samples can detect (Eq. 10). Paired comparisons (two models or two runs on the same
// samples) need far fewer samples, and how many depends on how often the two disagree: --discordance.

export interface PlanSizeArgs {
  readonly rate: number;
  readonly drop?: number | undefined;
  readonly samples?: number | undefined;
  readonly power: number;
  readonly alpha: number;
  readonly discordance?: number | undefined;
  readonly json: boolean;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function check(a: PlanSizeArgs): void {
  const issues: string[] = [];
  const inOpen = (name: string, v: number | undefined) => { if (v !== undefined && !(v > 0 && v < 1)) issues.push(`--${name} ${String(v)}: a fraction between 0 and 1`); };
  inOpen('rate', a.rate);
  inOpen('drop', a.drop);
  inOpen('power', a.power);
  inOpen('alpha', a.alpha);
  inOpen('discordance', a.discordance);
  if ((a.drop === undefined) === (a.samples === undefined)) issues.push('give exactly one of --drop (how many samples to detect it?) and --samples (what drop can they detect?)');
  if (a.samples !== undefined && !(Number.isInteger(a.samples) && a.samples > 0)) issues.push(`--samples ${String(a.samples)}: a whole number > 0`);
  if (a.drop !== undefined && a.drop >= a.rate) issues.push(`--drop ${a.drop}: must be below --rate ${a.rate}`);
  if (a.drop !== undefined && a.discordance !== undefined && a.discordance < a.drop) issues.push(`--discordance ${a.discordance}: at least the drop (${a.drop}): every lost point is a sample that differs`);
  if (issues.length > 0) throw new InputError('cli.flags', 'Invalid command-line flags:', issues);
}

export function planSizeFromCli(a: PlanSizeArgs, io: { out: Output }): number {
  check(a);
  const base = { alpha: a.alpha, power: a.power };
  const unpairedOmega = (d: number) => unpairedPassRateOmega2({ pA: a.rate, pB: a.rate - d });
  const pairedOmega = (d: number) => (a.discordance === undefined ? undefined : pairedPassRateOmega2({ discordance: a.discordance, meanDiff: d }));
  const conditions = `at ${pct(a.power)} power, two-sided α = ${a.alpha}`;
  if (a.drop !== undefined) {
    const unpaired = sampleSize({ ...base, delta: a.drop, omega2: unpairedOmega(a.drop) }).n;
    const po = pairedOmega(a.drop);
    const paired = po === undefined ? null : sampleSize({ ...base, delta: a.drop, omega2: po }).n;
    if (a.json) {
      io.out.write(`${JSON.stringify({ rate: a.rate, drop: a.drop, power: a.power, alpha: a.alpha, unpaired, paired, discordance: a.discordance ?? null })}\n`);
      return 0;
    }
    const lines = [`To detect a drop of ${(a.drop * 100).toFixed(1)} pts from a pass rate of ${pct(a.rate)} ${conditions}:`,
      `  two independent runs (unpaired): ${int(unpaired)} samples each`,
      paired === null
        ? '  the same samples in both runs (paired): give --discordance, the share of samples on which the two disagree (from an earlier `haikubench compare`: (pass→fail + fail→pass) / paired samples)'
        : `  the same samples in both runs (paired, ${pct(a.discordance ?? 0)} of samples disagree): ${int(paired)} samples`];
    io.out.write(`${lines.join('\n')}\n`);
    return 0;
  }
  const n = a.samples ?? 0;
  // The detectable drop is found where Eq. 10 holds for its own variance: iterate d = MDE(ω²(d)).
  const solve = (omega: (d: number) => number | undefined): number | null => {
    let d = 0;
    for (let i = 0; i < 50; i++) {
      const o = omega(Math.min(d, a.rate));
      if (o === undefined) return null;
      d = minimumDetectableEffect({ ...base, n, omega2: o });
    }
    return d;
  };
  const unpaired = solve(unpairedOmega);
  const paired = a.discordance === undefined ? null : minimumDetectableEffect({ ...base, n, omega2: pairedPassRateOmega2({ discordance: a.discordance }) });
  if (a.json) {
    io.out.write(`${JSON.stringify({ rate: a.rate, samples: n, power: a.power, alpha: a.alpha, unpaired, paired, discordance: a.discordance ?? null })}\n`);
    return 0;
  }
  const lines = [`With ${int(n)} samples, from a pass rate of ${pct(a.rate)} ${conditions}, the smallest detectable drop is:`,
    `  two independent runs (unpaired): ${unpaired === null ? '—' : `${(unpaired * 100).toFixed(1)} pts`}`,
    paired === null ? '  the same samples in both runs (paired): give --discordance' : `  the same samples in both runs (paired, ${pct(a.discordance ?? 0)} disagree): ${(paired * 100).toFixed(1)} pts`];
  io.out.write(`${lines.join('\n')}\n`);
  return 0;
}
