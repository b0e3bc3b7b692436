// The Message Batches API of the fake Anthropic server: create, retrieve, cancel and
// results, with per-request outcomes tests can plant and per-batch counters tests can inspect.
import { validateRequest, type ApiErrorSpec } from './anthropic-validate.js';
import { errorBody } from './anthropic-wire.js';
import { header, sendJson, type Exchange } from './fake-http.js';
import { mulberry32 } from './faults.js';
import { isRecord } from './text-limits.js';

export type BatchOutcome = 'succeeded' | 'errored' | 'expired' | 'canceled';
export type BatchStatus = 'in_progress' | 'canceling' | 'ended';

export interface FakeBatchOptions {
  /**
   * The retrieve of a batch (1-based, counting the one `batches.results()` makes) that first sees it ended.
   * Default 2; `Infinity`: only a cancel ends it.
   */
  readonly retrievesUntilEnded?: number;
  /** Most requests one create accepts (default 100,000). */
  readonly maxRequests?: number;
  /** Plants each valid request's outcome when the batch ends (default 'succeeded'); not consulted after a cancel. */
  readonly outcome?: (customId: string, params: unknown, index: number) => BatchOutcome;
}

/** One batch as tests see it; the counters are live. */
export interface FakeBatch {
  readonly id: string;
  /** As sent, in request order. */
  readonly requests: readonly { readonly custom_id: string; readonly params: unknown }[];
  readonly status: BatchStatus;
  /** GETs of the batch, including the one `batches.results()` makes first. */
  readonly retrieves: number;
  readonly cancels: number;
  readonly resultsDownloads: number;
  /** Each request's outcome by custom_id; `null` until the batch has ended. */
  readonly outcomes: Readonly<Record<string, BatchOutcome>> | null;
}

/** Builds a Message for one request's params, as /v1/messages would answer it. */
export type BatchMessageFn = (
  params: Readonly<Record<string, unknown>>,
  messageId: string,
) => Promise<Readonly<Record<string, unknown>>>;

export type BatchRoute =
  | { readonly op: 'create' }
  | { readonly op: 'retrieve' | 'cancel' | 'results'; readonly id: string };

export interface BatchStore {
  readonly batches: ReadonlyMap<string, FakeBatch>;
  /** Auth is the caller's job; this checks the version header, then answers. */
  handle(ex: Exchange, route: BatchRoute, headers: Readonly<Record<string, string>>): Promise<void>;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type BatchRequest = { readonly custom_id: string; readonly params: Readonly<Record<string, unknown>> };

interface BatchState extends Mutable<FakeBatch> {
  readonly requests: readonly BatchRequest[];
  readonly seq: number;
  /** Validation error of each request's params, by index (`undefined`: valid). */
  readonly problems: readonly (ApiErrorSpec | undefined)[];
  readonly createdAt: number;
  cancelAt: number | null;
  endedAt: number | null;
  lines: readonly string[];
  finishing: Promise<void> | undefined;
}

const PATH = /^\/v1\/messages\/batches(?:\/([^/]+)(?:\/(cancel|results))?)?$/;
const CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A body every body check accepts, so validateRequest reports only the version header (or invalid JSON). */
const VERSION_PROBE = { model: 'version-probe', messages: [] };

/** The batch operation a method and path name, or `undefined` (the caller 404s). */
export function routeBatch(method: string, path: string): BatchRoute | undefined {
  const match = PATH.exec(path);
  if (match === null) return undefined;
  const [, rawId, action] = match;
  if (rawId === undefined) return method === 'POST' ? { op: 'create' } : undefined;
  const id = decodeURIComponent(rawId);
  if (action === undefined) return method === 'GET' ? { op: 'retrieve', id } : undefined;
  if (action === 'cancel') return method === 'POST' ? { op: 'cancel', id } : undefined;
  return method === 'GET' ? { op: 'results', id } : undefined;
}

const invalid = (message: string): ApiErrorSpec => ({ status: 400, type: 'invalid_request_error', message });
const messageId = (seq: number, index: number): string =>
  `msg_01FAKEB${String(seq).padStart(4, '0')}${String(index + 1).padStart(6, '0')}`;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function sendError(ex: Exchange, headers: Readonly<Record<string, string>>, spec: ApiErrorSpec): void {
  sendJson(ex, spec.status, headers, errorBody(spec.type, spec.message, headers['request-id'] ?? ''));
}

/** The create body's requests, or the 400 the API gives for the whole batch. */
function checkRequests(body: unknown, maxRequests: number): { requests: readonly BatchRequest[] } | ApiErrorSpec {
  const requests = isRecord(body) ? body['requests'] : undefined;
  if (!Array.isArray(requests)) return invalid('requests: Field required');
  const count = requests.length;
  if (count === 0) return invalid('requests: List should have at least 1 item after validation, not 0');
  if (count > maxRequests) return invalid(`requests: List should have at most ${maxRequests} items, not ${count}`);
  const seen = new Set<string>();
  const out: BatchRequest[] = [];
  for (const [i, item] of requests.entries()) {
    const customId: unknown = isRecord(item) ? item['custom_id'] : undefined;
    const params: unknown = isRecord(item) ? item['params'] : undefined;
    if (typeof customId !== 'string') return invalid(`requests.${i}.custom_id: Field required`);
    if (!CUSTOM_ID.test(customId)) {
      return invalid(`requests.${i}.custom_id: String should match pattern '${CUSTOM_ID.source}'`);
    }
    if (seen.has(customId)) return invalid(`requests.${i}.custom_id: Duplicate custom_id "${customId}" in this batch`);
    if (!isRecord(params)) return invalid(`requests.${i}.params: Field required`);
    seen.add(customId);
    out.push({ custom_id: customId, params });
  }
  return { requests: out };
}

function toWire(state: BatchState, origin: string): Readonly<Record<string, unknown>> {
  const ended = state.outcomes !== null;
  const counts = { processing: ended ? 0 : state.requests.length, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
  for (const outcome of Object.values(state.outcomes ?? {})) counts[outcome] += 1;
  return {
    id: state.id,
    type: 'message_batch',
    processing_status: state.status,
    request_counts: counts,
    created_at: iso(state.createdAt),
    expires_at: iso(state.createdAt + DAY_MS),
    ended_at: iso(state.endedAt),
    cancel_initiated_at: iso(state.cancelAt),
    archived_at: null,
    results_url: ended ? `${origin}/v1/messages/batches/${state.id}/results` : null,
  };
}

/** A seeded shuffle that never leaves two or more lines in request order (results are matched by custom_id). */
function shuffled<T>(items: readonly T[], seed: number): readonly T[] {
  const out = [...items];
  const rand = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out.every((item, i) => item === items[i]) ? out.reverse() : out;
}

function errored({ type, message }: Pick<ApiErrorSpec, 'type' | 'message'>): Readonly<Record<string, unknown>> {
  return { type: 'errored', error: { type: 'error', error: { type, message }, request_id: null } };
}

interface Settled {
  readonly customId: string;
  readonly outcome: BatchOutcome;
  readonly result: Readonly<Record<string, unknown>>;
}

export function createBatchStore(options: FakeBatchOptions, message: BatchMessageFn): BatchStore {
  // Read at each retrieve, so a test can hold batches open and later let them end (a getter works).
  const until = () => Math.max(1, options.retrievesUntilEnded ?? 2);
  const maxRequests = options.maxRequests ?? 100_000;
  const batches = new Map<string, BatchState>();

  /** One request's outcome and result once the batch ends: invalid params error, a cancel cancels the rest. */
  async function settle(state: BatchState, request: BatchRequest, index: number): Promise<Settled> {
    const customId = request.custom_id;
    const problem = state.problems[index];
    if (problem !== undefined) return { customId, outcome: 'errored', result: errored(problem) };
    const outcome =
      state.cancelAt === null ? (options.outcome?.(customId, request.params, index) ?? 'succeeded') : 'canceled';
    if (outcome === 'errored') {
      return { customId, outcome, result: errored({ type: 'api_error', message: 'Internal server error' }) };
    }
    if (outcome !== 'succeeded') return { customId, outcome, result: { type: outcome } };
    const built = await message(request.params, messageId(state.seq, index));
    const usage = built['usage'];
    const tiered = isRecord(usage) && 'service_tier' in usage ? { ...built, usage: { ...usage, service_tier: 'batch' } } : built;
    return { customId, outcome, result: { type: 'succeeded', message: tiered } };
  }

  async function finish(state: BatchState): Promise<void> {
    const settled = await Promise.all(state.requests.map((request, i) => settle(state, request, i)));
    const lines = settled.map(({ customId, result }) => JSON.stringify({ custom_id: customId, result }));
    state.lines = shuffled(lines, state.seq);
    state.outcomes = Object.fromEntries(settled.map(({ customId, outcome }) => [customId, outcome]));
    state.status = 'ended';
    state.endedAt = Date.now();
  }

  function create(ex: Exchange, headers: Readonly<Record<string, string>>, origin: string): void {
    const checked = checkRequests(ex.body, maxRequests);
    if (!('requests' in checked)) return sendError(ex, headers, checked);
    const { requests } = checked;
    const seq = batches.size + 1;
    const state: BatchState = {
      id: `msgbatch_01FAKE${String(seq).padStart(6, '0')}`,
      seq,
      requests,
      problems: requests.map((r) => validateRequest('messages', ex.headers, r.params, false)),
      status: 'in_progress',
      retrieves: 0,
      cancels: 0,
      resultsDownloads: 0,
      outcomes: null,
      createdAt: Date.now(),
      cancelAt: null,
      endedAt: null,
      lines: [],
      finishing: undefined,
    };
    batches.set(state.id, state);
    sendJson(ex, 200, headers, toWire(state, origin));
  }

  async function answer(ex: Exchange, route: BatchRoute, headers: Readonly<Record<string, string>>): Promise<void> {
    const origin = `http://${header(ex.headers, 'host') ?? '127.0.0.1'}`;
    if (route.op === 'create') return create(ex, headers, origin);
    const state = batches.get(route.id);
    if (state === undefined) {
      const notFound = `message_batch_id: ${route.id} not found`;
      return sendError(ex, headers, { status: 404, type: 'not_found_error', message: notFound });
    }
    if (route.op === 'retrieve') {
      state.retrieves += 1;
      if (state.status === 'canceling' || (state.status === 'in_progress' && state.retrieves >= until())) {
        state.finishing ??= finish(state);
        await state.finishing;
      }
      return sendJson(ex, 200, headers, toWire(state, origin));
    }
    if (route.op === 'cancel') {
      state.cancels += 1;
      if (state.status === 'ended') {
        return sendError(ex, headers, invalid(`Message batch ${state.id} has already ended and cannot be canceled`));
      }
      state.status = 'canceling';
      state.cancelAt ??= Date.now();
      return sendJson(ex, 200, headers, toWire(state, origin));
    }
    if (state.status !== 'ended') {
      const why = `Message batch ${state.id} is still ${state.status}; its results are available once it has ended`;
      return sendError(ex, headers, invalid(why));
    }
    state.resultsDownloads += 1;
    ex.writeHead(200, { ...headers, 'content-type': 'application/binary' });
    for (const line of state.lines) ex.res.write(`${line}\n`);
    ex.res.end();
  }

  return {
    batches,
    handle: async (ex, route, headers) => {
      const problem = validateRequest('count_tokens', ex.headers, VERSION_PROBE, ex.bodyInvalid);
      if (problem !== undefined) return sendError(ex, headers, problem);
      return answer(ex, route, headers);
    },
  };
}
