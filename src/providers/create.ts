import { InputError } from '../errors.js';
import type { Provider } from '../types.js';
import type { ModelSpec } from '../spec/types.js';
import { anthropicProvider } from './anthropic.js';
import { openaiProvider } from './openai.js';
import { simProvider } from './sim.js';
import { replayProvider } from './replay.js';
import { simProfile } from './sim-profiles.js';

/** The environment as the CLI read it: providers never touch process.env themselves. */
export type Env = Readonly<Record<string, string | undefined>>;

const isLoopback = (url: string) => /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(url);
const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);

/** A key with a line break or other non-printable character would fail inside the HTTP layer, whose error echoes it. */
function checkKey(model: ModelSpec, key: string): string {
  if (/^[\x21-\x7e]+$/.test(key)) return key;
  throw new InputError('provider.bad_key', `${model.id}: ${model.apiKeyEnv} contains spaces, a line break or other non-printable characters.`, [
    'Check how the variable is set (a trailing newline from a file or a pasted line break is the usual cause); the key itself is not shown.',
  ]);
}

/** The model whose list price prices a model's calls (the simulator: the model its profile is named after). */
export function pricingModelOf(model: ModelSpec): string | undefined {
  if (model.provider === 'anthropic') return model.model;
  if (model.provider === 'sim') return simProfile(model.model).pricingModel;
  return undefined;
}

/** Build the provider for a model. A missing key is an input error (exit 2): nothing is ever faked. */
export function createProvider(model: ModelSpec, env: Env, runSeed: number): Provider {
  switch (model.provider) {
    case 'sim':
      return simProvider(model, runSeed);
    case 'replay':
      return replayProvider(model);
    case 'anthropic': {
      const apiKey = nonEmpty(env[model.apiKeyEnv]);
      if (apiKey === undefined) {
        throw new InputError('provider.no_key', `${model.id}: ${model.apiKeyEnv} is not set, so this model cannot be called.`, [
          `Set the key:             export ${model.apiKeyEnv}=sk-ant-...`,
          `Or run a simulated model: --model sim:${model.model}   (or --simulate auto|always for every model)`,
        ]);
      }
      const baseURL = model.baseUrl ?? nonEmpty(env['ANTHROPIC_BASE_URL']);
      return anthropicProvider(model, { apiKey: checkKey(model, apiKey), ...(baseURL !== undefined && { baseURL }) });
    }
    case 'openai': {
      const baseURL = model.baseUrl ?? nonEmpty(env['OPENAI_BASE_URL']) ?? 'https://api.openai.com/v1';
      const apiKey = nonEmpty(env[model.apiKeyEnv]) ?? (isLoopback(baseURL) ? 'no-key-needed-for-local-server' : undefined);
      if (apiKey === undefined) {
        throw new InputError('provider.no_key', `${model.id}: ${model.apiKeyEnv} is not set for ${baseURL}.`, [
          `Set the key: export ${model.apiKeyEnv}=...   (or api_key_env: NAME in the spec's model entry)`,
          'A server on localhost needs no key.',
        ]);
      }
      return openaiProvider(model, { apiKey: checkKey(model, apiKey), baseURL });
    }
  }
}
