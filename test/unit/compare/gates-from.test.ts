import { describe, expect, it } from 'vitest';
import { gatesFrom } from '../../../src/compare/gates.js';
import { InputError } from '../../../src/errors.js';
import type { GateFlags as GateArgs } from '../../../src/compare/gates.js';
import type { RegressionGates } from '../../../src/spec/types.js';

// The gates of a comparison: flags over the spec's regression block over the defaults.

const declared: RegressionGates = { maxDrop: 0.02, maxScoreDrop: 0.05, judge: 'significance', level: 0.9, mustPass: ['s1', 's2'] };

describe('gatesFrom', () => {
  it.each<[string, GateArgs, RegressionGates | null, object]>([
    ['defaults, nothing declared', {}, null, { judge: 'interval', level: 0.95, mustPass: [], onInconclusive: 'fail' }],
    ['the spec\'s on_inconclusive', {}, { mustPass: [], onInconclusive: 'warn' }, { onInconclusive: 'warn' }],
    ['--on-inconclusive over the spec', { 'on-inconclusive': 'fail' }, { mustPass: [], onInconclusive: 'warn' }, { onInconclusive: 'fail' }],
    ['--on-inconclusive alone', { 'on-inconclusive': 'warn' }, null, { onInconclusive: 'warn' }],
    ['the spec alone', {}, declared, { judge: 'significance', level: 0.9, maxDrop: 0.02, maxScoreDrop: 0.05, mustPass: ['s1', 's2'] }],
    ['flags override the spec', { 'max-drop': 0.1, judge: 'interval', level: 0.99 }, declared, { judge: 'interval', level: 0.99, maxDrop: 0.1, maxScoreDrop: 0.05 }],
    ['must-pass ids from both, once each', { 'must-pass': ['s2,s3', 's4'] }, declared, { mustPass: ['s1', 's2', 's3', 's4'] }],
    ['flags alone', { 'max-score-drop': 0.03, 'must-pass': [' a ', ''] }, null, { judge: 'interval', level: 0.95, maxScoreDrop: 0.03, mustPass: ['a'] }],
  ])('%s', (_label, args, spec, expected) => {
    expect(gatesFrom(args, spec)).toMatchObject(expected);
  });

  it('the level defaults to the run\'s own confidence level, below a declared or flagged one', () => {
    expect(gatesFrom({}, null, 0.9).level).toBe(0.9);
    expect(gatesFrom({}, { mustPass: [], level: 0.8 }, 0.9).level).toBe(0.8);
    expect(gatesFrom({ level: 0.99 }, { mustPass: [], level: 0.8 }, 0.9).level).toBe(0.99);
  });

  it('has no drop gate unless one is set', () => {
    const g = gatesFrom({}, { mustPass: [] });
    expect(g.maxDrop).toBeUndefined();
    expect(g.maxScoreDrop).toBeUndefined();
  });

  it.each<[GateArgs, string]>([
    [{ 'max-drop': 1.5 }, '--max-drop 1.5'],
    [{ 'max-score-drop': -0.1 }, '--max-score-drop -0.1'],
    [{ level: 0.4 }, '--level 0.4'],
    [{ level: 1 }, '--level 1'],
  ])('a bad flag is an input error naming it: %j', (args, message) => {
    expect(() => gatesFrom(args, declared)).toThrow(InputError);
    try { gatesFrom(args, declared); } catch (e) { expect((e as InputError).issues.join('\n')).toContain(message); }
  });
});
