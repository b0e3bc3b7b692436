import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// How a judge's verdict is asked for (issue 5, part 2: `judge.structured`): the JSON-schema output
// format (default), forced tool use — the way of models and OpenAI-compatible endpoints without it —
// or the prompt alone, read by the tolerant parser. The built CLI against the fake APIs, which check
// the request fields and answer a forced call with a tool_use block (Anthropic) or a function call
// (OpenAI), as the real ones do.

interface Rec { sampleId: string; status: string; pass?: boolean; error?: { kind: string; message: string }; scores: { value: number; judge?: { verdict: number } }[] }

const MODEL = 'claude-opus-5-5';
const JUDGE = 'claude-haiku-5-5';

let anthropic: FakeAnthropic | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => {
  await anthropic?.close();
  await openai?.close();
  anthropic = undefined;
  openai = undefined;
});

/** Score 8 for every answer except sample 1's (3); the model answers "answer <i>". */
const score = (text: string) => (/answer 1\b/.test(text) ? 3 : 8);

function respond(req: AnthropicRequest): AnthropicReply {
  if (req.model === JUDGE) return { text: JSON.stringify({ reasoning: 'graded', score: score(lastUserText(req.messages)) }), inputTokens: 400, outputTokens: 30 };
  return { text: lastUserText(req.messages).replace('question', 'answer'), inputTokens: 10, outputTokens: 5 };
}

function setup(judge: string, stream = false) {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: 3 }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}` })).join('\n'),
    'spec.yaml': [
      'name: structured',
      'dataset: { path: data.jsonl }',
      'prompt: { user: "{{q}}" }',
      // Streamed, the judge is also a contestant whose entry turns thinking on: forced tool use must turn it off.
      `models: [anthropic:${MODEL}${stream ? `, { id: anthropic:${JUDGE}, stream: true, thinking: adaptive }` : ''}]`,
      `judge: ${judge}`,
      'scorers:',
      '  - type: rubric',
      '    rubric: "Is {{output}} a good answer to {{q}}?"',
      '    scale: { min: 1, max: 10 }',
      '    pass_at: 7',
    ].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml'), out: join(dir, 'out') };
}

const judgeBodies = (s: FakeAnthropic) => s.calls.map((c) => c.body as AnthropicRequest['body']).filter((b) => b['model'] === JUDGE);
/** The judge's verdicts on the answers of `model`, by sample. */
const verdicts = (out: string, model = `anthropic:${MODEL}`) => readJsonl<Rec & { model: string }>(join(out, 'records.jsonl'))
  .filter((r) => r.model === model).sort((a, b) => a.sampleId.localeCompare(b.sampleId)).map((r) => r.scores[0]?.judge?.verdict);

describe('judge.structured against the fake Messages API', () => {
  it.each([
    // structured, stream, → the judge request's fields
    ['json_schema (default)', '', false, { format: true, tools: false }],
    ['tool', ', structured: tool', false, { format: false, tools: true }],
    ['tool, streamed', ', structured: tool', true, { format: false, tools: true }],
    ['none', ', structured: none', false, { format: false, tools: false }],
  ] as const)('%s: the verdicts are read the same way', async (_what, opt, stream, want) => {
    anthropic = await startFakeAnthropic({ respond });
    const { spec, out } = setup(`{ model: anthropic:${JUDGE}, max_tokens: 200${opt} }`, stream);
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url } });
    expect(res.code, res.stderr).toBe(0);
    expect(verdicts(out)).toEqual([8, 3, 8]);
    // Streamed, the judge is also a model under test (the judge takes its model entry): the judge
    // calls are the ones whose prompt holds the rubric.
    const bodies = judgeBodies(anthropic).filter((b) => JSON.stringify(b['messages']).includes('good answer to'));
    expect(bodies.length).toBe(stream ? 6 : 3);
    if (stream) expect(bodies.every((b) => b['stream'] === true)).toBe(true);
    if (want.tools) expect(bodies.every((b) => JSON.stringify(b['thinking']) === '{"type":"disabled"}')).toBe(true);
    for (const b of bodies) {
      const format = (b['output_config'] as { format?: unknown } | undefined)?.format;
      expect(format !== undefined).toBe(want.format);
      expect(b['tools'] !== undefined).toBe(want.tools);
      if (want.tools) expect(b['tool_choice']).toEqual({ type: 'tool', name: 'record_verdict' });
    }
  });

  it('tool on a model that rejects forced tool use is a spec error, exit 2, before any call', async () => {
    anthropic = await startFakeAnthropic({ respond });
    const { spec, out } = setup('{ model: anthropic:claude-sonnet-5-5, structured: tool }');
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/spec\.yaml#\/judge\/structured.*: anthropic:claude-sonnet-5-5 returns an error for forced tool use; ask it with structured: json_schema/);
    expect(anthropic.calls).toHaveLength(0);
  });

  it('an OpenAI-compatible judge asked by tool answers through a forced function call', async () => {
    anthropic = await startFakeAnthropic({ respond });
    openai = await startFakeOpenAI({ respond: (req) => ({ text: JSON.stringify({ reasoning: 'fn', score: score(JSON.stringify(req.messages)) }) }) });
    const { spec, out } = setup(`{ model: openai:local-judge, structured: tool, max_tokens: 200 }`);
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url, OPENAI_API_KEY: 'k', OPENAI_BASE_URL: openai.url } });
    expect(res.code, res.stderr).toBe(0);
    expect(verdicts(out)).toEqual([8, 3, 8]);
    const bodies = openai.calls.map((c) => c.body as Record<string, unknown>);
    expect(bodies).toHaveLength(3);
    for (const b of bodies) {
      expect(b['response_format']).toBeUndefined();
      expect(b['tool_choice']).toEqual({ type: 'function', function: { name: 'record_verdict' } });
    }
  });
});
