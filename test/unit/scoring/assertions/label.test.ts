import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../src/types.js';
import { expectVerdict, run } from './harness.js';

const QUEUES = ['billing', 'technical', 'account_access'];
type Row = readonly [label: string, text: string, target: string, pass: boolean];

describe('label with an allowed list', () => {
  it.each<Row>([
    ['exact', 'billing', 'billing', true],
    ['trailing newline', 'billing\n', 'billing', true],
    ['capitalised', 'Billing', 'billing', true],
    ['markdown bold', '**billing**', 'billing', true],
    ['quoted', '"Billing"', 'billing', true],
    ['prefix and trailing period', 'Queue: Billing.', 'billing', true],
    ['bold prefix', '**Category:** Billing', 'billing', true],
    ['label then explanation', 'Billing - the customer was charged twice.', 'billing', true],
    ['label on the first line, reasoning after', 'technical\n\nThe router keeps rebooting.', 'technical', true],
    ['mentioned once in a sentence', 'This ticket is about billing.', 'billing', true],
    ['spaces for underscores', 'Account Access', 'account_access', true],
    ['hyphen for underscore', 'account-access', 'account_access', true],
    ['wrong label', 'technical', 'billing', false],
    ['wrong label with prefix', 'Queue: Technical.', 'billing', false],
    ['ambiguous: two labels', 'billing or technical', 'billing', false],
    ['ambiguous: two labels in prose', 'It could be billing, or maybe technical.', 'technical', false],
    ['empty output', '', 'billing', false],
    ['no allowed label', 'I am not sure which queue.', 'billing', false],
    ['substring of a longer word is not a label', 'rebilling', 'billing', false],
  ])('%s', async (_label, text, target, pass) => {
    expectVerdict(await run({ type: 'label', options: { allowed: QUEUES } }, { text, target }), pass);
  });

  it('says why an ambiguous answer fails', async () => {
    const s = await run({ type: 'label', options: { allowed: QUEUES } }, { text: 'billing or technical', target: 'billing' });
    expect(s.reason).toMatch(/several|ambiguous/);
  });

  it('names what it got and what it expected', async () => {
    const s = await run({ type: 'label', options: { allowed: QUEUES } }, { text: 'Technical', target: 'billing' });
    expect(s.reason).toContain('technical');
    expect(s.reason).toContain('billing');
  });
});

describe('label with unicode labels', () => {
  it.each<readonly [label: string, allowed: readonly string[], text: string, target: string, pass: boolean]>([
    ['accented', ['facturación', 'técnico'], 'Facturación.', 'facturación', true],
    ['accented, other label', ['facturación', 'técnico'], 'TÉCNICO', 'facturación', false],
    ['CJK', ['账单', '技术'], '账单', '账单', true],
    ['CJK with a full-width colon prefix', ['账单', '技术'], '类别：账单', '账单', true],
    ['CJK ambiguous', ['账单', '技术'], '账单 或 技术', '账单', false],
    ['Cyrillic', ['оплата', 'техника'], '**Оплата**', 'оплата', true],
  ])('%s', async (_label, allowed, text, target, pass) => {
    expectVerdict(await run({ type: 'label', options: { allowed } }, { text, target }), pass);
  });
});

describe('label with a templated allowed list', () => {
  it.each<readonly [label: string, queues: Json, text: string, target: string, pass: boolean]>([
    ['array', ['billing', 'technical'], 'Technical.', 'technical', true],
    ['array, wrong label', ['billing', 'technical'], 'Technical.', 'billing', false],
    ['array, ambiguous', ['billing', 'technical'], 'billing or technical', 'billing', false],
    ['comma-separated string', 'billing, technical, account', 'Queue: account', 'account', true],
    ['comma-separated string, ambiguous', 'billing, technical, account', 'billing or account', 'account', false],
  ])('%s', async (_label, queues, text, target, pass) => {
    expectVerdict(await run({ type: 'label', options: { allowed: '{{queues}}' } }, { text, target, vars: { queues } }), pass);
  });
});

describe('label without an allowed list', () => {
  it.each<Row>([
    ['exact', 'billing', 'billing', true],
    ['normalised', ' **Queue: Billing.**\n', 'billing', true],
    ['different', 'technical', 'billing', false],
    ['extra words', 'billing or technical', 'billing', false],
    ['empty output', '', 'billing', false],
  ])('%s', async (_label, text, target, pass) => {
    expectVerdict(await run({ type: 'label' }, { text, target }), pass);
  });
});

describe('label expected value', () => {
  it('comes from a {{var}} when given, over the target', async () => {
    const s = await run({ type: 'label', expected: '{{gold}}', options: { allowed: QUEUES } }, { text: 'technical', target: 'billing', vars: { gold: 'technical' } });
    expectVerdict(s, true);
  });

  it('negated: naming the forbidden label fails', async () => {
    const s = await run({ type: 'label', negate: true, options: { allowed: QUEUES } }, { text: 'Billing', target: 'billing' });
    expectVerdict(s, false);
    expect(s.value).toBe(0);
  });
});

describe('label: the labels it reports for the classification metrics', () => {
  type LabelRow = readonly [label: string, options: Readonly<Record<string, Json>>, text: string, target: string, predicted: string | null];
  it.each<LabelRow>([
    ['allowed, right', { allowed: QUEUES }, 'Queue: Billing.', 'billing', 'billing'],
    ['allowed, wrong', { allowed: QUEUES }, 'Technical', 'billing', 'technical'],
    ['allowed, normalised like the verdict', { allowed: QUEUES }, 'Account Access', 'account_access', 'account_access'],
    ['allowed, ambiguous: no prediction', { allowed: QUEUES }, 'billing or technical', 'billing', null],
    ['allowed, names none: no prediction', { allowed: QUEUES }, 'I am not sure which queue.', 'billing', null],
    ['allowed, empty output', { allowed: QUEUES }, '', 'billing', null],
    ['free text, right', {}, ' Billing ', 'billing', 'billing'],
    ['free text, wrong', {}, 'refund', 'billing', 'refund'],
    ['free text, empty', {}, '', 'billing', null],
  ])('%s', async (_label, options, text, target, predicted) => {
    const s = await run({ type: 'label', options }, { text, target });
    expect(s.label).toEqual({ expected: target, predicted });
    expect(s.pass).toBe(predicted === target);
  });

  it('a long free-text answer that is right passes, and keeps the label whole', async () => {
    const text = 'the quick brown fox jumps over the lazy dog and keeps running far away';
    const s = await run({ type: 'label' }, { text, target: text });
    expect(s.pass).toBe(true);
    expect(s.label?.predicted).toBe(s.label?.expected);
  });

  it('cuts a long free-text answer', async () => {
    const s = await run({ type: 'label' }, { text: 'x'.repeat(500), target: 'billing' });
    expect(s.label?.predicted?.length).toBe(60);
    expect(s.label?.predicted?.endsWith('…')).toBe(true);
  });

  it('a negated label scorer reports no labels (its verdict is not a classification)', async () => {
    const s = await run({ type: 'label', negate: true, options: { allowed: QUEUES } }, { text: 'technical', target: 'billing' });
    expect(s.label).toBeUndefined();
  });
});
