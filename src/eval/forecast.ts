import type { PreparedEval } from './prepare.js';
import { buildRequest } from '../runner/request.js';
import { priceOf } from '../pricing/table.js';
import { simProfile } from '../providers/sim-profiles.js';
import { pricingModelOf } from '../providers/create.js';
import type { WorkItem } from '../runner/plan.js';

// --dry-run: what a run would do, from the prepared plan alone; nothing is called. Input tokens are
// estimated at ~4 characters a token (tokenizers differ by model); output is bounded by max_tokens,
// so the cost is a range from "input only" to "every call uses all of max_tokens".

export interface ModelForecast {
  readonly model: string;
  readonly label: string;
  readonly simulated: boolean;
  readonly calls: number;
  readonly inputTokens: number;
  readonly maxOutputTokens: number;
  /** [input only, input + max_tokens output]; null when the model has no known price. */
  readonly costUsd: readonly [number, number] | null;
  readonly concurrency: number;
  /** Median latency when known (the simulator's profile); real models: unknown before a run. */
  readonly latencyMs: number | null;
}

export interface Forecast {
  readonly evalId: string;
  readonly samples: number;
  readonly epochs: number;
  readonly items: number;
  readonly models: readonly ModelForecast[];
}

/** The forecast of the given items (all of the plan, or what a resume has left). */
export function forecast(p: PreparedEval, items: readonly WorkItem[]): Forecast {
  const { spec } = p;
  const epochs = spec.run.epochs;
  const models = spec.models.map((m): ModelForecast => {
    const mine = items.filter((i) => i.modelId === m.id);
    let input = 0;
    for (const item of mine) {
      const req = buildRequest(spec, m, item.sample);
      input += Math.ceil(((req.system ?? '').length + req.messages.reduce((n, msg) => n + msg.content.length, 0)) / 4);
    }
    const calls = mine.length;
    const maxOutput = calls * m.maxTokens;
    const price = priceOf(pricingModelOf(m));
    const cost = (out: number) => (price === undefined ? 0 : (input * price.inputPerMTok + out * price.outputPerMTok) / 1_000_000);
    return {
      model: m.id,
      label: m.label,
      simulated: m.provider === 'sim',
      calls,
      inputTokens: input,
      maxOutputTokens: maxOutput,
      costUsd: price === undefined ? null : [cost(0), cost(maxOutput)],
      concurrency: m.concurrency,
      // The simulator reports its latency but waits it only when realtime: otherwise it is instant.
      latencyMs: m.provider !== 'sim' ? null : m.sim?.realtime === true ? m.sim.latency_ms ?? simProfile(m.model).latencyMs : 0,
    };
  });
  return { evalId: spec.id, samples: p.samples.length, epochs, items: items.length, models };
}
