import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFetch } from '../../../src/providers/node-fetch.js';
import { connectionCut } from '../../../src/providers/classify.js';

// The node:http transport against a real server on 127.0.0.1: what the SDKs read of a Response, the
// request as sent, and aborts and broken connections as the SDKs and our classifier see them.

interface Seen { method: string; url: string; headers: IncomingMessage['headers']; body: string }
const seen: Seen[] = [];
let server: Server;
let base: string;
const release: (() => void)[] = [];

function handle(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    const path = (req.url ?? '').split('?')[0];
    if (path === '/json') {
      res.writeHead(200, { 'content-type': 'application/json', 'x-multi': ['a', 'b'], 'request-id': 'req_1' });
      res.end(JSON.stringify({ ok: true, text: 'héllo ✓' }));
    } else if (path === '/status') {
      res.writeHead(529, 'Overloaded', { 'content-type': 'application/json', 'retry-after': '2' });
      res.end('{"type":"error"}');
    } else if (path === '/sse') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: a\ndata: 1\n\n');
      setTimeout(() => res.end('event: b\ndata: 2\n\n'), 5);
    } else if (path === '/hang') {
      release.push(() => res.end());
    } else if (path === '/cut') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 5);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const r of release) r();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const f = nodeFetch();

describe('nodeFetch', () => {
  it('sends the method, path, headers and body, and reads status, headers and JSON', async () => {
    const headers = new Headers({ 'content-type': 'application/json', 'x-api-key': 'k', 'anthropic-version': '2023-06-01' });
    const res = await f(`${base}/json?q=1`, { method: 'post', headers, body: '{"a":1}' });
    expect([res.status, res.ok, res.url, res.statusText]).toEqual([200, true, `${base}/json?q=1`, 'OK']);
    expect([res.headers.get('Content-Type'), res.headers.get('x-multi'), res.headers.has('request-id'), res.headers.get('absent')]).toEqual(['application/json', 'a, b', true, null]);
    expect(await res.json()).toEqual({ ok: true, text: 'héllo ✓' });
    const req = seen.at(-1);
    expect([req?.method, req?.url, req?.headers['x-api-key'], req?.headers['anthropic-version'], req?.body]).toEqual(['POST', '/json?q=1', 'k', '2023-06-01', '{"a":1}']);
  });

  it('takes headers as a plain object or a list of pairs, and a body of bytes', async () => {
    await (await f(`${base}/json`, { method: 'POST', headers: { 'x-one': '1' }, body: new TextEncoder().encode('bytes ✓') })).text();
    expect([seen.at(-1)?.headers['x-one'], seen.at(-1)?.body]).toEqual(['1', 'bytes ✓']);
    await (await f(new URL(`${base}/json`), { method: 'POST', headers: [['x-two', '2']], body: '' })).text();
    expect(seen.at(-1)?.headers['x-two']).toBe('2');
  });

  it('an HTTP error status is a response (the SDK turns it into its error), with its reason and headers', async () => {
    const res = await f(`${base}/status`, { method: 'POST', body: '{}' });
    expect([res.status, res.ok, res.statusText, res.headers.get('retry-after')]).toEqual([529, false, 'Overloaded', '2']);
    expect(await res.text()).toBe('{"type":"error"}');
  });

  it('reads a body once: a second read fails, as with fetch', async () => {
    const res = await f(`${base}/json`, {});
    expect(res.bodyUsed).toBe(false);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ ok: true, text: 'héllo ✓' });
    expect(res.bodyUsed).toBe(true);
    await expect(res.text()).rejects.toThrow(/already been read/);
  });

  it('gives the body as an async iterable of bytes (server-sent events)', async () => {
    const res = await f(`${base}/sse`, { method: 'POST', body: '{}' });
    let text = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += Buffer.from(chunk).toString('utf8');
    expect(text).toBe('event: a\ndata: 1\n\nevent: b\ndata: 2\n\n');
  });

  it('an abort before the answer rejects with an AbortError', async () => {
    const ctl = new AbortController();
    const pending = f(`${base}/hang`, { method: 'POST', body: '{}', signal: ctl.signal });
    await new Promise((r) => setTimeout(r, 10));
    ctl.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('an already aborted signal rejects at once', async () => {
    await expect(f(`${base}/json`, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a connection cut in the middle of the body fails the read, seen as a cut connection', async () => {
    const res = await f(`${base}/cut`, { method: 'POST', body: '{}' });
    const err = await res.json().then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(connectionCut(err)).toEqual({ code: 'ECONNRESET' });
  });

  it('a refused connection rejects with ECONNREFUSED, seen as a cut connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await f(`http://127.0.0.1:${port}/json`, { method: 'POST', body: '{}' }).then(() => undefined, (e: unknown) => e);
    expect(connectionCut(err)).toEqual({ code: 'ECONNREFUSED' });
  });

  it('refuses what it cannot send: a URL that is not http(s), a Request object', async () => {
    await expect(f('ftp://127.0.0.1/x', {})).rejects.toThrow(/ftp: URLs are not supported/);
    await expect(f(new Request(`${base}/json`) as unknown as string, {})).rejects.toThrow(/Request object is not supported/);
  });
});
