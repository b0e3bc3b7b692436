import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { errorDetails, errorText, tailBuffer } from './failure.js';
import type { ToWorker, FromWorker, WorkerSetup } from './worker-protocol.js';

// Runs inside a worker thread: loads one plug-in module, finds the function its role calls (a
// scorer's score, a provider's complete), and answers one call at a time. The pool on the main
// thread owns the time limits: it terminates this thread when a call takes too long.

type Fn = (...args: unknown[]) => unknown;
const setup = workerData as WorkerSetup;
const port = parentPort;
const send = (m: FromWorker) => port?.postMessage(m);

// What the module prints stays here (never in the run's output); its tail goes with an error.
const output = tailBuffer();
const keep = (chunk: unknown, ...rest: unknown[]): boolean => {
  output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array));
  const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
  cb?.();
  return true;
};
process.stdout.write = keep as typeof process.stdout.write;
process.stderr.write = keep as typeof process.stderr.write;

const fnOf = (o: unknown, name: string): Fn | undefined => {
  if (typeof o !== 'object' && typeof o !== 'function') return undefined;
  if (o === null) return undefined;
  const v = (o as Record<string, unknown>)[name];
  return typeof v === 'function' ? (v as Fn).bind(o) : undefined;
};

/** A CommonJS module (or a TS file compiled as one) arrives as { default: module.exports }. */
function unwrap(ns: Record<string, unknown>): Record<string, unknown> {
  const d = ns['default'];
  if (typeof d === 'object' && d !== null && (d as Record<string, unknown>)['__esModule'] === true) return d as Record<string, unknown>;
  return ns;
}

async function target(mod: Record<string, unknown>): Promise<Fn | string> {
  const d = mod['default'];
  if (setup.role === 'scorer') {
    const fn = typeof d === 'function' ? (d as Fn) : fnOf(mod, 'score') ?? fnOf(d, 'score');
    return fn ?? 'exports no scorer: export a function as default (export default async function score(input) {...}) or a function named "score"';
  }
  const create = fnOf(mod, 'createProvider');
  if (create !== undefined) {
    const made = await create(setup.options);
    return fnOf(made, 'complete') ?? 'createProvider(options) returned no object with a complete(request, signal, item) method';
  }
  const fn = fnOf(mod, 'complete') ?? fnOf(d, 'complete') ?? (typeof d === 'function' ? (d as Fn) : undefined);
  return fn ?? 'exports no provider: export a function named "complete" (request, signal, item), a default object with a complete method, or createProvider(options)';
}

let call: Fn | undefined;
try {
  const found = await target(unwrap((await import(pathToFileURL(setup.file).href)) as Record<string, unknown>));
  if (typeof found === 'string') send({ type: 'ready', problem: found });
  else {
    call = found;
    send({ type: 'ready' });
  }
} catch (err) {
  // The error and where in the user's files it was thrown (the first stack frame outside haikubench).
  const frame = err instanceof Error ? err.stack?.split('\n').map((l) => l.trim()).find((l) => l.startsWith('at ') && !l.includes('node:') && !l.includes('/plugin/worker-main.')) : undefined;
  const at = frame === undefined ? '' : ` (${frame.replace(/^at (?:.*? \()?(.*?)\)?$/, 'at $1')})`;
  send({ type: 'ready', problem: `could not be loaded: ${errorText(err)}${at}; it must load without error` });
}

const controllers = new Map<number, AbortController>();

async function answer(id: number, args: readonly unknown[]): Promise<void> {
  const ac = new AbortController();
  controllers.set(id, ac);
  output.clear();
  try {
    if (call === undefined) throw new Error('the module did not load');
    const argv = setup.role === 'provider' ? [args[0], ac.signal, args[1]] : [...args];
    const value = await call(...argv);
    try {
      send({ type: 'result', id, ok: true, value });
    } catch (err) {
      send({ type: 'result', id, ok: false, message: `returned a value that cannot be passed back (${errorText(err)}); return plain data`, details: {}, output: '' });
    }
  } catch (err) {
    send({ type: 'result', id, ok: false, message: errorText(err), details: errorDetails(err), output: output.text() });
  } finally {
    controllers.delete(id);
  }
}

port?.on('message', (m: ToWorker) => {
  if (m.type === 'call') void answer(m.id, m.args);
  else controllers.get(m.id)?.abort(new Error('the run stopped'));
});
