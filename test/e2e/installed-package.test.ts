import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startFakeAnthropic, lastUserText, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, ROOT, writeFiles } from '../support/cli.js';
import { installedVersion, packCheckout, projectWith, run, userEnv, type Packed } from '../support/packed.js';

// haikubench used from someone else's project: the packed tarball installed with --ignore-scripts into
// a fresh folder, its bin run through npx against the fake Messages API with the response cache on,
// and a TypeScript file that imports the package by name, compiled with `tsc --strict`, calling
// evaluate(). Slow (npm pack, npm install): generous limits, no time is asserted.

const SLOW = { timeout: 600_000 };
const N = 6;
const SPEC = `name: installed
dataset: { path: data.jsonl, fields: { target: word } }
prompt: { user: "Repeat: {{word}}" }
models: [ { id: anthropic:claude-haiku-5-5, max_tokens: 32 } ]
scorers: [ { type: contains } ]
gates: [ { model: claude-haiku-5-5, min_pass_rate: 0.5 } ]
`;

const PROGRAM = `import { evaluate, InputError, type EvaluateResult } from 'haikubench';

const env = { ANTHROPIC_API_KEY: process.env['KEY'] ?? '', ANTHROPIC_BASE_URL: process.env['BASE_URL'] ?? '' };
const result: EvaluateResult = await evaluate('spec.yaml', { env, cache: { dir: 'lib-cache' }, outDir: 'lib-run' });
const first = result.summary.models[0];
let bad = 'none';
try {
  await evaluate('missing.yaml', { env });
} catch (err) {
  if (err instanceof InputError) bad = err.name + ' (exit code ' + String(err.exitCode) + ')';
}
console.log(JSON.stringify({ exitCode: result.exitCode, verdict: result.summary.verdict, records: result.records.length, passRate: first?.passRate, runDir: result.runDir, bad }));
`;

let server: FakeAnthropic;
let packed: Packed;
let project: string;

beforeAll(async () => {
  server = await startFakeAnthropic({ respond: (req) => ({ text: lastUserText(req.messages).replace('Repeat: ', ''), inputTokens: 20, outputTokens: 3 }) });
  packed = await packCheckout();
  project = await projectWith(packed.tarball, [`@types/node@${installedVersion('@types/node')}`]);
  writeFiles(project, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `w${i}`, word: `word${i}` })).join('\n'),
    'spec.yaml': SPEC,
  });
}, 900_000);

afterAll(async () => {
  await server.close();
  // The project holds a full install (tens of MB): never leave it behind.
  for (const dir of [project, packed === undefined ? undefined : dirname(packed.tarball)]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const records = (dir: string) => readJsonl<{ status: string; cached: boolean; pass?: boolean }>(join(project, dir, 'records.jsonl'));

describe('the packed package in a fresh project', () => {
  it('ships a LICENSE, the schemas and the CommonJS entry, and no source maps or references to them', () => {
    expect(packed.files).toContain('LICENSE');
    expect(readFileSync(join(project, 'node_modules/haikubench/LICENSE'), 'utf8')).toContain('Apache License');
    expect(packed.files).toEqual(expect.arrayContaining(['cjs/require.cjs', 'schemas/eval-spec.schema.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js']));
    expect(packed.files.filter((f) => f.endsWith('.map'))).toEqual([]);
    const dist = join(project, 'node_modules/haikubench/dist');
    const js = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(50);
    expect(js.filter((f) => /^\/\/# sourceMappingURL=/m.test(readFileSync(join(dist, f), 'utf8')))).toEqual([]);
    expect(readFileSync(join(dist, 'cli/main.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('npx haikubench run calls the model, and a second run is answered from the response cache', SLOW, async () => {
    const env = userEnv({ ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: join(project, 'cli-cache') });
    const before = server.calls.length;
    const first = await run('npx', ['haikubench', 'run', 'spec.yaml', '--out', 'run-1', '--quiet'], { cwd: project, env });
    expect(first.stderr).not.toContain('internal error');
    expect(first.code).toBe(0);
    expect(server.calls.length - before).toBe(N);
    expect(records('run-1').map((r) => [r.status, r.cached, r.pass])).toEqual(Array.from({ length: N }, () => ['ok', false, true]));
    const second = await run('npx', ['haikubench', 'run', 'spec.yaml', '--out', 'run-2', '--quiet'], { cwd: project, env });
    expect(second.code).toBe(0);
    expect(server.calls.length - before).toBe(N);
    expect(records('run-2').map((r) => [r.status, r.cached, r.pass])).toEqual(Array.from({ length: N }, () => ['ok', true, true]));
    expect(second.stdout).toContain(`${N} answer(s) from the response cache`);
  });

  it('a TypeScript file importing "haikubench" compiles with tsc --strict and runs evaluate()', SLOW, async () => {
    writeFileSync(join(project, 'main.ts'), PROGRAM);
    writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: ['node'], outDir: 'out', skipLibCheck: false },
      files: ['main.ts'],
    }));
    const tsc = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
    const before = server.calls.length;
    const ran = await run(process.execPath, ['out/main.js'], { cwd: project, env: userEnv({ KEY: 'test-key', BASE_URL: server.url }) });
    expect(ran.stderr).not.toMatch(/error|HaikubenchWarning/i);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toEqual({ exitCode: 0, verdict: 'pass', records: N, passRate: 1, runDir: join(project, 'lib-run'), bad: 'SpecError (exit code 2)' });
    expect(server.calls.length - before).toBe(N);
    expect(readJsonl(join(project, 'lib-run/records.jsonl'))).toHaveLength(N);
  });

  it('require("haikubench") from CommonJS gives the same API, or says why it cannot', SLOW, async () => {
    writeFileSync(join(project, 'use.cjs'), "const hb = require('haikubench');\nconsole.log(typeof hb.evaluate, typeof hb.InputError);\n");
    const r = await run(process.execPath, ['use.cjs'], { cwd: project });
    expect(r.stdout.trim()).toBe('function function');
    expect(r.code).toBe(0);
    // Where Node cannot require() an ES module (older, or the feature turned off), a clear message.
    // (A Node that no longer has the flag says "bad option": nothing to check there.)
    const off = await run(process.execPath, ['--no-experimental-require-module', 'use.cjs'], { cwd: project });
    if (!off.stderr.includes('bad option')) {
      expect(off.code).not.toBe(0);
      expect(off.stderr).toContain('haikubench is an ES module, and this Node');
      expect(off.stderr).toContain('import { evaluate } from "haikubench"');
    }
  });
});
