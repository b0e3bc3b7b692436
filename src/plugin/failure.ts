// How a plug-in call (a module in a worker thread, or a command run per sample) failed, as plain
// data: the scorer and provider wrappers turn it into a scorer error or a classified ProviderError.

/**
 * timeout: past its time limit (the worker was terminated, the command's process group killed);
 * aborted: the run stopped it; exit: the command exited non-zero or was killed by a signal;
 * bad_output: the command printed no JSON, or JSON of the wrong shape; threw: the module threw or
 * rejected, or the command answered {"error": ...}; load: the module could not be loaded.
 */
export type PluginFailureKind = 'timeout' | 'aborted' | 'exit' | 'bad_output' | 'threw' | 'load';

export interface PluginFailure {
  readonly kind: PluginFailureKind;
  readonly message: string;
  /** The last lines the module or command wrote to stderr (and the module to its console). */
  readonly stderr?: string;
  /** What a thrown error or an {"error": ...} answer said about itself (providers read these to classify it). */
  readonly details?: ErrorDetails;
}

/** The fields of a thrown error (or an {"error": {...}} answer) that classify it. */
export interface ErrorDetails {
  readonly name?: string;
  readonly kind?: string;
  readonly status?: number;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
}

/** ms: how long the call itself took (a module's: without the wait for a worker to load). */
export type PluginResult<T> = { readonly ok: true; readonly value: T; readonly ms?: number } | { readonly ok: false; readonly failure: PluginFailure };

/** Keeps the last `max` characters written to it: the tail of a stderr. */
export function tailBuffer(max = 2000): { push(chunk: string | Buffer): void; text(): string; clear(): void } {
  let buf = '';
  return {
    push: (chunk) => {
      buf += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      if (buf.length > max * 2) buf = buf.slice(-max);
    },
    text: () => (buf.length > max ? `…${buf.slice(-max)}` : buf).trim(),
    clear: () => { buf = ''; },
  };
}

/** The failure's message with the stderr tail, for an error record. */
export function describeFailure(f: PluginFailure): string {
  return f.stderr === undefined || f.stderr === '' ? f.message : `${f.message}; stderr: ${f.stderr}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The classifying fields of an error-like value (own or inherited, of the right types only). */
export function errorDetails(e: unknown): ErrorDetails {
  if (!isObject(e)) return {};
  const name = e['name'];
  const kind = e['kind'];
  const status = e['status'];
  const retryable = e['retryable'];
  const retryAfterMs = e['retryAfterMs'];
  return {
    ...(typeof name === 'string' && { name }),
    ...(typeof kind === 'string' && { kind }),
    ...(typeof status === 'number' && Number.isFinite(status) && { status }),
    ...(typeof retryable === 'boolean' && { retryable }),
    ...(typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 && { retryAfterMs }),
  };
}

/** "Error: message" of a thrown value. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  if (isObject(e) && typeof e['message'] === 'string') return String(e['message']);
  return String(e);
}
