import type { Json } from '../../types.js';
import type { CheckResult, ScorerDefinition } from '../types.js';
import { compileOutputSchema } from './json.js';
import { matchSet, parseExpected, stepsOf, type Mode } from './tool-match.js';

// Tool-use scorers: which tool was called, with which arguments (BFCL "any allowed value per
// argument", exact, or by JSON Schema), in which order, no call when none is expected, and the whole
// trajectory of a tool loop. They read the calls the item's answer recorded (stepsOf).

const allCalls = (c: Parameters<typeof stepsOf>[0]) => stepsOf(c).flatMap((s) => s.calls);
const toolSteps = (c: Parameters<typeof stepsOf>[0]) => stepsOf(c).filter((s) => s.calls.length > 0);

const expectedCallsProblem = (v: Json) => (parseExpected(v, 'bfcl').ok ? undefined : 'are not tool calls ({tool_name: {argument: [allowed values]}}, or a list of them)');

export const toolCalled: ScorerDefinition<{ readonly name: string }> = {
  type: 'tool-called',
  description: 'The model called the tool `name` (in any response of the item).',
  options: { properties: { name: { type: 'string', minLength: 1, description: 'Tool name (templated).' } }, required: ['name'] },
  needsExpected: false,
  templated: ['name'],
  check: ({ completion, options }) => {
    const names = allCalls(completion).map((c) => c.name);
    return names.includes(options.name) ? { pass: true } : { pass: false, reason: `did not call ${options.name} (called: ${names.join(', ') || 'nothing'})` };
  },
};

export const toolCall: ScorerDefinition<{ readonly match?: Mode; readonly step?: number }> = {
  type: 'tool-call',
  description: 'The calls of one response (default the first) match the expected ones as a set: match bfcl (default: per argument a list of allowed values, "" = may be omitted) or equal (exact arguments). Expected [] = no call.',
  options: {
    properties: {
      match: { type: 'string', enum: ['bfcl', 'equal'], description: 'bfcl (default): {tool: {arg: [allowed...]}}; equal: {tool: {arg: value}}.' },
      step: { type: 'integer', minimum: 1, description: 'Which response of a tool loop to check (default 1).' },
    },
  },
  needsExpected: true,
  expectedProblem: expectedCallsProblem,
  check: ({ completion, options, expected }): CheckResult => {
    const want = parseExpected(expected ?? null, options.match ?? 'bfcl');
    if (!want.ok) return { pass: false, reason: `expected: ${want.problem}` };
    const step = stepsOf(completion)[(options.step ?? 1) - 1];
    const why = matchSet(step?.calls ?? [], want.calls);
    return why === undefined ? { pass: true } : { pass: false, reason: why };
  },
};

export const toolArgsSchema: ScorerDefinition<{ readonly schema: Json; readonly name?: string }> = {
  type: 'tool-args-schema',
  description: 'Every call (of tool `name`, if given) has arguments valid against a JSON Schema; fails when there is no such call.',
  options: {
    properties: {
      schema: { type: 'object', description: 'JSON Schema of the arguments.' },
      name: { type: 'string', minLength: 1, description: 'Only calls of this tool.' },
    },
    required: ['schema'],
  },
  needsExpected: false,
  check: ({ completion, options }) => {
    const calls = allCalls(completion).filter((c) => options.name === undefined || c.name === options.name);
    if (calls.length === 0) return { pass: false, reason: `no call${options.name === undefined ? '' : ` of ${options.name}`}` };
    const validate = compileOutputSchema(options.schema);
    for (const c of calls) {
      if (!validate(c.input)) {
        const errs = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
        return { pass: false, reason: `${c.name}: ${errs.join('; ')}` };
      }
    }
    return { pass: true };
  },
};

export const noToolCall: ScorerDefinition<Record<string, never>> = {
  type: 'no-tool-call',
  description: 'The model called no tool at all (for prompts where none applies).',
  options: { properties: {} },
  needsExpected: false,
  check: ({ completion }) => {
    const names = allCalls(completion).map((c) => c.name);
    return names.length === 0 ? { pass: true } : { pass: false, reason: `called ${names.join(', ')}` };
  },
};

const namesProblem = (v: Json) => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? undefined : 'are not a list of tool names');

export const toolOrder: ScorerDefinition<Record<string, never>> = {
  type: 'tool-order',
  description: 'The tools were called in the expected order (a list of names); calls made together in one response may come in any order among themselves.',
  options: { properties: {} },
  needsExpected: true,
  expectedProblem: namesProblem,
  check: ({ completion, expected }) => {
    const want = Array.isArray(expected) ? expected.map(String) : [];
    let at = 0;
    for (const step of toolSteps(completion)) {
      const got = step.calls.map((c) => c.name).sort();
      const next = want.slice(at, at + got.length).sort();
      if (got.join('\u0000') !== next.join('\u0000')) return { pass: false, reason: `after ${at} call(s): called ${got.join(', ')}, expected ${next.join(', ') || 'nothing more'}` };
      at += got.length;
    }
    return at === want.length ? { pass: true } : { pass: false, reason: `stopped after ${at} call(s); expected ${want.length} (${want.slice(at).join(', ')} missing)` };
  },
};

export const trajectory: ScorerDefinition<{ readonly match?: Mode }> = {
  type: 'trajectory',
  description: 'Every response of a tool loop made the expected calls: expected is a list of steps, each a list of calls (bfcl or equal) made together. Value: the share of expected steps matched in order before the first difference.',
  options: { properties: { match: { type: 'string', enum: ['bfcl', 'equal'], description: 'How arguments are compared (default bfcl).' } } },
  needsExpected: true,
  expectedProblem: (v) => (Array.isArray(v) && v.every((s) => parseExpected(s, 'bfcl').ok) ? undefined : 'are not a list of steps (each a list of tool calls)'),
  check: ({ completion, expected, options }): CheckResult => {
    const want = Array.isArray(expected) ? expected : [];
    const got = toolSteps(completion);
    for (const [i, w] of want.entries()) {
      const parsed = parseExpected(w, options.match ?? 'bfcl');
      if (!parsed.ok) return { pass: false, reason: `expected step ${i + 1}: ${parsed.problem}` };
      const why = matchSet(got[i]?.calls ?? [], parsed.calls);
      if (why !== undefined) return { pass: false, value: i / Math.max(1, want.length), reason: `step ${i + 1}: ${why}` };
    }
    if (got.length > want.length) return { pass: false, value: 1, reason: `${got.length - want.length} extra step(s) with tool calls (first: ${got[want.length]?.calls.map((c) => c.name).join(', ')})` };
    return completion.stepLimit === true ? { pass: false, value: 1, reason: 'stopped at the step limit' } : { pass: true };
  },
};
