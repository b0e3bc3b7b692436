import { describe, expect, it } from 'vitest';
import { cascadeLine, judgeDetailLines, selfAgreementLine } from '../../../src/report/render/judge-text.js';
import { judgeLine } from '../../../src/report/render/lines.js';
import type { CascadeSummary, JudgeTotals } from '../../../src/summary/model-summary.js';

const cascade = (over: Partial<CascadeSummary> = {}): CascadeSummary => ({
  scorer: 'rubric', escalateTo: 'anthropic:claude-sonnet-5-5', items: 200, escalated: 37, escalatedShare: 0.185, reasons: { near: 30, disagree: 12, flip: 0, error: 0 },
  cheapCostUsd: 0.0333, escalationCostUsd: 0.0123, costUsd: 0.0456, unresolved: 0, compared: 37, agreed: 29, agreement: 29 / 37, agreementCi: [0.628, 0.886], ...over,
});

describe('judge text', () => {
  it.each([
    ['escalations', cascade(), '95% CI',
      'judge cascade (rubric): 37 of 200 item(s) (18.5%) escalated to anthropic:claude-sonnet-5-5 (near 30, disagree 12); escalation cost $0.012 of $0.046 judge cost (cheap judge $0.033); judges agreed on 29/37 escalated (78.4%, 95% CI 62.8%–88.6%)'],
    ['nothing escalated', cascade({ escalated: 0, escalatedShare: 0, reasons: { near: 0, disagree: 0, flip: 0, error: 0 }, escalationCostUsd: 0, costUsd: 0.0333, compared: 0, agreed: 0, agreement: null, agreementCi: null }), '95% CI',
      'judge cascade (rubric): 0 of 200 item(s) (0.0%) escalated to anthropic:claude-sonnet-5-5; judge cost $0.033, all of it the cheap judge\'s'],
    ['unknown prices, another level', cascade({ escalationCostUsd: null, costUsd: null }), '90% CI',
      'judge cascade (rubric): 37 of 200 item(s) (18.5%) escalated to anthropic:claude-sonnet-5-5 (near 30, disagree 12); escalation cost unknown of unknown judge cost (cheap judge $0.033); judges agreed on 29/37 escalated (78.4%, 90% CI 62.8%–88.6%)'],
    ['pairwise flips and cheap judges without a verdict', cascade({ reasons: { near: 0, disagree: 3, flip: 30, error: 5 }, compared: 32, agreed: 24, agreement: 0.75, agreementCi: [0.578, 0.867] }), '95% CI',
      'judge cascade (rubric): 37 of 200 item(s) (18.5%) escalated to anthropic:claude-sonnet-5-5 (disagree 3, flip 30, no cheap verdict 5); escalation cost $0.012 of $0.046 judge cost (cheap judge $0.033); judges agreed on 24/32 escalated with both verdicts (75.0%, 95% CI 57.8%–86.7%)'],
    ['escalations neither judge answered', cascade({ unresolved: 2, compared: 35, agreed: 28, agreement: 0.8, agreementCi: [0.64, 0.9] }), '95% CI',
      'judge cascade (rubric): 37 of 200 item(s) (18.5%) escalated to anthropic:claude-sonnet-5-5 (near 30, disagree 12); escalation cost $0.012 of $0.046 judge cost (cheap judge $0.033); judges agreed on 28/35 escalated with both verdicts (80.0%, 95% CI 64.0%–90.0%); 2 escalated item(s) got no verdict from either judge (judge errors)'],
  ])('cascadeLine: %s', (_name, c, ci, want) => {
    expect(cascadeLine(c, ci)).toBe(want);
  });

  it('selfAgreementLine', () => {
    expect(selfAgreementLine({ scorer: 'rubric', items: 200, meanAgreement: 0.9, unanimous: 160, unanimousShare: 0.8 }))
      .toBe('judge self-agreement (rubric): samples unanimous on 160 of 200 item(s) (80.0%); mean agreement 90.0%');
  });

  it.each([
    ['neither', {}, 0],
    ['both', { cascade: [cascade()], selfAgreement: [{ scorer: 'rubric', items: 2, meanAgreement: 1, unanimous: 2, unanimousShare: 1 }] }, 2],
  ])('judgeDetailLines: %s', (_name, extra, n) => {
    const j: JudgeTotals = { calls: 1, answers: 1, tokens: { input: 1, output: 1, thinking: 0 }, costUsd: 0, errors: 0, ...extra };
    expect(judgeDetailLines(j, '95% CI')).toHaveLength(n);
  });
});

describe('judgeLine', () => {
  const totals = { calls: 12, answers: 14, tokens: { input: 5000, output: 250 }, costUsd: 0.0123, errors: 1 };
  it.each([
    ['without judge names (older summaries)', totals, 'judge: 12 call(s), 2 answer(s) from the cache, 5,000 in / 250 out tokens, $0.012 (apart from the model\'s cost); 1 item(s) ended as judge errors (counted apart, never as failures)'],
    ['naming the judges', { ...totals, errors: 0, models: ['anthropic:claude-haiku-5-5', 'sim:judge'] }, 'judge: 12 call(s), 2 answer(s) from the cache, 5,000 in / 250 out tokens, $0.012 (apart from the model\'s cost); judged by anthropic:claude-haiku-5-5, sim:judge'],
  ])('%s', (_name, j, want) => {
    expect(judgeLine(j)).toBe(want);
  });
});
