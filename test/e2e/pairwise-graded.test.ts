import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { startFakeOpenAI, lastUserContent, type FakeOpenAI, type OpenAIReply, type OpenAIRequest } from '../support/fake-openai.js';
import { winnerToken } from '../support/openai-logprobs.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Graded pairwise verdicts and probability-weighted preferences, end to end through the built CLI:
// the fake Messages API judging on Arena-Hard's five levels (answers written the ugly ways real
// judges write them), and the fake OpenAI-compatible server judging A / B / tie with token
// log-probabilities (logprobs.content[] with top_logprobs, read by the real openai SDK). Expected
// figures computed with numpy/scipy (test/unit/judge/graded-win-rate.test.ts has the snippet):
//   graded, first 8 fixture items   → mean 0.5625,         se 0.115727512472, 95% CI 0.288847917433 .. 0.836152082567
//   logprobs, first 6 fixture items, the 6th's second order without logprobs (its discrete A: 1)
//                                   → mean 0.578606680844, se 0.128009975828, 95% CI 0.249546562201 .. 0.907666799486

interface Continuous { from: string; n: number; winRate: number; se: number | null; ci: [number, number] | null; noLogprobs?: number }
interface PairSum { scorer: string; n: number; winRate: number | null; continuous?: Continuous }
interface ModelSum { model: string; pairwise?: PairSum[] }
interface Rec { sampleId: string; model: string; status: string; scores: { name: string; value: number; judge?: { verdict: { preference?: number; preferenceFrom?: string; noLogprobs?: number } } }[] }

const N_GRADED = 8;
const N_LOGPROBS = 6;
const sampleOf = (text: string) => Number(/question (\d+)/.exec(text)?.[1] ?? -1);
const block = (text: string, tag: 'a' | 'b') => new RegExp(`<output-${tag}-\\w+>\\n([\\s\\S]*?)\\n</output-${tag}-`).exec(text)?.[1] ?? '';

function setup(opts: { n: number; models: string; scorer: readonly string[]; judge: string }) {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: opts.n }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}` })).join('\n'),
    'spec.yaml': [
      'name: graded',
      'dataset: { path: data.jsonl }',
      'prompt: { user: "{{q}}" }',
      `models: ${opts.models}`,
      'scorers:',
      '  - type: pairwise',
      ...opts.scorer,
      `    judge: ${opts.judge}`,
      'run: { concurrency: 2, max_retry_wait_ms: 2000 }',
    ].join('\n'),
  });
  return { spec: join(dir, 'spec.yaml'), out: join(dir, 'out'), md: join(dir, 'report.md'), cache: join(dir, 'cache') };
}

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { models: ModelSum[] };
const pairOf = (out: string, model: string) => summaryOf(out).models.find((m) => m.model === model)?.pairwise?.[0];

let anthropic: FakeAnthropic | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => {
  await anthropic?.close();
  await openai?.close();
  anthropic = undefined;
  openai = undefined;
});

describe('scale: graded with a Claude judge (fake Messages API)', () => {
  // Per sample: the label with the candidate (haiku) shown first, and with the reference shown first,
  // each written in a different ugly way.
  const LABELS: readonly (readonly [string, string])[] = [['A>>B', 'B>>A'], ['A>B', 'B>A'], ['A=B', 'A=B'], ['A>B', 'A=B'], ['B>A', 'A>B'], ['A>>B', 'B>A'], ['B>>A', 'A>>B'], ['A>B', 'A>B']];
  const FORMS: readonly ((l: string) => string)[] = [
    (l) => JSON.stringify({ reasoning: 'compared', verdict: `[[${l}]]` }),
    (l) => `Assistant answers compared.\n\nMy final verdict is: [[${l}]]`,
    (l) => JSON.stringify({ reasoning: 'x', verdict: l.replace('>>', ' ≫ ').toLowerCase() }),
    (l) => `Final verdict: [[ ${l.split('').join(' ')} ]]`,
  ];
  const judge = (req: AnthropicRequest): AnthropicReply => {
    const text = lastUserText(req.messages);
    const i = sampleOf(text);
    const candidateFirst = block(text, 'a').startsWith('haiku');
    const label = LABELS[i]?.[candidateFirst ? 0 : 1] ?? 'A=B';
    return { text: (FORMS[(i + (candidateFirst ? 0 : 1)) % FORMS.length] ?? String)(label), inputTokens: 400, outputTokens: 30 };
  };

  it('the graded win rate with its SE and interval beside the discrete one, in summary.json, the terminal and Markdown', async () => {
    anthropic = await startFakeAnthropic({
      respond: (req) => (req.model === 'claude-opus-5-5' ? judge(req) : { text: `${req.model.split('-')[1]} says ${lastUserText(req.messages)}`, inputTokens: 10, outputTokens: 5 }),
    });
    const s = setup({ n: N_GRADED, models: '[anthropic:claude-haiku-5-5, anthropic:claude-sonnet-5-5]', scorer: ['    against_model: anthropic:claude-sonnet-5-5', '    scale: graded'], judge: '{ model: anthropic:claude-opus-5-5, max_tokens: 256 }' });
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url, HAIKUBENCH_CACHE_DIR: s.cache, COLUMNS: '1000' };
    const res = await runCli(['run', s.spec, '--out', s.out, '--markdown', s.md], { env });
    expect(res.code, res.stderr).toBe(0);
    const p = pairOf(s.out, 'anthropic:claude-haiku-5-5');
    expect(p?.n).toBe(N_GRADED);
    const c = p?.continuous;
    expect(c?.from).toBe('graded');
    expect(c?.n).toBe(N_GRADED);
    expect(c?.winRate).toBeCloseTo(0.5625, 6);
    expect(c?.se).toBeCloseTo(0.115727512472, 6);
    expect(c?.ci?.[0]).toBeCloseTo(0.288847917433, 6);
    expect(c?.ci?.[1]).toBeCloseTo(0.836152082567, 6);
    expect(c).not.toHaveProperty('noLogprobs');
    // The discrete figures from the labels' winners, as ever: wins s0 s1 s5, ties s2 s3 (flipped) s7 (flipped), losses s4 s6.
    expect(p?.winRate).toBe(0.5625);
    expect(p).toMatchObject({ wins: { x: 3 }, ties: { x: 3 }, losses: { x: 2 }, flips: { x: 2 } });
    const recs = readJsonl<Rec>(join(s.out, 'records.jsonl')).filter((r) => r.model === 'anthropic:claude-haiku-5-5');
    expect(recs.map((r) => r.scores[0]?.judge?.verdict.preferenceFrom)).toEqual(Array(N_GRADED).fill('graded'));
    // Each item's score is its graded preference (the mean of its two orders), in sample order.
    const bySample = [...recs].sort((a, b) => Number(a.sampleId.slice(1)) - Number(b.sampleId.slice(1)));
    expect(bySample.map((r) => r.scores[0]?.value)).toEqual([1, 0.75, 0.5, 0.625, 0.25, 0.875, 0, 0.5]);
    expect(bySample.map((r) => r.scores[0]?.judge?.verdict.preference)).toEqual([1, 0.75, 0.5, 0.625, 0.25, 0.875, 0, 0.5]);
    // The judge was asked for Arena-Hard labels, with the JSON schema of the graded verdict.
    const judged = anthropic.calls.filter((c) => (c.body as { model?: string }).model === 'claude-opus-5-5');
    expect(judged).toHaveLength(2 * N_GRADED);
    expect(JSON.stringify(judged[0]?.body)).toContain('[[A>>B]]');
    expect(res.stdout).toContain('graded win rate 56.3% ± 11.6% SE (28.9%–83.6%)');
    expect(readFileSync(s.md, 'utf8')).toContain('graded win rate 56.3% ± 11.6% SE (28.9%–83.6%)');
  });

  it('two different labels in one answer are no verdict: a judge error after the re-asks, never a failure', async () => {
    anthropic = await startFakeAnthropic({
      respond: (req) => (req.model === 'claude-opus-5-5'
        ? { text: 'Maybe [[A>B]], or rather [[B>A]].', inputTokens: 400, outputTokens: 30 }
        : { text: `${req.model.split('-')[1]} says ${lastUserText(req.messages)}`, inputTokens: 10, outputTokens: 5 }),
    });
    const s = setup({ n: 2, models: '[anthropic:claude-haiku-5-5, anthropic:claude-sonnet-5-5]', scorer: ['    against_model: anthropic:claude-sonnet-5-5', '    scale: graded'], judge: '{ model: anthropic:claude-opus-5-5, max_tokens: 256 }' });
    const res = await runCli(['run', s.spec, '--out', s.out], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url, HAIKUBENCH_CACHE_DIR: s.cache } });
    expect(res.code, res.stderr).toBe(3);
    const recs = readJsonl<Rec & { error?: { kind: string; message: string } }>(join(s.out, 'records.jsonl')).filter((r) => r.model === 'anthropic:claude-haiku-5-5');
    expect(recs.map((r) => r.error?.kind)).toEqual(['judge', 'judge']);
    expect(recs[0]?.error?.message).toMatch(/different verdicts/);
  });
});

describe('logprobs: true with an OpenAI-compatible judge (fake server, real openai SDK)', () => {
  type Mass = readonly [number, number, number];
  const MASSES: readonly (readonly [Mass, Mass])[] = [
    [[0.90, 0.08, 0.02], [0.10, 0.85, 0.05]], [[0.55, 0.40, 0.05], [0.30, 0.60, 0.10]], [[0.20, 0.75, 0.0], [0.70, 0.25, 0.0]],
    [[0.45, 0.45, 0.05], [0.45, 0.45, 0.05]], [[0.97, 0.01, 0.01], [0.02, 0.96, 0.01]], [[0.33, 0.33, 0.33], [0.6, 0.2, 0.1]],
  ];
  const judge = (req: OpenAIRequest): OpenAIReply => {
    const text = lastUserContent(req.messages);
    const i = sampleOf(text);
    const candidateFirst = block(text, 'a').startsWith('cand');
    const [a, b, tie] = MASSES[i]?.[candidateFirst ? 0 : 1] ?? [1, 0, 0];
    const winner = a >= b && a >= tie ? 'A' : b >= tie ? 'B' : 'tie';
    const reply = JSON.stringify({ reasoning: 'compared both', winner });
    // The last sample's reference-first answer comes without logprobs (an endpoint that ignores the flag).
    if (i === N_LOGPROBS - 1 && !candidateFirst) return { text: reply, noLogprobs: true };
    return { text: reply, logprobs: [{ at: winnerToken, probs: { A: a, B: b, ...(tie > 0 && { tie }), ' the': 0.001 } }] };
  };

  it('the probability-weighted win rate with its SE, the answers without logprobs counted, only judge calls ask for logprobs', async () => {
    openai = await startFakeOpenAI({ respond: (req) => (req.model === 'judge' ? judge(req) : { text: `${req.model} says ${lastUserContent(req.messages)}` }) });
    const s = setup({ n: N_LOGPROBS, models: '[openai:cand, openai:ref]', scorer: ['    against_model: openai:ref', '    logprobs: true'], judge: '{ model: openai:judge, max_tokens: 256 }' });
    const env = { OPENAI_API_KEY: 'k', OPENAI_BASE_URL: openai.url, HAIKUBENCH_CACHE_DIR: s.cache, COLUMNS: '1000' };
    const res = await runCli(['run', s.spec, '--out', s.out, '--markdown', s.md], { env });
    expect(res.code, res.stderr).toBe(0);
    const c = pairOf(s.out, 'openai:cand')?.continuous;
    expect(c?.from).toBe('logprobs');
    expect(c?.n).toBe(N_LOGPROBS);
    expect(c?.winRate).toBeCloseTo(0.578606680844, 6);
    expect(c?.se).toBeCloseTo(0.128009975828, 6);
    expect(c?.ci?.[0]).toBeCloseTo(0.249546562201, 6);
    expect(c?.ci?.[1]).toBeCloseTo(0.907666799486, 6);
    expect(c?.noLogprobs).toBe(1);
    const bodies = openai.calls.map((x) => x.body as { model: string; logprobs?: boolean; top_logprobs?: number });
    expect(bodies.filter((b) => b.model === 'judge').every((b) => b.logprobs === true && b.top_logprobs === 5)).toBe(true);
    expect(bodies.filter((b) => b.model !== 'judge').some((b) => 'logprobs' in b)).toBe(false);
    const line = 'probability-weighted win rate 57.9% ± 12.8% SE (25.0%–90.8%), 1 item(s) with a judge answer without logprobs (its discrete verdict counted)';
    expect(res.stdout).toContain(line);
    expect(readFileSync(s.md, 'utf8')).toContain(line);

    // A second run answers from the cache: the log-probabilities were cached with the answers.
    const again = await runCli(['run', s.spec, '--out', join(s.out, '..', 'again')], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(pairOf(join(s.out, '..', 'again'), 'openai:cand')?.continuous).toEqual(c);
    expect(openai.calls).toHaveLength(bodies.length);

    // Recorded to a cassette and replayed with no server: the log-probabilities are on the tape too.
    const tape = join(s.out, '..', 'tape.jsonl');
    const rec = await runCli(['run', s.spec, '--no-cache', '--record', tape, '--out', join(s.out, '..', 'rec'), '--quiet'], { env });
    expect(rec.code, rec.stderr).toBe(0);
    await openai.close();
    const play = await runCli(['run', s.spec, '--no-cache', '--replay', tape, '--out', join(s.out, '..', 'play'), '--quiet'], { env: { ...env, OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' } });
    expect(play.code, play.stderr).toBe(0);
    expect(pairOf(join(s.out, '..', 'play'), 'openai:cand')?.continuous).toEqual(c);
  });
});

describe('logprobs under --simulate', () => {
  it('the simulated judge returns no log-probabilities: every item counts its discrete verdicts, and says so', async () => {
    const s = setup({ n: 4, models: '[anthropic:claude-haiku-5-5, anthropic:claude-sonnet-5-5]', scorer: ['    against_model: anthropic:claude-sonnet-5-5', '    logprobs: true'], judge: '{ model: openai:judge }' });
    writeFiles(join(s.spec, '..'), { 'data.jsonl': Array.from({ length: 4 }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}`, answer: `a${i}` })).join('\n') });
    const spec = readFileSync(s.spec, 'utf8').replace('dataset: { path: data.jsonl }', 'dataset: { path: data.jsonl, fields: { target: answer } }');
    writeFiles(join(s.spec, '..'), { 'spec.yaml': spec });
    const res = await runCli(['run', s.spec, '--simulate', 'always', '--out', s.out], { env: { HAIKUBENCH_CACHE_DIR: s.cache } });
    expect(res.code, res.stderr).toBe(0);
    expect(pairOf(s.out, 'sim:claude-haiku-5-5')?.continuous).toMatchObject({ from: 'logprobs', n: 4, noLogprobs: 4 });
  });
});

describe('logprobs is refused before any call where it cannot work (exit 2)', () => {
  it.each([
    ['a Claude judge', '    logprobs: true', '{ model: anthropic:claude-opus-5-5 }', /\/scorers\/0\/logprobs \(line \d+\): the judge anthropic:claude-opus-5-5 is not an openai: model/],
    ['a sim judge', '    logprobs: true', '{ model: sim:judge }', /\/scorers\/0\/logprobs \(line \d+\): the judge sim:judge is not an openai: model/],
    ['scale: graded', '    logprobs: true\n    scale: graded', '{ model: openai:judge }', /\/scorers\/0\/logprobs \(line \d+\): logprobs weighs a one-token verdict/],
    ['structured: tool', '    logprobs: true', '{ model: openai:judge, structured: tool }', /forced function call \(structured: tool\)/],
    ['an escalation judge on Claude', '    logprobs: true', '{ model: openai:judge, escalate: { model: anthropic:claude-opus-5-5, when: { flip: true } } }', /the escalation judge anthropic:claude-opus-5-5 is not an openai: model/],
  ])('%s', async (_what, scorer, judgeSpec, message) => {
    openai = await startFakeOpenAI();
    const s = setup({ n: 2, models: '[openai:cand, openai:ref]', scorer: ['    against_model: openai:ref', ...scorer.split('\n')], judge: judgeSpec });
    const res = await runCli(['run', s.spec, '--out', s.out], { env: { OPENAI_API_KEY: 'k', ANTHROPIC_API_KEY: 'k', OPENAI_BASE_URL: openai.url, HAIKUBENCH_CACHE_DIR: s.cache } });
    expect(res.code, res.stdout).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr).toContain('spec.yaml');
    expect(openai.calls).toHaveLength(0);
  });
});
