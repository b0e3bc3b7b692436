import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, lastUserText, type AnthropicReply, type AnthropicRequest, type FakeAnthropic } from '../support/fake-anthropic.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';

// Cascaded judging against the fake Messages API (issue 5): the built CLI and the real SDK. Haiku
// judges every item; an item whose Haiku score is within 1 of pass_at is asked of Sonnet, in a real
// call with the same task, and Sonnet's verdict is the score. A rerun answers both judges from the cache.

const MODEL = 'claude-opus-5-5';
const CHEAP = 'claude-haiku-5-5';
const BIG = 'claude-sonnet-5-5';
// Haiku's score per sample: 9 (2 from pass_at 7: kept), 7 and 6 (near: escalated), 3 (kept).
const CHEAP_SCORE: Readonly<Record<string, number>> = { '0': 9, '1': 7, '2': 6, '3': 3 };

interface Calls { attempts: number; answers: number; costUsd: number | null }
interface Rec {
  sampleId: string; status: string; pass: boolean;
  scores: { pass: boolean; judge: { model: string; verdict: number; reasoning: string; calls: Calls; cascade: { escalated: boolean; reasons?: string[]; cheap?: { model: string; verdict: number; pass: boolean; calls: Calls }; escalationCalls?: Calls } } }[];
}

let server: FakeAnthropic | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

const sampleOf = (req: AnthropicRequest): string => /answer (\d)/.exec(JSON.stringify(req.messages))?.[1] ?? '?';

function respond(req: AnthropicRequest): AnthropicReply {
  if (req.model === CHEAP) return { text: JSON.stringify({ reasoning: 'haiku', score: CHEAP_SCORE[sampleOf(req)] ?? 1 }), inputTokens: 800, outputTokens: 40 };
  if (req.model === BIG) return { text: JSON.stringify({ reasoning: 'sonnet', score: 10 }), inputTokens: 800, outputTokens: 60 };
  return { text: lastUserText(req.messages).replace('question', 'answer'), inputTokens: 10, outputTokens: 5 };
}

function setup(when = '{ near: 1 }') {
  const dir = tempDir();
  writeFiles(dir, {
    'data.jsonl': Array.from({ length: 4 }, (_, i) => JSON.stringify({ id: `s${i}`, q: `question ${i}` })).join('\n'),
    'spec.yaml': [
      'name: cascaded',
      'dataset: { path: data.jsonl }',
      'prompt: { user: "{{q}}" }',
      `models: [anthropic:${MODEL}]`,
      `judge: { model: anthropic:${CHEAP}, max_tokens: 256, escalate: { model: anthropic:${BIG}, when: ${when} } }`,
      'scorers:',
      '  - type: rubric',
      '    rubric: "Is {{output}} a good answer to {{q}}?"',
      '    scale: { min: 1, max: 10 }',
      '    pass_at: 7',
      'run: { concurrency: 1 }',
    ].join('\n'),
  });
  return { dir, spec: join(dir, 'spec.yaml'), cache: join(dir, 'cache') };
}

describe('cascaded judging against the fake Messages API', () => {
  it('an escalation is a real call to the second model; its verdict is the score; a rerun is all cache', async () => {
    server = await startFakeAnthropic({ respond });
    const { dir, spec, cache } = setup();
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: cache };
    // A wide $COLUMNS keeps each sentence on one line (the layout at terminal widths: terminal.test.ts).
    const res = await runCli(['run', spec, '--out', join(dir, 'a')], { env: { ...env, COLUMNS: '1000' } });
    expect(res.code, res.stderr).toBe(0);
    const bodies = server.calls.map((c) => c.body as AnthropicRequest & { output_config?: unknown });
    const cheapCalls = bodies.filter((b) => b.model === CHEAP);
    const bigCalls = bodies.filter((b) => b.model === BIG);
    expect(cheapCalls).toHaveLength(4);
    expect(bigCalls.map(sampleOf).sort()).toEqual(['1', '2']);
    // Sonnet was given the task Haiku was given, with structured output.
    for (const b of bigCalls) {
      const same = cheapCalls.find((c) => sampleOf(c) === sampleOf(b));
      expect(b.messages).toEqual(same?.messages);
      expect(b.system).toEqual(same?.system);
      expect(b.output_config).toEqual(same?.output_config);
    }
    const recs = readJsonl<Rec>(join(dir, 'a', 'records.jsonl')).sort((x, y) => x.sampleId.localeCompare(y.sampleId));
    const j = recs.map((r) => r.scores[0]?.judge);
    expect(j.map((x) => [x?.model, x?.verdict, x?.cascade.escalated])).toEqual([
      [`anthropic:${CHEAP}`, 9, false], [`anthropic:${BIG}`, 10, true], [`anthropic:${BIG}`, 10, true], [`anthropic:${CHEAP}`, 3, false],
    ]);
    // s2: Haiku's 6 failed it; Sonnet's 10 passes it, and the record says both.
    expect(recs[2]?.pass).toBe(true);
    expect(j[2]?.cascade).toMatchObject({ reasons: ['near'], cheap: { model: `anthropic:${CHEAP}`, verdict: 6, pass: false } });
    expect(j[2]?.reasoning).toBe('sonnet');
    const esc = j[2]?.cascade.escalationCalls;
    const cheap = j[2]?.cascade.cheap?.calls;
    expect(esc?.attempts).toBe(1);
    expect(esc?.costUsd).toBeGreaterThan(cheap?.costUsd ?? Infinity); // Sonnet's price is above Haiku's
    expect(j[2]?.calls.costUsd).toBeCloseTo((esc?.costUsd ?? NaN) + (cheap?.costUsd ?? NaN), 10);
    const s = (JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8')) as { models: { judge: { calls: number; cascade: { escalated: number; agreed: number }[] } }[] }).models[0]?.judge;
    expect(s?.calls).toBe(6);
    expect(s?.cascade[0]).toMatchObject({ escalated: 2, agreed: 1 }); // s1 passes with both judges; s2 does not
    expect(res.stdout).toContain(`judge cascade (rubric): 2 of 4 item(s) (50.0%) escalated to anthropic:${BIG}`);
    // The rerun makes no call at all: both judges' answers come from the cache, under keys of their own.
    const before = server.calls.length;
    const again = await runCli(['run', spec, '--out', join(dir, 'b'), '--quiet'], { env });
    expect(again.code, again.stderr).toBe(0);
    expect(server.calls.length).toBe(before);
    const rerun = readJsonl<Rec>(join(dir, 'b', 'records.jsonl')).sort((x, y) => x.sampleId.localeCompare(y.sampleId));
    expect(rerun.map((r) => [r.scores[0]?.judge.model, r.scores[0]?.judge.verdict])).toEqual(j.map((x) => [x?.model, x?.verdict]));
  });

  it.each([
    // when, which judges refuse sample 3, → its outcome
    ['{ near: 1 }', [CHEAP], 'escalated'], // error: true by default
    ['{ near: 1, error: false }', [CHEAP], 'judge error'],
    ['{ near: 1 }', [CHEAP, BIG], 'unresolved'],
  ] as const)('a cheap judge that never gives a verdict (when %s, silent: %j): %s', async (when, silent, want) => {
    // The silent judges answer sample 3 with prose every time (after their re-asks too); everything else as before.
    const quiet: readonly string[] = silent;
    server = await startFakeAnthropic({ respond: (req) => (quiet.includes(req.model) && sampleOf(req) === '3' ? { text: 'I would rather not grade this.', inputTokens: 800, outputTokens: 10 } : respond(req)) });
    const { dir, spec, cache } = setup(when);
    const env = { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: server.url, HAIKUBENCH_CACHE_DIR: cache };
    // A wide $COLUMNS keeps each sentence on one line (the layout at terminal widths: terminal.test.ts).
    const res = await runCli(['run', spec, '--out', join(dir, 'a'), '--quiet'], { env: { ...env, COLUMNS: '1000' } });
    // 1 judge error in 4 items is past the default max_error_rate (0.1): the run counts as incomplete.
    expect(res.code, res.stderr).toBe(want === 'escalated' ? 0 : 3);
    const rec = readJsonl<Rec & { error?: { kind: string; message: string; escalation?: unknown } }>(join(dir, 'a', 'records.jsonl')).find((r) => r.sampleId === 's3');
    const asked = server.calls.map((c) => c.body as AnthropicRequest).filter((b) => sampleOf(b) === '3');
    const cheapTries = asked.filter((b) => b.model === CHEAP).length;
    expect(cheapTries).toBeGreaterThan(1); // re-asked before giving up
    if (want === 'escalated') {
      expect(rec?.status).toBe('ok');
      expect(rec?.pass).toBe(true); // Sonnet's 10
      const j = rec?.scores[0]?.judge;
      expect(j?.model).toBe(`anthropic:${BIG}`);
      expect(j?.cascade).toMatchObject({ escalated: true, reasons: ['error'], cheap: { model: `anthropic:${CHEAP}`, verdict: null, pass: null } });
      expect(j?.cascade.cheap?.calls.attempts).toBe(cheapTries);
      expect(j?.calls.attempts).toBe(cheapTries + 1);
      const s = (JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8')) as { models: { errors: number; judge: { cascade: { escalated: number; compared: number; reasons: Record<string, number> }[] } }[] }).models[0];
      expect(s?.errors).toBe(0);
      expect(s?.judge.cascade[0]).toMatchObject({ escalated: 3, compared: 2, reasons: { near: 2, error: 1 } });
    } else {
      expect(rec?.status).toBe('error');
      expect(rec?.error?.kind).toBe('judge');
      const s = (JSON.parse(readFileSync(join(dir, 'a', 'summary.json'), 'utf8')) as { models: { judge: { errors: number; cascade: Record<string, unknown>[] } }[] }).models[0]?.judge;
      expect(s?.errors).toBe(1);
      if (want === 'judge error') {
        expect(asked.filter((b) => b.model === BIG)).toHaveLength(0);
        expect(s?.cascade[0]).toMatchObject({ escalated: 2, unresolved: 0 });
      } else {
        // Both judges were asked and both failed: a judge error, counted with the cascade it escalated in.
        expect(asked.filter((b) => b.model === BIG).length).toBeGreaterThan(0);
        expect(rec?.error?.escalation).toMatchObject({ scorer: 'rubric', escalateTo: `anthropic:${BIG}`, reasons: ['error'] });
        expect(s?.cascade[0]).toMatchObject({ items: 4, escalated: 3, unresolved: 1, compared: 2, reasons: { near: 2, error: 1 } });
        expect(res.stdout).toContain('1 escalated item(s) got no verdict from either judge (judge errors)');
      }
    }
  });
});
