import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// Several processes find the same stale run.lock (a pid that does not exist) at the same moment:
// exactly one takes it over, the others are told another process uses the directory.

const RACER = resolve(import.meta.dirname, '../../support/lock-racer.ts');
const DEAD_PID = 99_999_999; // above any pid_max: never a running process

/** The next line the child writes. */
function lineOf(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      if (lines.length > 1) done(lines[0] ?? '');
    });
    child.on('exit', (code) => fail(new Error(`racer exited (${String(code)}) before answering: ${buf}`)));
  });
}

async function race(n: number): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hb-race-'));
  writeFileSync(join(dir, 'run.lock'), String(DEAD_PID));
  const children = Array.from({ length: n }, () => spawn(process.execPath, ['--import', 'tsx', RACER, dir], { stdio: ['pipe', 'pipe', 'inherit'] }));
  try {
    await Promise.all(children.map((c) => lineOf(c))); // every racer is ready
    const answers = children.map((c) => lineOf(c));
    for (const c of children) c.stdin?.write('go\n');
    return await Promise.all(answers);
  } finally {
    for (const c of children) c.stdin?.end();
  }
}

describe('taking over a stale run.lock', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('round %i: of 4 racing processes exactly one wins', async () => {
    const answers = await race(4);
    expect(answers.filter((a) => a === 'won')).toHaveLength(1);
    expect(answers.filter((a) => a !== 'won')).toEqual(['run.locked', 'run.locked', 'run.locked']);
  });
});
