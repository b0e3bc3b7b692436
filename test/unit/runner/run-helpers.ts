// Shared fakes for the runItems tests (run.test.ts, run-stop.test.ts).
import { runItems, type Progress, type RunHooks } from '../../../src/runner/run.js';
import type { RunContext } from '../../../src/runner/execute.js';
import { createScorer } from '../../../src/scoring/create.js';
import { ProviderError } from '../../../src/errors.js';
import type { Clock, Completion, Provider, RunRecord } from '../../../src/types.js';
import type { EvalSpec, ModelSpec } from '../../../src/spec/types.js';
import { deferred, evalSpec, fakeClock, sample, tick, type Deferred } from './fakes.js';

export const HAIKU = 'anthropic:claude-haiku-5-5';
export const SONNET = 'anthropic:claude-sonnet-5-5';

export const completion = (text: string): Completion => ({
  text,
  usage: { inputTokens: 10, outputTokens: 2, thinkingTokens: 0 },
  stopReason: 'end_turn',
  latencyMs: 5,
});

/** A provider whose calls wait until the test releases them (or their signal aborts). */
export function gated(id: string, queueKey: string) {
  const state = { calls: 0, inFlight: 0, maxInFlight: 0, sawAbort: 0, pending: [] as Deferred<Completion>[] };
  const provider: Provider = {
    id,
    queueKey,
    simulated: false,
    pricingModel: 'claude-haiku-5-5',
    complete: async (_req, signal) => {
      state.calls++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      const d = deferred<Completion>();
      state.pending.push(d);
      const onAbort = (): void => {
        state.sawAbort++;
        d.reject(new ProviderError('aborted', 'request aborted'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        return await d.promise;
      } finally {
        state.inFlight--;
        signal.removeEventListener('abort', onAbort);
      }
    },
  };
  const release = (text = 'Paris'): number => {
    const batch = state.pending.splice(0);
    for (const d of batch) d.resolve(completion(text));
    return batch.length;
  };
  return { provider, state, release };
}

/** A provider that answers after a few turns of the event loop, tracking how many calls overlap. */
export function counting(id: string, queueKey: string, answer = (): Completion => completion('Paris')) {
  const state = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const provider: Provider = {
    id,
    queueKey,
    simulated: false,
    pricingModel: 'claude-haiku-5-5',
    complete: async () => {
      state.calls++;
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
      try {
        for (let i = 0; i < 3; i++) await tick();
        return answer();
      } finally {
        state.inFlight--;
      }
    },
  };
  return { provider, state };
}

export async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000; i++) {
    if (cond()) return;
    await tick();
  }
  throw new Error(`timed out waiting for ${what}`);
}

export interface CtxOptions {
  readonly spec: EvalSpec;
  readonly providers: readonly Provider[];
  readonly stop?: AbortController;
  readonly clock?: Clock;
}

export function ctx(o: CtxOptions): Omit<RunContext, 'abortSignal'> {
  return {
    runId: 'run-1',
    spec: o.spec,
    providers: new Map(o.providers.map((p) => [p.id, p])),
    scorers: o.spec.scorers.map(createScorer),
    targetPool: ['Paris'],
    clock: o.clock ?? fakeClock(),
    rand: () => 0,
    stopSignal: (o.stop ?? new AbortController()).signal,
  };
}

export function hooks(graceMs = 60_000): RunHooks & { seen: { record: RunRecord; progress: Progress }[] } {
  const seen: { record: RunRecord; progress: Progress }[] = [];
  return { graceMs, seen, onRecord: (record, progress) => { seen.push({ record, progress }); } };
}

/** runItems, with the records it streamed to the hooks collected for the assertions. */
export async function collect(items: Parameters<typeof runItems>[0], c: Parameters<typeof runItems>[1], h = hooks()) {
  const out = await runItems(items, c, h);
  return { ...out, records: h.seen.map((x) => x.record) };
}

export const samples = (n: number) => Array.from({ length: n }, (_, i) => sample(`s${i + 1}`, { question: `q${i + 1}` }, 'Paris'));
export const specWith = (models: readonly ModelSpec[]) => evalSpec({ models });
export const key = (r: RunRecord) => `${r.sampleId}|${r.model}|${r.epoch}`;

