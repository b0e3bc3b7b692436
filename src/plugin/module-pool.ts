import { Worker } from 'node:worker_threads';
import { dirname } from 'node:path';
import { findTsx, isTypeScript, workerEntry, type Tsx } from './typescript.js';
import type { PluginResult } from './failure.js';
import type { FromWorker, PluginRole, WorkerSetup } from './worker-protocol.js';

// A plug-in module runs in worker threads, never on the main thread: a module that loops forever,
// blocks on a synchronous call or never settles cannot hang the run or keep Ctrl-C from working.
// What a module prints (console.log included) is kept by its worker, not written to the run's output;
// its tail goes with a thrown error. Each worker runs one call at a time, so a call past its time limit is ended by terminating its
// worker alone (the next call starts a fresh one). Idle workers do not keep the process alive.

/** How long a module may take to load (tsx compiles a TypeScript one first). */
export const LOAD_TIMEOUT_MS = 60_000;

// The worker starts from this script: it registers tsx when TypeScript is involved (the module, or
// haikubench's own worker entry when it runs from source), then imports the entry.
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
(async () => {
  if (workerData.tsx) {
    (await import(pathToFileURL(workerData.tsx.cjs).href)).register();
    (await import(pathToFileURL(workerData.tsx.esm).href)).register();
  }
  await import(pathToFileURL(workerData.entry).href);
})().catch((err) => require('node:worker_threads').parentPort.postMessage({ type: 'ready', problem: 'could not be loaded: ' + String(err && err.stack || err).split('\\n').slice(0, 3).join(' | ') }));
`;

export interface CallOptions {
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
  /** Names the plug-in in messages: "module scorer tone (./scorers/tone.ts)". */
  readonly label: string;
}

export interface ModulePool {
  /** Allow up to n workers (never fewer than before). */
  grow(n: number): void;
  /** Load the module once (before any call): what is wrong with it, or undefined. */
  check(): Promise<string | undefined>;
  call(args: readonly unknown[], o: CallOptions): Promise<PluginResult<unknown>>;
  close(): Promise<void>;
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<string | undefined>;
  busy: boolean;
  /** The call in flight: how to end it from a worker event. */
  settle?: (m: FromWorker | { type: 'gone'; message: string }) => void;
}

export interface PoolOptions {
  readonly file: string;
  readonly role: PluginRole;
  /** Workers at most (calls beyond wait). */
  readonly size: number;
  readonly options?: unknown;
}

/** Workers for one module; created lazily, each loading the module once. */
export function createModulePool(o: PoolOptions): ModulePool {
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  const entry = workerEntry();
  const tsx = isTypeScript(entry) || isTypeScript(o.file) ? findTsx(dirname(o.file)) : undefined;
  const noTsx = isTypeScript(o.file) && tsx === undefined
    ? 'is TypeScript, and tsx (which loads it) is not installed: add it to your project (npm install -D tsx) or compile the module to .js/.mjs'
    : undefined;
  let nextId = 1;
  let size = Math.max(1, o.size);

  const remove = (slot: Slot, why: string) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    const settle = slot.settle;
    slot.settle = undefined;
    settle?.({ type: 'gone', message: why });
    void slot.worker.terminate();
    waiting.shift()?.();
  };

  const spawn = (): Slot => {
    const setup: WorkerSetup & { entry: string; tsx: Tsx | undefined } = { file: o.file, role: o.role, options: o.options ?? {}, entry, tsx };
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: setup, execArgv: [] });
    let loaded: (problem: string | undefined) => void = () => undefined;
    const ready = new Promise<string | undefined>((r) => { loaded = r; });
    const slot: Slot = { worker, ready, busy: true };
    const timer = setTimeout(() => { loaded(`took longer than ${LOAD_TIMEOUT_MS / 1000} s to load`); remove(slot, 'load timed out'); }, LOAD_TIMEOUT_MS);
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') { clearTimeout(timer); loaded(m.problem); } else slot.settle?.(m);
    });
    // An error the module threw outside any call (a stray rejected promise, a timer), or the thread's exit.
    worker.on('error', (err) => { clearTimeout(timer); loaded(`could not be loaded: ${err.message}`); remove(slot, `its worker crashed: ${err.message}`); });
    worker.on('exit', (code) => { clearTimeout(timer); loaded(`could not be loaded (its worker exited with code ${code})`); remove(slot, `its worker exited with code ${code}`); });
    slots.push(slot);
    return slot;
  };

  const acquire = async (): Promise<Slot> => {
    for (;;) {
      const idle = slots.find((s) => !s.busy);
      if (idle !== undefined) { idle.busy = true; idle.worker.ref(); return idle; }
      if (slots.length < size) return spawn();
      await new Promise<void>((r) => waiting.push(r));
    }
  };

  const release = (slot: Slot) => {
    slot.busy = false;
    slot.settle = undefined;
    slot.worker.unref();
    waiting.shift()?.();
  };

  const run = (slot: Slot, args: readonly unknown[], c: CallOptions): Promise<PluginResult<unknown>> => new Promise((done) => {
    const id = nextId++;
    let timer: NodeJS.Timeout | undefined;
    const finish = (r: PluginResult<unknown>, keep: boolean) => {
      slot.settle = undefined;
      clearTimeout(timer);
      c.signal.removeEventListener('abort', onAbort);
      if (keep) release(slot); else remove(slot, 'ended');
      done(r);
    };
    const onAbort = () => finish({ ok: false, failure: { kind: 'aborted', message: `${c.label}: the run stopped (its worker was terminated)` } }, false);
    slot.settle = (m) => {
      if (m.type === 'gone') return finish({ ok: false, failure: { kind: 'threw', message: `${c.label}: ${m.message}` } }, false);
      if (m.type !== 'result' || m.id !== id) return undefined;
      if (m.ok) return finish({ ok: true, value: m.value, ms: performance.now() - started }, true);
      return finish({ ok: false, failure: { kind: 'threw', message: `${c.label} threw ${m.message}`, details: m.details, ...(m.output !== '' && { stderr: m.output }) } }, true);
    };
    timer = setTimeout(() => finish({ ok: false, failure: { kind: 'timeout', message: `${c.label}: timed out after ${c.timeoutMs} ms (its worker was terminated)` } }, false), c.timeoutMs);
    // The run may have stopped while the worker was loading.
    if (c.signal.aborted) return onAbort();
    c.signal.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    slot.worker.postMessage({ type: 'call', id, args });
  });

  return {
    grow: (n) => { size = Math.max(size, n); },
    check: async () => {
      if (noTsx !== undefined) return noTsx;
      const slot = await acquire();
      const problem = await slot.ready;
      if (slots.includes(slot)) release(slot);
      return problem;
    },
    call: async (args, c) => {
      if (noTsx !== undefined) return { ok: false, failure: { kind: 'load', message: `${c.label} ${noTsx}` } };
      if (c.signal.aborted) return { ok: false, failure: { kind: 'aborted', message: `${c.label}: the run stopped` } };
      const slot = await acquire();
      const problem = await slot.ready;
      if (problem !== undefined) {
        if (slots.includes(slot)) release(slot);
        return { ok: false, failure: { kind: 'load', message: `${c.label} ${problem}` } };
      }
      return run(slot, args, c);
    },
    close: async () => {
      const all = slots.splice(0);
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}

/** One pool per (module, role, options) for the whole process: the check before the run warms the workers the run uses. */
const pools = new Map<string, ModulePool>();

export function modulePool(o: PoolOptions): ModulePool {
  const key = `${o.role}\u0000${o.file}\u0000${JSON.stringify(o.options ?? {})}`;
  let pool = pools.get(key);
  if (pool === undefined) pools.set(key, (pool = createModulePool(o)));
  else pool.grow(o.size);
  return pool;
}

/** Terminate every plug-in worker (tests; a library user done with its runs). */
export async function closeModulePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.close()));
}
