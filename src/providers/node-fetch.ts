import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ResponseHeaders } from './response-headers.js';

// A `fetch` for the SDKs on Node's own http and https modules: one keep-alive agent per protocol for
// the process (connections are reused per host, one request at a time on each), Node's native HTTP
// parser, nothing loaded beyond what Node has built in. The caller keeps doing everything else, as
// with the undici transport (transport.ts): building the request, its headers and body, timeouts and
// aborts (the signal it passes aborts the request and its response), status errors, JSON parsing and
// server-sent events, which read the body as an async iterable of bytes.

type FetchInit = { method?: string; headers?: unknown; body?: unknown; signal?: AbortSignal | null };

let agents: { readonly http: HttpAgent; readonly https: HttpsAgent } | undefined;
/** The process's agents, made on the first request. */
const agentsOf = () => (agents ??= { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) });

/** Request headers as Node takes them, from a Headers (iterable of pairs), a list of pairs or a plain object. */
function headersOf(h: unknown): OutgoingHttpHeaders {
  if (h === undefined || h === null) return {};
  const out: OutgoingHttpHeaders = {};
  if (typeof (h as Iterable<unknown>)[Symbol.iterator] === 'function') {
    for (const [k, v] of h as Iterable<[string, string]>) out[k] = v;
    return out;
  }
  for (const [k, v] of Object.entries(h as Record<string, string | undefined>)) if (v !== undefined) out[k] = v;
  return out;
}

/** The body read whole, once (a second read fails, as with fetch). */
class Body {
  #used = false;
  readonly #res: IncomingMessage;
  constructor(res: IncomingMessage) {
    this.#res = res;
  }
  get used(): boolean {
    return this.#used;
  }
  async bytes(): Promise<Uint8Array> {
    if (this.#used) throw new TypeError('Body is unusable: Body has already been read');
    this.#used = true;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of this.#res) {
      chunks.push(c as Buffer);
      size += (c as Buffer).length;
    }
    return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
  }
}

/** A Response as far as the SDKs use one (see transport.ts): status, headers, the body as an async iterable of bytes, and its readers. */
class NodeResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly url: string;
  readonly redirected = false;
  readonly type = 'basic';
  readonly headers: ResponseHeaders;
  readonly body: IncomingMessage;
  readonly #body: Body;
  constructor(url: string, res: IncomingMessage) {
    this.url = url;
    this.status = res.statusCode ?? 0;
    this.statusText = res.statusMessage ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new ResponseHeaders(res.headers);
    this.body = res;
    this.#body = new Body(res);
  }
  get bodyUsed(): boolean {
    return this.#body.used || this.body.readableDidRead;
  }
  bytes(): Promise<Uint8Array> { return this.#body.bytes(); }
  async text(): Promise<string> { return Buffer.from(await this.bytes()).toString('utf8'); }
  async json(): Promise<unknown> { return JSON.parse(await this.text()); }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = await this.bytes();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  async blob(): Promise<Blob> { return new Blob([await this.bytes()], { type: this.headers.get('content-type') ?? '' }); }
}

/** A `fetch` for the SDKs on node:http and node:https (the process's keep-alive agents). */
export function nodeFetch(): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return (input, init) => {
    if (typeof input !== 'string' && !(input instanceof URL)) return Promise.reject(new TypeError('node transport: a Request object is not supported'));
    const i = (init ?? {}) as FetchInit;
    const body = i.body === null || i.body === undefined ? undefined : i.body;
    // A multipart or streamed upload (file uploads): not used by haikubench; Node's fetch handles it.
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) return fetch(input, init);
    const url = typeof input === 'string' ? new URL(input) : input;
    const https = url.protocol === 'https:';
    if (!https && url.protocol !== 'http:') return Promise.reject(new TypeError(`node transport: ${url.protocol} URLs are not supported (give an http or https base URL)`));
    const signal = i.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      const options = { method: (i.method ?? 'GET').toUpperCase(), headers: headersOf(i.headers), agent: https ? agentsOf().https : agentsOf().http, ...(signal !== undefined && { signal }) };
      const onResponse = (res: IncomingMessage) => resolve(new NodeResponse(String(input), res) as unknown as Response);
      const req = https ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
      req.on('error', reject);
      req.end(body);
    });
  };
}
