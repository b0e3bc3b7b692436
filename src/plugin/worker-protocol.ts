import type { ErrorDetails } from './failure.js';

// The messages between a plug-in pool (main thread) and its worker (worker-main.ts).

export type PluginRole = 'scorer' | 'provider';

export interface WorkerSetup {
  readonly file: string;
  readonly role: PluginRole;
  /** Providers: what createProvider(options) is given (the model entry's options). */
  readonly options: unknown;
}

export type ToWorker =
  | { readonly type: 'call'; readonly id: number; readonly args: readonly unknown[] }
  | { readonly type: 'abort'; readonly id: number };

export type FromWorker =
  | { readonly type: 'ready'; readonly problem?: string }
  | { readonly type: 'result'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'result'; readonly id: number; readonly ok: false; readonly message: string; readonly details: ErrorDetails; readonly output: string };
