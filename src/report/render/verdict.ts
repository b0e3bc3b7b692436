import type { BaselineSection, RunSummary } from '../../summary/run-summary.js';
import { pct, usd } from './format.js';
import { maxCostSpent } from './cost-text.js';
import { calibrationMessage } from '../../judge/agreement/calibration-gate.js';

// The headline of a run for CI reports (Markdown, JUnit): one word and the reason, and how models are
// named there. Pure; the same words as the exit code (0 PASSED, 1 FAILED, 3 INCOMPLETE).

export const SIMULATED = '[SIMULATED]';

export type VerdictWord = 'PASSED' | 'FAILED' | 'INCOMPLETE';

export interface VerdictLine {
  readonly word: VerdictWord;
  /** One sentence, plain text (callers escape it for their format). */
  readonly reason: string;
}

/** "anthropic:claude-haiku-5-5 [SIMULATED]" for a stand-in (its "(simulated)" label suffix folded in). */
export function modelDisplayName(m: { readonly label: string; readonly simulated: boolean }): string {
  return m.simulated ? `${m.label.replace(/ \(simulated\)$/, '')} ${SIMULATED}` : m.label;
}

/** The display name of the model a gate or record names, by id; the id itself when the run lacks it. */
export function displayNameOf(s: RunSummary, modelId: string): string {
  const m = s.models.find((x) => x.model === modelId);
  return m === undefined ? modelId : modelDisplayName(m);
}

function incompleteReason(s: RunSummary): string {
  const done = `${s.items.finished}/${s.items.planned} items`;
  if (s.status === 'aborted') {
    const why = s.stoppedBy === 'max_cost'
      ? `stopped by --max-cost ${usd(s.options.maxCostUsd)}${maxCostSpent(s.models)}`
      : s.stoppedBy === 'circuit_breaker' ? 'stopped by the circuit breaker'
        : s.stoppedBy === 'batch_error' ? 'the batch run stopped' : 'the run was interrupted';
    return `${why} after ${done}${s.stopMessage !== null && s.stopMessage !== '' ? `: ${s.stopMessage}` : ''}; partial results`;
  }
  if (s.items.finished === 0) return `no items finished (0/${s.items.planned}); nothing was scored`;
  const over = s.models.filter((m) => m.n > 0 && m.errors / m.n > s.options.maxErrorRate).map((m) => `${modelDisplayName(m)} ${m.errors}/${m.n}`);
  return `items ended in error above the allowed ${pct(s.options.maxErrorRate, 0)} per model (${over.join(', ')})`;
}

/** run --baseline failed the run: which of its gates, or "see the comparison" when none could be applied. */
export function baselineFailure(b: BaselineSection): string {
  const failed = b.gates.filter((g) => !g.pass && g.status !== 'inconclusive').map((g) => g.gate);
  const blind = b.gates.filter((g) => !g.pass && g.status === 'inconclusive').map((g) => g.gate);
  const inconclusive = blind.length === 0 ? '' : `a gate against the baseline is INCONCLUSIVE: the samples cannot detect a drop of its size, and a gate that cannot see cannot vouch (${blind.join('; ')}; regression.on_inconclusive: fail)`;
  if (failed.length === 0 && inconclusive !== '') return inconclusive;
  return `a gate against the baseline failed (${failed.join('; ') || 'see the comparison'})${inconclusive === '' ? '' : `; ${inconclusive}`}`;
}

/** Gates against the baseline that were inconclusive but let through (on_inconclusive: warn), said with the verdict; '' when none. */
export function inconclusiveWarning(s: Pick<RunSummary, 'baseline'>): string {
  const warned = (s.baseline?.gates ?? []).filter((g) => g.pass && g.status === 'inconclusive').map((g) => g.gate);
  return warned.length === 0 ? '' : `; INCONCLUSIVE against the baseline, passed only because regression.on_inconclusive is warn: the samples cannot detect a drop of the gate's size (${warned.join('; ')})`;
}

/** How many gates decided the verdict: the spec's (not skipped), the judges' agreement, the baseline's. */
export function gatesApplied(s: RunSummary): number {
  return s.gates.filter((g) => !g.skipped).length + (s.judgeCalibration?.length ?? 0) + (s.baseline?.gates.length ?? 0);
}

export function verdictOf(s: RunSummary): VerdictLine {
  if (s.verdict === 'incomplete') return { word: 'INCOMPLETE', reason: incompleteReason(s) };
  if (s.verdict === 'gate_failed') {
    const failed = s.gates.filter((g) => !g.skipped && !g.pass).map((g) => `${displayNameOf(s, g.model)}: ${g.reason}`);
    const judges = (s.judgeCalibration ?? []).filter((e) => e.met !== true).map((e) => `${displayNameOf(s, e.model)}: ${calibrationMessage(e)}`);
    if (failed.length + judges.length === 0 && s.baseline !== undefined) return { word: 'FAILED', reason: baselineFailure(s.baseline) };
    return { word: 'FAILED', reason: `quality gate failed (${[...judges, ...failed].join('; ')})` };
  }
  const applied = s.gates.filter((g) => !g.skipped).length + (s.judgeCalibration?.length ?? 0);
  return { word: 'PASSED', reason: `${applied > 0 ? `all ${applied} quality gate(s) passed` : 'no quality gates applied; every item finished'}${inconclusiveWarning(s)}` };
}

/** A path as a shell word: quoted when it holds anything but plain path characters. */
const shellWord = (path: string): string => (/^[\w./:@%+=,-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`);

/**
 * Appended to the verdict line when items ended in error (retries spent, an outage longer than the
 * connection budget …): how many, and the exact command that runs them again. Empty otherwise.
 */
export function retryErrorsNote(s: RunSummary, runDir: string): string {
  const n = s.items.errors;
  if (n === 0) return '';
  return ` ${n} item${n === 1 ? '' : 's'} ended in error; run ${n === 1 ? 'it' : 'them'} again: haikubench run --resume ${shellWord(runDir)} --retry-errors`;
}

const RANK: Readonly<Record<VerdictWord, number>> = { PASSED: 0, FAILED: 1, INCOMPLETE: 2 };

/** Of several runs, the worst word (as the exit code: incomplete over failed over passed). */
export function worstWord(words: readonly VerdictWord[]): VerdictWord {
  return words.reduce<VerdictWord>((worst, w) => (RANK[w] > RANK[worst] ? w : worst), 'PASSED');
}
