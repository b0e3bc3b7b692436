import type { Provider } from '../types.js';
import type { ExecProviderInput } from '../types/plugin.js';
import type { ModelSpec } from './model-spec.js';
import type { ProviderDefinition } from './definition.js';
import { commandFileProblems, commandWords, programProblem } from '../plugin/command.js';
import { runJsonCommand } from '../plugin/exec.js';
import { pluginProvider } from './plugin-answer.js';
import { pluginEntryOptions, pluginResolve, pluginSample, unusedOptions } from './plugin-options.js';
import { dirname, resolve } from 'node:path';

// exec:<command> — your own provider as a command: each call runs it once in the spec file's folder,
// with the request as JSON on stdin (types/plugin.ts ExecProviderInput) and the answer as JSON on
// stdout (ExecProviderOutput). run.timeout_ms per attempt (the process group is killed past it); the
// model's concurrency caps the processes running at once.

export function execProvider(model: ModelSpec): Provider {
  const cmd = { words: commandWords(model.model), cwd: model.plugin?.dir ?? '.' };
  const label = `exec provider "${model.model}"`;
  return pluginProvider(model, label, async (req, signal, item) => {
    const input: ExecProviderInput = { request: req, sample: pluginSample(item), epoch: item.epoch, options: model.plugin?.options ?? {} };
    const started = performance.now();
    const got = await runJsonCommand({ ...cmd, timeoutMs: req.timeoutMs }, input, signal, label);
    return got.ok ? { ...got, ms: performance.now() - started } : got;
  });
}

/** The command's program looked up on PATH (before any call). */
export const checkExecProvider = (model: ModelSpec, path: string | undefined): string[] => {
  const problem = path === undefined ? undefined : programProblem(model.model, model.plugin?.dir ?? '.', path);
  return problem === undefined ? [] : [problem];
};

export const exec: ProviderDefinition<typeof pluginEntryOptions> = {
  kind: 'exec',
  idForm: '<command>',
  idNote: '(your own provider as a command, JSON on stdin and stdout; may contain spaces)',
  listing: 'your own provider as a command run per call: the request as JSON on stdin, {"text": ...} on stdout (docs/plugins.md); no known price',
  options: pluginEntryOptions,
  simulated: false,
  replay: false,
  local: true,
  apiKeyEnv: 'ANTHROPIC_API_KEY', // never read: the command makes its own calls
  check: ({ entry, model, where, file }) => [
    ...unusedOptions(entry, where, 'exec'),
    ...commandFileProblems(model, dirname(resolve(file))).map((m) => `${where}: ${m}`),
  ],
  resolve: pluginResolve,
  create: (model) => execProvider(model),
  pricingModel: () => undefined,
};
