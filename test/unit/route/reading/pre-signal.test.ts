import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../src/errors.js';
import { parseRouterFlag, preSignals, routerCostPerItem, type RouterSpec } from '../../../../src/route/reading/pre-signal.js';
import { routerOf, routerSignals } from '../../../../src/route/reading/router-input.js';
import { pairRecords, type RouteRecord } from '../../../../src/route/reading/records.js';

// The router's pre-generation signal: read from a metadata field or from another model's answers
// (messy real outputs included), oriented so that higher favours the small model, and its problems.

const rec = (over: Partial<RouteRecord> & Pick<RouteRecord, 'sampleId' | 'model'>): RouteRecord => ({
  epoch: 1, status: 'ok', pass: true, scores: [], costUsd: 0.001, latencyMs: 10, metadata: {}, ...over,
});

const field = (name: string, high: RouterSpec['high'] = 'small'): RouterSpec => ({ source: { kind: 'field', field: name }, high, name: `field:${name}` });
const model = (id: string, high: RouterSpec['high'] = 'small'): RouterSpec => ({ source: { kind: 'model', model: id }, high, name: `model:${id}` });

describe('parseRouterFlag', () => {
  it.each([
    ['field:difficulty', { kind: 'field', field: 'difficulty' }],
    ['model:openai:router-small', { kind: 'model', model: 'openai:router-small' }],
    ['model:sim:claude-haiku-5-5', { kind: 'model', model: 'sim:claude-haiku-5-5' }],
  ])('%s', (flag, expected) => {
    expect(parseRouterFlag(flag)).toEqual(expected);
  });
  it.each(['difficulty', 'scorer:x', 'field', ''])('%j is not a router form', (flag) => {
    expect(parseRouterFlag(flag)).toMatch(/write field:<name> .* or model:<id>/);
  });
});

describe('preSignals from a metadata field', () => {
  it.each<[string, unknown, number | undefined]>([
    ['a number', 0.83, 0.83],
    ['zero', 0, 0],
    ['a numeric string', ' 7 ', 7],
    ['a negative string', '-1.5', -1.5],
    ['a word', 'hard', undefined],
    ['an empty string', '', undefined],
    ['null', null, undefined],
    ['a list', [1], undefined],
  ])('%s', (_name, value, expected) => {
    const got = preSignals([rec({ sampleId: 'a', model: 'S', metadata: { d: value as never } })], field('d'));
    expect(got.get('a')).toBe(expected);
  });

  it('high values favouring the large model are negated (preSignal ≤ τ always means L)', () => {
    const got = preSignals([rec({ sampleId: 'a', model: 'S', metadata: { d: 0.8 } }), rec({ sampleId: 'b', model: 'S', metadata: { d: 0 } })], field('d', 'large'));
    expect([...got]).toEqual([['a', -0.8], ['b', 0]]);
  });
});

describe('preSignals from another model\'s answers', () => {
  it.each<[string, string, number | undefined]>([
    ['a bare number', '0.42', 0.42],
    ['a stated score', 'Difficulty: 7/10 — hard. Final answer: 7', 7],
    ['JSON in a fence', '```json\n{"answer": 0.9}\n```', 0.9],
    ['a thousands separator', 'Estimated tokens: 1,200', 1200],
    ['no number', 'I cannot rate this request.', undefined],
  ])('%s', (_name, output, expected) => {
    const got = preSignals([rec({ sampleId: 'a', model: 'C', output })], model('C'));
    expect(got.get('a')).toBe(expected);
  });

  it('averages epochs; an epoch that errored or gave no number leaves the sample without a signal; the later line wins', () => {
    const records = [
      rec({ sampleId: 'a', model: 'C', epoch: 1, output: '0.2' }), rec({ sampleId: 'a', model: 'C', epoch: 2, output: '0.6' }),
      rec({ sampleId: 'b', model: 'C', epoch: 1, output: '0.2' }), rec({ sampleId: 'b', model: 'C', epoch: 2, status: 'error' }),
      rec({ sampleId: 'c', model: 'C', epoch: 1, output: 'none' }), rec({ sampleId: 'c', model: 'C', epoch: 1, output: '0.5' }),
      rec({ sampleId: 'a', model: 'S', output: '99' }),
    ];
    const got = preSignals(records, model('C'));
    expect(got.get('a')).toBeCloseTo(0.4, 12);
    expect(got.has('b')).toBe(false);
    expect(got.get('c')).toBe(0.5);
  });

  it('the router model\'s cost per sample: mean over its ok calls; unknown when one has no price', () => {
    const priced = [rec({ sampleId: 'a', model: 'C', costUsd: 0.001 }), rec({ sampleId: 'b', model: 'C', costUsd: 0.003 }), rec({ sampleId: 'a', model: 'S', costUsd: 1 })];
    expect(routerCostPerItem(priced, model('C'))).toBeCloseTo(0.002, 12);
    expect(routerCostPerItem([...priced, rec({ sampleId: 'c', model: 'C', costUsd: null })], model('C'))).toBeNull();
    expect(routerCostPerItem(priced, field('d'))).toBeNull();
  });
});

describe('routerOf and routerSignals: problems are input errors', () => {
  it.each<[string, string | undefined, string | undefined, string[]]>([
    ['no router', undefined, undefined, []],
    ['a field', 'field:d', undefined, []],
    ['high large', 'model:C', 'large', []],
    ['a bad high', 'field:d', 'up', ['--router-high up: small or large (which model high values of the router\'s signal favour)']],
    ['high without a router', undefined, 'large', ['--router-high: needs --router field:<name> or --router model:<id>']],
  ])('%s', (_name, flag, high, expected) => {
    const issues: string[] = [];
    routerOf(flag, high, issues);
    expect(issues).toEqual(expected);
  });

  const roles = { small: 'S', large: 'L' };
  const records = [
    rec({ sampleId: 'a', model: 'S', metadata: { d: 'hard', tier: 1 } }), rec({ sampleId: 'a', model: 'L', metadata: { d: 'hard', tier: 1 } }),
    rec({ sampleId: 'a', model: 'W', output: 'no idea' }),
  ];
  it.each<[string, RouterSpec, string]>([
    ['a missing field', field('difficulty'), '--router field:difficulty: no such metadata field in the runs (fields: d, tier)'],
    ['a field that is never a number', field('d'), '--router field:d: no sample has a number there (first value: "hard")'],
    ['a model not in the runs', model('X'), '--router model:X: no such model in the runs (models: S, L, W)'],
    ['the small model', model('S'), '--router model:S: that is the small model'],
    ['a model that never answers a number', model('W'), '--router model:W: none of its answers gives a number'],
  ])('%s', (_name, router, message) => {
    expect(() => routerSignals(records, router, roles)).toThrow(InputError);
    try {
      routerSignals(records, router, roles);
    } catch (err) {
      expect((err as InputError).issues.join('\n')).toContain(message);
    }
  });

  it('pairing carries the signal and counts the samples that lack it', () => {
    const recs = ['a', 'b'].flatMap((id) => [rec({ sampleId: id, model: 'S' }), rec({ sampleId: id, model: 'L' })]);
    const p = pairRecords(recs, { small: 'S', large: 'L', quality: 'pass', preSignal: new Map([['a', 0.3]]) });
    expect(p.items.map((it) => it.preSignal)).toEqual([0.3, undefined]);
    expect(p.missing.router).toBe(1);
  });
});
