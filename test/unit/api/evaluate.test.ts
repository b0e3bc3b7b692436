import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate, InputError, prepareEval, runEval, RunError, type EvaluateOptions, type Reporter } from '../../../src/index.js';
import { readJsonl, routingEval, tempDir } from '../../support/cli.js';
import { lastUserText, startFakeAnthropic } from '../../support/fake-anthropic.js';

// evaluate(): the library's one call, in process, on simulated models (no network).

const N = 40;

const inputError = async (p: Promise<unknown>): Promise<InputError> => {
  const err: unknown = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
};

describe('evaluate()', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown option', { limt: 3 }, 'options.limt: not an option of evaluate()'],
    ['a limit of 0', { limit: 0 }, 'options.limit: must be a whole number >= 1 (got 0)'],
    ['a fractional concurrency', { concurrency: 1.5 }, 'options.concurrency: must be a whole number >= 1'],
    ['a bad model id', { models: ['haiku'] }, 'options.models: "haiku" must be'],
    ['models not an array', { models: 'sim:claude-haiku-5-5' }, 'options.models: must be an array'],
    ['simulate as a string', { simulate: 'yes' }, "options.simulate: must be true, false or 'auto'"],
    ['a confidence of 95', { confidence: 95 }, 'options.confidence: a level between 0.5 and 1'],
    ['an empty outDir', { outDir: '' }, 'options.outDir: must be a non-empty path'],
    ['a signal that is not one', { signal: { aborted: false } }, 'options.signal: must be an AbortSignal'],
    ['a terminal without write()', { terminal: {} }, 'options.terminal: must be a stream with write()'],
    ['a negative graceMs', { graceMs: -1 }, 'options.graceMs: must be a whole number >= 0'],
    ['a cache that is a string', { cache: 'yes' }, 'options.cache: true, false or { dir?, ttl? }'],
    ['a cache ttl of two weeks', { cache: { ttl: '2 weeks' } }, 'options.cache.ttl: invalid duration "2 weeks"'],
  ])('refuses %s before reading the spec', async (_name, options, issue) => {
    const err = await inputError(evaluate('does-not-exist.yaml', options as EvaluateOptions));
    expect(err.code).toBe('api.options');
    expect(err.exitCode).toBe(2);
    expect(err.issues.join('\n')).toContain(issue);
  });

  it.each<[string, unknown]>([['null', null], ['a number', 42], ['an array', []], ['an empty path', '']])('refuses %s as the spec', async (_name, spec) => {
    const err = await inputError(evaluate(spec as string));
    expect(err.code).toBe('api.spec');
  });

  it('a spec file with no outDir: the summary and the records, and no folder left behind', async () => {
    const { spec } = routingEval(N);
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('haikubench-evaluate-')).length;
    const r = await evaluate(spec);
    expect(r.runDir).toBeUndefined();
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('haikubench-evaluate-'))).toHaveLength(before);
    expect(r.records).toHaveLength(N);
    const m = r.summary.models[0];
    expect(m).toMatchObject({ model: 'sim:claude-sonnet-5-5', n: N, simulated: true });
    expect(m?.passed).toBe(r.records.filter((x) => x.pass === true).length);
    expect(r.exitCode).toBe(0);
    expect(r.summary.verdict).toBe('pass');
  });

  it('outDir keeps the run directory, and is not reused for a second run', async () => {
    const { dir, spec } = routingEval(N);
    const r = await evaluate(spec, { outDir: 'out', cwd: dir, limit: 10 });
    expect(r.runDir).toBe(join(dir, 'out'));
    expect(readJsonl(join(dir, 'out/records.jsonl'))).toHaveLength(10);
    expect(JSON.parse(readFileSync(join(dir, 'out/summary.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(r.summary)));
    const err = await inputError(evaluate(spec, { outDir: 'out', cwd: dir }));
    expect(err.code).toBe('api.run_dir');
  });

  it('an inline spec: relative paths resolve against cwd, problems name the inline spec', async () => {
    const { dir } = routingEval(N);
    const inline = { name: 'inline', dataset: { path: 'data.jsonl', fields: { target: 'label' } }, prompt: { user: 'Route: {{text}}' }, models: ['sim:claude-haiku-5-5'], scorers: [{ type: 'label', allowed: ['billing', 'bug', 'account', 'other'] }] };
    const r = await evaluate(inline, { cwd: dir });
    expect(r.summary.models.map((m) => m.model)).toEqual(['sim:claude-haiku-5-5']);
    expect(r.records).toHaveLength(N);
    const err = await inputError(evaluate({ ...inline, scorers: [{ type: 'nope' }] } as never, { cwd: dir }));
    expect(err.issues.join('\n')).toContain('<inline spec>#/scorers/0');
  });

  it('models and seed override the spec; a gate that fails gives exit code 1, not a throw', async () => {
    const { dir, spec } = routingEval(N);
    const r = await evaluate(spec, { models: ['sim:claude-haiku-5-5', 'sim:claude-sonnet-5-5'], seed: 3, cwd: dir });
    expect(r.summary.models.map((m) => m.model)).toEqual(['sim:claude-haiku-5-5', 'sim:claude-sonnet-5-5']);
    expect(r.records).toHaveLength(2 * N);
    const inline = { name: 'gated', dataset: { path: 'data.jsonl', fields: { target: 'label' } }, prompt: { user: '{{text}}' }, models: ['sim:claude-haiku-5-5'], scorers: [{ type: 'label', allowed: ['billing', 'bug', 'account', 'other'] }], gates: [{ model: 'claude-haiku-5-5', min_pass_rate: 1 }] };
    const gated = await evaluate(inline, { cwd: dir });
    expect(gated.summary.models[0]?.passRate).toBeLessThan(1);
    expect(gated.exitCode).toBe(1);
    expect(gated.summary.verdict).toBe('gate_failed');
  });

  it('an anthropic: model without a key is an InputError; simulate "auto" stands in and says so', async () => {
    const { dir } = routingEval(N);
    const inline = { name: 'real', dataset: { path: 'data.jsonl', fields: { target: 'label' } }, prompt: { user: '{{text}}' }, models: ['anthropic:claude-haiku-5-5'], scorers: [{ type: 'equals' }] };
    const err = await inputError(evaluate(inline, { cwd: dir, env: {} }));
    expect(err.message).toContain('ANTHROPIC_API_KEY is not set');
    const r = await evaluate(inline, { cwd: dir, env: {}, simulate: 'auto', limit: 5 });
    expect(r.summary.models[0]).toMatchObject({ simulated: true, n: 5 });
  });

  it('reporters: none by default; given ones get their hooks; markdown writes its file', async () => {
    const { dir, spec } = routingEval(N);
    const seen: string[] = [];
    const mine: Reporter = { onRunStart: (id, planned) => seen.push(`start ${id} ${planned}`), onRecord: () => undefined, onRunEnd: (s) => { seen.push(`end ${s.verdict}`); } };
    await evaluate(spec, { reporters: [mine], markdown: 'report.md', cwd: dir, limit: 8 });
    expect(seen).toEqual(['start routed 8', 'end pass']);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('SIMULATED');
    expect(md).toContain('temporary run directory: pass outDir to keep it');
    const text: string[] = [];
    await evaluate(spec, { terminal: { write: (s: string) => text.push(s) }, cwd: dir, limit: 8 });
    expect(text.join('')).toContain('sim:claude-sonnet-5-5');
  });

  it('a signal aborted before the call throws a RunError; aborted mid-run it returns the partial run', async () => {
    const { dir, spec } = routingEval(400);
    await expect(evaluate(spec, { signal: AbortSignal.abort(), cwd: dir })).rejects.toBeInstanceOf(RunError);
    const ac = new AbortController();
    const stopper: Reporter = { onRecord: (_r, p) => { if (p.done === 5) ac.abort(); } };
    const r = await evaluate(spec, { signal: ac.signal, reporters: [stopper], graceMs: 0, concurrency: 1, outDir: 'stopped', cwd: dir });
    expect(r.summary.status).toBe('aborted');
    expect(r.exitCode).toBe(3);
    expect(r.records.length).toBeGreaterThanOrEqual(5);
    expect(r.records.length).toBeLessThan(400);
    expect(existsSync(join(dir, 'stopped/summary.json'))).toBe(true);
  });
});

describe('evaluate() against the fake Messages API', () => {
  it('calls through the SDK with the key from options.env, and a second call is answered from the cache', async () => {
    const server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages), inputTokens: 10, outputTokens: 2 }) });
    try {
      const { dir } = routingEval(8);
      const inline = { name: 'echo', dataset: { path: 'data.jsonl', fields: { target: 'text' } }, prompt: { user: '{{text}}' }, models: ['anthropic:claude-haiku-5-5'], scorers: [{ type: 'equals' }] };
      const options = { cwd: dir, env: { ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: server.url }, cache: { dir: 'cache' } };
      const first = await evaluate(inline, options);
      expect(server.calls).toHaveLength(8);
      expect(first.records.map((r) => [r.status, r.cached, r.pass])).toEqual(Array.from({ length: 8 }, () => ['ok', false, true]));
      expect(first.summary.models[0]).toMatchObject({ model: 'anthropic:claude-haiku-5-5', simulated: false, passRate: 1 });
      const second = await evaluate(inline, options);
      expect(server.calls).toHaveLength(8);
      expect(second.records.every((r) => r.cached)).toBe(true);
      expect(JSON.stringify([first, second])).not.toContain('test-key');
    } finally {
      await server.close();
    }
  });
});

describe('the pieces, used the obvious way', () => {
  it('prepareEval(file) needs no options; runEval without its deps says what it needs', async () => {
    const { spec } = routingEval(N);
    const prepared = await prepareEval(spec);
    expect(prepared.specPath).toBe(spec);
    expect(prepared.dataset.samples).toBe(N);
    const err = await inputError(runEval(prepared, {} as never));
    expect(err.code).toBe('api.run_eval_deps');
    expect(err.message).toContain('evaluate(spec, options) builds them');
  });
});
