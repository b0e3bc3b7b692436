// The node:http plumbing shared by the fake provider servers: an ephemeral 127.0.0.1 listener that
// records every call and, on close, destroys every open socket (including hung requests).
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FaultKind } from './faults.js';
import { setMaxListeners } from 'node:events';

export interface RecordedCall {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  readonly path: string;
  /** Lower-cased request headers; `authorization` and `x-api-key` values are redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, the raw text when it was not JSON, or `undefined` when empty. */
  readonly body: unknown;
  readonly fault: FaultKind | null;
  /** HTTP status sent, or `null` when no response head was written (reset, hang). */
  readonly status: number | null;
}

/** One request as a handler sees it. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<IncomingHttpHeaders>;
  readonly body: unknown;
  /** True when a non-empty body was not valid JSON. */
  readonly bodyInvalid: boolean;
  readonly callIndex: number;
  /** Aborted when the client goes away or the server closes. */
  readonly signal: AbortSignal;
  markFault(kind: FaultKind): void;
  /** Write the status line and headers; always use this (it records the status). */
  writeHead(status: number, headers: Readonly<Record<string, string>>): void;
}

export type ExchangeHandler = (ex: Exchange) => void | Promise<void>;

export interface FakeServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly calls: readonly RecordedCall[];
  close(): Promise<void>;
}

type MutableCall = { -readonly [K in keyof RecordedCall]: RecordedCall[K] };

export const REDACTED = '[REDACTED]';

export function redactHeaders(headers: Readonly<IncomingHttpHeaders>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (name === 'authorization') out[name] = /^bearer /i.test(text) ? `Bearer ${REDACTED}` : REDACTED;
    else if (name === 'x-api-key') out[name] = REDACTED;
    else out[name] = text;
  }
  return out;
}

export function header(headers: Readonly<IncomingHttpHeaders>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Resolves when `signal` aborts (client abort or server close): how a hung request is released. */
export function released(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export function sendJson(
  ex: Exchange,
  status: number,
  headers: Readonly<Record<string, string>>,
  value: unknown,
): void {
  sendText(ex, status, { ...headers, 'content-type': 'application/json' }, JSON.stringify(value));
}

export function sendText(ex: Exchange, status: number, headers: Readonly<Record<string, string>>, text: string): void {
  if (ex.res.headersSent || ex.res.destroyed) return;
  ex.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
  ex.res.end(text);
}

/** Destroy the connection without writing anything. */
export function resetConnection(ex: Exchange): void {
  ex.req.socket.destroy();
}

/**
 * Status and headers, then `partial` (a part of the answer), then the connection is destroyed once
 * that part has been flushed: a response cut after it started.
 */
export function cutAfter(ex: Exchange, status: number, headers: Readonly<Record<string, string>>, partial: string): void {
  if (ex.res.headersSent || ex.res.destroyed) return;
  ex.writeHead(status, headers);
  ex.res.write(partial, () => ex.req.socket.destroy());
}

function parseBody(raw: string): { body: unknown; invalid: boolean } {
  if (raw === '') return { body: undefined, invalid: false };
  try {
    return { body: JSON.parse(raw) as unknown, invalid: false };
  } catch {
    return { body: raw, invalid: true };
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('client went away before sending the whole body'));
    });
  });
}

/** Start a server on 127.0.0.1 with an ephemeral port. Call `close()` in afterEach/afterAll. */
export async function startFakeServer(handler: ExchangeHandler): Promise<FakeServer> {
  const calls: MutableCall[] = [];
  const sockets = new Set<Socket>();
  const shutdown = new AbortController();
  setMaxListeners(0, shutdown.signal); // one listener per open request

  const onRequest = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const local = new AbortController();
    const abort = (): void => local.abort();
    res.on('close', abort);
    shutdown.signal.addEventListener('abort', abort, { once: true });
    res.on('close', () => shutdown.signal.removeEventListener('abort', abort));

    const raw = await readBody(req);
    const { body, invalid } = parseBody(raw);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const call: MutableCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: redactHeaders(req.headers),
      body,
      fault: null,
      status: null,
    };
    const callIndex = calls.push(call) - 1;
    const ex: Exchange = {
      req,
      res,
      method: call.method,
      path: call.path,
      headers: req.headers,
      body,
      bodyInvalid: invalid,
      callIndex,
      signal: local.signal,
      markFault: (kind) => {
        call.fault = kind;
      },
      writeHead: (status, headers) => {
        call.status = status;
        res.writeHead(status, headers);
      },
    };
    await handler(ex);
  };

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (shutdown.signal.aborted || res.destroyed) return;
      console.error('fake server handler failed:', err);
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake server bug: ${String(err)}`);
      } else {
        res.destroy();
      }
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake server: no TCP address');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      shutdown.abort();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return { origin: `http://127.0.0.1:${address.port}`, calls, close };
}
