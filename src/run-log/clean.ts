import { existsSync, readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { holdsRun } from './files.js';
import { lockHolder } from './lock.js';

// `haikubench clean`: remove run directories older than a given age from a reports folder. A run
// directory is what holdsRun says (run-log/files.ts: run.json, which every run writes first, or records);
// other folders are never touched, nor a run that a live process holds (run.lock). Runs sit in the
// reports folder itself or one level down (several evals under one --out); a folder left empty goes too.

export interface CleanOptions {
  readonly olderThanMs: number;
  readonly now: number;
  /** List what would be removed, remove nothing. */
  readonly dryRun: boolean;
}

export interface CleanedRun {
  /** Relative to the reports folder, with '/' between parts. */
  readonly dir: string;
  readonly bytes: number;
  readonly ageMs: number;
}

export interface CleanOutcome {
  /** Removed (or, with dryRun, to be removed), in path order. */
  readonly removed: readonly CleanedRun[];
  /** Old enough, but held by a live process: kept. */
  readonly locked: readonly string[];
  /** The reports folder does not exist. */
  readonly missing: boolean;
}

const subdirs = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** Size of a folder's files, sub-folders included. */
function bytesOf(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    total += e.isDirectory() ? bytesOf(path) : e.isFile() ? statSync(path).size : 0;
  }
  return total;
}

/** When the run last changed: the newest of the folder and its files (a resume appends records). */
function lastChange(dir: string): number {
  let t = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) t = Math.max(t, statSync(join(dir, e.name)).mtimeMs);
  return t;
}

/** The run directories of a reports folder, relative paths: its own sub-folders and theirs. */
function runDirs(root: string): string[] {
  const out: string[] = [];
  for (const name of subdirs(root)) {
    if (holdsRun(join(root, name))) out.push(name);
    else for (const inner of subdirs(join(root, name))) if (holdsRun(join(root, name, inner))) out.push(`${name}/${inner}`);
  }
  return out;
}

export function cleanRuns(root: string, opts: CleanOptions): CleanOutcome {
  if (!existsSync(root)) return { removed: [], locked: [], missing: true };
  const removed: CleanedRun[] = [];
  const locked: string[] = [];
  for (const rel of runDirs(root)) {
    const dir = join(root, rel);
    const ageMs = opts.now - lastChange(dir);
    if (ageMs < opts.olderThanMs) continue;
    if (lockHolder(dir) !== undefined) {
      locked.push(rel);
      continue;
    }
    removed.push({ dir: rel, bytes: bytesOf(dir), ageMs });
    if (opts.dryRun) continue;
    rmSync(dir, { recursive: true, force: true });
    const parent = rel.includes('/') ? join(root, rel.slice(0, rel.indexOf('/'))) : undefined;
    if (parent !== undefined && readdirSync(parent).length === 0) rmdirSync(parent);
  }
  return { removed, locked, missing: false };
}
