import type { RunSummary } from '../../summary/run-summary.js';
import { pct } from './format.js';
import { gatesApplied, modelDisplayName } from './verdict.js';
import { layoutTable } from './layout.js';
import { plain, type Style } from './style.js';

// One line per eval when a command ran several: where each stands and where its files are.
// An eval without gates that finished is 'no gates', not 'passed' (its exit code is 0 all the same).

const VERDICT = { pass: 'passed', gate_failed: 'GATE FAILED', incomplete: 'INCOMPLETE' } as const;

export function renderOverview(runs: readonly { readonly summary: RunSummary; readonly runDir: string }[], o: { readonly width?: number; readonly style?: Style } = {}): string {
  const rows = runs.map(({ summary: s, runDir }) => [
    `${s.eval.id}${s.simulated ? ' [SIMULATED]' : ''}`,
    // A run without gates passed nothing: it finished.
    s.verdict === 'pass' && gatesApplied(s) === 0 ? 'no gates' : VERDICT[s.verdict],
    s.models.map((m) => `${modelDisplayName(m)} ${pct(m.passRate)}`).join(', '),
    String(s.items.errors),
    runDir,
  ]);
  const lines = layoutTable([['eval', 'verdict', 'pass rate per model', 'errors', 'run directory'], ...rows], { width: o.width ?? Number.POSITIVE_INFINITY, style: o.style ?? plain });
  return `\n${lines.join('\n')}\n`;
}
