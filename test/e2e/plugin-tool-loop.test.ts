import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Plug-in providers in a tool loop: an agent written as a Python command (exec:) and one written as a
// JS module (module:) call tools by answering toolCalls; haikubench answers the calls from the
// dataset's scripted results and asks again with the tool_result blocks, until the agent answers.

interface Call { name: string; input: Record<string, unknown>; result?: unknown }
interface Rec { sampleId: string; model: string; status: string; pass?: boolean; output: string; stopReason: string; steps?: { text: string; calls: Call[] }[]; scores: { name: string; pass: boolean; reason?: string }[]; error?: { message: string } }

const TOOLS = [
  { name: 'find_order', description: 'Order by id.', input_schema: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] } },
  { name: 'get_shipment', description: 'Shipment of an order.', input_schema: { type: 'object', properties: { shipment_id: { type: 'string' } }, required: ['shipment_id'] } },
];

// Both agents: find the order, then its shipment, then answer with the shipment's status.
const PYTHON_AGENT = `
import json, re, sys
req = json.load(sys.stdin)["request"]
msgs = req["messages"]
assert [t["name"] for t in req["tools"]] == ["find_order", "get_shipment"], req.get("tools")
steps = sum(1 for m in msgs if m["role"] == "assistant")
last = msgs[-1]["content"]
results = [json.loads(b["content"]) for b in last if b["type"] == "tool_result"] if isinstance(last, list) else []
if steps == 0:
    order = re.search(r"order (\\w+)", msgs[0]["content"]).group(1)
    print(json.dumps({"text": "Looking it up.", "toolCalls": [{"id": "t1", "name": "find_order", "input": {"order_id": order}}]}))
elif "shipment_id" in results[0]:
    print(json.dumps({"toolCalls": [{"name": "get_shipment", "input": {"shipment_id": results[0]["shipment_id"]}}], "usage": {"inputTokens": 50, "outputTokens": 5}}))
else:
    print(json.dumps({"text": "Your parcel is " + results[0]["status"] + "."}))
`;

const MODULE_AGENT = `
export async function complete(request) {
  const msgs = request.messages;
  const steps = msgs.filter((m) => m.role === 'assistant').length;
  const last = msgs.at(-1).content;
  const results = Array.isArray(last) ? last.filter((b) => b.type === 'tool_result').map((b) => JSON.parse(b.content)) : [];
  if (steps === 0) return { text: '', toolCalls: [{ name: 'find_order', input: { order_id: /order (\\w+)/.exec(msgs[0].content)[1] } }] };
  if (results[0].shipment_id) return { text: '', toolCalls: [{ name: 'get_shipment', input: { shipment_id: results[0].shipment_id } }] };
  return { text: 'Your parcel is ' + results[0].status + '.' };
}
`;

describe('plug-in providers call tools', () => {
  it('an exec: agent and a module: agent run the same tool loop, scored by the tool scorers', async () => {
    const dir = tempDir();
    const rows = [{ id: 'o1', question: 'Where is order A1?', results: [{ shipment_id: 'S9' }, { status: 'delivered' }], final: 'delivered' }];
    writeFiles(dir, {
      'agent.py': PYTHON_AGENT,
      'agent.mjs': MODULE_AGENT,
      'data.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
      'spec.json': JSON.stringify({
        name: 'plugin-agent', dataset: { path: 'data.jsonl', fields: { target: 'final' } }, prompt: { user: '{{question}}' },
        tools: TOOLS, tool_loop: { max_steps: 5, results: { dataset: 'results' } },
        models: ['exec:python3 agent.py', 'module:./agent.mjs'],
        scorers: [{ type: 'contains' }, { type: 'tool-order', expected: ['find_order', 'get_shipment'] }, { type: 'trajectory', expected: [[{ find_order: { order_id: ['A1'] } }], [{ get_shipment: { shipment_id: ['S9'] } }]] }],
      }),
    });
    const out = join(dir, 'out');
    const res = await runCli(['run', join(dir, 'spec.json'), '--out', out, '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    expect(recs).toHaveLength(2);
    for (const r of recs) {
      expect(r.status, `${r.model}: ${r.error?.message ?? ''}`).toBe('ok');
      expect(r.output).toBe('Your parcel is delivered.');
      expect(r.scores.map((s) => [s.name, s.pass])).toEqual([['contains', true], ['tool-order', true], ['trajectory', true]]);
      expect(r.steps?.map((s) => s.calls.map((c) => [c.name, c.result]))).toEqual([[['find_order', { shipment_id: 'S9' }]], [['get_shipment', { status: 'delivered' }]], []]);
    }
    expect(recs.find((r) => r.model.startsWith('exec:'))?.steps?.[0]?.text).toBe('Looking it up.');
  });

  it('a malformed tool call is an invalid_output error of the item, not a failed answer', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'bad.mjs': 'export async function complete() { return { toolCalls: [{ name: "find_order", input: "A1" }] }; }\n',
      'data.jsonl': JSON.stringify({ id: 'o1', question: 'Where is order A1?', results: [], final: 'x' }),
      'spec.json': JSON.stringify({
        name: 'bad-agent', dataset: { path: 'data.jsonl', fields: { target: 'final' } }, prompt: { user: '{{question}}' },
        tools: TOOLS, tool_loop: { results: { dataset: 'results' } }, models: ['module:./bad.mjs'], scorers: [{ type: 'contains' }],
        run: { max_error_rate: 1 },
      }),
    });
    const out = join(dir, 'out');
    await runCli(['run', join(dir, 'spec.json'), '--out', out, '--quiet']);
    const [r] = readJsonl<Rec & { error?: { kind: string; message: string } }>(join(out, 'records.jsonl'));
    expect(r?.status).toBe('error');
    expect(r?.error?.kind).toBe('invalid_output');
    expect(r?.error?.message).toContain('tool call 1 (find_order) with an "input" that is not an object');
  });
});
