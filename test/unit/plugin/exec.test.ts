import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { limiter, runJsonCommand } from '../../../src/plugin/exec.js';
import { tempDir, writeFiles } from '../../support/cli.js';

// One run of a command with JSON in and out: every way it goes wrong is a failure of its own kind.

const dir = tempDir();
writeFiles(dir, {
  'echo.py': 'import json, sys\nd = json.load(sys.stdin)\nprint(json.dumps({"got": d}))\n',
  'prose.py': 'print("Sure! Here is the score: 0.8")\n',
  'silent.py': 'import sys\nsys.stdin.read()\n',
  'crash.py': 'import sys\nsys.stderr.write("line one\\n")\nraise RuntimeError("the scorer broke")\n',
  'ignore-stdin.sh': 'echo \'{"ok": true}\'\n',
  // Starts a grandchild that would outlive it, records its pid, then waits forever.
  'spawner.sh': 'sleep 300 &\necho $! > "$1"\nwait\n',
});
const never = new AbortController().signal;
const run = (words: string[], input: unknown = { a: 1 }, timeoutMs = 20_000, signal = never) => runJsonCommand({ words, cwd: dir, timeoutMs }, input, signal, 'cmd');

/** A process that is gone or a zombie (killed, not yet reaped) is not running. */
const running = (pid: number) => {
  try {
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return state !== 'Z';
  } catch {
    return false;
  }
};

/**
 * Waits until the process is no longer running. SIGKILL is delivered at once, but a loaded machine may
 * take a moment to tear the process down. One that survives the kill (it sleeps 300 s) makes the test
 * time out.
 */
const ended = async (pid: number) => {
  while (running(pid)) await new Promise((r) => setTimeout(r, 10));
};

describe('runJsonCommand', () => {
  it('sends the input as JSON on stdin and reads the JSON it prints', async () => {
    expect(await run(['python3', './echo.py'], { sample: { id: 'ü' }, output: 'a\nb' })).toEqual({ ok: true, value: { got: { sample: { id: 'ü' }, output: 'a\nb' } } });
  });

  it.each([
    { name: 'prose instead of JSON', words: ['python3', './prose.py'], kind: 'bad_output', message: /cmd: printed something other than one JSON document on stdout \(.*\): Sure! Here is the score: 0\.8/ },
    { name: 'nothing at all', words: ['python3', './silent.py'], kind: 'bad_output', message: /printed nothing on stdout/ },
    { name: 'a crash', words: ['python3', './crash.py'], kind: 'exit', message: /cmd: exited with code 1/ },
    { name: 'a program that does not exist', words: ['./no-such-file'], kind: 'exit', message: /could not start \.\/no-such-file/ },
  ])('$name: $kind', async ({ words, kind, message }) => {
    const got = await run(words);
    expect(got.ok).toBe(false);
    if (got.ok) return;
    expect(got.failure.kind).toBe(kind);
    expect(got.failure.message).toMatch(message);
  });

  it('keeps the tail of stderr', async () => {
    const got = await run(['python3', './crash.py']);
    expect(!got.ok && got.failure.stderr).toMatch(/line one\n.*RuntimeError: the scorer broke$/s);
  });

  it('does not mind a command that never reads its stdin', async () => {
    expect(await run(['sh', './ignore-stdin.sh'], { big: 'x'.repeat(1_000_000) })).toEqual({ ok: true, value: { ok: true } });
  });

  it('kills the whole process group at the time limit', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    const got = await run(['sh', './spawner.sh', pidFile], {}, 500);
    expect(got).toMatchObject({ ok: false, failure: { kind: 'timeout', message: 'cmd: timed out after 500 ms (its process group was killed)' } });
    expect(existsSync(pidFile)).toBe(true);
    await ended(Number(readFileSync(pidFile, 'utf8')));
  });

  it('kills it when the run stops', async () => {
    const ac = new AbortController();
    const pidFile = join(dir, 'grandchild2.pid');
    const pending = run(['sh', './spawner.sh', pidFile], {}, 60_000, ac.signal);
    while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8').trim() === '') await new Promise((r) => setImmediate(r));
    ac.abort();
    expect(await pending).toMatchObject({ ok: false, failure: { kind: 'aborted' } });
    await ended(Number(readFileSync(pidFile, 'utf8')));
  });
});

describe('limiter', () => {
  it('runs at most n at a time, in order', async () => {
    const limit = limiter(2);
    let active = 0;
    let most = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 5 }, () => {
      let resolve = () => {};
      const promise = new Promise<void>((r) => { resolve = r; });
      return { promise, resolve };
    });
    const all = gates.map((g, i) => limit(async () => {
      active += 1; most = Math.max(most, active); order.push(i);
      await g.promise;
      active -= 1;
    }));
    for (const g of gates) { await new Promise((r) => setImmediate(r)); g.resolve(); }
    await Promise.all(all);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});
