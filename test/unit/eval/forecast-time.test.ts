import { describe, expect, it } from 'vitest';
import { forecast, queueKeyOf, UNKNOWN_TIME, type Forecast, type TimeForecast } from '../../../src/eval/forecast.js';
import type { PreparedEval } from '../../../src/eval/prepare.js';
import { renderForecast, renderTime } from '../../../src/eval/forecast-text.js';
import { createProvider } from '../../../src/providers/create.js';
import { planItems } from '../../../src/runner/plan.js';
import type { ModelSpec } from '../../../src/spec/types.js';
import type { MinuteLimits } from '../../../src/types.js';
import { evalSpec, modelSpec, sample } from '../runner/fakes.js';

// The time --dry-run forecasts. The prompt is the sample's `q` alone, so a call's input estimate is
// chars / 4 tokens. Limit floors: max(0, units − perMinute) / perMinute minutes (the sliding minute
// starts empty, so the first minute's budget goes at once). Latency: calls × latency / concurrency.

const MIN = 60_000;

function forecastOf(models: readonly ModelSpec[], samples: number, chars: number): Forecast {
  const data = Array.from({ length: samples }, (_, i) => sample(`s${i}`, { q: 'x'.repeat(chars) }, 'y'));
  const spec = evalSpec({ models, prompt: { messages: [{ role: 'user', content: '{{q}}' }], shorthand: false } });
  return forecast({ spec, samples: data } as unknown as PreparedEval, planItems(data, models.map((m) => m.id), 1));
}

const haiku = (minuteLimits?: MinuteLimits): ModelSpec =>
  modelSpec('anthropic:claude-haiku-5-5', { maxTokens: 100, concurrency: 50, ...(minuteLimits !== undefined && { minuteLimits }) });
const sim = (latency: number | undefined, extra: Partial<ModelSpec> = {}): ModelSpec =>
  modelSpec('sim:claude-haiku-5-5', { maxTokens: 100, concurrency: 50, ...(latency !== undefined && { sim: { realtime: true, latency_ms: latency } }), ...extra });

interface Case {
  readonly name: string;
  readonly model: ModelSpec;
  readonly samples: number;
  /** Characters per prompt: tokens = chars / 4. */
  readonly chars: number;
  readonly kind: TimeForecast['kind'];
  readonly ms: readonly [number, number] | null;
  readonly text: string;
}

// Unless said otherwise: 200 calls × 100 input tokens (400 chars) = 20,000 input tokens; max output
// 200 × max_tokens 100 = 20,000 tokens.
const cases: readonly Case[] = [
  { name: 'no limit, no latency → unknown', model: haiku(), samples: 200, chars: 400, kind: 'unknown', ms: null, text: UNKNOWN_TIME },
  // (200 − 50) / 50 = 3 min
  { name: 'requests/min', model: haiku({ requestsPerMinute: 50 }), samples: 200, chars: 400, kind: 'at_least', ms: [3 * MIN, 3 * MIN], text: 'time ≥ 3 min (50 requests/min)' },
  // (20,000 − 4,000) / 4,000 = 4 min
  { name: 'input tokens/min', model: haiku({ inputTokensPerMinute: 4_000 }), samples: 200, chars: 400, kind: 'at_least', ms: [4 * MIN, 4 * MIN], text: 'time ≥ 4 min (4,000 input tokens/min)' },
  // no output: 0; every call at max_tokens: (20,000 − 5,000) / 5,000 = 3 min
  {
    name: 'output tokens/min: a range', model: haiku({ outputTokensPerMinute: 5_000 }), samples: 200, chars: 400, kind: 'at_least', ms: [0, 3 * MIN],
    text: 'time ≥ 0 s to 3 min (5,000 output tokens/min; from no output to every call at max_tokens)',
  },
  // requests 3 min, input 4 min, output 0 … 3 min → max of lows 4 min, max of highs 4 min: input binds
  {
    name: 'all three: the largest binds', model: haiku({ requestsPerMinute: 50, inputTokensPerMinute: 4_000, outputTokensPerMinute: 5_000 }), samples: 200, chars: 400,
    kind: 'at_least', ms: [4 * MIN, 4 * MIN], text: 'time ≥ 4 min (4,000 input tokens/min)',
  },
  // requests 3 min; output 0 … (20,000 − 2,000) / 2,000 = 9 min → [3 min, 9 min]
  {
    name: 'requests floor, output range above it', model: haiku({ requestsPerMinute: 50, outputTokensPerMinute: 2_000 }), samples: 200, chars: 400,
    kind: 'at_least', ms: [3 * MIN, 9 * MIN], text: 'time ≥ 3 min to 9 min (2,000 output tokens/min; from no output to every call at max_tokens)',
  },
  // 200 calls ≤ 500 a minute: all go in the first minute → floor 0
  {
    name: 'a limit that never binds', model: haiku({ requestsPerMinute: 500 }), samples: 200, chars: 400, kind: 'at_least', ms: [0, 0],
    text: 'no wait from the limits (500 requests/min): it all fits in the first minute; latency unknown before a run',
  },
  // 3 calls × 100 tokens at 50 input tokens/min: each call counts as one budget (50): (150 − 50) / 50 = 2 min
  { name: 'a call larger than the input budget holds a whole minute', model: haiku({ inputTokensPerMinute: 50 }), samples: 3, chars: 400, kind: 'at_least', ms: [2 * MIN, 2 * MIN], text: 'time ≥ 2 min (50 input tokens/min)' },
  // 5,000 × 200 ms / 50 = 20,000 ms
  { name: 'latency (simulator, realtime)', model: sim(200), samples: 5_000, chars: 4, kind: 'about', ms: [20_000, 20_000], text: '≈ 20 s (latency 200 ms × 5,000 calls / concurrency 50)' },
  { name: 'simulator without realtime: instant', model: sim(undefined), samples: 200, chars: 400, kind: 'about', ms: [0, 0], text: 'instant (simulated, latency not waited)' },
  // latency 200 × 200 ms / 50 = 800 ms < requests (200 − 50) / 50 = 3 min → the limit binds
  { name: 'latency under a limit', model: sim(200, { minuteLimits: { requestsPerMinute: 50 } }), samples: 200, chars: 400, kind: 'at_least', ms: [3 * MIN, 3 * MIN], text: 'time ≥ 3 min (50 requests/min)' },
  // latency 200 × 2,000 ms / 1 = 400,000 ms ≈ 6.7 min > requests 3 min → latency binds
  {
    name: 'latency over a limit', model: sim(2_000, { concurrency: 1, minuteLimits: { requestsPerMinute: 50 } }), samples: 200, chars: 400,
    kind: 'about', ms: [400_000, 400_000], text: '≈ 6.7 min (latency 2,000 ms × 200 calls / concurrency 1)',
  },
];

describe('forecast time at the current limits', () => {
  it.each(cases)('$name', ({ model, samples, chars, kind, ms, text }) => {
    const time = forecastOf([model], samples, chars).models[0]?.time as TimeForecast;
    expect(time.kind).toBe(kind);
    expect(time.ms).toEqual(ms);
    expect(renderTime(time)).toBe(text);
    expect(time.sharedWith).toEqual([]);
  });

  it('the basis lists every bound and what was not known', () => {
    const both = forecastOf([haiku({ requestsPerMinute: 50, outputTokensPerMinute: 5_000 })], 200, 400).models[0]?.time;
    expect(both?.basis).toBe(
      "200 calls at 50 requests/min, the first minute's 50 at once: ≥ 3 min; " +
        "0 to 20,000 output tokens (no output … every call at max_tokens) at 5,000 output tokens/min, the first minute's 5,000 at once: ≥ 0 s to 3 min; " +
        'latency unknown before a run',
    );
    expect(both?.bounds.map((b) => [b.kind, b.ms])).toEqual([['requests', [3 * MIN, 3 * MIN]], ['output_tokens', [0, 3 * MIN]]]);
    expect(forecastOf([haiku()], 1, 4).models[0]?.time.basis).toBe(UNKNOWN_TIME);
    expect(forecastOf([sim(200)], 5_000, 4).models[0]?.time.basis).toBe('latency 200 ms × 5,000 calls / concurrency 50: ≈ 20 s');
  });

  it('only the items given count (what a resume has left)', () => {
    const data = Array.from({ length: 200 }, (_, i) => sample(`s${i}`, { q: 'x'.repeat(400) }, 'y'));
    const model = haiku({ requestsPerMinute: 50 });
    const spec = evalSpec({ models: [model], prompt: { messages: [{ role: 'user', content: '{{q}}' }], shorthand: false } });
    const left = forecast({ spec, samples: data } as unknown as PreparedEval, planItems(data, [model.id], 1).slice(0, 100));
    expect(left.models[0]?.time.ms).toEqual([MIN, MIN]); // (100 − 50) / 50 = 1 min
  });

  it('models sharing a queue share its limits: their calls add up, at the first model\'s limits', () => {
    // Model ids are unique, so a real spec cannot do this today: two entries forced onto one queue key.
    const a = haiku({ requestsPerMinute: 50 });
    const b: ModelSpec = { ...haiku({ requestsPerMinute: 1_000 }), id: 'anthropic:claude-haiku-5-5#b', label: 'b' };
    expect(queueKeyOf(a)).toBe(queueKeyOf(b));
    const f = forecastOf([a, b], 200, 400);
    // 200 + 200 = 400 calls at the first model's 50 requests/min: (400 − 50) / 50 = 7 min, for each
    expect(f.models.map((m) => m.time.ms)).toEqual([[7 * MIN, 7 * MIN], [7 * MIN, 7 * MIN]]);
    expect(f.models.map((m) => m.time.sharedWith)).toEqual([[b.id], [a.id]]);
    expect(renderTime(f.models[1]?.time as TimeForecast)).toBe(`time ≥ 7 min (50 requests/min) — queue and limits shared with ${a.id}`);
    expect(f.models[0]?.time.basis).toContain(`queue shared with ${b.id} (these figures are for the calls of all of them)`);
  });

  it('queueKeyOf splits models exactly as the providers\' queue keys do', () => {
    const models = [
      modelSpec('anthropic:claude-haiku-5-5'),
      modelSpec('anthropic:claude-sonnet-5-5'),
      { ...modelSpec('anthropic:claude-haiku-5-5', { baseUrl: 'http://127.0.0.1:9' }), id: 'x1' },
      { ...modelSpec('anthropic:claude-haiku-5-5'), id: 'x2' },
      modelSpec('openai:local', { baseUrl: 'http://127.0.0.1:8000/v1' }),
      { ...modelSpec('openai:local', { baseUrl: 'http://127.0.0.1:8001/v1' }), id: 'x3' },
      { ...modelSpec('openai:local', { baseUrl: 'http://127.0.0.1:8000/v1' }), id: 'x4' },
      modelSpec('openai:gpt-5'),
      modelSpec('sim:claude-haiku-5-5'),
      modelSpec('sim:claude-sonnet-5-5'),
    ];
    const env = { ANTHROPIC_API_KEY: 'k', OPENAI_API_KEY: 'k' };
    const partition = (keys: readonly string[]) => keys.map((k) => keys.flatMap((x, j) => (x === k ? [j] : [])));
    const real = partition(models.map((m) => createProvider(m, env, 0).queueKey));
    expect(partition(models.map(queueKeyOf))).toEqual(real);
    expect(real[0]).toEqual([0, 3]);
  });

  it('JSON keeps the old fields and adds time', () => {
    const f = JSON.parse(JSON.stringify(forecastOf([haiku({ requestsPerMinute: 50 })], 200, 400))) as { models: Record<string, unknown>[] };
    expect(Object.keys(f.models[0] ?? {})).toEqual(['model', 'label', 'simulated', 'calls', 'inputTokens', 'maxOutputTokens', 'costUsd', 'concurrency', 'latencyMs', 'time']);
    expect(f.models[0]?.['time']).toEqual({
      kind: 'at_least',
      ms: [180_000, 180_000],
      basis: "200 calls at 50 requests/min, the first minute's 50 at once: ≥ 3 min; latency unknown before a run",
      bounds: [{ kind: 'requests', ms: [180_000, 180_000], label: '50 requests/min', basis: "200 calls at 50 requests/min, the first minute's 50 at once: ≥ 3 min" }],
      sharedWith: [],
    });
  });

  it('the text lists the time of every model under the table', () => {
    const text = renderForecast(forecastOf([haiku({ requestsPerMinute: 50 }), sim(200)], 200, 400));
    expect(text).toContain(
      "Estimated time at the current limits (the spec's rate_limit; retries not counted):\n" +
        '  anthropic:claude-haiku-5-5: time ≥ 3 min (50 requests/min)\n' +
        '  sim:claude-haiku-5-5 [SIMULATED]: ≈ 0.8 s (latency 200 ms × 200 calls / concurrency 50)\n', // 200 × 200 ms / 50
    );
  });
});
