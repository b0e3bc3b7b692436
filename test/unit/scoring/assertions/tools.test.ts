import { describe, expect, it } from 'vitest';
import { createScorer } from '../../../../src/scoring/create.js';
import type { Completion, Json, ToolCall, ToolStep } from '../../../../src/types.js';
import { noJudge } from '../../../../src/runner/judge-client.js';
import { sameJson } from '../../../../src/scoring/assertions/tool-match.js';
import { expectVerdict, sample, signal, spec, type SpecInput } from './harness.js';

// The tool-use scorers on the calls of an answer: one response (toolCalls) or a tool loop's steps.

const call = (name: string, input: Record<string, Json>, id = `c-${name}`): ToolCall => ({ id, name, input });

function answer(steps: readonly (readonly ToolCall[])[], extra: Partial<Completion> = {}): Completion {
  const s: ToolStep[] = steps.map((calls) => ({ text: '', calls }));
  return { text: 'done', usage: { inputTokens: 1, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'end_turn', latencyMs: 1, steps: s, ...extra };
}

async function score(s: SpecInput, target: Json | undefined, c: Completion) {
  return createScorer(spec(s)).score({ sample: sample({ target }), completion: c, costUsd: 0, epoch: 1, judge: noJudge }, signal());
}

const WEATHER = [{ get_weather: { city: ['Paris', 'Paris, FR'], unit: ['celsius', ''] } }];

describe('tool-call (bfcl)', () => {
  it.each<readonly [string, readonly ToolCall[], Json, boolean, RegExp | null]>([
    ['first allowed value', [call('get_weather', { city: 'Paris', unit: 'celsius' })], WEATHER, true, null],
    ['second allowed value', [call('get_weather', { city: 'Paris, FR' })], WEATHER, true, null],
    ['case and spaces in a string do not matter', [call('get_weather', { city: '  paris ' })], WEATHER, true, null],
    ['optional argument omitted', [call('get_weather', { city: 'Paris' })], WEATHER, true, null],
    ['required argument missing', [call('get_weather', { unit: 'celsius' })], WEATHER, false, /missing argument city/],
    ['value not allowed', [call('get_weather', { city: 'Lyon' })], WEATHER, false, /city = "Lyon", expected one of \["Paris","Paris, FR"\]/],
    ['an argument not expected', [call('get_weather', { city: 'Paris', days: 3 })], WEATHER, false, /unexpected argument days/],
    ['wrong tool', [call('get_time', { city: 'Paris' })], WEATHER, false, /called get_time, expected get_weather/],
    ['no call', [], WEATHER, false, /0 call\(s\) \(none\), expected 1/],
    ['two calls where one is expected', [call('get_weather', { city: 'Paris' }), call('get_weather', { city: 'Paris' }, 'c2')], WEATHER, false, /2 call\(s\)/],
    ['no call expected, none made', [], [], true, null],
    ['no call expected, one made', [call('get_weather', { city: 'Paris' })], [], false, /expected 0/],
    ['numbers by value: 3 = 3.0', [call('add', { a: 3.0, b: 4 })], [{ add: { a: [3], b: [4] } }], true, null],
    ['a number is not its string', [call('add', { a: '3', b: 4 })], [{ add: { a: [3], b: [4] } }], false, /a = "3"/],
    ['lists compare in order', [call('pick', { ids: [2, 1] })], [{ pick: { ids: [[1, 2]] } }], false, null],
    ['nested objects by key', [call('book', { who: { last: 'Ng', first: 'Al' } })], [{ book: { who: [{ first: 'Al', last: 'Ng' }] } }], true, null],
    ['a single expected call without a list', [call('get_weather', { city: 'Paris' })], WEATHER[0] as Json, true, null],
    ['parallel calls in another order', [call('b', { x: 2 }), call('a', { x: 1 })], [{ a: { x: [1] } }, { b: { x: [2] } }], true, null],
    ['parallel calls of one tool, swapped', [call('w', { c: 'Oslo' }), call('w', { c: 'Lima' }, 'c2')], [{ w: { c: ['Lima'] } }, { w: { c: ['Oslo'] } }], true, null],
    ['parallel: one wrong', [call('w', { c: 'Oslo' }), call('w', { c: 'Rome' }, 'c2')], [{ w: { c: ['Lima'] } }, { w: { c: ['Oslo'] } }], false, /c = "Rome"/],
    ['unparseable arguments kept as _raw', [call('get_weather', { _raw: '{"city": "Par' })], WEATHER, false, /unexpected argument _raw/],
  ])('%s', async (_label, calls, target, pass, reason) => {
    const s = await score({ type: 'tool-call' }, target, answer([calls]));
    expectVerdict(s, pass);
    if (reason !== null) expect(s.reason).toMatch(reason);
  });

  it('equal: arguments must be exactly the values given', async () => {
    expectVerdict(await score({ type: 'tool-call', options: { match: 'equal' } }, [{ f: { a: [1, 2] } }], answer([[call('f', { a: [1, 2] })]])), true);
    expectVerdict(await score({ type: 'tool-call', options: { match: 'equal' } }, [{ f: { a: [1, 2] } }], answer([[call('f', { a: 1 })]])), false);
  });

  it('a recorded call shape {name, arguments} is accepted as expected', async () => {
    expectVerdict(await score({ type: 'tool-call', options: { match: 'equal' } }, { name: 'f', arguments: { a: 1 } }, answer([[call('f', { a: 1 })]])), true);
  });

  it('reads a one-response answer from toolCalls when there are no steps', async () => {
    const c: Completion = { text: '', usage: { inputTokens: 1, outputTokens: 1, thinkingTokens: 0 }, stopReason: 'tool_use', latencyMs: 1, toolCalls: [call('get_weather', { city: 'Paris' })] };
    expectVerdict(await score({ type: 'tool-call' }, WEATHER, c), true);
  });

  it('step: checks a later response of a tool loop', async () => {
    const c = answer([[call('a', {})], [call('get_weather', { city: 'Paris' })], []]);
    expectVerdict(await score({ type: 'tool-call', options: { step: 2 } }, WEATHER, c), true);
    expectVerdict(await score({ type: 'tool-call' }, WEATHER, c), false);
  });
});

describe('tool-called, no-tool-call, tool-args-schema', () => {
  const c = answer([[call('find', { q: 'x' })], [call('fetch', { id: 3 })], []]);
  it.each<readonly [SpecInput, Completion, boolean]>([
    [{ type: 'tool-called', options: { name: 'fetch' } }, c, true],
    [{ type: 'tool-called', options: { name: 'delete' } }, c, false],
    [{ type: 'no-tool-call' }, c, false],
    [{ type: 'no-tool-call' }, answer([[]]), true],
    [{ type: 'tool-args-schema', options: { name: 'fetch', schema: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } } }, c, true],
    [{ type: 'tool-args-schema', options: { schema: { type: 'object', required: ['id'] } } }, c, false],
    [{ type: 'tool-args-schema', options: { name: 'nothing', schema: { type: 'object' } } }, c, false],
  ])('%j', async (s, completion, pass) => expectVerdict(await score(s, undefined, completion), pass));

  it('tool-args-schema says which call broke the schema and why', async () => {
    const s = await score({ type: 'tool-args-schema', options: { schema: { type: 'object', required: ['id'] } } }, undefined, c);
    expect(s.reason).toBe("find: / must have required property 'id'");
  });
});

describe('tool-order and trajectory', () => {
  const loop = answer([[call('find', { id: 'A' })], [call('ship', { s: 1 }), call('bill', { s: 1 }, 'c2')], [call('notify', {})], []]);
  it.each<readonly [string, Json, boolean]>([
    ['exact order', ['find', 'ship', 'bill', 'notify'], true],
    ['parallel calls in either order', ['find', 'bill', 'ship', 'notify'], true],
    ['swapped across steps', ['ship', 'find', 'bill', 'notify'], false],
    ['one missing at the end', ['find', 'ship', 'bill', 'notify', 'close'], false],
    ['one too many', ['find', 'ship', 'bill'], false],
  ])('tool-order: %s', async (_l, target, pass) => expectVerdict(await score({ type: 'tool-order' }, target, loop), pass));

  const want: Json = [[{ find: { id: ['A'] } }], [{ bill: { s: [1] } }, { ship: { s: [1] } }], [{ notify: {} }]];
  it('trajectory: every step as a set', async () => {
    expectVerdict(await score({ type: 'trajectory' }, want, loop), true);
  });
  it('trajectory: the first differing step is named; value is the share matched before it', async () => {
    const s = await score({ type: 'trajectory' }, want, answer([[call('find', { id: 'A' })], [call('ship', { s: 2 }), call('bill', { s: 1 }, 'c2')], []]));
    expect(s).toMatchObject({ pass: false, reason: expect.stringMatching(/^step 2: ship: s = 2/) as unknown });
    expect(s.value).toBeCloseTo(1 / 3);
  });
  it('trajectory: a loop stopped at the step limit fails even when its steps match', async () => {
    const s = await score({ type: 'trajectory' }, want, { ...loop, stepLimit: true });
    expect(s.reason).toBe('stopped at the step limit');
  });
});

describe('sameJson', () => {
  it.each<readonly [Json, Json, boolean]>([
    ['Paris', 'paris', true], [1, 1.0, true], [1, '1', false], [null, null, true], [true, 'true', false],
    [{ a: 1, b: [1, 'X'] }, { b: [1, 'x'], a: 1 }, true], [{ a: 1 }, { a: 1, b: 2 }, false], [[1, 2], [2, 1], false],
  ])('%j vs %j', (a, b, same) => expect(sameJson(a, b)).toBe(same));
});
