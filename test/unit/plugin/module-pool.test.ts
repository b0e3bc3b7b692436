import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createModulePool, type ModulePool } from '../../../src/plugin/module-pool.js';
import { tempDir, writeFiles } from '../../support/cli.js';

// Plug-in modules run in worker threads: a call past its limit ends its worker alone, the next call
// gets a fresh one, and a stop ends a call at once.

const dir = tempDir();
writeFiles(dir, {
  'scorer.ts': 'import { half } from "./half.js";\nexport default async function score(input: { output: string }): Promise<{ score: number }> {\n  if (input.output === "loop") while (true) { /* stuck */ }\n  if (input.output === "never") await new Promise(() => undefined);\n  if (input.output === "throw") { console.log("about to throw"); throw Object.assign(new Error("no"), { retryable: true, status: 503 }); }\n  if (input.output === "fn") return { score: 1, f: () => 1 } as never;\n  return { score: half(input.output.length) };\n}\n',
  'half.ts': 'export const half = (n: number): number => n / 2;\n',
  'provider.mjs': 'export function createProvider(options) {\n  return { complete: async (request, signal, item) => ({ text: `${options.prefix}${item.sample.id}:${request.model}:${signal.aborted}` }) };\n}\n',
  'named.cjs': 'exports.score = (input) => input.output === "yes";\n',
});
const pools: ModulePool[] = [];
const pool = (file: string, role: 'scorer' | 'provider' = 'scorer', options: unknown = {}) => {
  const p = createModulePool({ file: join(dir, file), role, size: 1, options });
  pools.push(p);
  return p;
};
afterAll(async () => { await Promise.all(pools.map((p) => p.close())); });
const call = (p: ModulePool, args: unknown[], timeoutMs = 10_000, signal = new AbortController().signal) => p.call(args, { timeoutMs, signal, label: 'm' });

describe('module pool', () => {
  it('loads a TypeScript module with its imports and calls its default export', async () => {
    const p = pool('scorer.ts');
    expect(await p.check()).toBeUndefined();
    expect(await call(p, [{ output: 'abcd' }])).toMatchObject({ ok: true, value: { score: 2 }, ms: expect.any(Number) as unknown });
  });

  it('finds a named export of a CommonJS module, and a provider made by createProvider(options)', async () => {
    expect(await call(pool('named.cjs'), [{ output: 'yes' }])).toMatchObject({ ok: true, value: true });
    const got = await call(pool('provider.mjs', 'provider', { prefix: 'P-' }), [{ model: 'x' }, { sample: { id: 's1' } }]);
    expect(got).toMatchObject({ ok: true, value: { text: 'P-s1:x:false' } });
  });

  it('ends a call that never returns, terminates its worker, and serves the next call with a fresh one', async () => {
    const p = pool('scorer.ts');
    expect(await call(p, [{ output: 'loop' }], 300)).toEqual({ ok: false, failure: { kind: 'timeout', message: 'm: timed out after 300 ms (its worker was terminated)' } });
    expect(await call(p, [{ output: 'never' }], 300)).toMatchObject({ ok: false, failure: { kind: 'timeout' } });
    expect(await call(p, [{ output: 'ab' }])).toMatchObject({ ok: true, value: { score: 1 } });
  });

  it('passes on what a thrown error says about itself, and what the module printed', async () => {
    const got = await call(pool('scorer.ts'), [{ output: 'throw' }]);
    expect(got).toEqual({ ok: false, failure: { kind: 'threw', message: 'm threw Error: no', details: { name: 'Error', retryable: true, status: 503 }, stderr: 'about to throw' } });
  });

  it('refuses a result that cannot leave the worker', async () => {
    const got = await call(pool('scorer.ts'), [{ output: 'fn' }]);
    expect(got).toMatchObject({ ok: false, failure: { kind: 'threw', message: expect.stringMatching(/cannot be passed back/) as unknown } });
  });

  it('ends a call at once when the run stops', async () => {
    const p = pool('scorer.ts');
    const ac = new AbortController();
    const pending = call(p, [{ output: 'never' }], 60_000, ac.signal);
    ac.abort();
    expect(await pending).toMatchObject({ ok: false, failure: { kind: 'aborted' } });
  });

  it('says what is wrong with a module that cannot serve its role', async () => {
    expect(await pool('half.ts').check()).toMatch(/exports no scorer/);
    expect(await pool('named.cjs', 'provider').check()).toMatch(/exports no provider/);
    expect(await pool('gone.mjs').check()).toMatch(/could not be loaded: .*Cannot find module/);
  });
});
