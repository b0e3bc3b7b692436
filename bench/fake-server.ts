// The fake Messages API as a separate process for the benchmarks, so that its CPU does not compete
// with the harness on the same event loop. Prints its URL on the first line; exits on SIGTERM or
// after --max-seconds (default 600), and answers "Say X" with X after --latency ms.
//
//   npx tsx bench/fake-server.ts [latencyMs=0] [maxSeconds=600]
import { startFakeAnthropic, lastUserText } from '../test/support/fake-anthropic.js';

const latency = Number(process.argv[2] ?? 0);
const maxSeconds = Number(process.argv[3] ?? 600);
const server = await startFakeAnthropic({
  respond: (req) => ({ text: lastUserText(req.messages).replace(/^Say /, ''), ...(latency > 0 && { delayMs: latency }) }),
});
process.stdout.write(`${server.url}\n`);
const stop = () => { void server.close().then(() => process.exit(0)); };
process.on('SIGTERM', stop);
setTimeout(stop, maxSeconds * 1000).unref();
