import { describe, expect, it } from 'vitest';
import { doc, FILE, issuesOf, load, type Doc } from './helpers.js';

// A sim judge's `agreement` is its probability of agreeing with the truth. A judge that is also a
// model under test is simulated with that model's own settings, so an agreement there would be
// silently ignored: the spec is refused, once per place it is written.

const rubric = (extra: Doc = {}): Doc => ({ type: 'rubric', rubric: 'good?', scale: { min: 1, max: 10 }, pass_at: 7, ...extra });
const MODELS = ['anthropic:claude-haiku-5-5', 'anthropic:claude-sonnet-5-5'];

describe('resolveSpec: judge.agreement on a model under test', () => {
  it.each([
    ['the spec-level judge (two scorers: one message)', { models: MODELS, judge: { model: 'anthropic:claude-sonnet-5-5', agreement: 0.9 }, scorers: [rubric(), rubric({ name: 'second' })] }, ['#/judge/agreement: anthropic:claude-sonnet-5-5 is also a model under test']],
    ['a scorer\'s own judge', { models: MODELS, scorers: [rubric({ judge: { model: 'anthropic:claude-haiku-5-5', agreement: 0.8 } })] }, ['#/scorers/0/judge/agreement: anthropic:claude-haiku-5-5 is also a model under test']],
    ['an escalation judge', { models: MODELS, judge: { model: 'sim:judge', escalate: { model: 'anthropic:claude-sonnet-5-5', agreement: 0.95, when: { near: 1 } } }, scorers: [rubric()] }, ['#/judge/escalate/agreement: anthropic:claude-sonnet-5-5 is also a model under test']],
  ])('refuses %s', (_name, changes, messages) => {
    expect(issuesOf(() => load(doc(changes)))).toEqual(messages.map((m) => expect.stringContaining(`${FILE}${m}`)));
  });

  it.each([
    ['a judge that is not under test', { models: MODELS, judge: { model: 'anthropic:claude-opus-5-5', agreement: 0.9 }, scorers: [rubric()] }],
    ['a judge under test without agreement', { models: MODELS, judge: { model: 'anthropic:claude-sonnet-5-5' }, scorers: [rubric()] }],
    ['a scorer naming a judge under test, with a spec-level agreement meant for the spec-level judge', { models: MODELS, judge: { model: 'sim:judge', agreement: 0.9 }, scorers: [rubric(), rubric({ name: 'own', judge: { model: 'anthropic:claude-sonnet-5-5' } })] }],
  ])('accepts %s', (_name, changes) => {
    expect(() => load(doc(changes))).not.toThrow();
  });
});
