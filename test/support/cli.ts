import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Runs the BUILT CLI (dist/cli/main.js) as a user would, asynchronously so that fake servers living in
// the test process keep answering. `npm test` builds first.

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'dist/cli/main.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A clean environment: no keys or base URLs from the developer's shell leak into tests, and each CLI
 * run gets a response cache of its own (a test that wants two runs to share one passes
 * HAIKUBENCH_CACHE_DIR itself), so a test never sees answers cached by another.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT']) if (process.env[k] !== undefined) env[k] = process.env[k];
  // The HTTP client under the SDKs: HAIKUBENCH_TRANSPORT=fetch npx vitest run … runs the same e2e files on Node's fetch.
  if (process.env['HAIKUBENCH_TRANSPORT'] !== undefined) env['HAIKUBENCH_TRANSPORT'] = process.env['HAIKUBENCH_TRANSPORT'];
  // A path, not a folder: the CLI creates it only when it caches something (never for sim: models).
  return { ...env, CI: 'true', NO_COLOR: '1', HAIKUBENCH_CACHE_DIR: join(tmpdir(), `haikubench-cache-${randomUUID()}`), ...extra };
}

export function runCli(args: readonly string[], opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: cleanEnv(opts.env), timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof err.code === 'number' ? err.code : 99;
      done({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix = 'haikubench-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
}

export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

/**
 * A routing eval in a fresh folder: `n` tickets dealt over four labels, one sim: model (Sonnet's
 * stand-in, 93%), a label scorer. Returns the folder and the spec's path.
 */
export function routingEval(n = 300): { dir: string; spec: string } {
  const dir = tempDir();
  const labels = ['billing', 'bug', 'account', 'other'];
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: n }, (_, i) => JSON.stringify({ id: `t${i}`, text: `ticket ${i}`, label: labels[i % 4] })).join('\n'),
    'spec.yaml': 'name: routed\ndataset: { path: data.jsonl, fields: { target: label } }\nprompt: { user: "Route: {{text}}" }\nmodels: [sim:claude-sonnet-5-5]\nscorers: [{ type: label, allowed: [billing, bug, account, other] }]\n',
  });
  return { dir, spec: join(dir, 'spec.yaml') };
}
