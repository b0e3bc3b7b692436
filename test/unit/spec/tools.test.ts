import { describe, expect, it } from 'vitest';
import { doc, FILE, issuesOf, load } from './helpers.js';

// The spec's tools, tool_choice, tool_loop, prompt.turns and output_format, resolved and checked.

const TOOL = { name: 'get_weather', description: 'Weather.', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };

describe('resolveSpec: tools', () => {
  it('tools, tool_choice and a tool loop resolve; relative paths are the spec\'s', () => {
    const spec = load(doc({ models: [{ id: 'anthropic:claude-haiku-5-5', thinking: 'disabled' }], tools: [TOOL], tool_choice: { name: 'get_weather' }, tool_loop: { max_steps: 3, results: { module: 'tools/w.mjs' } } }));
    expect(spec.tools).toEqual({
      definitions: [{ name: 'get_weather', description: 'Weather.', inputSchema: TOOL.input_schema }],
      choice: { type: 'tool', name: 'get_weather' },
      loop: { maxSteps: 3, timeoutMs: 10_000, results: { kind: 'module', path: '/work/evals/tools/w.mjs' } },
    });
  });

  it('plug-in providers take part in an eval with tools (they may answer toolCalls)', () => {
    const spec = load(doc({ tools: [TOOL], tool_loop: { results: { dataset: 'r' } }, models: ['anthropic:claude-haiku-5-5', 'exec:python3 agent.py'] }));
    expect(spec.models.map((m) => m.provider)).toEqual(['anthropic', 'exec']);
  });

  it('a command\'s script path resolves from the spec\'s folder, its program does not', () => {
    const spec = load(doc({ tools: [TOOL], tool_loop: { results: { command: ['node', 'tools/w.js', '--fast'] } } }));
    expect(spec.tools?.loop).toEqual({ maxSteps: 8, timeoutMs: 10_000, results: { kind: 'command', argv: ['node', '/work/evals/tools/w.js', '--fast'], cwd: '/work/evals' } });
  });

  it.each<readonly [string, Record<string, unknown>, string]>([
    ['tool_choice without tools', { tool_choice: 'any' }, `${FILE}#/tool_choice: there are no tools; add "tools:" or remove tool_choice`],
    ['tool_loop without tools', { tool_loop: { results: { dataset: 'r' } } }, `${FILE}#/tool_loop: there are no tools; add "tools:" or remove tool_loop`],
    ['a tool_choice naming no declared tool', { tools: [TOOL], tool_choice: { name: 'get_time' } }, `${FILE}#/tool_choice/name: no tool named "get_time" (tools: get_weather)`],
    ['a tool declared twice', { tools: [TOOL, TOOL] }, `${FILE}#/tools/1/name: tool "get_weather" is declared twice`],
    ['an input schema that is not an object', { tools: [{ name: 'f', input_schema: { type: 'string' } }] }, `${FILE}#/tools/0/input_schema/type: a tool's input is an object; use type: object`],
    ['a variant with turns of a single-turn spec', { prompts: [{ id: 'v1', turns: ['a', 'b'] }] }, `${FILE}#/prompts/0/turns: the spec's prompt has no turns; a variant's turns need prompt.turns (as many), so every contestant asks the same number of questions`],
    ['a variant with fewer turns than the spec', { prompt: { turns: ['a', 'b', 'c'] }, prompts: [{ id: 'v1', turns: ['x', 'y'] }] }, `${FILE}#/prompts/0/turns: 2 turns, but ${FILE}#/prompt/turns has 3; give every variant as many turns, so per-turn scorers apply to each`],
    ['a variant with a user turn of a multi-turn spec', { prompt: { turns: ['a', 'b'] }, prompts: [{ id: 'v1', user: 'x' }] }, `${FILE}#/prompts/0: the spec's prompt is multi-turn (prompt.turns): a variant gives its own "turns" (as many) and/or "system", not "user"`],
  ])('%s is an error', (_l, extra, issue) => {
    expect(issuesOf(() => load(doc(extra)))).toContain(issue);
  });

  it.each<readonly [string, Record<string, unknown>]>([
    ['two result sources', { tools: [TOOL], tool_loop: { results: { dataset: 'r', module: 'x.mjs' } } }],
    ['no result source', { tools: [TOOL], tool_loop: { results: {} } }],
    ['a bad tool name', { tools: [{ name: 'get weather', input_schema: { type: 'object' } }] }],
  ])('%s fails the schema', (_l, extra) => {
    expect(() => load(doc(extra))).toThrow();
  });
});

describe('resolveSpec: turns and output_format', () => {
  it('prompt variants of a multi-turn spec: each its system and/or turns, the spec\'s turns by default', () => {
    const spec = load(doc({ prompt: { system: 'S', turns: ['one {{a}}', 'two'] }, prompts: [{ id: 'v1', system: 'T' }, { id: 'v2', turns: ['uno {{a}}', 'dos'] }] }));
    expect(spec.variants?.map((v) => [v.id, v.system, v.messages, v.turns])).toEqual([
      ['v1', 'T', [{ role: 'user', content: 'one {{a}}' }], ['one {{a}}', 'two']],
      ['v2', 'S', [{ role: 'user', content: 'uno {{a}}' }], ['uno {{a}}', 'dos']],
    ]);
  });

  it('prompt.turns resolves; its first turn is the first user message', () => {
    const spec = load(doc({ prompt: { system: 'S', turns: ['one {{a}}', 'two'] } }));
    expect(spec.prompt).toEqual({ system: 'S', messages: [{ role: 'user', content: 'one {{a}}' }], shorthand: false, turns: ['one {{a}}', 'two'] });
  });

  it('a scorer turn past the last turn is an error', () => {
    const issues = issuesOf(() => load(doc({ prompt: { turns: ['one', 'two'] }, scorers: [{ type: 'contains', expected: 'x', turn: 3 }] })));
    expect(issues).toContain(`${FILE}#/scorers/0/turn: the conversation has 2 turn(s) (prompt.turns); use 1..2`);
  });

  it('turns and user together is an error', () => {
    expect(issuesOf(() => load(doc({ prompt: { user: 'u', turns: ['a', 'b'] } })))).toContain(`${FILE}#/prompt/turns: give turns, or user/messages, not both`);
  });

  it('output_format: the spec\'s for every model, a model entry\'s own wins', () => {
    const mine = { type: 'object', properties: { b: { type: 'number' } } };
    const spec = load(doc({ output_format: { type: 'object' }, models: ['anthropic:claude-haiku-5-5', { id: 'openai:gpt-5', base_url: 'http://localhost:1/v1', output_format: mine }] }));
    expect(spec.models.map((m) => m.outputFormat)).toEqual([{ type: 'object' }, mine]);
  });
});

describe('resolveSpec: forced tool use', () => {
  it.each<readonly [unknown, string | null]>([
    ['anthropic:claude-sonnet-5-5', 'anthropic:claude-sonnet-5-5 returns an error for forced tool use; use tool_choice auto (or output_format for structured answers)'],
    ['anthropic:claude-haiku-5-5', 'anthropic:claude-haiku-5-5 thinks by default, and the API refuses forced tool use with thinking; set thinking: disabled on this model or use tool_choice auto'],
    [{ id: 'anthropic:claude-haiku-5-5', thinking: 'disabled' }, null],
    [{ id: 'anthropic:claude-haiku-4-5', thinking: { budget_tokens: 2048 }, max_tokens: 4096 }, 'anthropic:claude-haiku-4-5 thinks, and the API refuses forced tool use with thinking; set thinking: disabled on this model or use tool_choice auto'],
    ['anthropic:claude-haiku-4-5', null],
    ['openai:gpt-5', null],
  ])('tool_choice any on %j', (model, problem) => {
    const input = doc({ tools: [TOOL], tool_choice: 'any', models: [typeof model === 'string' && model.startsWith('openai') ? { id: model, base_url: 'http://localhost:1/v1' } : model] });
    if (problem === null) expect(() => load(input)).not.toThrow();
    else expect(issuesOf(() => load(input))).toContain(`${FILE}#/models/0: ${problem}`);
  });
});
