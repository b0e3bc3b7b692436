import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import { findLabel, levenshteinRatio, normalizeLabel } from '../../../src/extract/text.js';
import type { LabelMatch } from '../../../src/extract/text.js';

describe('normalizeLabel', () => {
  it.each([
    ['Billing', 'billing'],
    ['  billing \n', 'billing'],
    ['"billing"', 'billing'],
    ['**Billing**', 'billing'],
    ['`billing_issue`', 'billing_issue'],
    ['[Billing]', 'billing'],
    ['(billing)', 'billing'],
    ['«Billing»', 'billing'],
    ['billing.', 'billing'],
    ['billing!?', 'billing'],
    ['Label: billing', 'billing'],
    ['Queue:billing', 'billing'],
    ['**Category:** `Billing Issue`.', 'billing_issue'],
    ['billing-issue', 'billing_issue'],
    ['Billing   Issue', 'billing_issue'],
    ['billing__issue', 'billing_issue'],
    ['_billing_', 'billing'],
    ['ＢＩＬＬＩＮＧ', 'billing'],
    ['cafe\u0301', 'café'],
    ['Answer:', 'answer'],
    ['Final answer: billing', 'final_answer:_billing'],
    ['Label: Queue: billing', 'queue:_billing'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(normalizeLabel(input)).toBe(expected);
  });
});

const ALLOWED = ['billing', 'technical_support', 'account access', 'Other'] as const;
const hit = (label: string, how: LabelMatch['how']): LabelMatch => ({ label, how, ambiguous: false });
const NONE: LabelMatch = { label: undefined, how: 'none', ambiguous: false };
const AMBIGUOUS: LabelMatch = { label: undefined, how: 'none', ambiguous: true };

describe('findLabel', () => {
  it.each<readonly [string, string, readonly string[], LabelMatch]>([
    ['plain label', 'billing', ALLOWED, hit('billing', 'exact')],
    ['bold label', '**Billing**', ALLOWED, hit('billing', 'exact')],
    ['word prefix and spaces for "_"', 'Category: Technical Support', ALLOWED, hit('technical_support', 'exact')],
    ['hyphen for a space; the allowed spelling is returned', 'account-access', ALLOWED, hit('account access', 'exact')],
    ['trailing period, label case kept', 'other.', ALLOWED, hit('Other', 'exact')],
    ['first line starts with a label', 'Billing - the customer was charged twice', ALLOWED, hit('billing', 'prefix')],
    ['first line wins over labels mentioned later', 'Billing\nThe customer hit a technical error on the account access page.', ALLOWED, hit('billing', 'prefix')],
    ['multi-word label at the start', 'technical support, since the app crashes', ALLOWED, hit('technical_support', 'prefix')],
    ['"label: explanation" keeps the label as first token', 'billing: customer double charged', ALLOWED, hit('billing', 'prefix')],
    ['label contained after a preamble', 'Sure! The category is:\n\nbilling', ALLOWED, hit('billing', 'contained')],
    ['label contained in a sentence', 'I think this is about billing.', ALLOWED, hit('billing', 'contained')],
    ['same label twice is not ambiguous', 'The user mentions billing twice: billing!', ALLOWED, hit('billing', 'contained')],
    ['two different labels → ambiguous', 'This could be billing or account access.', ALLOWED, AMBIGUOUS],
    ['no negation handling: "not billing" still mentions billing', 'Definitely not billing; it is account access.', ALLOWED, AMBIGUOUS],
    ['no label', 'Not sure.', ALLOWED, NONE],
    ['label inside a longer word is not a whole word', 'rebilling', ALLOWED, NONE],
    ['no allowed labels', 'billing', [], NONE],
    ['longest prefix label wins', 'Billing issue: refund requested', ['billing', 'billing issue'], hit('billing issue', 'prefix')],
    ['a label inside a longer matched label is ignored', 'Looks like a billing issue to me', ['billing', 'billing issue'], hit('billing issue', 'contained')],
    ['duplicate labels after normalising: the first spelling wins', 'SPAM', ['Spam', 'spam'], hit('Spam', 'exact')],
    ['NFKC + combining accents', 'Cafe\u0301', ['café', 'bar'], hit('café', 'exact')],
    ['regex metacharacters in labels', 'I would file this under C++ questions', ['c++', 'java'], hit('c++', 'contained')],
  ])('%s', (_name, output, allowed, expected) => {
    expect(findLabel(output, allowed)).toEqual(expected);
  });
});

describe('levenshteinRatio', () => {
  it('fastest-levenshtein counts UTF-16 code units (why we re-encode)', () => {
    expect(distance('😀', '😁')).toBe(1);
    expect('😀'.length).toBe(2);
    expect(distance('a😀b', 'ab')).toBe(2);
  });

  it.each([
    ['two empty strings', '', '', 1],
    ['identical', 'abc', 'abc', 1],
    ['one empty', 'abc', '', 0],
    ['kitten/sitting: distance 3 of 7', 'kitten', 'sitting', 4 / 7],
    ['flaw/lawn: distance 2 of 4', 'flaw', 'lawn', 0.5],
    ['one substitution of 3', 'abc', 'abd', 2 / 3],
    ['case-sensitive', 'Billing', 'billing', 6 / 7],
    ['BMP accent', 'héllo', 'hello', 0.8],
    ['two different emoji are one substitution of one code point', '😀', '😁', 0],
    ['deleting an emoji is one edit of three code points', 'a😀b', 'ab', 2 / 3],
    ['repeated emoji', '😀😀', '😀', 0.5],
    ['non-BMP math letters', '𝒜𝒷𝒸', '𝒜𝒷𝒹', 2 / 3],
    ['emoji vs ASCII', '😀', 'a', 0],
  ])('%s', (_name, a, b, expected) => {
    expect(levenshteinRatio(a, b)).toBeCloseTo(expected, 12);
    expect(levenshteinRatio(b, a)).toBeCloseTo(expected, 12);
  });
});
