import { describe, expect, it } from 'vitest';
import { judgePrompts } from '../../../src/report/judge-prompts.js';
import { judgeSystemPrompt } from '../../../src/judge/prompt.js';
import { scorerSpec } from '../runner/fakes.js';

// judge-prompts.json: the version and system prompt of each judge kind a spec uses, nothing without one.

describe('judgePrompts', () => {
  it.each<[string, string[], string[] | null]>([
    ['no model-graded scorer: no file', ['label', 'max-latency'], null],
    ['one kind', ['label', 'rubric'], ['rubric']],
    ['every kind used, once each, in a fixed order', ['pairwise', 'criteria', 'rubric', 'reference', 'rubric'], ['rubric', 'reference', 'criteria', 'pairwise']],
  ])('%s', (_label, types, kinds) => {
    const content = judgePrompts({ scorers: types.map((t) => scorerSpec(t)) }) as { prompts: Record<string, { version: string; system: string }> } | null;
    if (kinds === null) return expect(content).toBeNull();
    expect(Object.keys(content?.prompts ?? {})).toEqual(kinds);
    for (const k of kinds) expect(content?.prompts[k]).toEqual({ version: `${k}-v1`, system: judgeSystemPrompt(k as 'rubric') });
  });

  it('a pairwise scorer with scale: graded adds its own prompt version', () => {
    const content = judgePrompts({ scorers: [scorerSpec('pairwise', { options: { scale: 'graded' } })] }) as { prompts: Record<string, { version: string; system: string }> } | null;
    expect(content?.prompts).toEqual({
      pairwise: { version: 'pairwise-v1', system: judgeSystemPrompt('pairwise') },
      'pairwise-graded': { version: 'pairwise-graded-v1', system: judgeSystemPrompt('pairwise') },
    });
  });
});
