import { describe, expect, it } from 'vitest';
import { findGradedLabel, readGradedLabel, withPreference } from '../../../src/judge/graded.js';
import { parseVerdict } from '../../../src/judge/parse.js';
import { buildJudgePrompt } from '../../../src/judge/prompt.js';
import type { GradedLabel, JudgeVerdict, VerdictShape } from '../../../src/types/judge-task.js';

const N = 'abc123';
const GRADED: VerdictShape = { kind: 'pairwise', scale: 'graded', nonce: N };

describe('readGradedLabel', () => {
  it.each([
    ['A>>B', 'A>>B'], ['[[A>>B]]', 'A>>B'], ['A >> B', 'A>>B'], ['a>>b', 'A>>B'], ['A≫B', 'A>>B'], ['A ≫ B', 'A>>B'],
    ['[[B>A]]', 'B>A'], ['b > a', 'B>A'], ['A<B', 'B>A'], ['A<<B', 'B>>A'], ['B≪A', 'A>>B'], ['B>>A', 'B>>A'],
    ['A=B', 'A=B'], ['B=A', 'A=B'], ['A == B', 'A=B'], ['tie', 'A=B'], ['Tie', 'A=B'], ['[[ A>B ]]', 'A>B'],
    ['Ａ＞Ｂ', 'A>B'],
  ])('%j is %s', (raw, label) => {
    expect(readGradedLabel(raw)).toBe(label);
  });

  it.each(['A>A', 'A', 'B', 'A>>>B', 'C>B', '', 'A > > B x', 'better'])('%j is no label', (raw) => {
    expect(readGradedLabel(raw)).toBeUndefined();
  });
});

describe('parseVerdict: graded answers as real judges write them', () => {
  const cases: [string, string, GradedLabel][] = [
    ['the JSON asked for', '{"reasoning": "B is more complete", "verdict": "[[B>A]]"}', 'B>A'],
    ['JSON without brackets', '{"reasoning": "x", "verdict": "A>>B"}', 'A>>B'],
    ['JSON with spaces and lower case', '{"reasoning": "x", "verdict": "[[ b >> a ]]"}', 'B>>A'],
    ['JSON with unicode ≫', '{"reasoning": "x", "verdict": "A≫B"}', 'A>>B'],
    ['JSON verdict "tie"', '{"reasoning": "x", "verdict": "tie"}', 'A=B'],
    ['prose, Arena-Hard style', 'Assistant B covers the edge case.\n\nMy final verdict is: [[B>A]]', 'B>A'],
    ['label in the middle of prose', 'Both are fine but [[A>B]] since A is shorter. Done.', 'A>B'],
    ['the same label twice', 'I lean [[A=B]]. Final verdict: [[A=B]]', 'A=B'],
    ['spaces inside brackets', 'Final verdict: [[ A >> B ]]', 'A>>B'],
    ['single brackets', 'Final verdict: [B>>A]', 'B>>A'],
    ['no brackets, after "verdict"', 'After weighing both, my verdict: A > B.', 'A>B'],
    ['bold, no brackets', 'Final **verdict**: **b>>a**', 'B>>A'],
    ['fenced JSON with prose around', 'Here you go:\n```json\n{"reasoning": "x", "verdict": "[[A>B]]"}\n```', 'A>B'],
    ['JSON reasoning quoting another label: the verdict field wins', '{"reasoning": "not [[B>>A]] but", "verdict": "[[A>B]]"}', 'A>B'],
  ];
  it.each(cases)('%s', (_what, text, label) => {
    const r = parseVerdict(text, GRADED);
    if (!r.ok) throw new Error(r.message);
    expect(r.verdict).toMatchObject({ kind: 'pairwise', grade: label, winner: label.startsWith('A>') ? 'A' : label.startsWith('B>') ? 'B' : 'tie' });
  });

  it.each([
    ['two different labels (Arena-Hard: no verdict)', 'First [[A>B]], on reflection [[B>A]]', /different verdicts/],
    ['no label at all', 'Both outputs are good.', /no verdict label/],
    ['a winner field instead of a verdict', '{"reasoning": "x", "winner": "A"}', /no JSON object with a "verdict" field/],
    ['a label off the scale in JSON', '{"reasoning": "x", "verdict": "[[A>>>B]]"}', /verdict must be one of/],
    ['empty answer', '', /no verdict label/],
  ])('%s is malformed (a judge error after the re-asks, never a failure)', (_what, text, message) => {
    const r = parseVerdict(text, GRADED);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe('malformed');
      expect(r.message).toMatch(message);
    }
  });

  it('a refusal in prose is a refusal', () => {
    const r = parseVerdict("I'm sorry, I can't compare these.", GRADED);
    expect(r).toMatchObject({ ok: false, kind: 'refused' });
  });

  it('a label inside an echoed data block is not the verdict', () => {
    const r = parseVerdict(`<output-a-${N}>ignore this: [[A>>B]]</output-a-${N}> Final verdict: [[B>A]]`, GRADED);
    expect(r).toMatchObject({ ok: true, verdict: { grade: 'B>A' } });
  });

  it('a long run of brackets is read in linear time', () => {
    const text = '['.repeat(50_000) + 'A>B' + ']'.repeat(50_000);
    const r = parseVerdict(text, GRADED);
    expect(r.ok).toBe(true);
  });
});

describe('the graded prompt', () => {
  const task = { kind: 'pairwise', instructions: 'be right', outputA: 'a', outputB: 'b' } as const;
  it('asks for Arena-Hard labels with its own version; the A/B/tie prompt is unchanged', () => {
    const graded = buildJudgePrompt({ ...task, scale: 'graded' }, N);
    const ab = buildJudgePrompt(task, N);
    expect(graded.user).toContain('[[A>>B]]');
    expect(graded.user).toContain('[[B>>A]]');
    expect(graded.version).toBe('pairwise-graded-v1');
    expect(graded.expect).toEqual({ kind: 'pairwise', scale: 'graded', nonce: N });
    expect(graded.schema).toMatchObject({ properties: { verdict: { enum: ['[[A>>B]]', '[[A>B]]', '[[A=B]]', '[[B>A]]', '[[B>>A]]'] } } });
    expect(ab.version).toBe('pairwise-v1');
    expect(ab.user).not.toContain('[[');
    expect(ab.expect).toEqual({ kind: 'pairwise', nonce: N });
  });
});

describe('findGradedLabel', () => {
  it('prefers [[…]] over a bare label elsewhere', () => {
    expect(findGradedLabel('verdict: A>B ... [[B>A]]')).toEqual({ ok: true, label: 'B>A' });
  });
});

describe('withPreference', () => {
  const v = (winner: 'A' | 'B' | 'tie', extra: Partial<Extract<JudgeVerdict, { kind: 'pairwise' }>> = {}): JudgeVerdict => ({ kind: 'pairwise', reasoning: '', winner, ...extra });
  const reduced = { kind: 'pairwise', k: 2, winner: { winner: 'A', k: 2, agreement: 1, counts: { A: 2, B: 0, tie: 0 } } } as const;
  it('graded: the mean of the samples\' label values', () => {
    const out = withPreference(reduced, [v('A', { grade: 'A>>B' }), v('A', { grade: 'A>B' })], { graded: true, logprobs: false });
    expect(out).toMatchObject({ preferA: 0.875 });
    expect(out).not.toHaveProperty('noLogprobs');
  });
  it('logprobs: P(A) + P(tie)/2, a sample without probabilities counts its winner and is counted', () => {
    const out = withPreference(reduced, [v('A', { probs: { A: 0.6, B: 0.2, tie: 0.2 } }), v('A')], { graded: false, logprobs: true });
    expect(out).toMatchObject({ preferA: 0.85, noLogprobs: 1 });
  });
  it('neither asked: unchanged', () => {
    expect(withPreference(reduced, [v('A')], { graded: false, logprobs: false })).toBe(reduced);
  });
});
