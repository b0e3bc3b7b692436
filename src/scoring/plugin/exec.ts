import type { Json, Score, ScoreInput } from '../../types.js';
import { commandFileProblems, commandWords, programProblem } from '../../plugin/command.js';
import { limiter, runJsonCommand } from '../../plugin/exec.js';
import { describeFailure } from '../../plugin/failure.js';
import type { ScorerSpec } from '../create.js';
import { StoppedError } from '../../errors.js';
import { pluginInput } from './input.js';
import { pluginScore } from './result.js';
import { pluginCommonOptions, type PluginScorerDefinition } from './types.js';

// type: exec — a command scores each answer: the input as JSON on stdin (types/plugin.ts
// ScorerPluginInput), the result as JSON on stdout; a process per answer, in the spec file's folder.

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 4;

const commandOf = (spec: ScorerSpec) => spec.options['command'] as string | readonly string[];
const num = (spec: ScorerSpec, key: string, fallback: number) => (typeof spec.options[key] === 'number' ? spec.options[key] : fallback);
const shown = (c: Json | undefined) => (typeof c === 'string' ? c : JSON.stringify(c));

export const execScorer: PluginScorerDefinition = {
  type: 'exec',
  description: 'Your own scorer as a command (Python, a shell script, any program): it reads the sample, output and expected value as JSON on stdin and prints {score, pass, reason} as JSON on stdout; one process per answer, with a time limit.',
  options: {
    properties: {
      command: {
        description: 'The program and its arguments, run in this spec file\'s folder without a shell: "python3 ./scorers/tone.py" (quotes group words) or a list of words.',
        anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', items: { type: 'string' }, minItems: 1 }],
      },
      ...pluginCommonOptions,
      timeout_ms: { type: 'integer', minimum: 1, description: `Time limit of one run (default ${DEFAULT_TIMEOUT_MS}); past it the command's process group is killed and the answer is a scorer error.` },
      concurrency: { type: 'integer', minimum: 1, maximum: 256, description: `Runs of the command at the same time, at most (default ${DEFAULT_CONCURRENCY}).` },
    },
    required: ['command'],
  },
  needsExpected: false,
  checkSync: (spec) => commandFileProblems(commandOf(spec), spec.dir ?? '.').map((message) => ({ path: '/command', message })),
  check: (spec, env) => {
    const problem = env.path === undefined ? undefined : programProblem(commandOf(spec), spec.dir ?? '.', env.path);
    return Promise.resolve(problem === undefined ? [] : [{ path: '/command', message: problem }]);
  },
  create: (spec, prompt) => {
    const words = commandWords(commandOf(spec));
    const cmd = { words, cwd: spec.dir ?? '.', timeoutMs: num(spec, 'timeout_ms', DEFAULT_TIMEOUT_MS) };
    const limit = limiter(num(spec, 'concurrency', DEFAULT_CONCURRENCY));
    const label = `exec scorer ${spec.name} (${shown(spec.options['command'])})`;
    return {
      name: spec.name,
      weight: spec.weight,
      score: async (input: ScoreInput, signal: AbortSignal): Promise<Score> => {
        const got = await limit(() => runJsonCommand(cmd, pluginInput(spec, prompt, input), signal, label));
        // Ended by the stop: an aborted item (a resume runs it again), not a scorer error.
        if (!got.ok && got.failure.kind === 'aborted') throw new StoppedError(got.failure.message, 'scorer');
        if (!got.ok) throw new Error(describeFailure(got.failure));
        const v = got.value;
        if (typeof v === 'object' && v !== null && 'error' in v) throw new Error(`${label} answered an error: ${shown((v as { error: Json }).error)}`);
        try {
          return pluginScore(spec, v);
        } catch (err) {
          throw new Error(`${label} ${(err as Error).message}`, { cause: err });
        }
      },
    };
  },
};
