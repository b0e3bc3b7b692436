import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type AnthropicResponder, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Two prompt variants × two models against the fake Messages API, whose answers depend on the prompt
// it is sent: four contestants (model@variant), each model's v2 compared with its v1, paired on the
// same samples (the exact counts of flipped samples are known), gates by variant, the comparison in
// the terminal and Markdown reports, and a resume that runs only what is left.

const N = 40;
const LABELS = ['billing', 'bug', 'account', 'other'];
const KEY = 'sk-ant-test-variants-0123456789';

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

/** v2's system prompt says CAREFUL: always right. v1: Haiku wrong on every 3rd sample, Sonnet on every 5th. */
const respond: AnthropicResponder = (req) => {
  const i = Number(/#(\d+)/.exec(lastUserText(req.messages))?.[1] ?? -1);
  const right = LABELS[i % 4] ?? 'other';
  const careful = req.system?.includes('CAREFUL') === true;
  const wrong = !careful && (req.model === 'claude-haiku-5-5' ? i % 3 === 0 : i % 5 === 0);
  return { text: wrong ? LABELS[(i + 1) % 4] ?? 'other' : right, inputTokens: 50, outputTokens: 2 };
};

const SPEC = `name: variants
dataset: { path: data.jsonl, fields: { target: label } }
prompt:
  system: Answer with the label only.
  user: "Ticket #{{n}}: {{text}}"
prompts:
  - id: v1
  - id: v2
    file: prompts/v2.yaml
models:
  - { id: anthropic:claude-haiku-5-5, max_tokens: 8 }
  - { id: anthropic:claude-sonnet-5-5, max_tokens: 8, label: Sonnet }
scorers: [{ type: label, allowed: [${LABELS.join(', ')}] }]
gates:
  - { model: anthropic:claude-haiku-5-5, variant: v1, min_pass_rate: 0.9 }
  - { model: Sonnet, min_pass_rate: 0.5 }
`;

function setup() {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, n: i, text: `ticket ${i}`, label: LABELS[i % 4] })).join('\n'),
    'spec.yaml': SPEC,
  });
  mkdirSync(join(dir, 'prompts'));
  writeFileSync(join(dir, 'prompts', 'v2.yaml'), 'system: "CAREFUL: answer with the label only."\n');
  return dir;
}

interface Comparison { baseModel: string; referenceVariant: string; variant: string; reference: string; model: string; n: number; diff: number; regressed: number; improved: number; test: { name: string; p: number } }
interface Summary { verdict: string; models: { model: string; label: string; variant?: string; passRate: number }[]; variants: { ids: string[]; comparisons: Comparison[] }; gates: { model: string; pass: boolean }[] }

const count = (pred: (i: number) => boolean) => Array.from({ length: N }, (_, i) => i).filter(pred).length;

describe('prompt variants', () => {
  it('two variants × two models: four contestants, each model\'s variants compared, gates by variant, resume', async () => {
    server = await startFakeAnthropic({ respond });
    const dir = setup();
    const out = join(dir, 'out');
    const env = { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url };
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', out, '--markdown', join(dir, 'report.md')], { env });
    expect(res.code, res.stderr).toBe(1); // Haiku with v1 is below its 90% gate

    // Each contestant sent its own prompt.
    const sent = server.calls.filter((c) => c.path === '/v1/messages');
    expect(sent).toHaveLength(4 * N);
    expect(sent.filter((c) => JSON.stringify(c.body).includes('CAREFUL'))).toHaveLength(2 * N);

    const s = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    expect(s.models.map((m) => [m.model, m.label, m.variant])).toEqual([
      ['anthropic:claude-haiku-5-5@v1', 'anthropic:claude-haiku-5-5@v1', 'v1'],
      ['anthropic:claude-haiku-5-5@v2', 'anthropic:claude-haiku-5-5@v2', 'v2'],
      ['anthropic:claude-sonnet-5-5@v1', 'Sonnet@v1', 'v1'],
      ['anthropic:claude-sonnet-5-5@v2', 'Sonnet@v2', 'v2'],
    ]);
    const haikuWrong = count((i) => i % 3 === 0);
    const sonnetWrong = count((i) => i % 5 === 0);
    expect(s.models.map((m) => m.passRate)).toEqual([(N - haikuWrong) / N, 1, (N - sonnetWrong) / N, 1]);
    expect(s.variants.ids).toEqual(['v1', 'v2']);
    expect(s.variants.comparisons).toHaveLength(2);
    expect(s.variants.comparisons[0]).toMatchObject({
      baseModel: 'anthropic:claude-haiku-5-5', referenceVariant: 'v1', variant: 'v2', reference: 'anthropic:claude-haiku-5-5@v1', model: 'anthropic:claude-haiku-5-5@v2',
      n: N, regressed: 0, improved: haikuWrong, test: { name: 'mcnemar-exact' },
    });
    expect(s.variants.comparisons[0]?.diff).toBeCloseTo(haikuWrong / N, 6);
    // McNemar exact, all discordant pairs one way: p = 2 · 0.5^b.
    expect(s.variants.comparisons[0]?.test.p).toBeCloseTo(2 * 0.5 ** haikuWrong, 6);
    expect(s.variants.comparisons[1]).toMatchObject({ baseModel: 'anthropic:claude-sonnet-5-5', n: N, regressed: 0, improved: sonnetWrong });
    expect(s.gates.map((g) => [g.model, g.pass])).toEqual([
      ['anthropic:claude-haiku-5-5@v1', false],
      ['anthropic:claude-sonnet-5-5@v1', true],
      ['anthropic:claude-sonnet-5-5@v2', true],
    ]);
    expect(s.verdict).toBe('gate_failed');

    const recs = readJsonl<{ model: string; variant?: string }>(join(out, 'records.jsonl'));
    expect(recs).toHaveLength(4 * N);
    for (const r of recs) expect(r.model.endsWith(`@${r.variant ?? 'none'}`)).toBe(true);

    expect(res.stdout).toContain('prompt variants (v1, v2), each against v1 on the same model:');
    expect(res.stdout).toMatch(new RegExp(`anthropic:claude-haiku-5-5: prompt v2 vs v1 \\(paired, ${N} samples\\): \\+${(100 * haikuWrong / N).toFixed(1)} pts`));
    expect(res.stdout).toContain(`Sonnet: prompt v2 vs v1 (paired, ${N} samples): +${(100 * sonnetWrong / N).toFixed(1)} pts`);
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain('### Prompt variants (each against v1, paired, per model)');
    expect(md).toContain(`| Sonnet | v2 vs v1 | ${N} | +${(100 * sonnetWrong / N).toFixed(1)} pts |`);

    // Gating one variant against another of the same run: compare the run with itself, contestant by contestant.
    const pair = (a: string, b: string) => ['compare', out, out, '--baseline-model', `anthropic:claude-haiku-5-5@${a}`, '--candidate-model', `anthropic:claude-haiku-5-5@${b}`, '--max-drop', '0.05', '--on-inconclusive', 'warn'];
    const better = await runCli(pair('v1', 'v2'));
    expect(better.code, better.stdout + better.stderr).toBe(0);
    const worse = await runCli(pair('v2', 'v1'));
    expect(worse.code).toBe(1);
    expect(worse.stdout).toMatch(/FAIL gate pass rate drop ≤ 5\.0 pts/);

    // Resume after losing the last 10 records: only those 10 items are called again, same summary.
    const lines = readFileSync(join(out, 'records.jsonl'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(out, 'records.jsonl'), `${lines.slice(0, -10).join('\n')}\n`);
    const before = sent.length;
    const resumed = await runCli(['run', '--resume', out, '--quiet'], { env });
    expect(resumed.code, resumed.stderr).toBe(1);
    expect(server.calls.filter((c) => c.path === '/v1/messages').length - before).toBe(10);
    const again = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as Summary;
    expect(again.variants).toEqual(s.variants);
    expect(again.models.map((m) => m.passRate)).toEqual(s.models.map((m) => m.passRate));

    // A variant's file that changed since the run started: the resume is refused, nothing is called.
    writeFileSync(join(dir, 'prompts', 'v2.yaml'), 'system: "CAREFUL: answer with one label only."\n');
    writeFileSync(join(out, 'records.jsonl'), `${lines.slice(0, -10).join('\n')}\n`);
    const calls = server.calls.length;
    const refused = await runCli(['run', '--resume', out, '--quiet'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('spec.yaml: a prompt variant\'s file changed since the run started; resuming would mix two prompts. Start a new run.');
    expect(server.calls.length).toBe(calls);
  }, 120_000);
});
