import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readRunData } from '../html/data.js';
import { renderPage } from '../html/page.js';
import { flakySamples, readHistory, type EvalHistory } from './history.js';

// `haikubench view`: an HTTP server on 127.0.0.1 only. GET / is the viewer page; /api/runs the run
// history; /api/flaky?eval=ID that eval's flaky samples; /run/<id> a run's report (the same page as
// `report --html`); /compare/<a>/<b> run a's report with run b as its baseline. Runs are re-read on
// each /api/runs, so runs finished while the viewer is open appear on reload. GET only.

export interface ViewServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface ViewOptions {
  readonly root: string;
  /** 0: a free port. */
  readonly port: number;
  readonly version: string;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

async function route(o: ViewOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const parts = url.pathname.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const now = () => new Date().toISOString();
  const history = (): EvalHistory[] => readHistory(o.root);
  const runById = (id: string | undefined) => history().flatMap((e) => e.runs).find((r) => r.id === id);
  if (req.method !== 'GET') return send(res, 405, 'text/plain', 'GET only\n');
  if (parts.length === 0) return send(res, 200, 'text/html', renderPage([], { title: 'haikubench runs', mode: 'viewer', generatedAt: now(), version: o.version }));
  if (parts[0] === 'api' && parts[1] === 'runs') return send(res, 200, 'application/json', JSON.stringify({ root: o.root, evals: history() }));
  if (parts[0] === 'api' && parts[1] === 'flaky') {
    const ev = history().find((e) => e.id === url.searchParams.get('eval'));
    if (ev === undefined) return send(res, 404, 'application/json', JSON.stringify({ error: 'no such eval' }));
    return send(res, 200, 'application/json', JSON.stringify({ runs: ev.runs.length, samples: await flakySamples(ev.runs) }));
  }
  if (parts[0] === 'run' || parts[0] === 'compare') {
    const run = runById(parts[1]);
    const base = parts[0] === 'compare' ? runById(parts[2]) : undefined;
    if (run === undefined || (parts[0] === 'compare' && base === undefined)) return send(res, 404, 'text/plain', 'No such run under this reports folder.\n');
    const data = await readRunData(run.dir, { baseline: base?.dir });
    return send(res, 200, 'text/html', renderPage([data], { title: `haikubench · ${data.summary.eval.id}`, mode: 'report', generatedAt: now(), version: o.version }));
  }
  return send(res, 404, 'text/plain', 'Not found.\n');
}

/** Start the viewer; resolves once it listens. */
export function startViewServer(o: ViewOptions): Promise<ViewServer> {
  const server: Server = createServer((req, res) => {
    route(o, req, res).catch((err: unknown) => send(res, 500, 'text/plain', `${err instanceof Error ? err.message : String(err)}\n`));
  });
  return new Promise((ready, fail) => {
    server.once('error', fail);
    server.listen(o.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      ready({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => { server.closeAllConnections(); server.close(() => done()); }),
      });
    });
  });
}
