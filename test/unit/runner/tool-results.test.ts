import { describe, expect, it } from 'vitest';
import { toolRunner } from '../../../src/runner/tool-results.js';
import type { Json, Sample } from '../../../src/types.js';

// Scripted tool results: a list by call order, or per tool a value or a list by that tool's calls.

const sample = (results: Json): Sample => ({ id: 's', vars: { results }, metadata: {}, source: 'x:1' });
const answer = (results: Json, name: string, index: number, ofName: number) =>
  toolRunner({ kind: 'dataset', field: 'results' }, sample(results), 1000).answer({ id: 'c', name, input: {} }, { index, ofName }, new AbortController().signal);

describe('scripted tool results', () => {
  it.each<readonly [string, Json, string, number, number, Json, boolean]>([
    ['a list, by call order', [{ a: 1 }, { b: 2 }], 'x', 1, 0, { b: 2 }, false],
    ['a list, past its end', [{ a: 1 }], 'x', 1, 0, { error: 'no scripted result for call 2 (the dataset has 1)' }, true],
    ['per tool, one value every time', { lookup: { ok: true } }, 'lookup', 5, 3, { ok: true }, false],
    ['per tool, a list by that tool\'s calls', { lookup: ['first', 'second'] }, 'lookup', 4, 1, 'second', false],
    ['per tool, past the list', { lookup: ['first'] }, 'lookup', 4, 1, { error: 'no scripted result for call 2 of lookup (the dataset has 1)' }, true],
    ['an unknown tool', { lookup: 1 }, 'delete', 0, 0, { error: 'no scripted result for tool delete' }, true],
    ['no results in the sample', null, 'lookup', 0, 0, { error: 'the sample has no scripted tool results' }, true],
  ])('%s', async (_l, results, name, index, ofName, result, isError) => {
    expect(await answer(results, name, index, ofName)).toEqual({ result, isError });
  });

  it('a command that prints no JSON is a tool error, with what it printed', async () => {
    const run = toolRunner({ kind: 'command', argv: [process.execPath, '-e', 'process.stdout.write("hello")'], cwd: process.cwd() }, sample(null), 5000);
    expect(await run.answer({ id: 'c', name: 'f', input: {} }, { index: 0, ofName: 0 }, new AbortController().signal)).toEqual({ result: { error: 'the tool printed no JSON: hello' }, isError: true });
  });

  it('a command that fails says its exit code and stderr', async () => {
    const run = toolRunner({ kind: 'command', argv: [process.execPath, '-e', 'console.error("boom"); process.exit(3)'], cwd: process.cwd() }, sample(null), 5000);
    expect(await run.answer({ id: 'c', name: 'f', input: {} }, { index: 0, ofName: 0 }, new AbortController().signal)).toEqual({ result: { error: 'the tool exited with code 3: boom' }, isError: true });
  });

  it('a command that does not exist is a tool error, not a crash', async () => {
    const run = toolRunner({ kind: 'command', argv: ['no-such-program-h16'], cwd: process.cwd() }, sample(null), 5000);
    const got = await run.answer({ id: 'c', name: 'f', input: {} }, { index: 0, ofName: 0 }, new AbortController().signal);
    expect(got.isError).toBe(true);
    expect(JSON.stringify(got.result)).toMatch(/could not start/);
  });

  it('a stopped run stops a command at once', async () => {
    const stop = new AbortController();
    const run = toolRunner({ kind: 'command', argv: [process.execPath, '-e', 'setInterval(() => {}, 1000)'], cwd: process.cwd() }, sample(null), 60_000);
    const pending = run.answer({ id: 'c', name: 'f', input: {} }, { index: 0, ofName: 0 }, stop.signal);
    stop.abort();
    expect(await pending).toEqual({ result: { error: 'the run stopped' }, isError: true });
  });
});
