// createScorer: the common options every scorer type shares (expected, negate, weight, templated options).
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../../../src/prompt/template.js';
import { createScorer } from '../../../../src/scoring/create.js';
import type { Json } from '../../../../src/types.js';
import { expectVerdict, input, run, signal, spec } from './harness.js';

describe('createScorer', () => {
  it('exposes the name and weight from the spec', () => {
    const s = createScorer(spec({ type: 'equals', name: 'exact-queue', weight: 0.25 }));
    expect(s.name).toBe('exact-queue');
    expect(s.weight).toBe(0.25);
  });

  it('names every score after the scorer', async () => {
    const s = await run({ type: 'contains', name: 'mentions-refund' }, { text: 'no', target: 'refund' });
    expect(s.name).toBe('mentions-refund');
  });

  it('rejects an unknown type', () => {
    expect(() => createScorer(spec({ type: 'no-such-scorer' }))).toThrow(/no-such-scorer/);
  });
});

describe('expected', () => {
  it.each<readonly [label: string, expected: Json | undefined, target: Json | undefined, vars: Readonly<Record<string, Json>>, text: string, pass: boolean]>([
    ['the target when expected is absent', undefined, 'billing', {}, 'billing', true],
    ['expected wins over the target', 'technical', 'billing', {}, 'technical', true],
    ['a lone {{var}}', '{{answer}}', undefined, { answer: 'Paris' }, 'Paris', true],
    ['a lone {{ var }} with spaces', '{{ answer }}', undefined, { answer: 'Paris' }, 'Paris', true],
    ['a nested {{a.b[0]}}', '{{gold.answers[0]}}', undefined, { gold: { answers: ['Lyon', 'Paris'] } }, 'Lyon', true],
    ['text around a {{var}}', 'Queue: {{queue}}', undefined, { queue: 'billing' }, 'Queue: billing', true],
    ['text around a {{var}}, wrong answer', 'Queue: {{queue}}', undefined, { queue: 'billing' }, 'Queue: technical', false],
    ['unicode var name and value', '{{ville}} — {{名前}}', undefined, { ville: 'Zürich', 名前: '太郎' }, 'Zürich — 太郎', true],
  ])('%s', async (_label, expected, target, vars, text, pass) => {
    const s = await run({ type: 'equals', ...(expected !== undefined && { expected }) }, { text, vars, ...(target !== undefined && { target }) });
    expectVerdict(s, pass);
  });

  it('a lone {{var}} keeps the JSON type (a number stays a number)', async () => {
    expectVerdict(await run({ type: 'numeric', expected: '{{n}}' }, { text: 'Answer: 1,024', vars: { n: 1024 } }), true);
    expectVerdict(await run({ type: 'json-field', expected: '{{n}}', options: { path: 'n' } }, { text: '{"n": 1024}', vars: { n: 1024 } }), true);
  });

  it('a {{var}} the sample cannot fill is a TemplateError, not a silent pass', () => {
    const scorer = createScorer(spec({ type: 'equals', expected: '{{missing}}' }));
    expect(() => scorer.score(input({ text: 'anything', vars: { present: 1 } }), signal())).toThrow(TemplateError);
  });
});

describe('templated options', () => {
  it.each<readonly [label: string, allowed: Json, vars: Readonly<Record<string, Json>>, text: string, target: string, pass: boolean]>([
    ['allowed from a list var', '{{queues}}', { queues: ['billing', 'technical'] }, 'technical', 'technical', true],
    ['allowed from a list var, ambiguous', '{{queues}}', { queues: ['billing', 'technical'] }, 'billing or technical', 'billing', false],
    ['allowed from a nested var', '{{meta.queues}}', { meta: { queues: ['billing', 'technical'] } }, 'Billing.', 'billing', true],
    ['allowed as a list of templates', ['{{a}}', '{{b}}'], { a: 'billing', b: 'technical' }, 'billing or technical', 'technical', false],
  ])('%s', async (_label, allowed, vars, text, target, pass) => {
    expectVerdict(await run({ type: 'label', options: { allowed } }, { text, target, vars }), pass);
  });

  it('renders per sample', async () => {
    const scorer = createScorer(spec({ type: 'contains-any', options: { values: '{{keywords}}' } }));
    const a = await scorer.score(input({ text: 'refund please', vars: { keywords: ['refund'] } }), signal());
    const b = await scorer.score(input({ text: 'refund please', vars: { keywords: ['password'] } }), signal());
    expect([a.pass, b.pass]).toEqual([true, false]);
  });
});

describe('negate', () => {
  it.each<readonly [label: string, type: string, text: string, target: Json, options: Readonly<Record<string, Json>>, value: number, pass: boolean]>([
    ['a match becomes a fail', 'contains', 'I am sorry, I cannot help.', 'sorry', {}, 0, false],
    ['a miss becomes a pass', 'contains', 'Here is your answer.', 'sorry', {}, 1, true],
    ['a partial value becomes 1 − value', 'contains-all', 'apples only', ['apples', 'pears'], {}, 0.5, true],
    ['a 3/4 value becomes 1/4', 'contains-all', 'a b c', ['a', 'b', 'c', 'd'], {}, 0.25, true],
    ['empty output never contains the forbidden word', 'contains', '', 'sorry', {}, 1, true],
  ])('%s', async (_label, type, text, target, options, value, pass) => {
    const s = await run({ type, negate: true, options }, { text, target });
    expectVerdict(s, pass);
    expect(s.value).toBeCloseTo(value, 10);
  });

  it('a negated fail says that the assertion matched', async () => {
    const s = await run({ type: 'contains', negate: true }, { text: 'sorry', target: 'sorry' });
    expect(s.reason).toMatch(/negated/);
  });

  it('negation does not touch name or weight', () => {
    const s = createScorer(spec({ type: 'contains', name: 'no-apology', weight: 2, negate: true }));
    expect([s.name, s.weight]).toEqual(['no-apology', 2]);
  });
});
