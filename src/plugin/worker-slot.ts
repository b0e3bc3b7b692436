import { Worker } from 'node:worker_threads';
import type { Tsx } from './typescript.js';
import type { PluginResult } from './failure.js';
import type { FromWorker, WorkerSetup } from './worker-protocol.js';

// One worker thread of a module pool: started from a small bootstrap, loading the module once, then
// answering one call at a time. A call past its limit, or stopped, ends the worker (the pool starts a
// fresh one for the next call).

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

type Event = FromWorker | { readonly type: 'gone'; readonly message: string };

export interface Slot {
  readonly worker: Worker;
  /** Settles once the module is loaded: what is wrong with it, or undefined. */
  readonly ready: Promise<string | undefined>;
  busy: boolean;
  /** The call in flight: how a worker event ends it. */
  settle?: ((m: Event) => void) | undefined;
}

/** What the worker is started with: the module, its role, the entry module and tsx when needed. */
export type SlotSetup = WorkerSetup & { readonly entry: string; readonly tsx: Tsx | undefined };

/** Start a worker; `gone` is told when it crashes, exits or does not load in time (after which the slot is dead). */
export function spawnSlot(setup: SlotSetup, gone: (slot: Slot, why: string) => void): Slot {
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: setup, execArgv: [] });
  let loaded: (problem: string | undefined) => void = () => undefined;
  const ready = new Promise<string | undefined>((r) => { loaded = r; });
  const slot: Slot = { worker, ready, busy: true };
  const timer = setTimeout(() => { loaded(`took longer than ${LOAD_TIMEOUT_MS / 1000} s to load`); gone(slot, 'load timed out'); }, LOAD_TIMEOUT_MS);
  worker.on('message', (m: FromWorker) => {
    if (m.type === 'ready') { clearTimeout(timer); loaded(m.problem); } else slot.settle?.(m);
  });
  // An error the module threw outside any call (a stray rejected promise, a timer), or the thread's exit.
  worker.on('error', (err) => { clearTimeout(timer); loaded(`could not be loaded: ${err.message}`); gone(slot, `its worker crashed: ${err.message}`); });
  worker.on('exit', (code) => { clearTimeout(timer); loaded(`could not be loaded (its worker exited with code ${code})`); gone(slot, `its worker exited with code ${code}`); });
  return slot;
}

/** End the slot's call in flight (its worker is going away). */
export function endCall(slot: Slot, why: string): void {
  const settle = slot.settle;
  slot.settle = undefined;
  settle?.({ type: 'gone', message: why });
}

let nextId = 1;

/**
 * One call on a loaded slot. `after(keep)` runs first when it ends: keep the worker (answered or
 * threw) or end it (time-out, stop, crash).
 */
export function callSlot(slot: Slot, args: readonly unknown[], c: CallOptions, after: (keep: boolean) => void): Promise<PluginResult<unknown>> {
  return new Promise((done) => {
    const id = nextId++;
    let started = 0;
    const finish = (r: PluginResult<unknown>, keep: boolean) => {
      slot.settle = undefined;
      clearTimeout(timer);
      c.signal.removeEventListener('abort', onAbort);
      after(keep);
      done(r);
    };
    const onAbort = () => finish({ ok: false, failure: { kind: 'aborted', message: `${c.label}: the run stopped (its worker was terminated)` } }, false);
    slot.settle = (m) => {
      if (m.type === 'gone') return finish({ ok: false, failure: { kind: 'threw', message: `${c.label}: ${m.message}` } }, false);
      if (m.type !== 'result' || m.id !== id) return undefined;
      if (m.ok) return finish({ ok: true, value: m.value, ms: performance.now() - started }, true);
      return finish({ ok: false, failure: { kind: 'threw', message: `${c.label} threw ${m.message}`, details: m.details, ...(m.output !== '' && { stderr: m.output }) } }, true);
    };
    const timer = setTimeout(() => finish({ ok: false, failure: { kind: 'timeout', message: `${c.label}: timed out after ${c.timeoutMs} ms (its worker was terminated)` } }, false), c.timeoutMs);
    // The run may have stopped while the worker was loading.
    if (c.signal.aborted) return onAbort();
    c.signal.addEventListener('abort', onAbort, { once: true });
    started = performance.now();
    slot.worker.postMessage({ type: 'call', id, args });
  });
}
