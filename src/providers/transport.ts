import type { Agent } from 'undici';
import { ResponseHeaders, splitUrl, type FetchInit, type RawHeaders } from './fetch-parts.js';
import { nodeFetch } from './node-fetch.js';

// The HTTP client under the providers: the Anthropic SDK and our Chat Completions client
// (chat-client.ts) both take a `fetch`. Two are ours and skip the WHATWG Request/Response/stream
// machinery of Node's built-in fetch while the caller keeps doing everything else (building the
// request, its headers and body, timeouts and aborts through the signal it passes, status errors,
// JSON parsing and server-sent events):
// - node (the default, node-fetch.ts): Node's http and https modules with keep-alive agents;
// - undici (here): undici's `request`, a keep-alive connection pool per origin, one request at a time
//   per connection (no pipelining).
// `fetch` is Node's own, for comparison or as a fallback (spec run.transport, --transport).

export const TRANSPORTS = ['node', 'undici', 'fetch'] as const;
export type Transport = (typeof TRANSPORTS)[number];
export const DEFAULT_TRANSPORT: Transport = 'node';

export const isTransport = (v: unknown): v is Transport => typeof v === 'string' && (TRANSPORTS as readonly string[]).includes(v);

/** What undici's `request` resolves with (the fields read here). */
interface Answer {
  readonly statusCode: number;
  readonly headers: RawHeaders;
  readonly body: AsyncIterable<Uint8Array> & {
    json(): Promise<unknown>;
    text(): Promise<string>;
    arrayBuffer(): Promise<ArrayBuffer>;
    blob(): Promise<Blob>;
    bytes(): Promise<Uint8Array>;
  };
}

/**
 * A Response as far as the SDKs use one: status, ok, url, headers, the body as an async iterable of
 * bytes (their SSE reader and stream cancel take any async iterable), and the body readers. A body is
 * read once, as with fetch.
 */
class UndiciResponse {
  readonly status: number;
  readonly statusText = '';
  readonly ok: boolean;
  readonly url: string;
  readonly redirected = false;
  readonly type = 'basic';
  readonly headers: ResponseHeaders;
  readonly body: Answer['body'];
  constructor(url: string, answer: Answer) {
    this.url = url;
    this.status = answer.statusCode;
    this.ok = answer.statusCode >= 200 && answer.statusCode < 300;
    this.headers = new ResponseHeaders(answer.headers);
    this.body = answer.body;
  }
  get bodyUsed(): boolean {
    return (this.body as { bodyUsed?: boolean }).bodyUsed === true;
  }
  json(): Promise<unknown> { return this.body.json(); }
  text(): Promise<string> { return this.body.text(); }
  arrayBuffer(): Promise<ArrayBuffer> { return this.body.arrayBuffer(); }
  blob(): Promise<Blob> { return this.body.blob(); }
  bytes(): Promise<Uint8Array> { return this.body.bytes(); }
}

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

/** Request headers as undici takes them: a Headers (iterable of pairs), a plain object, or nothing. */
function headersOf(h: unknown): Iterable<[string, string]> | Record<string, string> | undefined {
  if (h === undefined || h === null) return undefined;
  return h as Iterable<[string, string]> | Record<string, string>;
}

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

let shared: Promise<Agent> | undefined;

/**
 * One pool for the process: every client of every model shares its keep-alive connections per origin.
 * undici is loaded on the first request, so a run without an API model never loads it.
 */
function agent(): Promise<Agent> {
  shared ??= import('undici').then(({ Agent: Pool }) => new Pool({ pipelining: 1, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 }));
  return shared;
}

/** A `fetch` for the SDKs built on undici's `request` (`pool`: the process's shared one when not given). */
export function undiciFetch(given?: Agent): FetchLike {
  const go = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const pool = given ?? await agent();
    if (typeof input !== 'string' && !(input instanceof URL)) throw new TypeError('undici transport: a Request object is not supported');
    const url = String(input);
    const { origin, path } = splitUrl(url);
    const i = (init ?? {}) as FetchInit;
    const body = i.body === null || i.body === undefined ? undefined : i.body;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      // A multipart or streamed upload (file uploads): not used by haikubench; Node's fetch handles it.
      return fetch(input, init);
    }
    const answer = await pool.request({
      origin,
      path,
      method: (i.method ?? 'GET').toUpperCase() as HttpMethod,
      headers: headersOf(i.headers),
      body,
      signal: i.signal ?? undefined,
    });
    return new UndiciResponse(url, answer as unknown as Answer) as unknown as Response;
  };
  return go;
}

/** The fetch for a transport: undefined leaves the SDK on Node's own fetch. */
export function fetchFor(transport: Transport | undefined): FetchLike | undefined {
  const t = transport ?? DEFAULT_TRANSPORT;
  return t === 'node' ? nodeFetch() : t === 'undici' ? undiciFetch() : undefined;
}
