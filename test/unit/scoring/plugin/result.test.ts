import { describe, expect, it } from 'vitest';
import { pluginScore, readResult } from '../../../../src/scoring/plugin/result.js';
import type { ScorerSpec } from '../../../../src/scoring/create.js';

describe('readResult', () => {
  it.each([
    { raw: true, out: { value: 1, pass: true } },
    { raw: false, out: { value: 0, pass: false } },
    { raw: 0.7, out: { value: 0.7, pass: true } },
    { raw: 0.2, out: { value: 0.2, pass: false } },
    { raw: 0, out: { value: 0, pass: false } },
    { raw: { score: 1 }, out: { value: 1, pass: true } },
    { raw: { score: 0.5, pass: false, reason: 'half' }, out: { value: 0.5, pass: false, reason: 'half' } },
    { raw: { pass: true }, out: { value: 1, pass: true } },
    { raw: { pass: false, reason: '' }, out: { value: 0, pass: false } },
    { raw: { score: 0.4, reason: 42, extra: 'ignored' }, out: { value: 0.4, pass: false } },
  ])('$raw', ({ raw, out }) => {
    expect(readResult(raw, 0.5)).toEqual(out);
  });

  it.each([
    { raw: 1.5, message: /returned 1\.5: a score must be a number from 0 to 1/ },
    { raw: -0.1, message: /a score must be a number from 0 to 1/ },
    { raw: Number.NaN, message: /a score must be a number from 0 to 1/ },
    { raw: { score: '0.9' }, message: /returned score "0\.9": a score must be a number/ },
    { raw: { score: 90, pass: true }, message: /returned score 90/ },
    { raw: { pass: 'yes' }, message: /pass must be true or false/ },
    { raw: { reason: 'fine' }, message: /has neither score nor pass/ },
    { raw: null, message: /returned null: expected \{score, pass\?, reason\?\}/ },
    { raw: 'PASS', message: /returned "PASS"/ },
    { raw: [1], message: /returned \[1\]/ },
    { raw: undefined, message: /returned undefined/ },
  ])('refuses $raw', ({ raw, message }) => {
    expect(() => readResult(raw, 0.5)).toThrow(message);
  });

  it('passes a bare score at or above the threshold', () => {
    expect(readResult(0.8, 0.8).pass).toBe(true);
    expect(readResult({ score: 0.79 }, 0.8).pass).toBe(false);
  });
});

describe('pluginScore', () => {
  const spec = (over: Partial<ScorerSpec> = {}): ScorerSpec => ({ type: 'module', name: 'tone', weight: 1, negate: false, options: {}, ...over });
  it('names the score after the scorer, keeps the reason, applies threshold and negate', () => {
    expect(pluginScore(spec(), { score: 0.5, reason: 'meh' })).toEqual({ name: 'tone', value: 0.5, pass: true, reason: 'meh' });
    expect(pluginScore(spec({ options: { threshold: 0.9 } }), 0.5)).toEqual({ name: 'tone', value: 0.5, pass: false });
    expect(pluginScore(spec({ negate: true }), { score: 1, pass: true })).toEqual({ name: 'tone', value: 0, pass: false, reason: 'negated: the plug-in passed it' });
  });
});
