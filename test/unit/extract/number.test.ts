import { describe, expect, it } from 'vitest';
import { extractFinalNumber } from '../../../src/extract/number.js';
import type { FinalNumber } from '../../../src/extract/number.js';

const COT = [
  'Janet starts with 20 apples. She gives 5 to Tom and 3 to Ann, so 20 - 5 - 3 = 12.',
  'So she has 12 apples left.',
].join('\n');

const FENCED_JSON_RAW_NEWLINE = [
  'Here is my answer:',
  '```json',
  '{"reasoning": "First 1000 + 250.\nThen done.", "answer": "1,250"}',
  '```',
].join('\n');

const GSM8K = [
  'Natalia sold 48/2 = 24 clips in May.',
  'Natalia sold 48+24 = 72 clips altogether in April and May.',
  '#### 72',
].join('\n');

type Case = readonly [name: string, input: string, expected: FinalNumber];

describe('extractFinalNumber', () => {
  it.each<Case>([
    // (a) JSON answer fields
    ['json: fenced object with a raw newline and a numeric-string answer', FENCED_JSON_RAW_NEWLINE, { value: 1250, raw: '1,250', source: 'json' }],
    ['json: object in prose, numeric answer', 'Here is my answer: {"answer": 42, "confidence": "high"}', { value: 42, raw: '42', source: 'json' }],
    ['json: final_answer with currency string', '{"final_answer": "$1,299"}', { value: 1299, raw: '$1,299', source: 'json' }],
    ['json: keys compared case-insensitively', '{"Result": -3.5}', { value: -3.5, raw: '-3.5', source: 'json' }],
    ['json: answer beats a later "Final answer:" marker', '{"answer": 5}\nFinal answer: 6', { value: 5, raw: '5', source: 'json' }],
    // (b) boxed
    ['boxed: **Final Answer:** \\boxed{\\frac{3}{4}}', '**Final Answer:** \\boxed{\\frac{3}{4}}', { value: 0.75, raw: '\\frac{3}{4}', source: 'boxed' }],
    ['boxed: -\\dfrac', 'So x = \\boxed{-\\dfrac{3}{4}}', { value: -0.75, raw: '-\\dfrac{3}{4}', source: 'boxed' }],
    ['boxed: mixed number 2\\frac{1}{2}', '$\\boxed{2\\frac{1}{2}}$', { value: 2.5, raw: '2\\frac{1}{2}', source: 'boxed' }],
    ['boxed: {,} thousands separators', '\\boxed{1{,}234{,}567}', { value: 1234567, raw: '1{,}234{,}567', source: 'boxed' }],
    ['boxed: \\, thin-space thousands', '\\boxed{1\\,000\\,000}', { value: 1000000, raw: '1\\,000\\,000', source: 'boxed' }],
    ['boxed: \\$ currency', 'The cost is \\boxed{\\$12.50}.', { value: 12.5, raw: '\\$12.50', source: 'boxed' }],
    ['boxed: \\% is not divided', '\\boxed{45\\%}', { value: 45, raw: '45\\%', source: 'boxed' }],
    ['boxed: \\text unit', '\\boxed{12\\text{ km}}', { value: 12, raw: '12\\text{ km}', source: 'boxed' }],
    ['boxed: "x = 5" inside', '\\boxed{x = 5}', { value: 5, raw: 'x = 5', source: 'boxed' }],
    ['boxed: the last \\boxed wins', '\\boxed{5}. Wait, correction: \\boxed{6}', { value: 6, raw: '6', source: 'boxed' }],
    // (b) markers
    ['marker: GSM8K "#### 72" after many numbers', GSM8K, { value: 72, raw: '72', source: 'marker' }],
    ['marker: GSM8K "#### 1,234"', '#### 1,234', { value: 1234, raw: '1,234', source: 'marker' }],
    ['a markdown "#### 2. Heading" is not the GSM8K marker', '#### 2. Compute the total\nThe total is 30 apples.', { value: 30, raw: '30', source: 'last' }],
    ['marker: "The answer is $1,299.00."', 'The answer is $1,299.00.', { value: 1299, raw: '1,299.00', source: 'marker' }],
    ['marker: "the answer is" beats a later number on the line', 'The answer is 42, not 41.', { value: 42, raw: '42', source: 'marker' }],
    ['marker: an arithmetic chain is followed to its result', 'Answer: 3 + 4 = 7', { value: 7, raw: '7', source: 'marker' }],
    ['marker: "=" in a later clause is not a chain', 'Answer: 7 because x=3', { value: 7, raw: '7', source: 'marker' }],
    ['marker: "Final answer" outranks an earlier "the answer is"', 'I first thought the answer is 17.\nFinal answer: 18', { value: 18, raw: '18', source: 'marker' }],
    ['marker: last occurrence wins within a group', 'Answer: 5\nWait, I made an error. Answer: 6', { value: 6, raw: '6', source: 'marker' }],
    ['marker: heading then bold number on a later line', '## Final Answer\n\n**1,024**', { value: 1024, raw: '1,024', source: 'marker' }],
    ['marker: "answer would be"', 'x = 5 and y = 10, so the answer would be 15.', { value: 15, raw: '15', source: 'marker' }],
    ['marker: "Answer: **42**"', 'The answer is: **42**', { value: 42, raw: '42', source: 'marker' }],
    ['marker: LaTeX fraction after the marker', 'Final answer: $\\frac{5}{8}$', { value: 0.625, raw: '5/8', source: 'marker' }],
    ['marker: "= N" closing the output', 'Total cost: 3 × $4 = $12', { value: 12, raw: '12', source: 'marker' }],
    ['marker: bold number on the last line beats a later parenthetical', 'She has **12 apples** (20 - 8).', { value: 12, raw: '12', source: 'marker' }],
    ['marker: number on the next non-empty line', 'Answer:\n\n-42', { value: -42, raw: '-42', source: 'marker' }],
    ['marker window: a number > 40 chars after the marker is not marked', 'The answer is that after a long and careful explanation we get 9', { value: 9, raw: '9', source: 'last' }],
    // (c) last number
    ['last: chain of thought ending "So she has 12 apples left."', COT, { value: 12, raw: '12', source: 'last' }],
    ['last: −7 °C (U+2212 minus)', '−7 °C', { value: -7, raw: '−7', source: 'last' }],
    ['last: "about 3.5 kg"', 'It weighs about 3.5 kg.', { value: 3.5, raw: '3.5', source: 'last' }],
    ['last: 45% stays 45', '45%', { value: 45, raw: '45', source: 'last' }],
    ['last: "1 234,5" (space groups, decimal comma)', 'Le total est 1 234,5', { value: 1234.5, raw: '1 234,5', source: 'last' }],
    ['last: narrow no-break space groups', 'Population: 1\u202F234\u202F567', { value: 1234567, raw: '1\u202F234\u202F567', source: 'last' }],
    ['last: 1.2e6', 'That is roughly 1.2e6 molecules.', { value: 1200000, raw: '1.2e6', source: 'last' }],
    ['last: 1.234,56 €', 'The price is 1.234,56 €', { value: 1234.56, raw: '1.234,56', source: 'last' }],
    ['last: Swiss 1\'234.50', "Swiss total: CHF 1'234.50", { value: 1234.5, raw: "1'234.50", source: 'last' }],
    ['last: 3,5 is a decimal comma', 'Il mesure 3,5 m.', { value: 3.5, raw: '3,5', source: 'last' }],
    ['last: "1,2,3" is a list, not decimals', 'Values 1,2,3', { value: 3, raw: '3', source: 'last' }],
    ['last: simple fraction', 'She used 3/4 of the cake.', { value: 0.75, raw: '3/4', source: 'last' }],
    ['last: mixed fraction', 'It takes 1 1/2 hours.', { value: 1.5, raw: '1 1/2', source: 'last' }],
    ['last: currency after the number', 'Total: 250 €', { value: 250, raw: '250', source: 'last' }],
    ['last: leading minus', 'The temperature change is -15 degrees.', { value: -15, raw: '-15', source: 'last' }],
    ['last: a range "10-12" has no negative number', 'It takes 10-12 minutes.', { value: 12, raw: '12', source: 'last' }],
    ['last: GPT-4 (hyphen-glued to a word) is not a candidate', 'The score of 86.4 was achieved by GPT-4', { value: 86.4, raw: '86.4', source: 'last' }],
    ['last: ordered-list markers at line start are skipped', '1. First, compute 3 * 4 = 12.\n2. Then add 5 to get 17.\n3. Done.', { value: 17, raw: '17', source: 'last' }],
    ['last: "Step 2" labels are skipped', 'Step 1: 6 * 7 = 42\nStep 2: check', { value: 42, raw: '42', source: 'last' }],
    ['last: only list markers left → the last marker is used', '1. Apples\n2. Pears', { value: 2, raw: '2', source: 'last' }],
    ['last: list markers followed by several spaces are still skipped', '1.  Two spaces\n2.  Still a list with 7 items', { value: 7, raw: '7', source: 'last' }],
    ['KNOWN LIMIT: space-separated 3-digit numbers read as one space-grouped number', 'Scores: 95 100 100', { value: 95100100, raw: '95 100 100', source: 'last' }],
    ['last: ISO dates are never candidates', 'On 2024-01-15 she bought 3 apples; on 2024-01-16 she ate them.', { value: 3, raw: '3', source: 'last' }],
    ['last: clock times are never candidates', 'She ran 5 km and finished at 10:30.', { value: 5, raw: '5', source: 'last' }],
    ['last: d/m/y dates are never candidates', 'I paid 40 dollars on 15/01/2024.', { value: 40, raw: '40', source: 'last' }],
    ['last: a JSON array is not an answer object', '[1, 2, 3]', { value: 3, raw: '3', source: 'last' }],
    ['last: JSON answer that is not numeric falls through', '{"answer": "unknown"} I counted 7 birds.', { value: 7, raw: '7', source: 'last' }],
  ])('%s', (_name, input, expected) => {
    expect(extractFinalNumber(input)).toEqual(expected);
  });

  it.each([
    ['no number at all', 'I cannot determine the answer'],
    ['empty output', ''],
    ['a time is never the answer', 'The answer is 12:30.'],
    ['a non-numeric final \\boxed is strict (no fallback to "3")', 'The result is 12, so \\boxed{2\\sqrt{3}}'],
    ['a multiple-choice \\boxed', 'Options 1 and 2 are wrong: \\boxed{C}'],
  ])('undefined: %s', (_name, input) => {
    expect(extractFinalNumber(input)).toBeUndefined();
  });
});
