import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runCli, tempDir, writeFiles } from '../support/cli.js';

// Input the run cannot use, and places it cannot write, exit 2 before any call with the file, the
// place and the fix: never a stack trace, never paid calls scored against a broken expectation.

const spec = (extra = '') => `name: t\ndataset: { path: data.jsonl, fields: { target: answer } }\nprompt: { user: "{{q}}" }\nmodels: [sim:perfect]\nscorers: [{ type: numeric }]\n${extra}`;

describe('numeric expected values', () => {
  it('validate refuses a target that is not a number, naming the scorer, the count and the rows', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.jsonl': '{"id":"a","q":"2+2","answer":4}\n{"id":"b","q":"6*7","answer":"forty two"}\n', 's.yaml': spec() });
    const res = await runCli(['validate', join(dir, 's.yaml')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/s\.yaml#\/scorers\/0 \(line 5\): numeric: 1 of 2 sample target\(s\) are not numbers \("forty two"\), first b \(.*data\.jsonl:2\)/);
    expect(res.stderr).not.toContain('internal error');
  });
});

describe('a YAML alias bomb', () => {
  it('exits 2 naming the file, without a stack trace', async () => {
    const dir = tempDir();
    const v = (i: number) => String.fromCharCode(97 + i);
    const bomb = [`${v(0)}: &${v(0)} [x,x,x,x,x,x,x,x,x]`, ...Array.from({ length: 8 }, (_, k) => `${v(k + 1)}: &${v(k + 1)} [${Array(9).fill(`*${v(k)}`).join(',')}]`)];
    writeFiles(dir, { 'bomb.yaml': bomb.join('\n') });
    const res = await runCli(['validate', join(dir, 'bomb.yaml')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${join(dir, 'bomb.yaml')}: the YAML uses too many aliases`);
    expect(res.stderr).not.toContain('internal error');
  });
});

describe('--out where the run directory cannot be written', () => {
  it('exits 2 before any call, naming the path and saying to choose another --out', async () => {
    const dir = tempDir();
    // Under a file: ENOTDIR even for root (chmod does not stop root).
    writeFiles(dir, { 'data.jsonl': '{"id":"a","q":"2+2","answer":4}\n', 's.yaml': spec(), 'a-file': '' });
    const out = join(dir, 'a-file', 'run');
    const res = await runCli(['run', join(dir, 's.yaml'), '--out', out], { timeoutMs: 20_000 });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${out}: cannot write the run directory`);
    expect(res.stderr).toContain(`${out}/run.lock: ENOTDIR: a part of the path is a file, not a directory; choose another --out`);
    expect(res.stderr).not.toContain('internal error');
  });

  it.runIf(process.platform === 'linux')('under /proc (where Node\'s recursive mkdir never returns) it exits 2 at once', async () => {
    const dir = tempDir();
    writeFiles(dir, { 'data.jsonl': '{"id":"a","q":"2+2","answer":4}\n', 's.yaml': spec() });
    const out = '/proc/haikubench-e2e/run';
    const res = await runCli(['run', join(dir, 's.yaml'), '--out', out], { timeoutMs: 20_000 });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${out}: cannot write the run directory`);
    expect(res.stderr).toContain('choose another --out');
  });
});
