// The fake Messages API as a separate process for the benchmarks, so that its CPU does not compete
// with the harness on the same event loop. Prints its URL on the first line; exits on SIGTERM or
// after --max-seconds (default 600), and answers "Say X" with X after --latency ms.
// An optional third argument shapes the server's misbehaviour:
//   random429  about 5% of calls get 429 (retry-after 1 s) and 2% get 529, decided per call index
//   window     a real limit: 50 requests per 2-second window, with anthropic-ratelimit-* headers
//
//   npx tsx bench/fake-server.ts [latencyMs=0] [maxSeconds=600] [random429|window]
import { startFakeAnthropic, lastUserText, faultEvery, type Fault, type FaultFn } from '../test/support/fake-anthropic.js';

const latency = Number(process.argv[2] ?? 0);
const maxSeconds = Number(process.argv[3] ?? 600);
const mode = process.argv[4];

const RATE_LIMITED: Fault = { kind: 'http', status: 429, errorType: 'rate_limit_error', retryAfterSec: 1 };
const OVERLOADED: Fault = { kind: 'http', status: 529, errorType: 'overloaded_error' };
/** 7% of calls faulty, 5 in 7 of them a 429: 5% 429 and 2% 529. */
const random429: FaultFn = faultEvery(0.07, 11, [RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, RATE_LIMITED, OVERLOADED, OVERLOADED]);

const server = await startFakeAnthropic({
  respond: (req) => ({ text: lastUserText(req.messages).replace(/^Say /, ''), ...(latency > 0 && { delayMs: latency }) }),
  ...(mode === 'random429' && { fault: random429 }),
  ...(mode === 'window' && { requestLimit: { perWindow: 50, windowMs: 2000 } }),
});
process.stdout.write(`${server.url}\n`);
// On SIGUSR2 the server prints how its calls were answered (status → count) as one JSON line.
process.on('SIGUSR2', () => {
  const byStatus: Record<string, number> = {};
  for (const c of server.calls) byStatus[String(c.status)] = (byStatus[String(c.status)] ?? 0) + 1;
  process.stdout.write(`${JSON.stringify(byStatus)}\n`);
});
const stop = () => { void server.close().then(() => process.exit(0)); };
process.on('SIGTERM', stop);
setTimeout(stop, maxSeconds * 1000).unref();
