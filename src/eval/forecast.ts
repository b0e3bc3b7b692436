import type { PreparedEval } from './prepare.js';
import { buildRequest } from '../runner/request.js';
import { priceOf } from '../pricing/table.js';
import { simProfile } from '../providers/sim-profiles.js';
import type { ModelSpec } from '../spec/types.js';

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

function pricingModel(m: ModelSpec): string | undefined {
  if (m.provider === 'anthropic') return m.model;
  if (m.provider === 'sim') return simProfile(m.model).pricingModel;
  return undefined;
}

export function forecast(p: PreparedEval): Forecast {
  const { spec } = p;
  const epochs = spec.run.epochs;
  const models = spec.models.map((m): ModelForecast => {
    let input = 0;
    for (const s of p.samples) {
      const req = buildRequest(spec, m, s);
      const chars = (req.system ?? '').length + req.messages.reduce((n, msg) => n + msg.content.length, 0);
      input += Math.ceil(chars / 4) * epochs;
    }
    const calls = p.samples.length * epochs;
    const maxOutput = calls * m.maxTokens;
    const price = priceOf(pricingModel(m));
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
      latencyMs: m.provider === 'sim' ? m.sim?.latency_ms ?? simProfile(m.model).latencyMs : null,
    };
  });
  return { evalId: spec.id, samples: p.samples.length, epochs, items: p.samples.length * epochs * spec.models.length, models };
}
