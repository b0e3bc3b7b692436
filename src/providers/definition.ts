import { InputError } from '../errors.js';
import type { Provider } from '../types.js';
import type { TProperties } from '@sinclair/typebox';
import type { ModelInput } from './model-entry.js';
import type { ModelSpec } from './model-spec.js';

/** The environment as the CLI read it: providers never touch process.env themselves. */
export type Env = Readonly<Record<string, string | undefined>>;

/** One model entry as the spec wrote it, with what its checks need. */
export interface EntryCheck {
  readonly entry: ModelInput;
  /** The part of the id after the colon. */
  readonly model: string;
  /** max_tokens as it will be sent (the entry's, or the spec's default). */
  readonly maxTokens: number;
  /** JSON pointer of the entry, file included: "evals/x.yaml#/models/0". */
  readonly where: string;
  /** The spec file (as given): paths in an entry are relative to its folder. */
  readonly file: string;
  /** --simulate: the entry will be replaced by a simulator. */
  readonly simulate: boolean;
}

/** What one request to a model may hold, where the API publishes it (checked before any call). */
export interface RequestLimits {
  /** The largest request body, in bytes. */
  readonly maxBytes: number;
  /** Whose limit that is, in words: "the Messages API (32 MB a request)". */
  readonly bytesRule: string;
  /** What to do about a request above it, besides shortening the sample. */
  readonly bytesFix?: string;
  /** The model's context window in tokens, when known. */
  readonly contextTokens?: number;
}

/**
 * One provider kind, declared once. The registry (registry.ts) collects the definitions; the spec's
 * JSON Schema, spec checks, model-id parsing, `haikubench list` and provider creation derive from it.
 */
export interface ProviderDefinition<O extends TProperties = TProperties> {
  /** The id prefix: "anthropic" in "anthropic:claude-haiku-5-5". */
  readonly kind: string;
  /** What the part after the colon names, in help and errors: "<model>", "<profile>", "<field>". */
  readonly idForm: string;
  /** Said after the id form where every kind is listed (the spec's model id). */
  readonly idNote?: string;
  /** `haikubench list`: what a model of this kind calls. */
  readonly listing: string;
  /** Model-entry options only this kind reads (schemas of optional properties, merged into the spec's model entry). */
  readonly options: O;
  /** Answers are simulated, never a real model (reports say so). */
  readonly simulated: boolean;
  /** No model at all: the output is a dataset field (never simulated, never cached, $0). */
  readonly replay: boolean;
  /** The user's own code (module:, exec:): --simulate never replaces it (there is no API to stand in for). */
  readonly local?: boolean;
  /** Default of `api_key_env`. */
  readonly apiKeyEnv: string;
  /** Problems of a model entry that the JSON Schema cannot express, one message each. */
  check(c: EntryCheck): readonly string[];
  /** This kind's part of the resolved model, from its own options (none: nothing beyond the common fields). */
  resolve?(entry: ModelInput, file: string): Partial<ModelSpec>;
  /** What is worth saying about a resolved model before any call, without refusing it (an unknown model id). */
  warnings?(model: ModelSpec): readonly string[];
  /** The limits one request of this model must keep (run --batch: batched); none: not checked. */
  requestLimits?(model: ModelSpec, batch: boolean): RequestLimits | undefined;
  /** The provider of a resolved model. A missing key is an input error (exit 2): nothing is ever faked. */
  create(model: ModelSpec, env: Env, runSeed: number): Provider;
  /** The model whose list price prices the calls, or undefined when unknown. */
  pricingModel(model: ModelSpec): string | undefined;
}

export const isLoopback = (url: string) => /^https?:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?(\/|$)/.test(url);
export const nonEmpty = (v: string | undefined) => (v !== undefined && v.trim() !== '' ? v : undefined);

/**
 * Why a base URL cannot be used, or undefined. A URL with a user name or password is never echoed
 * (fetch refuses such URLs, and the password would end up in logs).
 */
export function baseUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `"${url}" is not a URL; write it in full, e.g. https://api.example.com/v1 or http://127.0.0.1:8080`;
  }
  if (u.username !== '' || u.password !== '') return 'the URL holds a user name or password; remove them from the URL and give the key in the key variable (api_key_env)';
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    return url.includes('://') ? `"${url}" uses ${u.protocol.slice(0, -1)}; only http and https are supported` : `"${url}" has no scheme; write http://${url} or https://${url}`;
  }
  return undefined;
}

/** The base URL a provider will call, from the spec or the environment, or an input error (exit 2) naming where it came from. */
export function checkedBaseUrl(model: ModelSpec, url: string | undefined, source: string): string | undefined {
  if (url === undefined) return undefined;
  const problem = baseUrlProblem(url);
  if (problem === undefined) return url;
  throw new InputError('provider.bad_base_url', `${model.id}: ${source} cannot be used: ${problem}.`, []);
}

/** A key with a line break or other non-printable character would fail inside the HTTP layer, whose error echoes it. */
export function checkKey(model: ModelSpec, key: string): string {
  if (/^[\x21-\x7e]+$/.test(key)) return key;
  throw new InputError('provider.bad_key', `${model.id}: ${model.apiKeyEnv} contains spaces, a line break or other non-printable characters.`, [
    'Check how the variable is set (a trailing newline from a file or a pasted line break is the usual cause); the key itself is not shown.',
  ]);
}
