import { describe, expect, it } from 'vitest';
import { circuitBreaker } from '../../../src/runner/breaker.js';
import type { FailureKind, RunRecord } from '../../../src/types.js';

const rec = (model: string, kind?: FailureKind, message = 'HTTP 400 invalid_request_error: bad'): RunRecord => ({
  runId: 'r', evalId: 'e', sampleId: 's', model, simulated: false, epoch: 1, status: kind === undefined ? 'ok' : 'error', output: '',
  scores: [], latencyMs: null, usage: null, costUsd: null, stopReason: null, attempts: 1, retries: [], cached: false,
  startedAt: '2026-11-24T00:00:00.000Z', durationMs: 1, metadata: {}, ...(kind !== undefined && { error: { kind, message, stage: 'provider' as const } }),
});

describe('circuitBreaker', () => {
  it('trips on the threshold-th identical deterministic error in a row from one model', () => {
    const b = circuitBreaker(3);
    expect(b.observe(rec('m', 'bad_request'))).toBeUndefined();
    expect(b.observe(rec('m', 'bad_request'))).toBeUndefined();
    expect(b.observe(rec('m', 'bad_request'))).toBe('m: the same error 3 times in a row (bad_request: HTTP 400 invalid_request_error: bad); fix it and resume the run');
  });

  it('keeps a streak per model: another model\'s records neither reset nor extend it', () => {
    const b = circuitBreaker(3);
    expect([rec('a', 'auth'), rec('a', 'auth'), rec('b'), rec('b', 'auth')].map((r) => b.observe(r))).toEqual([undefined, undefined, undefined, undefined]);
    expect(b.observe(rec('a', 'auth'))).toContain('a: the same error 3 times in a row');
  });

  it.each<readonly [string, readonly RunRecord[]]>([
    ['a success in between resets the streak', [rec('m', 'auth'), rec('m'), rec('m', 'auth'), rec('m', 'auth')]],
    ['a different message starts a new streak', [rec('m', 'auth', 'a'), rec('m', 'auth', 'b'), rec('m', 'auth', 'a')]],
    ['transient kinds never trip it (they were retried already)', [rec('m', 'rate_limit'), rec('m', 'overloaded'), rec('m', 'timeout'), rec('m', 'server')]],
  ])('%s', (_name, records) => {
    const b = circuitBreaker(3);
    expect(records.map((r) => b.observe(r)).every((x) => x === undefined)).toBe(true);
  });
});
