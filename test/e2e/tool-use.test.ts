import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { startFakeOpenAI, lastUserContent, type FakeOpenAI, type OpenAIReply, type OpenAIRequest } from '../support/fake-openai.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Tool use, BFCL style: 120 samples of our own, each naming the calls expected with the values
// allowed per argument ("" = the argument may be left out). The fake API answers each sample in one
// of ten ways, some right and some wrong; the tool-call scorer's pass rate must equal the count made
// by hand from the table of ways below, and every record must show the calls made, name and arguments.

interface Call { readonly name: string; readonly input: Record<string, unknown> }
interface Rec { sampleId: string; status: string; pass?: boolean; scores: { name: string; pass: boolean; reason?: string }[]; steps?: { text: string; calls: Call[] }[]; usage: { inputTokens: number } }

const TOOLS = [
  { name: 'get_weather', description: 'Current weather in a city.', input_schema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } }, required: ['city'] } },
  { name: 'convert_currency', description: 'Convert an amount.', input_schema: { type: 'object', properties: { amount: { type: 'number' }, from: { type: 'string' }, to: { type: 'string' } }, required: ['amount', 'from', 'to'] } },
];

const CITIES = ['Paris', 'Lagos', 'Osaka', 'Lima', 'Oslo', 'Pune'];

/** The ten ways the fake model answers, and (by hand) whether each should pass. */
const WAYS = [
  { way: 'exact', pass: true },
  { way: 'other allowed value', pass: true },
  { way: 'optional omitted', pass: true },
  { way: 'wrong value', pass: false },
  { way: 'extra argument', pass: false },
  { way: 'wrong tool', pass: false },
  { way: 'no call', pass: false },
  { way: 'parallel, swapped order', pass: true },
  { way: 'no call expected, none made', pass: true },
  { way: 'no call expected, one made', pass: false },
] as const;

const N = 120;
const cityOf = (i: number) => CITIES[i % CITIES.length] as string;

function expectedOf(i: number): unknown {
  const way = i % WAYS.length;
  const city = cityOf(i);
  if (way === 8 || way === 9) return [];
  if (way === 7) return [{ get_weather: { city: [city], unit: ['celsius', ''] } }, { convert_currency: { amount: [i], from: ['EUR', 'eur'], to: ['USD'] } }];
  return [{ get_weather: { city: [city, `${city} City`], unit: ['celsius', ''] } }];
}

function callsOf(i: number): Call[] | undefined {
  const city = cityOf(i);
  switch (WAYS[i % WAYS.length]?.way) {
    case 'exact': return [{ name: 'get_weather', input: { city: city.toLowerCase(), unit: 'celsius' } }];
    case 'other allowed value': return [{ name: 'get_weather', input: { city: `${city} City`, unit: 'celsius' } }];
    case 'optional omitted': return [{ name: 'get_weather', input: { city } }];
    case 'wrong value': return [{ name: 'get_weather', input: { city, unit: 'kelvin' } }];
    case 'extra argument': return [{ name: 'get_weather', input: { city, days: 3 } }];
    case 'wrong tool': return [{ name: 'convert_currency', input: { amount: 1, from: 'EUR', to: 'USD' } }];
    case 'parallel, swapped order': return [{ name: 'convert_currency', input: { amount: i, from: 'EUR', to: 'USD' } }, { name: 'get_weather', input: { city } }];
    case 'no call expected, one made': return [{ name: 'get_weather', input: { city } }];
    default: return undefined;
  }
}

const indexOf = (text: string) => Number(/^Q(\d+):/.exec(text)?.[1] ?? -1);

function anthropicReply(req: AnthropicRequest): AnthropicReply {
  const calls = callsOf(indexOf(lastUserText(req.messages)));
  return calls === undefined ? { text: 'I can answer that without a tool.' } : { text: '', toolCalls: calls, inputTokens: 300 };
}

function openaiReply(req: OpenAIRequest): OpenAIReply {
  const calls = callsOf(indexOf(lastUserContent(req.messages)));
  return calls === undefined ? { text: 'No tool needed.' } : { text: '', toolCalls: calls.map((c) => ({ name: c.name, arguments: c.input })) };
}

function setup(model: string | Record<string, unknown>, n = N) {
  const dir = tempDir();
  const rows = Array.from({ length: n }, (_, i) => JSON.stringify({ id: `q${String(i).padStart(3, '0')}`, question: `Q${i}: what should I call for ${cityOf(i)}?`, expected: expectedOf(i) }));
  writeFiles(dir, {
    'data.jsonl': rows.join('\n'),
    'spec.json': JSON.stringify({
      name: 'bfcl-style', dataset: { path: 'data.jsonl', fields: { target: 'expected' } }, prompt: { user: '{{question}}' },
      tools: TOOLS, tool_choice: 'auto', models: [model], scorers: [{ type: 'tool-call' }],
    }),
  });
  return { spec: join(dir, 'spec.json'), out: join(dir, 'out') };
}

let anthropic: FakeAnthropic | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => {
  await anthropic?.close();
  await openai?.close();
  anthropic = undefined;
  openai = undefined;
});

const handCount = (n: number) => Array.from({ length: n }, (_, i) => WAYS[i % WAYS.length]?.pass === true).filter(Boolean).length;

describe('tool use, BFCL style, against the fake Messages API', () => {
  it.each([false, true])('120 samples (stream %s): pass rate = the hand count; records show every call', async (stream) => {
    anthropic = await startFakeAnthropic({ respond: anthropicReply });
    // Streamed, the calls' inputs arrive as input_json_delta pieces the SDK must put together.
    const { spec, out } = setup(stream ? { id: 'anthropic:claude-haiku-5-5', stream: true } : 'anthropic:claude-haiku-5-5');
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache', '--concurrency', '16'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url } });
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    expect(recs).toHaveLength(N);
    expect(recs.every((r) => r.status === 'ok')).toBe(true);
    expect(recs.filter((r) => r.pass === true).length).toBe(handCount(N));
    expect(handCount(N)).toBe(60);
    for (const r of recs) {
      const i = Number(r.sampleId.slice(1));
      expect(r.steps?.[0]?.calls.map((c) => ({ name: c.name, input: c.input }))).toEqual(callsOf(i) ?? []);
    }
    // Every request declared the tools in Anthropic's format, with tool_choice.
    const bodies = anthropic.calls.map((c) => c.body as Record<string, unknown>);
    expect(bodies.every((b) => JSON.stringify(b['tools']) === JSON.stringify(TOOLS) && JSON.stringify(b['tool_choice']) === '{"type":"auto"}')).toBe(true);
    const reasons = new Map(recs.map((r) => [r.sampleId, r.scores[0]?.reason]));
    expect(reasons.get('q003')).toMatch(/unit = "kelvin", expected "celsius"/);
    expect(reasons.get('q004')).toMatch(/unexpected argument days/);
    expect(reasons.get('q006')).toMatch(/0 call\(s\) \(none\), expected 1/);
  });
});

describe('tool use against the fake OpenAI-compatible API', () => {
  it('tools and tool_calls in the OpenAI format; the same hand count', async () => {
    openai = await startFakeOpenAI({ respond: openaiReply });
    const { spec, out } = setup('openai:fake-model', 40);
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache'], { env: { OPENAI_BASE_URL: openai.url } });
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    expect(recs.filter((r) => r.pass === true).length).toBe(handCount(40));
    const body = openai.calls[0]?.body as Record<string, unknown>;
    expect(body['tools']).toEqual(TOOLS.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.input_schema } })));
    expect(body['tool_choice']).toBe('auto');
  });
});
