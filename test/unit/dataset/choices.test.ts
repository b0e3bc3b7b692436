import { describe, expect, it } from 'vitest';
import { choiceVars, optionsOf, questionOf, shuffledOrder, targetLetter, type Options } from '../../../src/dataset/choices.js';
import type { Json } from '../../../src/types.js';

// Multiple-choice records as public datasets ship them: MMLU (a list, a 0-based answer), ARC (letters,
// and some 1-based digit keys), HellaSwag (a digit string), AQuA (options that letter themselves),
// CSV files with one column per option, and the broken rows real files have.

describe('optionsOf', () => {
  it.each<readonly [string, Json | undefined, Options | readonly string[] | string]>([
    ['a list of texts', ['Berlin', 'Paris'], ['Berlin', 'Paris']],
    ['numbers are texts', [3, 4.5, 22], ['3', '4.5', '22']],
    ['an object keyed by letter', { A: 'yes', B: 'no' }, { texts: ['yes', 'no'], keys: ['A', 'B'] }],
    ['lower-case letter keys', { a: 'yes', b: 'no' }, { texts: ['yes', 'no'], keys: ['a', 'b'] }],
    ['ARC / OpenBookQA / CommonsenseQA: {text, label}', { text: ['dry palms', 'wet palms'], label: ['A', 'B'] }, { texts: ['dry palms', 'wet palms'], keys: ['A', 'B'] }],
    ['ARC\'s numeric labels', { text: ['x', 'y', 'z'], label: ['1', '2', '3'] }, { texts: ['x', 'y', 'z'], keys: ['1', '2', '3'] }],
    ['{text, label} of different lengths', { text: ['x', 'y'], label: ['A'] }, 'has 2 option texts but 1 labels'],
    ['TruthfulQA mc1_targets: {choices, labels}, the right one marked 1', { choices: ['right', 'wrong', 'also wrong'], labels: [1, 0, 0] }, { texts: ['right', 'wrong', 'also wrong'], correct: 0 }],
    ['mc2_targets: several marked right', { choices: ['a', 'b', 'c'], labels: [1, 1, 0] }, 'marks 2 options right; the choice scorer takes exactly one (TruthfulQA\'s mc2_targets, with several, need a scorer of your own)'],
    ['labels that are not 0 or 1', { choices: ['a', 'b'], labels: [0, 2] }, 'has labels that are not 0 or 1 (one marks the right option)'],
    ['AQuA: options that carry their own letter lose it', ['A)21', 'B)21.5', 'C) 22', '(D) 24'], ['21', '21.5', '22', '24']],
    ['a letter that is not the option\'s own is kept', ['B) first', 'A) second'], ['B) first', 'A) second']],
    ['JSON text, as a CSV cell holds a list', '["x", "y", "z"]', ['x', 'y', 'z']],
    ['spaces trimmed', ['  x ', 'y\n'], ['x', 'y']],
    ['missing', undefined, 'is missing'],
    ['null', null, 'is missing'],
    ['one option', ['only'], 'has 1 option; a multiple-choice question needs at least 2'],
    ['no options', [], 'has 0 options; a multiple-choice question needs at least 2'],
    ['27 options', Array.from({ length: 27 }, (_, i) => `o${i}`), 'has 27 options; at most 26 can be lettered A–Z'],
    ['comma-separated text is not a list', 'a,b', 'is not a list of options ("a,b")'],
    ['broken JSON text', '["a", ', 'is text that starts like JSON but is not (["a", )'],
    ['trailing empty options are no options (a CSV\'s empty E column)', ['x', 'y', 'z', ''], ['x', 'y', 'z']],
    ['trailing nulls too', ['x', 'y', null, null], ['x', 'y']],
    ['an empty option before a given one is wrong', ['x', '', 'z'], 'option 2 is empty'],
    ['only one option once the empty ones are gone', ['x', '', ' '], 'has 1 option; a multiple-choice question needs at least 2'],
    ['an option that is not text', ['x', { y: 1 }], 'option 2 is not text ({"y":1})'],
    ['object keys out of order', { B: 'x', A: 'y' }, 'is an object whose keys are neither the letters A, B, C… in order, "text" and "label", nor "choices" and "labels" (B, A)'],
  ])('%s', (_name, value, want) => {
    expect(optionsOf(value)).toEqual(Array.isArray(want) ? { texts: want } : want);
  });
});

const FOUR = ['Berlin', 'Paris', 'Madrid', 'Rome'];

describe('targetLetter', () => {
  it.each<readonly [string, Json | undefined, Options | readonly string[], 0 | 1, string]>([
    ['MMLU: a 0-based index', 1, FOUR, 0, 'B'],
    ['the first option at base 1', 1, FOUR, 1, 'A'],
    ['HellaSwag: a digit string', '3', FOUR, 0, 'D'],
    ['ARC: a 1-based digit key', '4', FOUR, 1, 'D'],
    ['a letter', 'C', FOUR, 0, 'C'],
    ['a lower-case letter in brackets', '(c)', FOUR, 0, 'C'],
    ['the option\'s text, case and spacing aside', '  paris ', FOUR, 0, 'B'],
    ['numeric options: a number is an index', 2, ['10', '20', '30'], 0, 'C'],
    ['numeric options: a digit string that is no index is the text', '30', ['10', '20', '30'], 0, 'C'],
    ['ARC: the answer key names a label', '3', { texts: ['x', 'y', 'z', 'w'], keys: ['1', '2', '3', '4'] }, 0, 'C'],
    ['ARC: a letter key', 'D', { texts: ['x', 'y', 'z', 'w'], keys: ['A', 'B', 'C', 'D'] }, 1, 'D'],
    ['CommonsenseQA: five labels A–E', 'e', { texts: ['a1', 'b1', 'c1', 'd1', 'e1'], keys: ['A', 'B', 'C', 'D', 'E'] }, 0, 'E'],
  ])('%s', (_name, target, options, base, letter) => {
    expect(targetLetter(target, options, base)).toEqual({ letter });
  });

  it.each<readonly [string, Json | undefined, readonly string[], 0 | 1, string]>([
    ['an index past the end', 4, FOUR, 0, 'target 4 is not an option\'s index (0–3; dataset.choice_index_base is 0)'],
    ['0 at base 1', 0, FOUR, 1, 'target 0 is not an option\'s index (1–4; dataset.choice_index_base is 1)'],
    ['a fraction', 1.5, FOUR, 0, 'target 1.5 is not an option\'s index'],
    ['a letter past the options', 'E', FOUR, 0, 'target "E" is not one of the letters A–D'],
    ['a text that is no option', 'Lyon', FOUR, 0, 'target "Lyon" is neither a letter (A–D), an index nor an option\'s text'],
    ['a digit string that is one option\'s index and another\'s text', '2', ['1', '2', '3', '4'], 0, 'target "2" is option C\'s index and option B\'s text; give the letter, or the index as a number'],
    ['a text two options share', 'x', ['x', 'X', 'y'], 0, 'target "x" is the text of options A and B'],
    ['no target value', null, FOUR, 0, 'target null is neither a letter, an index nor an option\'s text'],
    ['a list', ['B'], FOUR, 0, 'target ["B"] is neither a letter, an index nor an option\'s text'],
  ])('refuses %s', (_name, target, options, base, problem) => {
    expect(targetLetter(target, options, base)).toBe(problem);
  });
});

describe('questionOf', () => {
  it('lettered lines and letters as prompt variables, over fields of those names; the target as a letter', () => {
    const q = questionOf({ question: 'Capital?', choices: FOUR, letters: 'mine', answer: 1 }, 'choices', 1, true, { base: 0 });
    expect(q).toEqual({
      vars: { question: 'Capital?', choices: 'A) Berlin\nB) Paris\nC) Madrid\nD) Rome', letters: 'A, B, C, D', answer: 1 },
      target: 'B', options: FOUR,
    });
  });

  it('one column per option (a CSV file)', () => {
    const q = questionOf({ q: 'Capital?', A: 'Berlin', B: 'Paris', C: 'Madrid', answer: 'B' }, ['A', 'B', 'C'], 'B', true, { base: 0 });
    expect(q).toMatchObject({ target: 'B', options: ['Berlin', 'Paris', 'Madrid'], vars: { letters: 'A, B, C' } });
    expect(questionOf({ A: 'x', B: 'y' }, ['A', 'B', 'C'], 'A', true, { base: 0 })).toBe('no option field "C"');
    // MMLU-Pro style columns A–E: a four-option row leaves E empty.
    expect(questionOf({ A: 'w', B: 'x', C: 'y', D: 'z', E: '' }, ['A', 'B', 'C', 'D', 'E'], 'D', true, { base: 0 })).toMatchObject({ target: 'D', options: ['w', 'x', 'y', 'z'] });
  });

  it('ARC as Hugging Face ships it: {text, label} options and an answerKey naming a label', () => {
    const arc = { id: 'Mercury_7175875', question: 'Which is a renewable resource?', choices: { text: ['coal', 'wind', 'oil', 'natural gas'], label: ['1', '2', '3', '4'] }, answerKey: '2' };
    expect(questionOf(arc, 'choices', arc.answerKey, true, { base: 0 })).toMatchObject({ target: 'B', options: ['coal', 'wind', 'oil', 'natural gas'], vars: { choices: 'A) coal\nB) wind\nC) oil\nD) natural gas' } });
  });

  it('ARC\'s original files: a list of {text, label} options under a path, the answerKey a label', () => {
    const arc = { id: 'x', question: { stem: 'Which is renewable?', choices: [{ text: 'coal', label: 'A' }, { text: 'wind', label: 'B' }, { text: 'oil', label: 'C' }] }, answerKey: 'B' };
    expect(questionOf(arc, 'question.choices', 'B', true, { base: 0 })).toMatchObject({ target: 'B', options: ['coal', 'wind', 'oil'] });
    expect(questionOf(arc, 'question.options', 'B', true, { base: 0 })).toBe('choices field "question.options" is missing');
  });

  it('TruthfulQA: without a target field, the option marked right is the target; shuffled, it follows', () => {
    const tqa = { question: 'What happens if you crack your knuckles a lot?', mc1_targets: { choices: ['Nothing in particular happens', 'You will get arthritis', 'Your joints will swell'], labels: [1, 0, 0] } };
    expect(questionOf(tqa, 'mc1_targets', undefined, false, { base: 0 })).toMatchObject({ target: 'A', options: ['Nothing in particular happens', 'You will get arthritis', 'Your joints will swell'] });
    const q = questionOf(tqa, 'mc1_targets', undefined, false, { base: 0, shuffleSeed: 5 }, 'tqa-1');
    if (typeof q === 'string') throw new Error(q);
    expect(q.options['ABC'.indexOf(q.target ?? '')]).toBe('Nothing in particular happens');
  });

  it('no target field: the question without a letter', () => {
    expect(questionOf({ choices: ['x', 'y'] }, 'choices', undefined, false, { base: 0 })).toMatchObject({ target: undefined, options: ['x', 'y'] });
  });

  it('names the field when the options are wrong', () => {
    expect(questionOf({ opts: 'x' }, 'opts', 0, true, { base: 0 })).toBe('choices field "opts" is not a list of options ("x")');
  });

  it('choiceVars letters up to Z', () => {
    const many = Array.from({ length: 26 }, (_, i) => `o${i}`);
    expect(choiceVars(many).letters.endsWith('Y, Z')).toBe(true);
    expect(choiceVars(many).choices.split('\n').at(-1)).toBe('Z) o25');
  });
});

describe('shuffled options (dataset.shuffle_choices)', () => {
  const record = { question: 'Capital of France?', choices: FOUR, answer: 1 };
  const shuffled = (id: string, seed = 7) => questionOf(record, 'choices', 1, true, { base: 0, shuffleSeed: seed }, id);

  it('the target follows its option to where it is shown', () => {
    for (const id of ['q1', 'q2', 'q3', 'q4', 'q5', 'q6']) {
      const q = shuffled(id);
      if (typeof q === 'string') throw new Error(q);
      expect([...q.options].sort()).toEqual([...FOUR].sort());
      expect(q.options['ABCD'.indexOf(q.target ?? '')]).toBe('Paris');
      expect(q.vars['choices']).toBe(q.options.map((o, i) => `${'ABCD'[i]}) ${o}`).join('\n'));
    }
  });

  it('fixed by the seed and the sample id: the same in every run, different across samples and seeds', () => {
    expect(shuffled('q1')).toEqual(shuffled('q1'));
    const orders = new Set(['q1', 'q2', 'q3', 'q4', 'q5', 'q6', 'q7', 'q8'].map((id) => JSON.stringify((shuffled(id) as { options: readonly string[] }).options)));
    expect(orders.size).toBeGreaterThan(1);
    expect((shuffled('q1', 7) as { options: readonly string[] }).options).not.toEqual((shuffled('q1', 8) as { options: readonly string[] }).options);
  });

  it('every position is used: over 4,000 samples each option lands in each place about a quarter of the time', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 4000; i++) { const at = shuffledOrder(4, 11, `s${i}`).indexOf(0); counts.set(at, (counts.get(at) ?? 0) + 1); }
    expect([...counts.keys()].sort()).toEqual([0, 1, 2, 3]);
    // Binomial(4000, 1/4): sd ≈ 27; ±6 sd cannot be crossed by a fair shuffle.
    for (const c of counts.values()) expect(Math.abs(c - 1000)).toBeLessThan(165);
  });
});
