import { describe, expect, it } from 'vitest';
import { doc, FILE, issuesOf, load } from './helpers.js';

const HAIKU = 'anthropic:claude-haiku-5-5';

describe('resolveSpec: overrides', () => {
  it('models replaces the spec models', () => {
    const spec = load(doc({ gates: [{ model: HAIKU, min_pass_rate: 0.5 }] }), { models: ['openai:gpt-5', 'sim:claude-haiku-5-5'] });
    expect(spec.models.map((m) => m.id)).toEqual(['openai:gpt-5', 'sim:claude-haiku-5-5']);
  });

  it('an empty models override keeps the spec models', () => {
    expect(load(doc(), { models: [] }).models.map((m) => m.id)).toEqual([HAIKU]);
  });

  it('models from the command line are checked like the spec ones', () => {
    expect(issuesOf(() => load(doc(), { models: [HAIKU, HAIKU] }))).toEqual([`${FILE}#/models/1: model ${HAIKU} is listed twice`]);
  });

  it('limit, seed, epochs and concurrency win over the spec, a model\'s own concurrency included', () => {
    const spec = load(doc({ run: { epochs: 2, concurrency: 4, seed: 1, limit: 10 }, models: [HAIKU, { id: 'openai:gpt-5', concurrency: 2 }] }), { limit: 3, seed: 42, epochs: 5, concurrency: 16 });
    expect(spec.dataset.limit).toBe(3);
    expect(spec.dataset.seed).toBe(42);
    expect(spec.run.seed).toBe(42);
    expect(spec.run.epochs).toBe(5);
    expect(spec.run.concurrency).toBe(16);
    expect(spec.models.map((m) => m.concurrency)).toEqual([16, 16]);
  });

  it('limit falls back from run.limit to dataset.limit', () => {
    expect(load(doc({ dataset: { path: 'd.jsonl', limit: 7 } })).dataset.limit).toBe(7);
    expect(load(doc({ dataset: { path: 'd.jsonl', limit: 7 }, run: { limit: 4 } })).dataset.limit).toBe(4);
    expect(load(doc()).dataset).not.toHaveProperty('limit');
  });

  it('simulate turns anthropic:X into sim:X labelled (simulated) and keeps its sim settings', () => {
    const spec = load(doc({
      models: [
        { id: HAIKU, sim: { accuracy: 0.5, latency_ms: 10 } },
        { id: 'anthropic:claude-sonnet-5-5', label: 'Sonnet' },
        'openai:gpt-5',
        { id: 'sim:claude-opus-5-5', sim: { accuracy: 0.9 } },
      ],
    }), { simulate: true });
    expect(spec.models.map((m) => [m.id, m.provider, m.model, m.label, m.sim])).toEqual([
      ['sim:claude-haiku-5-5', 'sim', 'claude-haiku-5-5', `${HAIKU} (simulated)`, { accuracy: 0.5, latency_ms: 10 }],
      ['sim:claude-sonnet-5-5', 'sim', 'claude-sonnet-5-5', 'Sonnet (simulated)', undefined],
      ['sim:gpt-5', 'sim', 'gpt-5', 'openai:gpt-5 (simulated)', undefined],
      ['sim:claude-opus-5-5', 'sim', 'claude-opus-5-5', 'sim:claude-opus-5-5', { accuracy: 0.9 }],
    ]);
  });

  it('without simulate, sim settings of a real model are dropped', () => {
    expect(load(doc({ models: [{ id: HAIKU, sim: { accuracy: 0.5 } }] })).models[0]).not.toHaveProperty('sim');
  });

  it('simulate still rejects what the real model would reject (temperature on Claude)', () => {
    expect(issuesOf(() => load(doc({ models: [{ id: HAIKU, temperature: 1 }] }), { simulate: true }))).toHaveLength(1);
  });

  it('under simulate a gate on the real model id still resolves', () => {
    const spec = load(doc({ gates: [{ model: HAIKU, min_pass_rate: 0.5 }] }), { simulate: true });
    expect(spec.gates).toEqual([{ model: HAIKU, minPassRate: 0.5 }]);
  });
});

describe('resolveSpec: replay:<field> models', () => {
  it('stays a replay under --simulate (there is nothing to simulate)', () => {
    const spec = load(doc({ models: ['replay:answer', HAIKU] }), { simulate: true });
    expect(spec.models.map((m) => [m.id, m.provider, m.model])).toEqual([['replay:answer', 'replay', 'answer'], ['sim:claude-haiku-5-5', 'sim', 'claude-haiku-5-5']]);
  });

  it.each([
    ['thinking', { thinking: 'adaptive' }],
    ['temperature', { temperature: 0 }],
    ['rate_limit', { rate_limit: { requests_per_minute: 10 } }],
  ])('%s on a replay: model is refused: it calls nothing', (key, extra) => {
    expect(issuesOf(() => load(doc({ models: [{ id: 'replay:answer', ...extra }] })))).toEqual([
      `${FILE}#/models/0/${key}: a replay: model calls nothing (its output is the sample's "answer" field); remove it`,
    ]);
  });
});
