import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './cli.js';

// haikubench as a user's project gets it: `npm pack` of this checkout (built first: `npm test` builds),
// installed from the tarball into a fresh project with scripts off. Needs the npm registry or a warm
// npm cache (after `npm ci`, every dependency is in it).

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a command run "as a user": PATH, HOME, the temp folder, npm's cache and registry
 * settings, and `extra`. Nothing else of the test process (no keys, no npm_* variables of an enclosing
 * `npm test`, no NODE_OPTIONS) leaks in.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { CI: 'true', NO_COLOR: '1' };
  const keep = ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT', 'npm_config_cache', 'npm_config_registry', 'npm_config_userconfig', 'HTTPS_PROXY', 'HTTP_PROXY', 'NO_PROXY'];
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return { ...env, ...extra };
}

/** Run a command; never rejects (the exit code is in the result). A guard of 10 minutes against a hang. */
export function run(cmd: string, args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  return new Promise((done) => {
    execFile(cmd, args, { cwd: opts.cwd, env: opts.env ?? userEnv(), timeout: 600_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 99, stdout, stderr });
    });
  });
}

export interface Packed {
  /** The tarball's path. */
  readonly tarball: string;
  /** Every path inside the package, as `npm pack --json` lists them. */
  readonly files: readonly string[];
}

/** `npm pack` of the checkout into a temp folder; scripts off (dist/ is already built). */
export async function packCheckout(): Promise<Packed> {
  const dest = tempDir('haikubench-pack-');
  const r = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: ROOT });
  if (r.code !== 0) throw new Error(`npm pack failed (${r.code}):\n${r.stderr}`);
  const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
  if (info === undefined) throw new Error(`npm pack printed no package:\n${r.stdout}`);
  return { tarball: join(dest, info.filename), files: info.files.map((f) => f.path) };
}

/** The version of a package installed in this checkout (so the temp project's install finds it in the cache). */
export const installedVersion = (name: string): string =>
  (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** A fresh ESM project with the tarball (and `extra` packages) installed, scripts off, cache first. */
export async function projectWith(tarball: string, extra: readonly string[] = []): Promise<string> {
  const dir = tempDir('haikubench-user-');
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
  const r = await run('npm', ['install', tarball, ...extra, '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir });
  if (r.code !== 0) throw new Error(`npm install of ${tarball} failed (${r.code}):\n${r.stderr}`);
  return dir;
}
