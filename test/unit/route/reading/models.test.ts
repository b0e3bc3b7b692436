import { describe, expect, it } from 'vitest';
import { chooseModels, modelInfo, type ModelInfo } from '../../../../src/route/reading/models.js';
import type { RouteRecord } from '../../../../src/route/reading/records.js';

// Which model is small and which large: from the flags, else by price, else by name; never a silent guess.

const m = (model: string, meanCost: number | null): ModelInfo => ({ model, ok: 10, meanCost, simulated: false });

describe('chooseModels', () => {
  it.each([
    ['cheapest and dearest by mean cost', [m('a:opus', 0.05), m('a:haiku', 0.001), m('a:sonnet', 0.01)], {}, { small: 'a:haiku', large: 'a:opus' }],
    ['the flags win', [m('a:opus', 0.05), m('a:haiku', 0.001), m('a:sonnet', 0.01)], { large: 'a:sonnet' }, { small: 'a:haiku', large: 'a:sonnet' }],
    ['prices unknown: the Haiku model and the only other', [m('x:big', null), m('x:claude-haiku-5-5', null)], {}, { small: 'x:claude-haiku-5-5', large: 'x:big' }],
  ])('%s', (_name, models, flags, want) => {
    expect(chooseModels(models, flags)).toMatchObject({ status: 'ok', ...want });
  });

  it.each([
    ['an unknown --small', [m('a', 1), m('b', 2)], { small: 'c' }, '--small c: no such model in the runs (models: a, b)'],
    ['one model only', [m('a', 1)], {}, 'only a is in the runs'],
    ['prices unknown and no Haiku', [m('a', null), m('b', null)], {}, 'name it with --small'],
    ['prices unknown among three others', [m('haiku', null), m('b', null), m('c', null)], {}, 'name it with --large'],
    ['the same model twice', [m('a', 1), m('b', 2)], { small: 'a', large: 'a' }, 'the same model'],
  ])('a problem: %s', (_name, models, flags, message) => {
    const c = chooseModels(models, flags);
    expect(c.status).toBe('problem');
    expect(c.status === 'problem' ? c.problems.join('\n') : '').toContain(message);
  });
});

describe('modelInfo', () => {
  const rec = (model: string, costUsd: number | null, status: 'ok' | 'error' = 'ok'): RouteRecord =>
    ({ sampleId: 's', model, epoch: 1, status, scores: [], costUsd, latencyMs: 1, metadata: {}, simulated: model.startsWith('sim:') });

  it('means over ok calls; an unknown price makes the mean unknown; errors do not count', () => {
    expect(modelInfo([rec('sim:a', 1), rec('sim:a', 3), rec('sim:a', null, 'error'), rec('b', 1), rec('b', null)])).toEqual([
      { model: 'sim:a', ok: 2, meanCost: 2, simulated: true },
      { model: 'b', ok: 2, meanCost: null, simulated: false },
    ]);
  });
});
