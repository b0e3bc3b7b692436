import { describe, expect, it } from 'vitest';
import type { Json } from '../../../../src/types.js';
import { expectVerdict, run } from './harness.js';

type Row = readonly [label: string, text: string, target: Json, options: Readonly<Record<string, Json>>, pass: boolean];

const GSM8K = 'Janet has 16 eggs. She eats 3 and bakes with 4, so 16 - 3 - 4 = 9 remain.\nShe sells them at $2 each: 9 * 2 = 18.\n#### 18';

describe('numeric', () => {
  it.each<Row>([
    ['bare integer', '42', 42, {}, true],
    ['bare integer with trailing newline', '42\n', 42, {}, true],
    ['sentence', 'The answer is 42.', 42, {}, true],
    ['wrong number', 'The answer is 41.', 42, {}, false],
    ['currency with thousands separator', '$1,299.00', 1299, {}, true],
    ['currency in a sentence', 'The total comes to $1,299.00 including tax.', 1299, {}, true],
    ['GSM8K marker with separator', 'Some reasoning with 3 and 7.\n#### 1,234', 1234, {}, true],
    ['GSM8K marker beats later numbers', '#### 18\nI used 2 steps.', 18, {}, true],
    ['GSM8K worked solution', GSM8K, 18, {}, true],
    ['boxed fraction', 'Thus the probability is $\\boxed{\\frac{3}{4}}$.', 0.75, {}, true],
    ['boxed fraction against a "3/4" target', '\\boxed{\\frac{3}{4}}', '3/4', {}, true],
    ['boxed integer beats earlier numbers', 'We get 12, then 15, so \\boxed{27}', 27, {}, true],
    ['boxed non-number commits to no number', 'x = \\boxed{2\\sqrt{3}}', 3.4641016151377544, { tolerance: 0.001 }, false],
    ['unicode minus sign', '−7', -7, {}, true],
    ['unicode minus sign in a sentence', 'The temperature fell to −7 °C.', -7, {}, true],
    ['ascii minus', 'Answer: -7', -7, {}, true],
    ['sign matters', '7', -7, {}, false],
    ['"Answer:" marker', 'First 3 + 4 = 7, then double it.\nAnswer: 14', 14, {}, true],
    ['JSON answer field', '{"answer": 42, "steps": 3}', 42, {}, true],
    ['JSON answer in a fence', '```json\n{"answer": "1,024"}\n```', 1024, {}, true],
    ['bold final number', 'Adding them up gives **56**', 56, {}, true],
    ['date is not the answer', 'On 2024-01-15 we sold 30 units.', 30, {}, true],
    ['decimal', 'pi is about 3.14', 3.14, {}, true],
    ['absolute tolerance', 'pi is about 3.14', 3.14159, { tolerance: 0.01 }, true],
    ['default tolerance is tight', 'pi is about 3.14', 3.14159, {}, false],
    ['relative tolerance, within 1%', '101', 100, { rel_tolerance: 0.01 }, true],
    ['relative tolerance, beyond 1%', '102', 100, { rel_tolerance: 0.01 }, false],
    ['CSV-style text target with separator', 'The sum is 1234.', '1,234', {}, true],
    ['text target with currency', 'Total: 1299', '$1,299.00', {}, true],
    ['text target with a unicode minus', '-7', '−7', {}, true],
    ['empty output', '', 42, {}, false],
    ['no number in the output', "I don't know.", 42, {}, false],
    ['target that is not a number', '42', 'forty-two', {}, false],
  ])('%s', async (_label, text, target, options, pass) => {
    expectVerdict(await run({ type: 'numeric', options }, { text, target }), pass);
  });

  it('reason for a wrong number shows what was read and what was expected', async () => {
    const s = await run({ type: 'numeric' }, { text: 'So the answer is 41.', target: 42 });
    expect(s.reason).toContain('41');
    expect(s.reason).toContain('42');
  });

  it.each([
    ['empty output', '', 42],
    ['no number', 'No idea, sorry.', 42],
    ['bad target', '42', 'n/a'],
  ] as const)('gives a reason: %s', async (_label, text, target) => {
    const s = await run({ type: 'numeric' }, { text, target });
    expectVerdict(s, false);
  });

  it('takes the expected number from a {{var}}', async () => {
    expectVerdict(await run({ type: 'numeric', expected: '{{gold.answer}}' }, { text: '#### 72', vars: { gold: { answer: 72 } } }), true);
  });
});
