import type { CascadeSummary, JudgeSelfAgreement, JudgeTotals } from '../../summary/model-summary.js';
import { int, pct, usd } from '../../util/format.js';

// The judge's own figures under a model's line (issue 5), as plain text for the terminal and (through
// mdText) Markdown: per cascaded scorer how many items escalated, what each judge cost and how often
// the two judges agreed; per scorer asked k >= 2 samples, how often the judge agreed with itself.

/**
 * "judge cascade (rubric): 37 of 200 items (18.5%) escalated to X (near 30, disagree 12); escalation
 * cost $0.012 of $0.046 judge cost; judges agreed on 29/37 escalated (78.4%, 95% CI 62.8%–88.6%)";
 * "…on 24/32 escalated with a cheap verdict…" when some cheap judges gave none.
 */
export function cascadeLine(c: CascadeSummary, ci: string): string {
  const head = `judge cascade (${c.scorer}): ${int(c.escalated)} of ${int(c.items)} item(s) (${pct(c.escalatedShare)}) escalated to ${c.escalateTo}`;
  if (c.escalated === 0) return `${head}; judge cost ${usd(c.costUsd)}, all of it the cheap judge's`;
  const r = c.reasons;
  // The reasons that occurred (a pairwise scorer is never near: it has no threshold).
  const why = ([['near', r.near], ['disagree', r.disagree], ['flip', r.flip], ['no cheap verdict', r.error]] as const)
    .filter(([, n]) => n > 0).map(([k, n]) => `${k} ${int(n)}`).join(', ');
  const cost = `escalation cost ${usd(c.escalationCostUsd)} of ${usd(c.costUsd)} judge cost (cheap judge ${usd(c.cheapCostUsd)})`;
  const interval = c.agreementCi === null ? '' : `, ${ci} ${pct(c.agreementCi[0])}–${pct(c.agreementCi[1])}`;
  const compared = c.compared === c.escalated ? 'escalated' : `escalated with both verdicts`;
  const unresolved = c.unresolved > 0 ? `; ${int(c.unresolved)} escalated item(s) got no verdict from either judge (judge errors)` : '';
  return `${head} (${why}); ${cost}; judges agreed on ${int(c.agreed)}/${int(c.compared)} ${compared} (${pct(c.agreement)}${interval})${unresolved}`;
}

/** "judge self-agreement (rubric): samples unanimous on 160 of 200 item(s) (80.0%); mean agreement 90.0%". */
export function selfAgreementLine(a: JudgeSelfAgreement): string {
  return `judge self-agreement (${a.scorer}): samples unanimous on ${int(a.unanimous)} of ${int(a.items)} item(s) (${pct(a.unanimousShare)}); mean agreement ${pct(a.meanAgreement)}`;
}

/** Every cascade and self-agreement line of a model's judge totals, in that order. */
export function judgeDetailLines(j: JudgeTotals, ci: string): string[] {
  return [...(j.cascade ?? []).map((c) => cascadeLine(c, ci)), ...(j.selfAgreement ?? []).map(selfAgreementLine)];
}
