import { describe, expect, it } from 'vitest';
import { addToProgress, renderProgress, type ProgressState } from '../../../src/report/render/progress.js';
import { terminalReporter } from '../../../src/report/terminal.js';
import type { RunRecord } from '../../../src/types.js';

const base: ProgressState = { evalId: 'support', done: 0, total: 200, elapsedMs: 0, errorsByKind: {}, costUsd: 0 };

const rec = (over: Partial<RunRecord> = {}): RunRecord => ({
  runId: 'r', evalId: 'e', sampleId: 's', model: 'm', simulated: false, epoch: 1, status: 'ok', output: 'x', pass: true, score: 1,
  scores: [], latencyMs: 5, usage: { inputTokens: 1, outputTokens: 1, thinkingTokens: 0 }, costUsd: 0.001, stopReason: 'end_turn',
  attempts: 1, retries: [], cached: false, startedAt: '2026-11-24T00:00:00.000Z', durationMs: 5, metadata: {}, ...over,
});

describe('renderProgress', () => {
  it.each<readonly [string, ProgressState, string]>([
    ['start', base, 'support: 0/200 (0%), 0.0/s, 0 errors, spent $0'],
    // 50 done in 10 s = 5/s; 150 left → 30 s
    ['mid-run with rate and ETA', { ...base, done: 50, elapsedMs: 10_000, costUsd: 0.125 }, 'support: 50/200 (25%), 5.0/s, ETA 30 s, 0 errors, spent $0.125'],
    // 20 done in 60 s; 180 left at 1/3 per s = 540 s = 9 min
    ['minutes', { ...base, done: 20, elapsedMs: 60_000 }, 'support: 20/200 (10%), 0.3/s, ETA 9 min, 0 errors, spent $0'],
    ['errors by kind, unknown cost', { ...base, done: 200, elapsedMs: 4_000, errorsByKind: { rate_limit: 2, timeout: 1 }, costUsd: null }, 'support: 200/200 (100%), 50.0/s, errors: rate_limit 2, timeout 1, spent unknown'],
  ])('%s', (_name, state, line) => {
    expect(renderProgress(state)).toBe(line);
  });
});

describe('addToProgress', () => {
  it('counts errors by kind and sums known costs', () => {
    let s = addToProgress(base, rec({ costUsd: 0.002 }), 1, 10);
    s = addToProgress(s, rec({ status: 'error', usage: null, costUsd: null, error: { kind: 'rate_limit', message: 'x', stage: 'provider' } }), 2, 20);
    expect(s).toMatchObject({ done: 2, elapsedMs: 20, errorsByKind: { rate_limit: 1 }, costUsd: 0.002 });
  });

  it('turns the cost unknown once a billed call has no price (never a partial sum)', () => {
    expect(addToProgress(base, rec({ costUsd: null }), 1, 1).costUsd).toBeNull();
  });

  const judge = (spentUsd: number | null, costUsd: number | null = spentUsd) => ({ attempts: 2, answers: 2, usage: { inputTokens: 10, outputTokens: 2, thinkingTokens: 0 }, costUsd, spentUsd });
  it.each([
    // record → spent
    ['the model\'s call and its judges\' spend', rec({ costUsd: 0.002, judge: judge(0.01) }), 0.012],
    ['a cached answer judged afresh: the judges only', rec({ costUsd: 0.002, cached: true, judge: judge(0.01) }), 0.01],
    ['judge answers from the cache: spent 0 on them', rec({ costUsd: 0.002, judge: judge(0, 0.01) }), 0.002],
    ['a judge with no known price', rec({ costUsd: 0.002, judge: judge(null) }), null],
  ])('counts %s', (_what, r, want) => {
    const got = addToProgress(base, r, 1, 1).costUsd;
    if (want === null) expect(got).toBeNull();
    else expect(got).toBeCloseTo(want, 10);
  });
});

describe('terminalReporter', () => {
  const sink = () => {
    const lines: string[] = [];
    return { lines, out: { write: (s: string) => lines.push(s) } };
  };

  it('in CI (not live) writes a plain line per 10% and the summary to stdout', () => {
    const err = sink();
    const r = terminalReporter({ out: { write: () => true }, err: err.out, live: false, now: () => 0 });
    r.onRunStart('e', 20);
    for (let i = 1; i <= 20; i++) r.onRecord(rec(), { done: i, total: 20, errors: 0 });
    expect(err.lines[0]).toBe('e: running 20 item(s)\n');
    // the first finished item, then 10%, 20%, …, 100% (2 items per step)
    expect(err.lines.slice(1).map((l) => l.split(' ')[1])).toEqual(['1/20', '2/20', '4/20', '6/20', '8/20', '10/20', '12/20', '14/20', '16/20', '18/20', '20/20']);
    expect(err.lines.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
  });

  it('on a terminal redraws one line in place, at most every 100 ms, always the last one', () => {
    const err = sink();
    let t = 0;
    const r = terminalReporter({ out: { write: () => true }, err: err.out, live: true, now: () => t });
    r.onRunStart('e', 5);
    for (let i = 1; i <= 5; i++) {
      t += 30;
      r.onRecord(rec(), { done: i, total: 5, errors: 0 });
    }
    // log-update draws the frames: the first as it is, each next one erasing the line it replaces.
    const draws = err.lines.slice(1);
    expect(draws).toHaveLength(2); // at 120 ms (first past 100 ms) and the final 5/5
    expect(draws[0]).toContain('e: 4/5 (80%)');
    expect(draws[1]).toContain('\x1b[2K');
    expect(draws[1]).toContain('e: 5/5 (100%)');
    const text = (l: string) => l.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
    for (const l of draws) expect(text(l).split('\n').filter((x) => x !== '')).toHaveLength(1);
  });

  it('the redrawn line is cut to the terminal\'s width, so it never wraps', () => {
    const err = sink();
    let t = 0;
    const r = terminalReporter({ out: { write: () => true }, err: { ...err.out, isTTY: true, columns: 30 }, live: true, now: () => t });
    r.onRunStart('a-rather-long-eval-name', 5);
    t += 200;
    r.onRecord(rec(), { done: 5, total: 5, errors: 0 });
    const drawn = (err.lines.at(-1) ?? '').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1bP[^\x1b]*\x1b\\/g, '').trim();
    expect([...drawn].length).toBeLessThanOrEqual(29);
    expect(drawn.endsWith('…')).toBe(true);
  });

  it('says nothing with quiet', () => {
    const err = sink();
    const r = terminalReporter({ out: { write: () => true }, err: err.out, quiet: true, live: true });
    r.onRunStart('e', 1);
    r.onRecord(rec(), { done: 1, total: 1, errors: 0 });
    expect(err.lines).toEqual([]);
  });
});

describe('renderProgress at the end of a run', () => {
  it('shows no ETA once the run has ended, even when it stopped early', () => {
    expect(renderProgress({ ...base, done: 50, elapsedMs: 10_000 }, true)).toBe('support: 50/200 (25%), 5.0/s, 0 errors, spent $0');
  });
});
