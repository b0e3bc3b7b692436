import { describe, expect, it } from 'vitest';
import { circuitBreaker, CONNECTION_STREAK_MS } from '../../../src/runner/breaker.js';
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

  it.each<readonly [string, readonly string[]]>([
    ['a request id in each message', ['HTTP 401 authentication_error: invalid x-api-key (request req_01FAKE000017)', 'HTTP 401 authentication_error: invalid x-api-key (request req_01FAKE000018)', 'HTTP 401 authentication_error: invalid x-api-key (request req_01FAKE000031)']],
    ['a uuid in each message', ['HTTP 403 permission_error: key 1b4e28ba-2fa1-11d2-883f-0016d3cca427 may not use this model', 'HTTP 403 permission_error: key 6fa459ea-ee8a-3ca4-894e-db77e160355e may not use this model', 'HTTP 403 permission_error: key 16fd2706-8baf-433b-82eb-8c7fada847da may not use this model']],
    ['a hex trace id and counts', ['HTTP 400 invalid_request_error: prompt is 210344 tokens, over 200000 (trace 9f86d081884c7d65)', 'HTTP 400 invalid_request_error: prompt is 210977 tokens, over 200000 (trace 2c26b46b68ffc68f)', 'HTTP 400 invalid_request_error: prompt is 205001 tokens, over 200000 (trace fcde2b2edba56bf4)']],
  ])('errors that differ only by ids and numbers count as the same: %s', (_name, messages) => {
    const b = circuitBreaker(3);
    const kind = messages[0]?.includes('HTTP 400') === true ? 'bad_request' : 'auth';
    const seen = messages.map((m) => b.observe(rec('m', kind, m)));
    expect(seen.slice(0, 2)).toEqual([undefined, undefined]);
    expect(seen[2]).toContain('m: the same error 3 times in a row');
  });

  it('a different HTTP status is a different error, whatever the message', () => {
    const b = circuitBreaker(2);
    expect(b.observe(rec('m', 'auth', 'HTTP 401 authentication_error: denied'))).toBeUndefined();
    expect(b.observe(rec('m', 'auth', 'HTTP 403 authentication_error: denied'))).toBeUndefined();
  });

  it.each<readonly [string, readonly RunRecord[]]>([
    ['a success in between resets the streak', [rec('m', 'auth'), rec('m'), rec('m', 'auth'), rec('m', 'auth')]],
    ['a different message starts a new streak', [rec('m', 'auth', 'a'), rec('m', 'auth', 'b'), rec('m', 'auth', 'a')]],
    ['transient kinds never trip it (they were retried already)', [rec('m', 'rate_limit'), rec('m', 'overloaded'), rec('m', 'timeout'), rec('m', 'server')]],
  ])('%s', (_name, records) => {
    const b = circuitBreaker(3);
    expect(records.map((r) => b.observe(r)).every((x) => x === undefined)).toBe(true);
  });

  describe('an endpoint that cannot be reached (connection errors, each after its retry window)', () => {
    const conn = (model: string, message = 'connection failed (EAI_AGAIN): getaddrinfo EAI_AGAIN api.example.com') => rec(model, 'connection', message);
    function clocked() {
      let t = 1_000_000;
      return { now: () => t, advance: (ms: number) => { t += ms; } };
    }

    it('trips once `threshold` of them came in a row and the streak has lasted a minute', () => {
      const clock = clocked();
      const b = circuitBreaker(3, clock.now);
      expect([conn('m'), conn('m'), conn('m'), conn('m')].map((r) => b.observe(r))).toEqual([undefined, undefined, undefined, undefined]);
      clock.advance(CONNECTION_STREAK_MS - 1);
      expect(b.observe(conn('m'))).toBeUndefined();
      clock.advance(1);
      expect(b.observe(conn('m'))).toMatch(/^m: 6 items in a row could not reach the endpoint over 60 s, .*check base_url and the network, then resume the run$/);
    });

    it('counts connection errors with different messages together (refused, reset, DNS)', () => {
      const clock = clocked();
      const b = circuitBreaker(3, clock.now);
      b.observe(conn('m', 'connection failed (ECONNREFUSED): connect ECONNREFUSED 10.0.0.1:443'));
      b.observe(conn('m', 'connection lost mid-response (ECONNRESET): terminated'));
      clock.advance(CONNECTION_STREAK_MS);
      expect(b.observe(conn('m'))).toContain('m: 3 items in a row could not reach the endpoint');
    });

    it.each<readonly [string, readonly RunRecord[]]>([
      ['a success in between starts the streak again', [conn('m'), conn('m'), rec('m'), conn('m'), conn('m')]],
      ['another kind of error in between starts it again', [conn('m'), conn('m'), rec('m', 'timeout'), conn('m'), conn('m')]],
      ["another model's errors are its own streak", [conn('a'), conn('b'), conn('a'), conn('b')]],
    ])('%s', (_name, records) => {
      const clock = clocked();
      const b = circuitBreaker(3, clock.now);
      const seen = records.map((r) => { clock.advance(CONNECTION_STREAK_MS); return b.observe(r); });
      expect(seen.every((x) => x === undefined)).toBe(true);
    });

    it('with the default budget, an endpoint that never answered stops the run after 3 items, each a minute of retries', () => {
      const clock = clocked();
      const b = circuitBreaker(20, clock.now, { firstContact: true });
      expect([conn('m'), conn('m')].map((r) => b.observe(r))).toEqual([undefined, undefined]);
      expect(b.observe(conn('m'))).toMatch(/^m: the endpoint has not answered once: 3 items could not reach it, each after retrying for a minute \(connection failed .*\); check base_url, the network and that the server is running, then resume the run \(for a server that takes longer to start, set run.connection_retry_ms\)$/);
    });

    it.each<readonly [string, RunRecord]>([
      ['a success', rec('m')],
      ['an error the endpoint sent (a 500 retried out)', rec('m', 'server')],
      ['a scorer error on an answer', rec('m', 'scorer')],
    ])('once the endpoint answered (%s), it is the one-minute streak of 20 again', (_name, answered) => {
      const clock = clocked();
      const b = circuitBreaker(20, clock.now, { firstContact: true });
      b.observe(answered);
      const seen = Array.from({ length: 19 }, () => { clock.advance(CONNECTION_STREAK_MS); return b.observe(conn('m')); });
      expect(seen.every((x) => x === undefined)).toBe(true);
      expect(b.observe(conn('m'))).toContain('m: 20 items in a row could not reach the endpoint');
    });

    it('a time-out says nothing of reachability: it does not count as an answer', () => {
      const b = circuitBreaker(20, clocked().now, { firstContact: true });
      b.observe(rec('m', 'timeout'));
      expect([conn('m'), conn('m'), conn('m')].map((r) => b.observe(r)).at(-1)).toContain('has not answered once');
    });

    it('without firstContact (connection_retry_ms set), 3 never-answered items do not stop the run', () => {
      const b = circuitBreaker(20, clocked().now);
      expect([conn('m'), conn('m'), conn('m'), conn('m')].map((r) => b.observe(r))).toEqual([undefined, undefined, undefined, undefined]);
    });

    it('many in a row within a few seconds (a short outage under a short retry window) do not stop the run', () => {
      const clock = clocked();
      const b = circuitBreaker(20, clock.now);
      const seen = Array.from({ length: 100 }, () => { clock.advance(60); return b.observe(conn('m')); });
      expect(seen.every((x) => x === undefined)).toBe(true);
    });
  });
});
