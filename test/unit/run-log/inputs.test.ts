import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INPUTS_FILE, openInputLog, openRunLog, readInputs } from '../../../src/run-log/index.js';
import type { RunRecord } from '../../../src/types.js';
import { recordedInput } from '../../../src/runner/input-log.js';
import type { Json } from '../../../src/types.js';

// inputs.jsonl: each input once by hash, each long string once across inputs, read back whole; a
// resumed run appends only what is new; a torn last line is dropped like records.jsonl's.

const dirs: string[] = [];
const dir = () => { const d = mkdtempSync(join(tmpdir(), 'haikubench-inputs-')); dirs.push(d); return d; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const SYSTEM = 'You route customer support tickets. '.repeat(10);
const input = (user: string, model = 'claude-haiku-5-5'): Json => recordedInput(
  { model, system: SYSTEM, messages: [{ role: 'user', content: user }], maxTokens: 16, timeoutMs: 60_000 }, 'billing');
const lines = (d: string) => readFileSync(join(d, INPUTS_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('the kept input', () => {
  it('is the request as sent (without the client timeout) and the target; its hash follows its content', () => {
    const a = input('hello');
    expect(a).toEqual({ request: { model: 'claude-haiku-5-5', system: SYSTEM, messages: [{ role: 'user', content: 'hello' }], maxTokens: 16 }, target: 'billing' });
    const log = openInputLog(dir());
    const h = log.keep(a);
    expect(h).toMatch(/^[0-9a-f]{16}$/);
    expect(log.keep(input('hello'))).toBe(h);
    expect(log.keep(input('hello', 'claude-sonnet-5-5'))).not.toBe(h);
    expect(openInputLog(dir()).keep(input('hello'))).toBe(h); // another run, the same content: the same hash
    log.close();
  });
});

describe('the kept input of a request with images', () => {
  it('keeps an inline image by type, size and hash, never its bytes, and the dataset\'s own reference', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const kept = recordedInput({
      model: 'm', maxTokens: 8, timeoutMs: 1,
      messages: [{ role: 'user', content: [
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: bytes.toString('base64') } },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
        { type: 'text', text: 'What is it?' },
      ] }],
    }, 'a chart', 'charts/chart-01.png');
    // sha256 of those 11 bytes, from `printf '\x89PNG\r\n\x1a\n\x01\x02\x03' | sha256sum`
    expect(kept).toEqual({
      request: { model: 'm', maxTokens: 8, messages: [{ role: 'user', content: [
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', bytes: 11, sha256: '7f47b756761a46e6d4a4d96f0d8a4448f8449235009d1f3ad1493f5c773c19e8' } },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
        { type: 'text', text: 'What is it?' },
      ] }] },
      target: 'a chart',
      media: 'charts/chart-01.png',
    });
    expect(JSON.stringify(kept)).not.toContain(bytes.toString('base64'));
  });
});

describe('inputs.jsonl', () => {
  it('stores each input once, a long string once across inputs, and reads them back whole', async () => {
    const d = dir();
    const log = openInputLog(d);
    const inputs = [input('a'), input('a'), input('b'), input('b', 'claude-sonnet-5-5')];
    const hashes = inputs.map((i) => log.keep(i));
    log.close();
    const written = lines(d);
    expect(written.filter((l) => 'text' in l)).toHaveLength(1); // the system prompt
    expect(written.filter((l) => 'hash' in l)).toHaveLength(3);
    expect(readFileSync(join(d, INPUTS_FILE), 'utf8').split(JSON.stringify(SYSTEM).slice(1, -1))).toHaveLength(2); // in the file once
    const back = await readInputs(d);
    expect(back.size).toBe(3);
    inputs.forEach((i, k) => expect(back.get(hashes[k]!)).toEqual(i));
    expect(await readInputs(d, new Set([hashes[2]!]))).toEqual(new Map([[hashes[2]!, inputs[2]]]));
  });

  it('appends only new inputs when reopened (a resumed run), and drops a torn last line', async () => {
    const d = dir();
    let log = openInputLog(d);
    const a = log.keep(input('a'));
    log.close();
    log = openInputLog(d);
    expect(log.keep(input('a'))).toBe(a);
    const c = log.keep(input('c'));
    log.close();
    expect(lines(d).filter((l) => 'hash' in l)).toHaveLength(2);
    expect(lines(d).filter((l) => 'text' in l)).toHaveLength(1);
    appendFileSync(join(d, INPUTS_FILE), '{"hash":"torn","inp');
    expect([...(await readInputs(d)).keys()]).toEqual([a, c]);
  });

  it('a line that is not JSON in the middle of the file: reopening and reading are refused as bad input (exit 2), naming the file and line', async () => {
    const d = dir();
    const log = openInputLog(d);
    log.keep(input('a'));
    log.close();
    appendFileSync(join(d, INPUTS_FILE), '{"hash":"edited by hand\n{"hash":"0123456789abcdef","input":{"whole":true}}\n');
    const file = join(d, INPUTS_FILE);
    const at = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.startsWith('{"hash":"edited')) + 1;
    const expected = { name: 'InputError', exitCode: 2, message: expect.stringContaining(`${file}:${at}: not a JSON line, in the middle of the file`) };
    expect(() => openInputLog(d)).toThrow(expect.objectContaining(expected));
    await expect(readInputs(d)).rejects.toThrow(expect.objectContaining(expected));
  });

  it.each([
    ['a torn last line (a run killed mid-write)', '{"hash":"torn","inp'],
    ['a whole last line without its newline', `{"hash":"0123456789abcdef","input":{"whole":true}}`],
  ])('reopened after %s, appends new inputs on lines of their own', async (_label, tail) => {
    const d = dir();
    let log = openInputLog(d);
    const a = log.keep(input('a'));
    log.close();
    appendFileSync(join(d, INPUTS_FILE), tail);
    log = openInputLog(d);
    const b = log.keep(input('b'));
    log.close();
    const back = await readInputs(d);
    expect(back.get(a)).toEqual(input('a'));
    expect(back.get(b)).toEqual(input('b'));
    expect(readFileSync(join(d, INPUTS_FILE), 'utf8').endsWith('\n')).toBe(true);
    expect(lines(d).every((l) => typeof l === 'object')).toBe(true); // every line parses
  });

  it('waits in memory until flush, close or 256 KiB: one write for many inputs', () => {
    const d = dir();
    const log = openInputLog(d);
    const size = () => readFileSync(join(d, INPUTS_FILE), 'utf8').length;
    log.keep(input('a'));
    log.keep(input('b'));
    expect(size()).toBe(0);
    log.flush();
    expect(lines(d).filter((l) => 'hash' in l)).toHaveLength(2);
    log.flush(); // nothing new: nothing written twice
    expect(lines(d)).toHaveLength(3);
    // Distinct inputs of ~100 characters each: the 256 KiB rule writes them without a flush.
    for (let i = 0; i < 3_000; i++) log.keep(input(`question ${i}: ${'x'.repeat(40)}`));
    expect(size()).toBeGreaterThan(200_000);
    log.close();
    expect(lines(d).filter((l) => 'hash' in l)).toHaveLength(3_002);
  });

  it('is written before the records that refer to it: the records writer flushes it first, batched or not', async () => {
    const d = dir();
    const log = openInputLog(d);
    const order: string[] = [];
    const run = openRunLog(d, {
      writeSync: (_fd, text) => { order.push(`records ${text.split('\n').length - 1}, inputs ${lines(d).filter((l) => 'hash' in l).length}`); return text.length; },
      writeFile: async () => {},
    }, { beforeWrite: () => log.flush() });
    const record = (inputHash: string) => ({ sampleId: 's', inputHash }) as unknown as RunRecord;
    await Promise.all([run.appendBatched(record(log.keep(input('a')))), run.appendBatched(record(log.keep(input('b'))))]);
    run.append(record(log.keep(input('c'))));
    expect(order).toEqual(['records 2, inputs 2', 'records 1, inputs 3']);
    run.close();
    log.close();
  });

  it('is empty for a run that kept none', async () => {
    expect((await readInputs(dir())).size).toBe(0);
  });
});
