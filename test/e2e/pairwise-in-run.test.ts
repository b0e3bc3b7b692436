import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { CLI, cleanEnv, readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Pairwise judging against another model of the same run (issue 5, part 1: `against_model`), end
// to end through the built CLI and the fake Messages API, which answers as the candidate
// (claude-haiku-5-5: "haiku says <q>"), the reference (claude-sonnet-5-5: "sonnet says <q>") and the
// judge (claude-opus-5-5). The candidate is listed first in the spec, so the plan's reordering (the
// reference first in each group) is what lets a one-slot run finish. Each judge request must pair
// the two models' answers to the same sample.

interface Rate { x: number; n: number; rate: number | null }
interface PairSum { scorer: string; against?: string; n: number; wins: Rate; ties: Rate; losses: Rate; flips: Rate; firstPositionWins: Rate; winRate: number | null; winner: string | null }
interface ModelSum { model: string; passRate: number | null; unscored?: number; passed: number; failed: number; errors: number; errorsByKind: Record<string, number>; judge: { calls: number } | null; pairwise?: PairSum[]; pairwiseReference?: string[] }
interface Rec {
  sampleId: string; model: string; status: string; output: string;
  error?: { kind: string; stage: string; message: string };
  scores: { name: string; value: number; pass: boolean; reason?: string; judge?: { verdict: { outcome: string; flipped: boolean } } }[];
}

const CAND = 'claude-haiku-5-5';
const REF = 'claude-sonnet-5-5';
const JUDGE = 'claude-opus-5-5';
const N = 8;

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const block = (req: AnthropicRequest, tag: 'a' | 'b') => new RegExp(`<output-${tag}-\\w+>\\n([\\s\\S]*?)\\n</output-${tag}-`).exec(lastUserText(req.messages))?.[1] ?? '';
const winner = (w: string): AnthropicReply => ({ text: JSON.stringify({ reasoning: 'compared', winner: w }), inputTokens: 500, outputTokens: 20 });

/** The judges under test, by what they prefer. */
const JUDGES: Readonly<Record<string, (req: AnthropicRequest) => AnthropicReply>> = {
  'first position': () => winner('A'),
  candidate: (req) => winner(block(req, 'a').startsWith('haiku') ? 'A' : 'B'),
};

/** The fake API: each model answers "<name> says <question>"; the judge by `judge`; `hook` may replace any reply. */
function respond(judge: (req: AnthropicRequest) => AnthropicReply, hook?: (req: AnthropicRequest) => AnthropicReply | undefined) {
  return (req: AnthropicRequest): AnthropicReply => {
    const hooked = hook?.(req);
    if (hooked !== undefined) return hooked;
    if (req.model === JUDGE) return judge(req);
    return { text: `${req.model.split('-')[1]} says ${lastUserText(req.messages)}`, inputTokens: 10, outputTokens: 5 };
  };
}

function setup(scorer: readonly string[] = ['    against_model: ' + REF], models = `[anthropic:${CAND}, anthropic:${REF}]`) {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: N }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}` })).join('\n'),
    'spec.yaml': [
      'name: inrun',
      'dataset: { path: data.jsonl }',
      'prompt: { user: "{{q}}" }',
      `models: ${models}`,
      'scorers:',
      '  - type: pairwise',
      ...scorer,
      `    judge: { model: anthropic:${JUDGE}, max_tokens: 256 }`,
      'run: { concurrency: 1, max_retry_wait_ms: 2000, max_error_rate: 0.5 }',
    ].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml'), out: join(dir, 'out'), cache: join(dir, 'cache') };
}

const env = (s: FakeAnthropic, cache: string) => ({ ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: s.url, HAIKUBENCH_CACHE_DIR: cache });
const models = (out: string) => (JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) as { models: ModelSum[] }).models;
const judgeCalls = (s: FakeAnthropic) => s.calls.filter((c) => (c.body as { model?: string }).model === JUDGE);

describe('pairwise against another model of the same run (against_model)', () => {
  it('acceptance: a judge that always prefers position A gives a 100% flip rate, a 50% win rate and no winner', async () => {
    server = await startFakeAnthropic({ respond: respond(JUDGES['first position'] ?? (() => winner('tie'))) });
    const { spec, out, cache } = setup();
    // A wide $COLUMNS keeps each sentence on one line (the layout at terminal widths: terminal.test.ts).
    const res = await runCli(['run', spec, '--out', out, '--markdown', join(out, '..', 'report.md')], { env: { ...env(server, cache), COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    const [cand, ref] = models(out);
    expect(cand?.pairwise?.[0]).toMatchObject({ scorer: 'pairwise', against: `anthropic:${REF}`, n: N, winRate: 0.5, winner: null, flips: { rate: 1 }, firstPositionWins: { rate: 1 } });
    // The reference's own items are not judged: no pairwise rates, named as the reference.
    expect(ref?.pairwise).toBeUndefined();
    expect(ref?.pairwiseReference).toEqual(['pairwise']);
    expect(res.stdout).toMatch(/claude-haiku-5-5: pairwise pairwise against anthropic:claude-sonnet-5-5: no winner over 8 item\(s\); win rate 50\.0%.*position flips 100\.0%/);
    expect(res.stdout).toContain('claude-sonnet-5-5: pairwise pairwise: the reference model; its answers are the yardstick, not judged by this scorer');
    // Its answers get no verdict: neither passes, failures nor errors, and no paired comparison is made of them.
    expect(ref).toMatchObject({ passed: 0, failed: 0, errors: 0, unscored: N, passRate: null });
    expect(res.stdout).toContain('no samples scored by both');
    expect(readFileSync(join(out, '..', 'report.md'), 'utf8')).toContain('pairwise pairwise against anthropic:claude-sonnet-5-5: no winner');
    // Two judge calls per candidate item, none for the reference's items.
    expect(judgeCalls(server)).toHaveLength(2 * N);
    expect(cand?.judge?.calls).toBe(2 * N);
    expect(ref?.judge).toBeNull();
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    for (const r of recs.filter((x) => x.model === `anthropic:${REF}`)) {
      expect(r).toMatchObject({ status: 'ok', scores: [] });
      expect(r).not.toHaveProperty('pass');
      expect(r).not.toHaveProperty('score');
    }
  });

  it('a gate on a reference that no scorer scores is a spec error, exit 2, before any call', async () => {
    server = await startFakeAnthropic({ respond: respond(JUDGES['candidate'] ?? (() => winner('tie'))) });
    const { spec, out, cache } = setup();
    writeFiles(join(out, '..'), { 'spec.yaml': `${readFileSync(spec, 'utf8')}\ngates: [{ model: ${CAND}, min_pass_rate: 0.5 }, { model: ${REF}, min_pass_rate: 0.5 }]\n` });
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: env(server, cache) });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/#\/gates\/1\/model.*: no scorer scores anthropic:claude-sonnet-5-5's answers \(it is the reference of the pairwise scorers\), so this gate could never pass/);
    expect(server.calls).toHaveLength(0);
  });

  it('pairs each candidate answer with the reference answer to the same sample, in both orders', async () => {
    server = await startFakeAnthropic({ respond: respond(JUDGES['candidate'] ?? (() => winner('tie'))) });
    const { spec, out, cache } = setup();
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: env(server, cache) });
    expect(res.code, res.stderr).toBe(0);
    const pairs = judgeCalls(server).map((c) => {
      const req = c.body as AnthropicRequest;
      return [block(req, 'a'), block(req, 'b')].sort().join(' | ');
    });
    const want = Array.from({ length: N }, (_, i) => `haiku says question ${i} | sonnet says question ${i}`);
    expect([...new Set(pairs)].sort()).toEqual(want.sort());
    expect(pairs).toHaveLength(2 * N);
    const [cand] = models(out);
    expect(cand?.pairwise?.[0]).toMatchObject({ n: N, winner: 'candidate', wins: { x: N }, flips: { x: 0 } });
    expect(cand).toMatchObject({ passed: N, failed: 0, errors: 0 });
  });

  it('a reference that gave no answer makes that candidate item a judge error, never a model failure', async () => {
    server = await startFakeAnthropic({
      respond: respond(JUDGES['candidate'] ?? (() => winner('tie'))),
      fault: ({ body }) => {
        const b = body as AnthropicRequest;
        return b.model === REF && lastUserText(b.messages) === 'question 3' ? { kind: 'http', status: 400, errorType: 'invalid_request_error', message: 'prompt refused' } : undefined;
      },
    });
    const { spec, out, cache } = setup();
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: env(server, cache) });
    expect(res.code, res.stderr).toBe(0);
    const recs = readJsonl<Rec>(join(out, 'records.jsonl'));
    const errs = recs.filter((r) => r.status === 'error').map((r) => [r.model, r.sampleId, r.error?.kind, r.error?.stage]);
    expect(errs.sort()).toEqual([[`anthropic:${CAND}`, 's3', 'judge', 'judge'], [`anthropic:${REF}`, 's3', 'bad_request', 'provider']]);
    const cand3 = recs.find((r) => r.model === `anthropic:${CAND}` && r.sampleId === 's3');
    expect(cand3?.error?.message).toMatch(/scorer pairwise: anthropic:claude-sonnet-5-5 gave no answer to compare with \(bad_request: .*prompt refused/);
    expect(cand3?.output).toBe('haiku says question 3');
    const [cand] = models(out);
    expect(cand).toMatchObject({ passed: N - 1, failed: 0, errors: 1, errorsByKind: { judge: 1 } });
    expect(judgeCalls(server)).toHaveLength(2 * (N - 1));
  });

  it.each([
    ['a model the spec does not run', [`    against_model: claude-opus-5-5`], undefined, /#\/scorers\/0\/against_model \(line \d+\): this spec runs no model claude-opus-5-5 \(it runs anthropic:claude-haiku-5-5, anthropic:claude-sonnet-5-5\)/],
    ['both against and against_model', [`    against_model: ${REF}`, '    against: old-run'], undefined, /#\/scorers\/0.*: give against \(a baseline run directory\) or against_model \(a model of this spec\), not both/],
    ['neither', ['    criteria: "Better."'], undefined, /#\/scorers\/0.*: a pairwise scorer needs something to compare with: against: .* or against_model: /],
    ['the only model of the spec', [`    against_model: ${REF}`], `[anthropic:${REF}]`, /#\/scorers\/0\/against_model.*: anthropic:claude-sonnet-5-5 is the only model of this spec/],
    ['model: with against_model', [`    against_model: ${REF}`, '    model: x'], undefined, /#\/scorers\/0\/model.*: model picks one model of a baseline run; with against_model it has no meaning/],
  ] as const)('%s is a spec error, exit 2, before any call', async (_what, scorer, modelList, message) => {
    server = await startFakeAnthropic({ respond: respond(() => winner('A')) });
    const { spec, out, cache } = setup(scorer, modelList);
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: env(server, cache) });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(server.calls).toHaveLength(0);
  });

  it('two different reference models are refused (each would wait on the other), naming the second scorer', async () => {
    server = await startFakeAnthropic({ respond: respond(() => winner('A')) });
    const { spec, out, cache } = setup([`    against_model: ${REF}`, `    judge: { model: anthropic:${JUDGE} }`, '  - type: pairwise', '    name: back', `    against_model: ${CAND}`]);
    const res = await runCli(['run', spec, '--out', out, '--quiet'], { env: env(server, cache) });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/#\/scorers\/1\/against_model.*: scorer 0 already compares with anthropic:claude-sonnet-5-5; one reference model per spec/);
    expect(server.calls).toHaveLength(0);
  });

  it('--model leaving out the reference says so (the flag, not the spec), exit 2, before any call', async () => {
    server = await startFakeAnthropic({ respond: respond(() => winner('A')) });
    const { spec, out, cache } = setup();
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--model', `anthropic:${CAND}`], { env: env(server, cache) });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/#\/scorers\/0\/against_model.*: --model left out claude-sonnet-5-5, the model this scorer compares with .*; add --model claude-sonnet-5-5/);
    expect(server.calls).toHaveLength(0);
  });

  it('--batch is refused (batches cannot order the two models), exit 2, before any call', async () => {
    server = await startFakeAnthropic({ respond: respond(() => winner('A')) });
    const { spec, out, cache } = setup();
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--batch'], { env: env(server, cache) });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--batch: .*spec\.yaml judges models against anthropic:claude-sonnet-5-5 of the same run \(pairwise against_model\)/);
    expect(server.calls).toHaveLength(0);
  });

  it('--dry-run counts two judge calls per candidate item and none for the reference', async () => {
    const { spec } = setup();
    const res = await runCli(['run', spec, '--dry-run'], { env: { ANTHROPIC_API_KEY: 'k' } });
    expect(res.code, res.stderr).toBe(0);
    const row = res.stdout.split('\n').find((l) => l.includes(JUDGE) && l.includes('pairwise')) ?? '';
    expect(row).toMatch(new RegExp(`│ ${2 * N} +│`));
  });
});

/** Start the CLI, wait until `ready`, send SIGINT; the exit code and the records written so far. */
async function runAndInterrupt(args: readonly string[], e: Record<string, string>, records: string, ready: () => boolean) {
  const child = spawn(process.execPath, [CLI, ...args], { env: cleanEnv(e), stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 20_000;
  while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGINT');
  return { code: await exited, records: readJsonl<Rec>(records) };
}

const asked = (s: FakeAnthropic, model: string) => s.calls.map((c) => c.body as AnthropicRequest).filter((b) => b.model === model).map((b) => lastUserText(b.messages));

/** After the resume: every candidate item judged against its own sample's reference answer, and won. */
function expectAllJudged(s: FakeAnthropic, out: string) {
  const [cand] = models(out);
  expect(cand?.pairwise?.[0]).toMatchObject({ n: N, winner: 'candidate', wins: { x: N } });
  for (const c of judgeCalls(s)) {
    const pair = [block(c.body as AnthropicRequest, 'a'), block(c.body as AnthropicRequest, 'b')].sort().join(' | ');
    expect(pair).toMatch(/^haiku says question (\d+) \| sonnet says question \1$/);
  }
}

describe('against_model across a stop and a resume', () => {
  it('Ctrl-C while a candidate waits on a reference in flight: the candidate is recorded as aborted, and --resume runs both again', async () => {
    let hang = true;
    server = await startFakeAnthropic({
      respond: respond(JUDGES['candidate'] ?? (() => winner('tie')), (req) =>
        (hang && req.model === REF && lastUserText(req.messages) === 'question 5' ? { text: 'late', delayMs: 60_000 } : undefined)),
    });
    const { spec, out, cache } = setup();
    const e = env(server, cache);
    const records = join(out, 'records.jsonl');
    // The reference hangs on sample 5; the candidate answers sample 5 at once and then waits on it.
    let since = 0;
    const ready = () => {
      if (!(asked(server as FakeAnthropic, `${REF}`).includes('question 5') && asked(server as FakeAnthropic, CAND).includes('question 5'))) return false;
      since ||= Date.now();
      return Date.now() - since > 300;
    };
    const first = await runAndInterrupt(['run', spec, '--out', out, '--grace-ms', '300'], e, records, ready);
    expect(first.code).toBe(3);
    const key = (r: Rec) => `${r.model.replace('anthropic:', '')} ${r.sampleId} ${r.status}${r.error === undefined ? '' : ` ${r.error.kind}`}`;
    expect(first.records.filter((r) => r.sampleId === 's5').map(key).sort()).toEqual([`${CAND} s5 error aborted`, `${REF} s5 error aborted`]);
    const cand5 = first.records.find((r) => r.model === `anthropic:${CAND}` && r.sampleId === 's5');
    expect(cand5?.error?.message).toMatch(/scorer pairwise: anthropic:claude-sonnet-5-5 gave no answer to compare with \(aborted/);
    expect(first.records.filter((r) => r.status === 'error')).toHaveLength(2);
    hang = false;
    const res = await runCli(['run', '--resume', out, '--quiet'], { env: e });
    expect(res.code, res.stderr).toBe(0);
    expectAllJudged(server, out);
  }, 40_000);

  it('Ctrl-C with the reference ahead of the candidate: --resume judges the rest against the reference answers recorded before the stop', async () => {
    let slow = true;
    server = await startFakeAnthropic({
      respond: respond(JUDGES['candidate'] ?? (() => winner('tie')), (req) =>
        (slow && req.model === CAND ? { text: `haiku says ${lastUserText(req.messages)}`, delayMs: 250 } : undefined)),
    });
    const { spec, out, cache } = setup();
    const e = env(server, cache);
    const records = join(out, 'records.jsonl');
    const first = await runAndInterrupt(['run', spec, '--out', out], e, records,
      () => existsSync(records) && readJsonl<Rec>(records).filter((r) => r.model === `anthropic:${CAND}`).length >= 2);
    expect(first.code).toBe(3);
    const refDone = new Set(first.records.filter((r) => r.model === `anthropic:${REF}`).map((r) => r.sampleId));
    const candDone = new Set(first.records.filter((r) => r.model === `anthropic:${CAND}`).map((r) => r.sampleId));
    // The reference ran ahead: some samples have its answer and no candidate record yet.
    const ahead = [...refDone].filter((id) => !candDone.has(id));
    expect(ahead.length).toBeGreaterThan(0);
    expect(first.records.every((r) => r.status === 'ok')).toBe(true);
    const refAskedBefore = asked(server, REF).length;
    slow = false;
    const res = await runCli(['run', '--resume', out, '--quiet'], { env: e });
    expect(res.code, res.stderr).toBe(0);
    // The reference is asked again only for the samples it had not answered.
    expect(asked(server, REF).length - refAskedBefore).toBe(N - refDone.size);
    expectAllJudged(server, out);
  }, 40_000);
});
