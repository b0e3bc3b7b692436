import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFetch } from '../../../src/providers/node-fetch.js';

// The node transport over HTTPS (the real API's case), against a server on 127.0.0.1 with a
// self-signed certificate (test/fixtures/tls): refused while the certificate is not trusted, and
// answered once it is (NODE_EXTRA_CA_CERTS, in a process of its own since Node reads it at start-up).

const fixtures = join(import.meta.dirname, '../../fixtures/tls');
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer({ key: readFileSync(join(fixtures, 'key.pem')), cert: readFileSync(join(fixtures, 'cert.pem')) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url, got: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/v1/messages`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('nodeFetch over HTTPS', () => {
  it('refuses a server whose certificate is not trusted, with the TLS error', async () => {
    const err = await nodeFetch()(url, { method: 'POST', body: '{}' }).then(() => undefined, (e: unknown) => e);
    expect((err as { code?: string }).code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
  });

  it('talks to it once the certificate is trusted', async () => {
    const child = join(import.meta.dirname, 'tls-fetch-child.ts');
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child, url], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: join(fixtures, 'cert.pem') },
    });
    expect(JSON.parse(stdout)).toEqual({ status: 200, body: { path: '/v1/messages', got: { q: 'über' } } });
  });
});
