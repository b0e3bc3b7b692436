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

const MC = ['A', 'B', 'C', 'D'] as const;

describe('findLabel: answer statements and one-letter labels (multiple-choice outputs)', () => {
  it.each<readonly [string, string, readonly string[], LabelMatch]>([
    ['"The answer is B."', 'The answer is B.', MC, hit('B', 'marked')],
    ['chain of thought naming other options, then the answer', 'Option A says X, option B says Y. B is wrong.\n\nThe answer is A.', MC, hit('A', 'marked')],
    ['an article at the start is not the label A', 'A careful reading of the passage shows that the answer is C.', MC, hit('C', 'marked')],
    ['ANSWER: on the last line (Inspect\'s format)', 'Step 1: ...\nStep 2: ...\nANSWER: D', MC, hit('D', 'marked')],
    ['bold answer', 'The correct answer is **C**.', MC, hit('C', 'marked')],
    ['bold statement', '**Final answer:** (b)', MC, hit('B', 'marked')],
    ['\\boxed{}', 'So it must be $\\boxed{B}$', MC, hit('B', 'marked')],
    ['"Final answer: (D) 42"', 'Final answer: (D) 42', MC, hit('D', 'marked')],
    ['the last statement wins', 'The answer is B... wait, no. The answer is C.', MC, hit('C', 'marked')],
    ['a statement naming no label is passed over', 'The answer is C. (Checking the answer is always wise.)', MC, hit('C', 'marked')],
    ['"C, not A" names C', 'The answer is C, not A.', MC, hit('C', 'marked')],
    ['the label on the line after "Answer:"', 'Reasoning...\nAnswer:\n\nB', MC, hit('B', 'marked')],
    ['"B or C" is ambiguous', 'The answer is B or C.', MC, AMBIGUOUS],
    ['"B/C" is ambiguous', 'Answer: B/C', MC, AMBIGUOUS],
    ['"answer is a bit" is an article, then B is the one label', 'The answer is a bit unclear, but I lean to B', MC, hit('B', 'contained')],
    ['"A because…" after a statement is the label A', 'The answer is A because the passage says so.', MC, hit('A', 'marked')],
    ['a sentence starting with "I" is not the label I', 'I think the second one, II.', ['I', 'II', 'III'], hit('II', 'contained')],
    ['"B) Paris" is still a prefix', 'B) Paris', MC, hit('B', 'prefix')],
    ['"C. Mitochondria" is still a prefix', 'C. Mitochondria', MC, hit('C', 'prefix')],
    ['digits are never articles', 'I rate it a 4 out of 5', ['1', '2', '3', '4', '5'], AMBIGUOUS],
    ['word labels: an answer statement wins over mentions', 'Positive and negative points both appear.\nFinal answer: negative', ['positive', 'negative', 'neutral'], hit('negative', 'marked')],
    ['"C is correct" names C, whatever else the sentence says', 'C is correct because A is wrong.', MC, hit('C', 'marked')],
    ['"Option (B) is the correct answer"', 'Option (B) is the correct answer.', MC, hit('B', 'marked')],
    ['"is not correct" is no statement; the last one that is wins', 'A is wrong. B is not correct either. D is correct.', MC, hit('D', 'marked')],
    ['"would be best"', 'I think D would be best here, since A and B are out.', MC, hit('D', 'marked')],
    ['"B or C is correct" is ambiguous', 'B or C is correct.', MC, AMBIGUOUS],
    ['the later of an answer statement and an "is correct" one', 'The answer is C. Actually B is correct.', MC, hit('B', 'marked')],
    ['word labels: "Negative is correct"', 'Negative is correct here.', ['positive', 'negative', 'neutral'], hit('negative', 'marked')],
    ['"answers" is not an answer statement', 'The customer answers: billing was fine. Account access is the issue.', ALLOWED, AMBIGUOUS],
    ['"option A is wrong" in mid-sentence still names A', 'I pick B, since option A is weaker.', MC, AMBIGUOUS],
    ['a sentence-initial "A" after a full stop is a word', 'Hard one. A quick check says D.', MC, hit('D', 'contained')],
  ])('%s', (_name, output, allowed, expected) => {
    expect(findLabel(output, allowed)).toEqual(expected);
  });

  it('reads only the last answer statements and a bounded reach after each: no output makes it slow', () => {
    // 200,000 statements naming nothing, then none: the work is bounded by the last 64 statements.
    expect(findLabel('answer is '.repeat(200_000), MC)).toEqual(NONE);
    expect(findLabel(`${'the answer is unclear. '.repeat(50_000)}Answer: C`, MC)).toEqual(hit('C', 'marked'));
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
