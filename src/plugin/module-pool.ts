import { dirname } from 'node:path';
import { findTsx, isTypeScript, workerEntry } from './typescript.js';
import type { PluginResult } from './failure.js';
import type { PluginRole } from './worker-protocol.js';
import { callSlot, endCall, spawnSlot, type CallOptions, type Slot, type SlotSetup } from './worker-slot.js';

// A plug-in module runs in worker threads, never on the main thread: a module that loops forever,
// blocks on a synchronous call or never settles cannot hang the run or keep Ctrl-C from working.
// What a module prints (console.log included) is kept by its worker, not written to the run's
// output; its tail goes with a thrown error. Each worker runs one call at a time, so a call past its
// time limit is ended by terminating its worker alone (the next call starts a fresh one). Idle
// workers do not keep the process alive.

export { LOAD_TIMEOUT_MS, type CallOptions } from './worker-slot.js';

export interface ModulePool {
  /** Allow up to n workers (never fewer than before). */
  grow(n: number): void;
  /** Load the module once (before any call): what is wrong with it, or undefined. */
  check(): Promise<string | undefined>;
  call(args: readonly unknown[], o: CallOptions): Promise<PluginResult<unknown>>;
  close(): Promise<void>;
}

export interface PoolOptions {
  readonly file: string;
  readonly role: PluginRole;
  /** Workers at most (calls beyond wait). */
  readonly size: number;
  readonly options?: unknown;
}

const NO_TSX = 'is TypeScript, and tsx (which loads it) is not installed: add it to your project (npm install -D tsx) or compile the module to .js/.mjs';

/** Workers for one module; created lazily, each loading the module once. */
export function createModulePool(o: PoolOptions): ModulePool {
  const slots: Slot[] = [];
  const waiting: (() => void)[] = [];
  const entry = workerEntry();
  const tsx = isTypeScript(entry) || isTypeScript(o.file) ? findTsx(dirname(o.file)) : undefined;
  const noTsx = isTypeScript(o.file) && tsx === undefined ? NO_TSX : undefined;
  const setup: SlotSetup = { file: o.file, role: o.role, options: o.options ?? {}, entry, tsx };
  let size = Math.max(1, o.size);

  const remove = (slot: Slot, why: string) => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    endCall(slot, why);
    void slot.worker.terminate();
    waiting.shift()?.();
  };
  const release = (slot: Slot) => {
    slot.busy = false;
    slot.settle = undefined;
    slot.worker.unref();
    waiting.shift()?.();
  };
  const acquire = async (): Promise<Slot> => {
    for (;;) {
      const idle = slots.find((s) => !s.busy);
      if (idle !== undefined) { idle.busy = true; idle.worker.ref(); return idle; }
      if (slots.length < size) {
        const slot = spawnSlot(setup, remove);
        slots.push(slot);
        return slot;
      }
      await new Promise<void>((r) => waiting.push(r));
    }
  };
  /** A loaded slot, or what is wrong with the module. */
  const loaded = async (): Promise<Slot | string> => {
    const slot = await acquire();
    const problem = await slot.ready;
    if (problem === undefined) return slot;
    if (slots.includes(slot)) release(slot);
    return problem;
  };

  return {
    grow: (n) => { size = Math.max(size, n); },
    check: async () => {
      if (noTsx !== undefined) return noTsx;
      const slot = await loaded();
      if (typeof slot === 'string') return slot;
      release(slot);
      return undefined;
    },
    call: async (args, c) => {
      if (noTsx !== undefined) return { ok: false, failure: { kind: 'load', message: `${c.label} ${noTsx}` } };
      if (c.signal.aborted) return { ok: false, failure: { kind: 'aborted', message: `${c.label}: the run stopped` } };
      const slot = await loaded();
      if (typeof slot === 'string') return { ok: false, failure: { kind: 'load', message: `${c.label} ${slot}` } };
      return callSlot(slot, args, c, (keep) => (keep ? release(slot) : remove(slot, 'ended')));
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
