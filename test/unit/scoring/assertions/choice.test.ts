import { describe, expect, it } from 'vitest';
import { createScorer } from '../../../../src/scoring/create.js';
import { completion, expectVerdict, signal, spec } from './harness.js';
import { noJudge } from '../../../../src/runner/judge-client.js';
import type { Sample, Score } from '../../../../src/types.js';

// The choice scorer on the outputs models give to a four-option question (right answer B, "Paris"):
// bare letters, answer statements after a chain of thought, option texts, and the ways they go wrong.

const OPTIONS = ['Berlin', 'Paris', 'Madrid', 'Rome'];
const question = (target: string, options = OPTIONS): Sample => ({ id: 'q1', vars: {}, target, metadata: {}, choices: options, source: 'mc.jsonl:1' });
const score = async (text: string, target = 'B', options = OPTIONS): Promise<Score> =>
  createScorer(spec({ type: 'choice' })).score({ sample: question(target, options), completion: completion({ text }), costUsd: 0, epoch: 1, judge: noJudge }, signal());

describe('choice', () => {
  it.each<readonly [name: string, text: string, pass: boolean, predicted: string | null]>([
    ['the bare letter', 'B', true, 'B'],
    ['lower case, bracketed', '(b)', true, 'B'],
    ['letter and text', 'B) Paris', true, 'B'],
    ['"Answer: B" after reasoning', 'France\'s capital has been Paris since 987.\nAnswer: B', true, 'B'],
    ['Inspect\'s "ANSWER: B"', 'Berlin is in Germany (A), Madrid in Spain (C).\n\nANSWER: B', true, 'B'],
    ['"the answer is (B)" with an article before it', 'A quick check: the answer is (B).', true, 'B'],
    ['\\boxed{B}', 'Therefore $\\boxed{B}$', true, 'B'],
    ['the last statement wins', 'The answer is C. Wait, Madrid is in Spain. The answer is B.', true, 'B'],
    ['bold letter', 'The correct option is **B**.', true, 'B'],
    ['the option text alone', 'Paris', true, 'B'],
    ['the option text in a sentence', 'The capital of France is Paris.', true, 'B'],
    ['a wrong letter', 'C', false, 'C'],
    ['a wrong answer statement', 'The answer is D', false, 'D'],
    ['a wrong option text', 'Rome', false, 'D'],
    ['two letters', 'B or C', false, null],
    ['two letters in a statement', 'The answer is B or C.', false, null],
    ['no letter and two option texts', 'Either Paris or Rome.', false, null],
    ['no answer at all', 'I do not know.', false, null],
    ['empty output (max_tokens hit in the reasoning)', '', false, null],
    ['a letter beyond the options', 'E', false, null],
  ])('%s', async (_name, text, pass, predicted) => {
    const s = await score(text);
    expectVerdict(s, pass);
    expect(s.label).toEqual({ expected: 'B', predicted });
  });

  it('says which letters it looked for when it finds none', async () => {
    expect((await score('I do not know.')).reason).toBe('names no option (A, B, C, D)');
  });

  it('a two-option question knows only A and B', async () => {
    const s = await score('The answer is C', 'A', ['yes', 'no']);
    expect(s.pass).toBe(false);
    expect(s.reason).toBe('names no option (A, B)');
  });

  it('an expected value that is not a letter of the question is a scorer problem, said, never a pass', async () => {
    const s = await score('B', '1');
    expect(s.pass).toBe(false);
    expect(s.reason).toBe('expected "1" is not one of this question\'s letters (A, B, C, D); leave the scorer\'s expected out to use the target');
  });

  it('reports an undetermined check, not a model failure, on a sample with no options', async () => {
    const s = await createScorer(spec({ type: 'choice' })).score({ sample: { ...question('B'), choices: undefined }, completion: completion({ text: 'B' }), costUsd: 0, epoch: 1, judge: noJudge }, signal());
    expect(s.pass).toBe(false);
    expect(s.reason).toContain('no options');
  });
});
