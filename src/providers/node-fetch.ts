import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ResponseHeaders, splitUrl, type FetchInit } from './fetch-parts.js';

// A `fetch` for the SDKs on Node's own http and https modules: one keep-alive agent per protocol for
// the process (connections are reused per host, one request at a time on each), Node's native HTTP
// parser, nothing loaded beyond what Node has built in. The caller keeps doing everything else, as
// with the undici transport (transport.ts): building the request, its headers and body, timeouts and
// aborts (the signal it passes aborts the request and its response), status errors, JSON parsing and
// server-sent events, which read the body as an async iterable of bytes.

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
  bytes(): Promise<Uint8Array> {
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    const res = this.#res;
    // Events, not `for await`: no promise per chunk.
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
      });
      res.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
      res.once('error', reject);
      // A response cut before its end may close without 'end' or 'error'.
      res.once('close', () => {
        if (!res.complete) reject(Object.assign(new Error('The connection closed before the response ended'), { code: 'ECONNRESET' }));
      });
    });
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

interface Origin { readonly protocol: string; readonly hostname: string; readonly port: string; readonly agent: HttpAgent }
/** Parsed origins ("https://api.anthropic.com"): a run calls a handful, thousands of times each. */
const origins = new Map<string, Origin | null>();

/** An absolute URL as node:http takes it (undefined for a protocol other than http and https). */
function targetOf(href: string): { readonly origin: Origin; readonly https: boolean; readonly path: string } | undefined {
  const { origin: key, path } = splitUrl(href);
  let origin = origins.get(key);
  if (origin === undefined) {
    const u = new URL(key);
    const https = u.protocol === 'https:';
    // IPv6 literals come bracketed ("[::1]"); node:http takes the bare address.
    const hostname = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
    origin = https || u.protocol === 'http:' ? { protocol: u.protocol, hostname, port: u.port, agent: https ? agentsOf().https : agentsOf().http } : null;
    if (origins.size < 64) origins.set(key, origin);
  }
  if (origin === null) return undefined;
  return { origin, https: origin.protocol === 'https:', path };
}

/** A `fetch` for the SDKs on node:http and node:https (the process's keep-alive agents). */
export function nodeFetch(): (input: string | URL | Request, init?: RequestInit) => Promise<Response> {
  return (input, init) => {
    if (typeof input !== 'string' && !(input instanceof URL)) return Promise.reject(new TypeError('node transport: a Request object is not supported'));
    const i = (init ?? {}) as FetchInit;
    const body = i.body === null || i.body === undefined ? undefined : i.body;
    // A multipart or streamed upload (file uploads): not used by haikubench; Node's fetch handles it.
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) return fetch(input, init);
    const target = targetOf(String(input));
    if (target === undefined) return Promise.reject(new TypeError(`node transport: ${new URL(String(input)).protocol} URLs are not supported (give an http or https base URL)`));
    const signal = i.signal ?? undefined;
    return new Promise<Response>((resolve, reject) => {
      const headers = headersOf(i.headers);
      // With its length known, the request goes out in one write (headers and body), not chunked.
      if (body !== undefined && headers['content-length'] === undefined) headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : (body as Uint8Array).byteLength;
      const options = { ...target.origin, path: target.path, method: (i.method ?? 'GET').toUpperCase(), headers, ...(signal !== undefined && { signal }) };
      const onResponse = (res: IncomingMessage) => resolve(new NodeResponse(String(input), res) as unknown as Response);
      const req = target.https ? httpsRequest(options, onResponse) : httpRequest(options, onResponse);
      req.on('error', reject);
      req.end(body);
    });
  };
}
