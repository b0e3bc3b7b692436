import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// A conversation whose every turn is a tool loop (τ-bench style): the customer asks where an order is,
// the agent looks it up and answers; then asks when it shipped, and the agent calls another tool with
// what the first call returned, which it can only know because the earlier calls and results stay in
// the conversation. Scripted results are taken in order over both turns.

interface Call { name: string; input: Record<string, unknown>; result?: unknown }
interface Rec { sampleId: string; status: string; output: string; stepLimit?: boolean; turns?: { user: string; output: string }[]; steps?: { text: string; calls: Call[] }[]; scores: { name: string; pass: boolean; reason?: string }[]; usage: { inputTokens: number }; error?: { message: string } }

const TOOLS = [
  { name: 'find_order', description: 'Order by id.', input_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } },
  { name: 'get_shipment', description: 'Shipment by id.', input_schema: { type: 'object', properties: { shipment_id: { type: 'string' } }, required: ['shipment_id'] } },
];

type Block = { type: string; text?: string; content?: string; name?: string; input?: Record<string, unknown> };
const blocks = (m: AnthropicRequest['messages'][number] | undefined): Block[] => (Array.isArray(m?.content) ? (m.content as Block[]) : []);

function agent(req: AnthropicRequest): AnthropicReply {
  const last = req.messages.at(-1);
  const results = blocks(last).filter((b) => b.type === 'tool_result').map((b) => JSON.parse(b.content ?? 'null') as Record<string, string>);
  const asked = typeof last?.content === 'string' ? last.content : '';
  // The "(loop)" turn never stops calling.
  if (req.messages.some((m) => typeof m.content === 'string' && m.content.includes('(loop)'))) return { text: 'Checking again.', toolCalls: [{ name: 'get_shipment', input: { shipment_id: 'X' } }], inputTokens: 100, outputTokens: 10 };
  if (asked.startsWith('Where')) return { text: '', toolCalls: [{ name: 'find_order', input: { order_id: /order (\w+)/.exec(asked)?.[1] ?? '?' } }], inputTokens: 100, outputTokens: 10 };
  if (results[0]?.status !== undefined) return { text: `It is ${results[0].status}.`, inputTokens: 100, outputTokens: 10 };
  if (asked.startsWith('When')) {
    // The shipment id is only in the first turn's tool result: the history must carry it.
    const earlier = req.messages.flatMap(blocks).filter((b) => b.type === 'tool_result').map((b) => JSON.parse(b.content ?? 'null') as Record<string, string>);
    return { text: '', toolCalls: [{ name: 'get_shipment', input: { shipment_id: earlier[0]?.shipment_id ?? 'unknown' } }], inputTokens: 100, outputTokens: 10 };
  }
  if (results[0]?.shipped !== undefined) return { text: `It shipped on ${results[0].shipped}.`, inputTokens: 100, outputTokens: 10 };
  return { text: 'I am not sure.', inputTokens: 100, outputTokens: 10 };
}

let fake: FakeAnthropic | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });

async function run(second: string, maxSteps = 4) {
  fake = await startFakeAnthropic({ respond: agent });
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': JSON.stringify({ id: 'o1', order: 'A1', results: [{ status: 'in transit', shipment_id: 'S9' }, { shipped: '2026-11-30' }, { shipped: 'never' }, { shipped: 'never' }], final: '2026-11-30', first: 'in transit' }),
    'spec.json': JSON.stringify({
      name: 'support-agent', dataset: { path: 'data.jsonl', fields: { target: 'final' } },
      prompt: { turns: ['Where is order {{order}}?', second] },
      tools: TOOLS, tool_loop: { max_steps: maxSteps, results: { dataset: 'results' } },
      models: [{ id: 'anthropic:claude-haiku-5-5', thinking: 'disabled' }],
      scorers: [{ type: 'contains' }, { type: 'contains', name: 'first-turn', turn: 1, expected: '{{first}}' }, { type: 'tool-order', expected: ['find_order', 'get_shipment'] }],
      run: { max_error_rate: 1 },
    }),
  });
  const out = join(dir, 'out');
  const res = await runCli(['run', join(dir, 'spec.json'), '--out', out, '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url } });
  const [rec] = readJsonl<Rec>(join(out, 'records.jsonl'));
  return { res, rec: rec as Rec, requests: fake.calls.length };
}

describe('a tool loop in every turn of a conversation (prompt.turns with tool_loop)', () => {
  it('each turn calls its tools and answers; the next turn follows the calls and results', async () => {
    const { res, rec, requests } = await run('When was it shipped?');
    expect(res.code, res.stderr).toBe(0);
    expect(rec.status, rec.error?.message).toBe('ok');
    expect(rec.turns).toEqual([
      { user: 'Where is order A1?', output: 'It is in transit.', stopReason: 'end_turn' },
      { user: 'When was it shipped?', output: 'It shipped on 2026-11-30.', stopReason: 'end_turn' },
    ]);
    expect(rec.output).toBe('It shipped on 2026-11-30.');
    expect(rec.steps?.map((s) => s.calls.map((c) => [c.name, c.input, c.result]))).toEqual([
      [['find_order', { order_id: 'A1' }, { status: 'in transit', shipment_id: 'S9' }]], [],
      [['get_shipment', { shipment_id: 'S9' }, { shipped: '2026-11-30' }]], [],
    ]);
    expect(rec.scores.map((s) => [s.name, s.pass])).toEqual([['contains', true], ['first-turn', true], ['tool-order', true]]);
    expect(requests).toBe(4);
    expect(rec.usage.inputTokens).toBe(400);
  });

  it('a turn that reaches max_steps ends the conversation there, with stepLimit', async () => {
    const { rec } = await run('When was it shipped? (loop)', 2);
    expect(rec.stepLimit).toBe(true);
    expect(rec.turns).toHaveLength(2);
    expect(rec.steps).toHaveLength(4);
    expect(rec.output).toBe('Checking again.');
  });
});
