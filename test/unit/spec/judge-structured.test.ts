import { describe, expect, it } from 'vitest';
import { doc, FILE, issuesOf, load, type Doc } from './helpers.js';

// judge.structured: how a judge's verdict is asked for. It belongs to the judge model, so it comes
// from the level that names the model; forced tool use is refused where the API rejects it.

const rubric = (extra: Doc = {}): Doc => ({ type: 'rubric', rubric: 'good?', scale: { min: 1, max: 10 }, pass_at: 7, ...extra });

describe('resolveSpec: judge.structured', () => {
  it.each([
    // spec-level judge, scorer's judge → the scorer's structured
    ['unset: the default (absent)', { model: 'anthropic:claude-haiku-5-5' }, undefined, undefined],
    ['spec-level tool reaches a scorer without its own model', { model: 'anthropic:claude-haiku-5-5', structured: 'tool' }, undefined, 'tool'],
    ['a scorer naming its own model does not take the spec-level mode', { model: 'anthropic:claude-haiku-5-5', structured: 'tool' }, { model: 'openai:local' }, undefined],
    ['a scorer\'s own mode wins', { model: 'anthropic:claude-haiku-5-5', structured: 'tool' }, { structured: 'none' }, 'none'],
    ['tool on an OpenAI-compatible judge', undefined, { model: 'openai:local', structured: 'tool' }, 'tool'],
    ['none on Sonnet 5.5', { model: 'anthropic:claude-sonnet-5-5', structured: 'none' }, undefined, 'none'],
  ] as const)('%s', (_name, spec, own, want) => {
    const s = load(doc({ ...(spec !== undefined && { judge: spec }), scorers: [rubric(own === undefined ? {} : { judge: own })] }));
    expect(s.scorers[0]?.judge?.structured).toBe(want);
  });

  it('the escalation judge has its own mode, not the cheap judge\'s', () => {
    const s = load(doc({ judge: { model: 'anthropic:claude-haiku-5-5', structured: 'tool', escalate: { model: 'anthropic:claude-sonnet-5-5', when: { near: 1 } } }, scorers: [rubric()] }));
    expect(s.scorers[0]?.judge?.structured).toBe('tool');
    expect(s.scorers[0]?.judge?.escalate?.structured).toBeUndefined();
  });

  it.each([
    ['tool on Sonnet 5.5 (spec level)', { judge: { model: 'anthropic:claude-sonnet-5-5', structured: 'tool' }, scorers: [rubric()] }, '#/judge/structured: anthropic:claude-sonnet-5-5 returns an error for forced tool use'],
    ['tool on Opus 5.5 (on a scorer)', { scorers: [rubric({ judge: { model: 'anthropic:claude-opus-5-5', structured: 'tool' } })] }, '#/scorers/0/judge/structured: anthropic:claude-opus-5-5 returns an error for forced tool use'],
    ['tool on an escalation to Fable 5.1', { judge: { model: 'anthropic:claude-haiku-5-5', escalate: { model: 'anthropic:claude-fable-5-1', structured: 'tool', when: { near: 1 } } }, scorers: [rubric()] }, '#/judge/escalate/structured: anthropic:claude-fable-5-1 returns an error for forced tool use'],
  ])('refuses %s, naming the file and the pointer', (_name, changes, message) => {
    expect(issuesOf(() => load(doc(changes)))).toEqual([expect.stringContaining(`${FILE}${message}`)]);
  });

  it('the schema refuses an unknown mode', () => {
    expect(issuesOf(() => load(doc({ judge: { model: 'sim:judge', structured: 'xml' }, scorers: [rubric()] })))).toEqual(expect.arrayContaining([expect.stringContaining('structured')]));
  });
});
