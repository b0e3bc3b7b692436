import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../src/types.js';
import { createScorer } from '../../../../src/scoring/create.js';
import { expectVerdict, input, run, signal, spec } from './harness.js';

type Row = readonly [label: string, text: string, expected: Json, options: Readonly<Record<string, Json>>, pass: boolean];

describe('equals', () => {
  it.each<Row>([
    ['exact', 'billing', 'billing', {}, true],
    ['trailing newline', 'billing\n', 'billing', {}, true],
    ['surrounding spaces and CRLF', '  billing \r\n', 'billing', {}, true],
    ['expected has whitespace too', 'billing', ' billing\n', {}, true],
    ['case differs', 'Billing', 'billing', {}, false],
    ['case differs, ignore_case', 'BILLING', 'billing', { ignore_case: true }, true],
    ['markdown bold is not equal', '**billing**', 'billing', {}, false],
    ['trailing period is not equal', 'billing.', 'billing', {}, false],
    ['extra words', 'billing or technical', 'billing', {}, false],
    ['empty output', '', 'billing', {}, false],
    ['numeric target against its text', '42', 42, {}, true],
    ['numeric target, different spelling', '42.0', 42, {}, false],
    ['boolean target', 'true\n', true, {}, true],
    ['accents, ignore_case', 'CAFÉ CRÈME', 'café crème', { ignore_case: true }, true],
    ['accents are significant', 'cafe', 'café', {}, false],
    ['CJK', '東京\n', '東京', {}, true],
    ['CJK differs', '京都', '東京', {}, false],
  ])('%s', async (_label, text, target, options, pass) => {
    expectVerdict(await run({ type: 'equals', options }, { text, target }), pass);
  });

  it('names the expected value in the reason', async () => {
    const s = await run({ type: 'equals' }, { text: 'technical', target: 'billing' });
    expect(s.reason).toContain('billing');
  });
});

describe('contains', () => {
  it.each<Row>([
    ['in a sentence', 'The ticket belongs to billing.\n', 'billing', {}, true],
    ['inside markdown', 'Queue: **billing**', 'billing', {}, true],
    ['absent', 'technical support', 'billing', {}, false],
    ['case differs', 'BILLING', 'billing', {}, false],
    ['case differs, ignore_case', 'BILLING', 'billing', { ignore_case: true }, true],
    ['empty output', '', 'billing', {}, false],
    ['accents', 'La réponse est « Zürich ».', 'Zürich', {}, true],
    ['accents, ignore_case', 'LA RÉPONSE EST ZÜRICH', 'zürich', { ignore_case: true }, true],
    ['CJK', '答案是东京。', '东京', {}, true],
    ['numeric target', 'The total is 1299 dollars', 1299, {}, true],
  ])('%s', async (_label, text, target, options, pass) => {
    expectVerdict(await run({ type: 'contains', options }, { text, target }), pass);
  });
});

describe('contains-any', () => {
  it.each<Row>([
    ['one of two', 'It is a technical problem.', ['billing', 'technical'], {}, true],
    ['both', 'billing or technical', ['billing', 'technical'], {}, true],
    ['none', 'I am not sure.', ['billing', 'technical'], {}, false],
    ['empty output', '', ['billing', 'technical'], {}, false],
    ['ignore_case', 'TECHNICAL', ['billing', 'technical'], { ignore_case: true }, true],
    ['single string target', 'billing!', 'billing', {}, true],
    ['CJK', '这是技术问题', ['账单', '技术'], {}, true],
  ])('%s (values from the target)', async (_label, text, target, options, pass) => {
    expectVerdict(await run({ type: 'contains-any', options }, { text, target }), pass);
  });

  it('takes values from a {{var}} holding a list', async () => {
    const vars = { synonyms: ['refund', 'money back'] };
    expectVerdict(await run({ type: 'contains-any', options: { values: '{{synonyms}}' } }, { text: 'I want my money back', vars }), true);
    expectVerdict(await run({ type: 'contains-any', options: { values: '{{synonyms}}' } }, { text: 'Thanks!', vars }), false);
  });

  it('renders a list of templates element-wise and prefers values over the target', async () => {
    const s = await run({ type: 'contains-any', options: { values: ['{{city}}', 'capital of {{country}}'] } }, { text: 'It is the capital of France.', target: 'nope', vars: { city: 'Paris', country: 'France' } });
    expectVerdict(s, true);
  });

  it('names the values in the reason', async () => {
    const s = await run({ type: 'contains-any', options: { values: ['billing', 'technical'] } }, { text: 'no idea' });
    expect(s.reason).toContain('billing');
    expect(s.reason).toContain('technical');
  });
});

describe('contains-all', () => {
  it.each<readonly [string, string, Json, Readonly<Record<string, Json>>, boolean, number]>([
    ['all present', 'Paris is in France.', ['Paris', 'France'], {}, true, 1],
    ['one of two missing', 'Paris is lovely.', ['Paris', 'France'], {}, false, 0.5],
    ['one of four missing', 'a b c', ['a', 'b', 'c', 'd'], {}, false, 0.75],
    ['none present', '', ['Paris', 'France'], {}, false, 0],
    ['ignore_case', 'PARIS, FRANCE', ['paris', 'france'], { ignore_case: true }, true, 1],
    ['case matters by default', 'PARIS, FRANCE', ['paris', 'france'], {}, false, 0],
    ['unicode', 'São Paulo fica no Brasil', ['São Paulo', 'Brasil'], {}, true, 1],
  ])('%s', async (_label, text, target, options, pass, value) => {
    const s = await run({ type: 'contains-all', options }, { text, target });
    expectVerdict(s, pass);
    expect(s.value).toBeCloseTo(value, 10);
  });

  it('names only the missing values in the reason', async () => {
    const s = await run({ type: 'contains-all', options: { values: ['Paris', 'France'] } }, { text: 'Paris!' });
    expect(s.reason).toContain('France');
    expect(s.reason).not.toContain('Paris');
  });
});

describe('starts-with', () => {
  it.each<Row>([
    ['plain', 'Billing: the customer was charged twice', 'Billing', {}, true],
    ['leading blank lines and spaces', '\n\n   Billing', 'Billing', {}, true],
    ['starts elsewhere', 'The answer is Billing', 'Billing', {}, false],
    ['case differs', 'billing issue', 'Billing', {}, false],
    ['case differs, ignore_case', 'billing issue', 'Billing', { ignore_case: true }, true],
    ['empty output', '', 'Billing', {}, false],
    ['unicode', 'Ñandú es un ave', 'Ñandú', {}, true],
  ])('%s', async (_label, text, target, options, pass) => {
    expectVerdict(await run({ type: 'starts-with', options }, { text, target }), pass);
  });
});

describe('regex', () => {
  type RegexRow = readonly [label: string, text: string, pattern: string, flags: string | undefined, pass: boolean];
  it.each<RegexRow>([
    ['simple', 'Order #12345 shipped', '#\\d{5}\\b', undefined, true],
    ['no match', 'Order shipped', '#\\d{5}', undefined, false],
    ['anchored, trailing newline from the model', 'billing\n', '^(billing|technical)$', undefined, true],
    ['anchored, extra text', 'billing please', '^(billing|technical)$', undefined, false],
    ['case-sensitive by default', 'BILLING', '^billing$', undefined, false],
    ['flag i', 'BILLING', '^billing$', 'i', true],
    ['without m, ^ is the start of the text', 'Reasoning...\nAnswer: 42', '^Answer: \\d+$', undefined, false],
    ['flag m', 'Reasoning...\nAnswer: 42\nDone.', '^Answer: \\d+$', 'm', true],
    ['without s, . does not cross lines', 'BEGIN\nEND', 'BEGIN.END', undefined, false],
    ['flag s', 'BEGIN\nEND', 'BEGIN.END', 's', true],
    ['flag u with a property escape', 'Émile', '^\\p{Lu}\\p{Ll}+$', 'u', true],
    ['flag u, lowercase start', 'émile', '^\\p{Lu}', 'u', false],
    ['flags gi behave like i', 'Yes', '^yes$', 'gi', true],
    ['empty output', '', '\\S', undefined, false],
  ])('%s', async (_label, text, pattern, flags, pass) => {
    const options: Record<string, Json> = flags === undefined ? { pattern } : { pattern, flags };
    expectVerdict(await run({ type: 'regex', options }, { text }), pass);
  });

  it('with flag g, gives the same verdict on every call (no lastIndex state)', async () => {
    const scorer = createScorer(spec({ type: 'regex', options: { pattern: 'ok', flags: 'g' } }));
    const verdicts: boolean[] = [];
    for (let i = 0; i < 3; i++) verdicts.push((await scorer.score(input({ text: 'ok' }), signal())).pass);
    expect(verdicts).toEqual([true, true, true]);
  });

  it('renders {{var}} in the pattern', async () => {
    expectVerdict(await run({ type: 'regex', options: { pattern: '^Hello,? {{name}}' } }, { text: 'Hello Zoë!', vars: { name: 'Zoë' } }), true);
  });

  it('names the pattern in the reason', async () => {
    const s = await run({ type: 'regex', options: { pattern: '^\\d+$', flags: 'm' } }, { text: 'none' });
    expect(s.reason).toContain('^\\d+$');
  });

  it('a catastrophic-backtracking pattern on a 5,000-character answer ends with a verdict (linear-time engine)', async () => {
    // ^(\w+\s?)+$ against words ending in "." takes exponential time on a backtracking engine.
    const text = `${'word '.repeat(999)}word.`;
    expect(text.length).toBe(5000);
    expectVerdict(await run({ type: 'regex', options: { pattern: '^(\\w+\\s?)+$' } }, { text }), false);
    expectVerdict(await run({ type: 'regex', options: { pattern: '^(\\w+\\s?)+\\.$' } }, { text }), true);
  });

  it('negated: a refusal pattern that matches fails', async () => {
    const s = await run({ type: 'regex', negate: true, options: { pattern: "\\b(sorry|can't|cannot)\\b", flags: 'i' } }, { text: "I'm Sorry, I cannot help with that." });
    expectVerdict(s, false);
    expect(s.value).toBe(0);
  });
});
