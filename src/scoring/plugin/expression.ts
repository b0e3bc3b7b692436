import type { Score, ScoreInput } from '../../types.js';
import { compileExpression } from '../../plugin/expression.js';
import { renderValue } from '../../prompt/template.js';
import type { ScorerSpec } from '../create.js';
import { pluginScore } from './result.js';
import type { PluginScorerDefinition } from './types.js';

// type: expression — a one-line JavaScript expression over output, sample and expected (node:vm,
// a context with nothing else in it, a time limit): plugin/expression.ts.

const DEFAULT_TIMEOUT_MS = 1_000;

const timeoutOf = (spec: ScorerSpec) => (typeof spec.options['timeout_ms'] === 'number' ? spec.options['timeout_ms'] : DEFAULT_TIMEOUT_MS);

export const expressionScorer: PluginScorerDefinition = {
  type: 'expression',
  description: 'A one-line JavaScript expression over output, sample (id, vars, target, metadata) and expected, e.g. "output.includes(sample.vars.city)": true/false, a score from 0 to 1, or {score, pass, reason}. Runs isolated from the harness (no require, process or timers) with a time limit.',
  options: {
    properties: {
      value: { type: 'string', minLength: 1, description: 'The expression.' },
      threshold: { type: 'number', minimum: 0, maximum: 1, description: 'When it gives a number: the answer passes at or above it (default 0.5).' },
      timeout_ms: { type: 'integer', minimum: 1, maximum: 60000, description: `Time limit of one evaluation (default ${DEFAULT_TIMEOUT_MS}).` },
    },
    required: ['value'],
  },
  needsExpected: false,
  checkSync: (spec) => {
    try {
      compileExpression(String(spec.options['value']), timeoutOf(spec));
      return [];
    } catch (err) {
      return [{ path: '/value', message: `not a JavaScript expression (${(err as Error).message})` }];
    }
  },
  check: () => Promise.resolve([]),
  create: (spec) => {
    const expr = compileExpression(String(spec.options['value']), timeoutOf(spec));
    return {
      name: spec.name,
      weight: spec.weight,
      score: (input: ScoreInput): Score => {
        const { sample } = input;
        const expected = spec.expected !== undefined ? renderValue(spec.expected, sample.vars) : sample.target;
        let raw: unknown;
        try {
          raw = expr.evaluate({ output: input.completion.text, sample: { id: sample.id, vars: sample.vars, target: sample.target ?? null, metadata: sample.metadata }, expected: expected ?? null });
          return pluginScore(spec, raw);
        } catch (err) {
          throw new Error(`expression ${JSON.stringify(spec.options['value'])} ${(err as Error).message}`, { cause: err });
        }
      },
    };
  },
};
