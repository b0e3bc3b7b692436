import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// The pairwise scorer end to end (issue 5, part 1): the built CLI against the fake Messages API,
// which answers as the model under test (claude-haiku-5-5) and as the judge (claude-sonnet-5-5).
// The baseline is a run directory whose records.jsonl holds the baseline model's answers
// ("baseline <i>"); the candidate answers "answer <i>". The judge is asked in both orders; a
// verdict that flips with the order is a tie, so a judge that always picks A declares no winner.

interface Rate { x: number; n: number; rate: number | null; ci: [number, number] }
interface PairSum { scorer: string; n: number; incomplete: number; wins: Rate; ties: Rate; losses: Rate; flips: Rate; firstPositionWins: Rate; winRate: number | null; winner: string | null }
interface ModelSum { passed: number; failed: number; errors: number; errorsByKind: Record<string, number>; tokens: { input: number; output: number }; costUsd: number | null; judge: { calls: number; tokens: { input: number; output: number }; costUsd: number | null; errors: number } | null; pairwise?: PairSum[] }
interface Rec {
  sampleId: string; status: string; pass?: boolean; costUsd: number | null;
  error?: { kind: string; stage: string; message: string };
  scores: { name: string; value: number; pass: boolean; judge?: { verdict: unknown; calls: { attempts: number; costUsd: number | null } } }[];
  judge?: { attempts: number; costUsd: number | null };
}

const MODEL = 'claude-haiku-5-5';
const JUDGE = 'claude-sonnet-5-5';
const N = 10;

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

/** What the judge sees as output A (the block tagged output-a-<nonce>). */
const outputA = (req: AnthropicRequest): string => /<output-a-\w+>\n([\s\S]*?)\n<\/output-a-/.exec(lastUserText(req.messages))?.[1] ?? '';
const winner = (w: string) => ({ text: JSON.stringify({ reasoning: 'compared', winner: w }) });

/** The judges under test, by what they prefer. */
const JUDGES: Readonly<Record<string, (req: AnthropicRequest) => AnthropicReply>> = {
  'first position': () => winner('A'),
  candidate: (req) => winner(outputA(req).startsWith('answer') ? 'A' : 'B'),
  baseline: (req) => winner(outputA(req).startsWith('baseline') ? 'A' : 'B'),
  'always tie': () => winner('tie'),
};

function respond(judge: (req: AnthropicRequest) => AnthropicReply) {
  return (req: AnthropicRequest): AnthropicReply => {
    if (req.model === JUDGE) return { inputTokens: 1000, outputTokens: 50, ...judge(req) };
    return { text: lastUserText(req.messages).replace('question', 'answer'), inputTokens: 10, outputTokens: 5 };
  };
}

/** A baseline records.jsonl line: an answer, or an error record. */
const baseLine = (i: number, status: 'ok' | 'error' = 'ok') => JSON.stringify(status === 'ok'
  ? { sampleId: `s${i}`, model: 'anthropic:claude-old', epoch: 1, status, output: `baseline ${i}` }
  : { sampleId: `s${i}`, model: 'anthropic:claude-old', epoch: 1, status, error: { kind: 'overloaded', message: '529 overloaded' } });

function setup(opts: { against?: string; baseline?: readonly string[] } = {}) {
  const dir = tempDir();
  mkdirSync(join(dir, 'baseline'));
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}` })).join('\n'),
    'baseline/records.jsonl': (opts.baseline ?? Array.from({ length: N }, (_, i) => baseLine(i))).join('\n') + '\n',
    'spec.yaml': [
      'name: paired',
      'dataset: { path: data.jsonl }',
      'prompt: { user: "{{q}}" }',
      `models: [anthropic:${MODEL}]`,
      'scorers:',
      '  - type: pairwise',
      `    against: ${opts.against ?? 'baseline'}`,
      '    criteria: "The better answer to {{q}} is more accurate."',
      `    judge: { model: anthropic:${JUDGE}, max_tokens: 256 }`,
      'run: { concurrency: 2, max_retry_wait_ms: 5000, max_error_rate: 0.5 }',
    ].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml'), out: join(dir, 'out'), cache: join(dir, 'cache') };
}

const env = (s: FakeAnthropic, cache: string) => ({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: s.url, HAIKUBENCH_CACHE_DIR: cache });
const summary = (out: string) => (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { models: ModelSum[] }).models[0] as ModelSum;

describe('pairwise scorer against the fake Messages API', () => {
  it.each([
    // judge, wins, ties, losses, flips, first-position wins (of 2n), win rate, winner, value, pass
    ['first position', 0, N, 0, N, 2 * N, 0.5, null, 0.5, true],
    ['candidate', N, 0, 0, 0, N, 1, 'candidate', 1, true],
    ['baseline', 0, 0, N, 0, N, 0, 'baseline', 0, false],
    ['always tie', 0, N, 0, 0, 0, 0.5, null, 0.5, true],
  ] as const)('a judge preferring %s: %i wins, %i ties, %i losses, %i flips', async (who, wins, ties, losses, flips, first, winRate, declared, value, pass) => {
    server = await startFakeAnthropic({ respond: respond(JUDGES[who] ?? (() => winner('tie'))) });
    const { spec, out, cache } = setup();
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--markdown', join(out, '..', 'report.md')], { env: env(server, cache) });
    expect(res.code, res.stderr).toBe(0); // no gate: a loss to the baseline is a result, not a failed run
    const s = summary(out);
    expect(s.pairwise).toHaveLength(1);
    const p = s.pairwise?.[0];
    expect(p).toMatchObject({ scorer: 'pairwise', n: N, incomplete: 0, winRate, winner: declared });
    expect([p?.wins.x, p?.ties.x, p?.losses.x, p?.flips.x, p?.firstPositionWins.x]).toEqual([wins, ties, losses, flips, first]);
    expect(p?.firstPositionWins.n).toBe(2 * N);
    for (const r of readJsonl<Rec>(join(out, 'records.jsonl'))) {
      expect(r.scores[0]).toMatchObject({ value, pass });
      expect(r.scores[0]?.judge?.verdict).toMatchObject({ flipped: flips > 0, outcome: value === 1 ? 'win' : value === 0 ? 'loss' : 'tie' });
    }
    // One line per pairwise scorer in the Markdown notes.
    const md = readFileSync(join(out, '..', 'report.md'), 'utf8');
    expect(md).toContain(`pairwise pairwise against run baseline: ${declared === null ? 'no winner' : `the ${declared} wins`} over ${N} item(s)`);
  });

  it('acceptance B: a judge that always prefers position A gives a 100% flip rate, a 50% win rate and no winner', async () => {
    server = await startFakeAnthropic({ respond: respond(() => winner('A')) });
    const { spec, out, cache } = setup();
    // A wide $COLUMNS keeps the pairwise line whole (the layout at terminal widths: terminal.test.ts).
    const res = await runCli(['run', spec, '--out', out], { env: { ...env(server, cache), COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    const p = summary(out).pairwise?.[0];
    expect(p?.flips.rate).toBe(1);
    expect(p?.firstPositionWins.rate).toBe(1);
    expect(p?.ties.rate).toBe(1);
    expect(p?.winRate).toBe(0.5);
    expect(p?.winner).toBeNull();
    expect(res.stdout).toMatch(/pairwise pairwise against run baseline: no winner over 10 item\(s\); win rate 50\.0%.*position flips 100\.0%, first position won 100\.0%/);
    const v = readJsonl<Rec>(join(out, 'records.jsonl'))[0]?.scores[0]?.judge?.verdict;
    expect(v).toEqual({ candidateFirst: 'A', candidateSecond: 'A', flipped: true, outcome: 'tie', lengths: { candidate: 'answer 0'.length, baseline: 'baseline 0'.length } });
  });

  it('a sample the baseline lacks, or answered with an error, is a judge error for that item only; judge cost is apart', async () => {
    server = await startFakeAnthropic({ respond: respond(JUDGES['candidate'] ?? (() => winner('tie'))) });
    const lines = Array.from({ length: N }, (_, i) => baseLine(i, i === 4 ? 'error' : 'ok')).filter((_, i) => i !== 3);
    const { spec, out, cache } = setup({ baseline: lines });
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: env(server, cache) });
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    const errs = recs.filter((r) => r.status === 'error').sort((a, b) => a.sampleId.localeCompare(b.sampleId));
    expect(errs.map((r) => [r.sampleId, r.error?.kind, r.error?.stage])).toEqual([['s3', 'judge', 'judge'], ['s4', 'judge', 'judge']]);
    expect(errs[0]?.error?.message).toMatch(/baseline baseline has no answer of anthropic:claude-old for sample s3/);
    expect(errs[1]?.error?.message).toMatch(/sample s4 \(epoch 1 ended in error: 529 overloaded\)/);
    const s = summary(out);
    expect(s).toMatchObject({ passed: N - 2, failed: 0, errors: 2, errorsByKind: { judge: 2 } });
    expect(s.pairwise?.[0]).toMatchObject({ n: N - 2, winner: 'candidate' });
    // Two judge calls per compared item, counted apart from the model's own tokens.
    expect(s.judge).toMatchObject({ calls: 2 * (N - 2), tokens: { input: 1000 * 2 * (N - 2), output: 50 * 2 * (N - 2) }, errors: 2 });
    expect(s.tokens).toMatchObject({ input: 10 * N, output: 5 * N });
    const ok = recs.find((r) => r.status === 'ok');
    expect(ok?.scores[0]?.judge?.calls.attempts).toBe(2);
    expect(ok?.judge?.attempts).toBe(2);
    expect(s.judge?.costUsd).toBeGreaterThan(0);
  });

  it('a rerun takes both orders\' verdicts from the cache: no judge call, the same outcomes', async () => {
    server = await startFakeAnthropic({ respond: respond(JUDGES['candidate'] ?? (() => winner('tie'))) });
    const { dir, spec, out, cache } = setup();
    const first = await runCli(['run', spec, '--out', out, '--quiet'], { env: env(server, cache) });
    expect(first.code, first.stderr).toBe(0);
    const calls = server.calls.length;
    const again = await runCli(['run', spec, '--out', join(dir, 'again'), '--quiet'], { env: env(server, cache) });
    expect(again.code, again.stderr).toBe(0);
    expect(server.calls.length).toBe(calls);
    expect(summary(join(dir, 'again'))).toMatchObject({ judge: { calls: 0 }, pairwise: [{ n: N, winner: 'candidate' }] });
  });

  it.each([
    ['a missing directory', { against: 'no-such-run' }, /spec\.yaml#\/scorers\/0\/against.*no such run directory: no-such-run/],
    ['a directory without records.jsonl', { against: '.' }, /spec\.yaml#\/scorers\/0\/against.*not a run directory \(no records\.jsonl\)/],
    ['a records.jsonl without records', { baseline: ['{"hello": 1}'] }, /spec\.yaml#\/scorers\/0\/against.*holds no haikubench records/],
    ['a line that is not JSON in the middle', { baseline: [baseLine(0), '{torn', baseLine(1)] }, /spec\.yaml#\/scorers\/0\/against.*baseline\/records\.jsonl:2: not a JSON record/],
  ] as const)('a bad `against` (%s) is a spec error, exit 2, before any call', async (_what, opts, message) => {
    server = await startFakeAnthropic({ respond: respond(() => winner('A')) });
    const { spec, out, cache } = setup(opts);
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: env(server, cache) });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });

  it('offline: the sim judge answers pairwise prompts, preferring the output that names the target', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'base'));
    const labels = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 'billing' : 'tech'));
    // The baseline names the target for samples 0, 1, 4, 5, 8, 9 and says "other" for the rest.
    writeFiles(dir, {
      'data.jsonl': labels.map((l, i) => JSON.stringify({ id: `s${i}`, text: `ticket ${i}`, label: l })).join('\n'),
      'base/records.jsonl': labels.map((l, i) => JSON.stringify({ sampleId: `s${i}`, model: 'old', epoch: 1, status: 'ok', output: i % 4 < 2 ? l : 'other' })).join('\n'),
      'spec.yaml': 'name: simpair\ndataset: { path: data.jsonl, fields: { target: label } }\nprompt: { user: "Route: {{text}}" }\nmodels: [sim:claude-haiku-5-5]\n'
        + 'scorers:\n  - type: pairwise\n    against: base\n    judge: { model: sim:judge, agreement: 1 }\n',
    });
    const res = await runCli(['run', join(dir, 'spec.yaml'), '--out', join(dir, 'out'), '--quiet']);
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec & { output: string }>(join(dir, 'out', 'records.jsonl'));
    expect(recs).toHaveLength(12);
    for (const r of recs) {
      const i = Number(r.sampleId.slice(1));
      const cand = r.output.trim().toLowerCase() === labels[i];
      const base = i % 4 < 2;
      const want = cand === base ? 'tie' : cand ? 'win' : 'loss';
      expect(r.scores[0]?.judge?.verdict, r.sampleId).toMatchObject({ outcome: want });
    }
  });
});
