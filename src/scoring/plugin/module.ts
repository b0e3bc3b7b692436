import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Score, ScoreInput } from '../../types.js';
import { modulePool } from '../../plugin/module-pool.js';
import { describeFailure } from '../../plugin/failure.js';
import type { ScorerSpec } from '../create.js';
import { StoppedError } from '../../errors.js';
import { pluginInput } from './input.js';
import { pluginScore } from './result.js';
import { pluginCommonOptions, type PluginScorerDefinition } from './types.js';

// type: module — a JS/TS module's function scores each answer (types/plugin.ts ScorerPlugin), in
// worker threads with a time limit per call (plugin/module-pool.ts).

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 4;

const fileOf = (spec: ScorerSpec) => resolve(spec.dir ?? '.', String(spec.options['path']));
const num = (spec: ScorerSpec, key: string, fallback: number) => (typeof spec.options[key] === 'number' ? spec.options[key] : fallback);
const poolOf = (spec: ScorerSpec) => modulePool({ file: fileOf(spec), role: 'scorer', size: num(spec, 'concurrency', DEFAULT_CONCURRENCY) });

export const moduleScorer: PluginScorerDefinition = {
  type: 'module',
  description: 'Your own scorer: a JavaScript or TypeScript module (default export, or an export named score) that gets the sample, the output and the expected value and returns {score, pass, reason}; runs in worker threads with a time limit.',
  options: {
    properties: {
      path: { type: 'string', minLength: 1, description: 'The module, relative to this spec file: .js, .mjs, .cjs, .ts, .mts or .cts.' },
      ...pluginCommonOptions,
      timeout_ms: { type: 'integer', minimum: 1, description: `Time limit of one call (default ${DEFAULT_TIMEOUT_MS}); past it the call is a scorer error and its worker is restarted.` },
      concurrency: { type: 'integer', minimum: 1, maximum: 64, description: `Worker threads at most, each scoring one answer at a time (default ${DEFAULT_CONCURRENCY}).` },
    },
    required: ['path'],
  },
  needsExpected: false,
  checkSync: (spec) => {
    const file = fileOf(spec);
    try {
      if (statSync(file).isFile()) return [];
    } catch {
      // reported below
    }
    return [{ path: '/path', message: `no file ${String(spec.options['path'])} (looked for ${file}); fix the path (relative to the spec file)` }];
  },
  check: async (spec) => {
    const problem = await poolOf(spec).check();
    return problem === undefined ? [] : [{ path: '/path', message: `${String(spec.options['path'])} ${problem}` }];
  },
  create: (spec, prompt) => {
    const pool = poolOf(spec);
    const label = `module scorer ${spec.name} (${String(spec.options['path'])})`;
    const timeoutMs = num(spec, 'timeout_ms', DEFAULT_TIMEOUT_MS);
    return {
      name: spec.name,
      weight: spec.weight,
      score: async (input: ScoreInput, signal: AbortSignal): Promise<Score> => {
        const got = await pool.call([pluginInput(spec, prompt, input)], { timeoutMs, signal, label });
        // Ended by the stop: an aborted item (a resume runs it again), not a scorer error.
        if (!got.ok && got.failure.kind === 'aborted') throw new StoppedError(got.failure.message, 'scorer');
        if (!got.ok) throw new Error(describeFailure(got.failure));
        try {
          return pluginScore(spec, got.value);
        } catch (err) {
          throw new Error(`${label} ${(err as Error).message}`, { cause: err });
        }
      },
    };
  },
};
