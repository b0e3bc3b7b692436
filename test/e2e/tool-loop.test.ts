import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// A multi-step agent: the model looks up an order, then its shipment, then the carrier's status, and
// answers. Results come scripted from the dataset, from a command, or from a JS module. A model that
// keeps calling tools stops at tool_loop.max_steps, with stepLimit in its record. Thinking blocks go
// back unchanged with the tool results (the fake API checks every tool_use is answered).

interface Call { name: string; input: Record<string, unknown>; result?: unknown; isError?: boolean }
interface Rec { sampleId: string; status: string; pass?: boolean; output: string; stepLimit?: boolean; steps: { text: string; calls: Call[] }[]; usage: { inputTokens: number; outputTokens: number }; costUsd: number; attempts: number; scores: { name: string; pass: boolean; reason?: string }[]; error?: { message: string } }

const TOOLS = [
  { name: 'find_order', description: 'Order by id.', input_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } },
  { name: 'get_shipment', description: 'Shipment of an order.', input_schema: { type: 'object', properties: { shipment_id: { type: 'string' } }, required: ['shipment_id'] } },
  { name: 'carrier_status', description: 'Carrier tracking.', input_schema: { type: 'object', properties: { tracking: { type: 'string' } }, required: ['tracking'] } },
];

/** The tool_result contents of the last user turn, parsed. */
function lastResults(req: AnthropicRequest): unknown[] {
  const last = req.messages.at(-1);
  if (!Array.isArray(last?.content)) return [];
  return (last.content as { type: string; content?: string }[]).filter((b) => b.type === 'tool_result').map((b) => JSON.parse(b.content ?? 'null') as unknown);
}

/** A model that follows the results: order → shipment → carrier → answer; "loop" samples call find_order forever. */
function agent(req: AnthropicRequest): AnthropicReply {
  const first = req.messages[0];
  const question = typeof first?.content === 'string' ? first.content : '';
  const steps = req.messages.filter((m) => m.role === 'assistant').length;
  const thinking = `step ${steps}`;
  if (question.includes('loop')) return { text: 'Let me check again.', thinking, toolCalls: [{ name: 'find_order', input: { order_id: 'A1' } }], inputTokens: 100, outputTokens: 10 };
  const [r] = lastResults(req) as { shipment_id?: string; tracking?: string; status?: string }[];
  if (steps === 0) return { text: '', thinking, toolCalls: [{ name: 'find_order', input: { order_id: /order (\w+)/.exec(question)?.[1] ?? '?' } }], inputTokens: 100, outputTokens: 10 };
  if (r?.shipment_id !== undefined) return { text: '', thinking, toolCalls: [{ name: 'get_shipment', input: { shipment_id: r.shipment_id } }], inputTokens: 100, outputTokens: 10 };
  if (r?.tracking !== undefined) return { text: '', thinking, toolCalls: [{ name: 'carrier_status', input: { tracking: r.tracking } }], inputTokens: 100, outputTokens: 10 };
  return { text: `Your parcel is ${r?.status ?? 'unknown'}.`, thinking, inputTokens: 100, outputTokens: 10 };
}

const SCRIPTED = [{ shipment_id: 'S9' }, { tracking: 'TRK42' }, { status: 'delivered' }];

function setup(results: Record<string, unknown>, files: Record<string, string> = {}) {
  const dir = tempDir();
  const rows = [
    { id: 'ok', question: 'Where is order A1?', results: SCRIPTED, final: 'delivered', order: ['find_order', 'get_shipment', 'carrier_status'] },
    { id: 'looping', question: 'Where is order A1? (loop)', results: SCRIPTED, final: 'delivered', order: ['find_order', 'get_shipment', 'carrier_status'] },
  ];
  writeFiles(dir, {
    'data.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
    'spec.json': JSON.stringify({
      name: 'agent', dataset: { path: 'data.jsonl', fields: { target: 'final' } }, prompt: { user: '{{question}}' },
      tools: TOOLS, tool_loop: { max_steps: 5, results, timeout_ms: 5000 },
      models: [{ id: 'anthropic:claude-haiku-5-5', thinking: 'adaptive' }],
      scorers: [{ type: 'contains' }, { type: 'tool-order', expected: '{{order}}' }, { type: 'trajectory', expected: [[{ find_order: { order_id: ['A1'] } }], [{ get_shipment: { shipment_id: ['S9'] } }], [{ carrier_status: { tracking: ['TRK42'] } }]] }],
    }),
    ...files,
  });
  return { dir, spec: join(dir, 'spec.json'), out: join(dir, 'out') };
}

let fake: FakeAnthropic | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; });

async function run(results: Record<string, unknown>, files?: Record<string, string>) {
  fake = await startFakeAnthropic({ respond: agent });
  const { spec, out } = setup(results, files);
  const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url } });
  const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
  return { res, byId: new Map(recs.map((r) => [r.sampleId, r])) };
}

const COMMAND_TOOL = `
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const { name, input: args } = JSON.parse(input);
  const answers = { find_order: { shipment_id: 'S9' }, get_shipment: { tracking: 'TRK42' }, carrier_status: { status: 'delivered' } };
  process.stdout.write(JSON.stringify(answers[name] ?? { error: 'unknown tool ' + name + ' ' + JSON.stringify(args) }));
});
`;

const MODULE_TOOL = `
export default function tool(call) {
  const answers = { find_order: { shipment_id: 'S9' }, get_shipment: { tracking: 'TRK42' }, carrier_status: { status: 'delivered' } };
  return answers[call.name];
}
`;

describe('tool loop against the fake Messages API', () => {
  it.each([
    ['scripted in the dataset', { dataset: 'results' }, {}],
    ['a command', { command: ['node', './carrier.js'] }, { 'carrier.js': COMMAND_TOOL }],
    ['a JS module', { module: 'carrier.mjs' }, { 'carrier.mjs': MODULE_TOOL }],
  ])('results from %s: three round trips, every step recorded; a looping model stops at max_steps', async (_what, results, files) => {
    const { res, byId } = await run(results, files as Record<string, string>);
    expect(res.code, res.stderr).toBe(0);
    const ok = byId.get('ok') as Rec;
    expect(ok.status).toBe('ok');
    expect(ok.steps.map((s) => s.calls.map((c) => [c.name, c.input, c.result]))).toEqual([
      [['find_order', { order_id: 'A1' }, { shipment_id: 'S9' }]],
      [['get_shipment', { shipment_id: 'S9' }, { tracking: 'TRK42' }]],
      [['carrier_status', { tracking: 'TRK42' }, { status: 'delivered' }]],
      [],
    ]);
    expect(ok.output).toBe('Your parcel is delivered.');
    expect(ok.pass).toBe(true);
    expect(ok.stepLimit).toBeUndefined();
    // Usage and attempts cover all four calls.
    expect(ok.usage.outputTokens).toBe(4 * (10 + 2));
    expect(ok.attempts).toBe(4);
    const looping = byId.get('looping') as Rec;
    expect(looping.stepLimit).toBe(true);
    expect(looping.steps).toHaveLength(5);
    expect(looping.pass).toBe(false);
    expect(looping.scores.find((s) => s.name === 'trajectory')?.reason).toMatch(/step 2: called find_order, expected get_shipment/);
    // Thinking went back with each tool result, as the API requires.
    const later = fake?.calls.map((c) => c.body as { messages: { role: string; content: unknown }[] }).filter((b) => b.messages.length > 1) ?? [];
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((b) => JSON.stringify(b.messages[1]?.content).includes('"type":"thinking"'))).toBe(true);
  });

  it('a tool that runs past its time limit is a tool error the model is told about, not a hung run', async () => {
    const hang = 'export default function tool() { for (;;) {} }';
    fake = await startFakeAnthropic({ respond: agent });
    const { spec, out } = setup({ module: 'hang.mjs' }, { 'hang.mjs': hang });
    const { readFileSync, writeFileSync } = await import('node:fs');
    const j = JSON.parse(readFileSync(spec, 'utf8')) as { tool_loop: { timeout_ms: number; max_steps: number } };
    j.tool_loop.timeout_ms = 300;
    j.tool_loop.max_steps = 2;
    writeFileSync(spec, JSON.stringify(j));
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache', '--limit', '1'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url } });
    expect(res.code, res.stderr).toBe(0);
    const [rec] = readJsonl<Rec>(join(out, 'records.jsonl'));
    expect(rec?.steps[0]?.calls[0]).toMatchObject({ name: 'find_order', isError: true, result: { error: 'the tool ran past its time limit (300 ms)' } });
  });

  it('--batch cannot run a tool loop: exit 2 before any call', async () => {
    fake = await startFakeAnthropic({ respond: agent });
    const { spec, out } = setup({ dataset: 'results' });
    const res = await runCli(['run', spec, '--out', out, '--batch', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--batch: .*spec\.json makes several calls per item \(tool_loop\)/);
    expect(fake.calls).toHaveLength(0);
  });
});
