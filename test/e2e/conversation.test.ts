import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startFakeAnthropic, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Multi-turn, MT-Bench style: turn 2 is asked after the model answered turn 1, with that answer in
// the conversation. The fake model's turn-1 answer carries a nonce it makes up; at turn 2 it checks
// that its own answer came back as the assistant turn (and says so in its reply), so the test knows
// the harness fed it back. Per-turn scorers show in the summary.

interface Rec { sampleId: string; status: string; output: string; turns: { user: string; output: string }[]; usage: { inputTokens: number; outputTokens: number }; attempts: number; scores: { name: string; pass: boolean }[] }
interface Summary { models: { scorers: { name: string; n: number; passed: number }[] }[] }

const nonce = (q: string) => `N${[...q].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 100_000, 7)}`;
const seen: { sample: string; fedBack: boolean }[] = [];

function respond(req: AnthropicRequest): AnthropicReply {
  const [first, second, third] = req.messages;
  const q1 = typeof first?.content === 'string' ? first.content : '';
  if (third === undefined) return { text: `The capital is ${/capital of (\w+)/.exec(q1)?.[1] === 'France' ? 'Paris' : 'Rome'} [${nonce(q1)}]`, inputTokens: 20, outputTokens: 8 };
  // Turn 2: the fake server checks the assistant turn is exactly its own turn-1 answer.
  const fedBack = second?.role === 'assistant' && typeof second.content === 'string' && second.content.includes(`[${nonce(q1)}]`);
  seen.push({ sample: q1, fedBack });
  return { text: fedBack ? 'About 2 million people.' : 'I do not know what we talked about.', inputTokens: 40, outputTokens: 6 };
}

let fake: FakeAnthropic | undefined;
afterEach(async () => { await fake?.close(); fake = undefined; seen.length = 0; });

describe('multi-turn conversations against the fake Messages API', () => {
  it('turn 2 holds the model\'s turn-1 answer; every turn is in the record; per-turn scores in the summary', async () => {
    fake = await startFakeAnthropic({ respond });
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': ['France', 'Italy', 'France'].map((c, i) => JSON.stringify({ id: `c${i}`, country: c, capital: c === 'France' ? 'Paris' : 'Rome' })).join('\n'),
      'spec.yaml': [
        'name: two-turns',
        'dataset: { path: data.jsonl }',
        'prompt:',
        '  turns: ["What is the capital of {{country}}?", "And how many people live there?"]',
        'models: [anthropic:claude-haiku-5-5]',
        'scorers:',
        '  - { type: contains, name: turn-1, turn: 1, expected: "{{capital}}" }',
        '  - { type: contains, name: turn-2, expected: million }',
      ].join('\n'),
    });
    const out = join(dir, 'out');
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out, '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url } });
    expect(res.code, res.stderr).toBe(0);
    expect(seen).toHaveLength(3);
    expect(seen.every((s) => s.fedBack)).toBe(true);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    for (const r of recs) {
      expect(r.turns.map((t) => t.user)).toEqual([expect.stringMatching(/^What is the capital of/), 'And how many people live there?']);
      expect(r.output).toBe('About 2 million people.');
      expect(r.usage).toMatchObject({ inputTokens: 60, outputTokens: 14 });
      expect(r.attempts).toBe(2);
    }
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    expect(summary.models[0]?.scorers.map((s) => [s.name, s.n, s.passed])).toEqual([['turn-1', 3, 3], ['turn-2', 3, 3]]);
  });

  it('a conversation from the dataset (dataset.fields.messages) goes before the prompt\'s turn', async () => {
    fake = await startFakeAnthropic({ respond: () => ({ text: 'ok' }) });
    const dir = tempDir();
    const history = [{ role: 'user', content: 'My order is late.' }, { role: 'assistant', content: 'Sorry! What is the order number?' }];
    writeFiles(dir, {
      'data.jsonl': JSON.stringify({ id: 'h1', history, reply: 'It is A17.', answer: 'ok' }),
      'spec.yaml': 'name: history\ndataset: { path: data.jsonl, fields: { target: answer, messages: history } }\nprompt: { user: "{{reply}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: equals }]\n',
    });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'out'), '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url } });
    expect(res.code, res.stderr).toBe(0);
    expect((fake.calls[0]?.body as { messages: unknown }).messages).toEqual([...history, { role: 'user', content: 'It is A17.' }]);
  });

  it('a malformed conversation field is exit 2 before any call, naming the sample', async () => {
    fake = await startFakeAnthropic();
    const dir = tempDir();
    writeFiles(dir, {
      'data.jsonl': [JSON.stringify({ id: 'fine', history: [], reply: 'x', answer: 'y' }), JSON.stringify({ id: 'broken', history: [{ role: 'robot', content: 'hi' }], reply: 'x', answer: 'y' })].join('\n'),
      'spec.yaml': 'name: history\ndataset: { path: data.jsonl, fields: { target: answer, messages: history } }\nprompt: { user: "{{reply}}" }\nmodels: [anthropic:claude-haiku-5-5]\nscorers: [{ type: equals }]\n',
    });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'out'), '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: fake.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/sample broken .*turn 0: role must be "user" or "assistant"/);
    expect(fake.calls).toHaveLength(0);
  });
});
