import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startFakeAnthropic, lastUserText, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { startFakeOpenAI, lastUserContent, type FakeOpenAI, type OpenAIReply, type OpenAIRequest } from '../support/fake-openai.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Structured output (output_format) sent in each provider's own format, the parsed object in the
// record, a reply that breaks the schema failing json-schema with the reason, refusals and cut
// answers reported rather than crashed on; and prompt caching: cache_control on the shared prefix,
// cache write and read tokens in records and summary, priced per the table.

interface Rec { sampleId: string; status: string; pass?: boolean; output: string; parsed?: unknown; stopReason: string | null; costUsd: number; cacheSavingsUsd?: number; usage: { inputTokens: number; outputTokens: number; cacheWriteTokens?: number; cacheReadTokens?: number }; scores: { name: string; pass: boolean; reason?: string }[] }
interface Summary { models: { costUsd: number; cacheSavingsUsd?: number; tokens: { input: number; output: number; cacheWrite?: number; cacheRead?: number } }[] }

const SCHEMA = { type: 'object', properties: { vendor: { type: 'string' }, total: { type: 'number' } }, required: ['vendor', 'total'], additionalProperties: false };

const ANSWERS: Record<string, { text: string; stop?: 'refusal' | 'max_tokens' }> = {
  good: { text: '{"vendor":"ACME","total":12.5}' },
  breaks: { text: '{"vendor":"ACME","total":"12.50 EUR"}' },
  refused: { text: '', stop: 'refusal' },
  cut: { text: '{"vendor":"AC', stop: 'max_tokens' },
};
const ROWS = Object.keys(ANSWERS).map((id) => ({ id, doc: `receipt ${id}` }));

let anthropic: FakeAnthropic | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => { await anthropic?.close(); await openai?.close(); anthropic = undefined; openai = undefined; });

function setup(model: string, extra = '') {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': ROWS.map((r) => JSON.stringify(r)).join('\n'),
    'spec.yaml': [
      'name: structured',
      'dataset: { path: data.jsonl }',
      'prompt: { system: "Extract the vendor and total.", user: "{{doc}}" }',
      `output_format: &receipt ${JSON.stringify(SCHEMA)}`,
      `models: [${model}]`,
      'scorers: [{ type: json-schema, schema: *receipt }]',
      extra,
    ].join('\n'),
  });
  return { spec: join(dir, 'spec.yaml'), out: join(dir, 'out') };
}

const byId = (out: string) => new Map(readJsonl<Rec>(join(out, 'records.jsonl')).map((r) => [r.sampleId, r]));

function checkRecords(out: string): void {
  const recs = byId(out);
  expect(recs.get('good')).toMatchObject({ status: 'ok', pass: true, parsed: { vendor: 'ACME', total: 12.5 } });
  expect(recs.get('breaks')?.pass).toBe(false);
  expect(recs.get('breaks')?.scores[0]?.reason).toBe('schema: /total must be number');
  expect(recs.get('refused')).toMatchObject({ status: 'ok', pass: false, stopReason: 'refusal' });
  expect(recs.get('refused')?.scores[0]?.reason).toMatch(/^the model refused \(stop reason refusal\); not JSON/);
  expect(recs.get('refused')?.parsed).toBeUndefined();
  expect(recs.get('cut')?.scores[0]?.reason).toMatch(/^the answer was cut at max_tokens \(stop reason (max_tokens|length)\); not JSON/);
}

describe('structured output', () => {
  it('Claude: output_config.format carries the schema; parsed objects, schema failures with the reason, refusals and cut answers', async () => {
    const respond = (req: AnthropicRequest): AnthropicReply => {
      const a = ANSWERS[lastUserText(req.messages).replace('receipt ', '')] ?? { text: '' };
      return { text: a.text, ...(a.stop !== undefined && { stopReason: a.stop }) };
    };
    anthropic = await startFakeAnthropic({ respond });
    const { spec, out } = setup('anthropic:claude-haiku-5-5');
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url } });
    expect(res.code, res.stderr).toBe(0);
    for (const c of anthropic.calls) expect((c.body as { output_config?: unknown }).output_config).toEqual({ format: { type: 'json_schema', schema: SCHEMA } });
    checkRecords(out);
  });

  it('OpenAI-compatible: response_format json_schema (a model entry\'s own output_format)', async () => {
    const respond = (req: OpenAIRequest): OpenAIReply => {
      const a = ANSWERS[lastUserContent(req.messages).replace('receipt ', '')] ?? { text: '' };
      if (a.stop === 'refusal') return { text: '', refusal: 'I cannot help with that.' };
      return { text: a.text, ...(a.stop === 'max_tokens' && { finishReason: 'length' as const }) };
    };
    openai = await startFakeOpenAI({ respond });
    const { spec, out } = setup(`{ id: "openai:fake-model", output_format: ${JSON.stringify(SCHEMA)} }`);
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache'], { env: { OPENAI_BASE_URL: openai.url } });
    expect(res.code, res.stderr).toBe(0);
    for (const c of openai.calls) expect((c.body as { response_format?: unknown }).response_format).toEqual({ type: 'json_schema', json_schema: { name: 'output', schema: SCHEMA, strict: true } });
    checkRecords(out);
  });
});

describe('prompt caching', () => {
  it('cache_control on the system prompt and tools; write/read tokens in records and summary, priced per the table', async () => {
    // The first call writes 3000 tokens to the cache, every later one reads them.
    let n = 0;
    anthropic = await startFakeAnthropic({ respond: () => (n++ === 0 ? { text: '{"vendor":"A","total":1}', inputTokens: 50, outputTokens: 20, cacheWriteTokens: 3000 } : { text: '{"vendor":"A","total":1}', inputTokens: 50, outputTokens: 20, cacheReadTokens: 3000 }) });
    const { spec, out } = setup('anthropic:claude-haiku-5-5', 'run: { concurrency: 1 }');
    const text = readFileSync(spec, 'utf8').replace('prompt: { system:', 'prompt: { cache: true, system:');
    writeFiles(join(spec, '..'), { 'spec.yaml': `${text}\ntools: [{ name: lookup_vendor, input_schema: { type: object } }]\n` });
    const res = await runCli(['run', spec, '--out', out, '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url, COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    // The terminal report says what caching did and saved.
    expect(res.stdout).toMatch(/prompt cache: 3,000 tokens written, 9,000 read; saved \$0\.00074 at list price/);
    const body = anthropic.calls[0]?.body as { system: unknown; tools: { cache_control?: unknown }[] };
    expect(body.system).toEqual([{ type: 'text', text: 'Extract the vendor and total.', cache_control: { type: 'ephemeral' } }]);
    expect(body.tools.at(-1)?.cache_control).toEqual({ type: 'ephemeral' });
    // Haiku 5.5 list prices per MTok: input 0.10, output 0.50; a cache write costs 1.25x input, a read 0.1x.
    const price = (u: { plain: number; write: number; read: number; out: number }) => (u.plain * 0.1 + u.write * 0.125 + u.read * 0.01 + u.out * 0.5) / 1e6;
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    const writes = recs.filter((r) => r.usage.cacheWriteTokens === 3000);
    const reads = recs.filter((r) => r.usage.cacheReadTokens === 3000);
    expect([writes.length, reads.length]).toEqual([1, 3]);
    for (const r of writes) {
      expect(r.usage.inputTokens).toBe(3050);
      expect(r.costUsd).toBeCloseTo(price({ plain: 50, write: 3000, read: 0, out: 20 }), 12);
      expect(r.cacheSavingsUsd).toBeCloseTo(-3000 * 0.025 / 1e6, 12);
    }
    for (const r of reads) {
      expect(r.costUsd).toBeCloseTo(price({ plain: 50, write: 0, read: 3000, out: 20 }), 12);
      expect(r.cacheSavingsUsd).toBeCloseTo(3000 * 0.09 / 1e6, 12);
    }
    const s = (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary).models[0];
    expect(s?.tokens).toMatchObject({ input: 4 * 3050, cacheWrite: 3000, cacheRead: 9000 });
    expect(s?.costUsd).toBeCloseTo(price({ plain: 200, write: 3000, read: 9000, out: 80 }), 8);
    expect(s?.cacheSavingsUsd).toBeCloseTo((3 * 3000 * 0.09 - 3000 * 0.025) / 1e6, 8);
  });
});
