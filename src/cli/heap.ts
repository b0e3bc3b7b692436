import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

// Imported first by cli/entry.ts, so it runs before any dependency is loaded (the build keeps it a
// module of its own beside the bundle, dist/cli/main.js, for that; test/unit/cli/bundle.test.ts
// checks that only node: modules and small chunks of ours come before it). Two limits on V8's heap,
// set from inside the process, so they hold however the CLI is started (the bin, `node
// dist/cli/main.js`, npx) with no command-line flag (bench/memory.sh, docs/performance.md):
//
// - The old generation: V8 lets it grow to up to 4x the live heap before a full collection; under a
//   run's steady allocation that is where most of a run's peak memory went (100,000 items: ~240 MB
//   peak RSS with a ~30 MB live heap). Capped at 1.2x, at no measurable cost in speed.
// - The young generation: V8 doubles it (1, 2, 4, 8, 16 MB a semi-space) while many objects survive a
//   scavenge, which a run's start-up (module loading, the spec's schema) makes them do; at 16 MB its
//   two semi-spaces hold ~32 MB of RSS for the whole run. Its growth is stopped once it reaches 8 MB a
//   semi-space: ~20 MB less peak RSS at 100,000 items at no cost in CPU (at 4 MB a semi-space the SDK
//   path took ~45% more CPU: more of its objects live through a scavenge). Only the growth factor
//   can be changed once V8 runs (not the maximum), so a timer that does not keep the process alive
//   looks at the young generation's size until then.
//
// And one limit on V8's compilers: undici's HTTP parser (llhttp, the SDK's transport and Node's own
// fetch) is WebAssembly. V8 compiles it first with its baseline compiler and, once the parser is hot,
// again with its optimizing one, on a background thread; that second compilation of llhttp's one big
// function takes ~30 MB of native memory for ~100 ms, the largest single spike of a run (a 50-item
// run: 150 MB peak with it, 116 MB without). The optimized parser saves no time we could measure
// (5,000 calls: the same wall and CPU), so WebAssembly stays on the baseline compiler (--liftoff-only).
//
// A --heap-growing-percent, semi-space, liftoff or wasm flag given by the user (NODE_OPTIONS or a
// node flag) is left as it is.

const GROWING_PERCENT = 20;
/** Both semi-spaces of the young generation, in bytes, when its growth stops. */
const YOUNG_BYTES = 16 * 1024 * 1024;
const YOUNG_POLL_MS = 10;

const given = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''];
if (!given.some((a) => a.includes('heap-growing-percent'))) setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);

if (!given.some((a) => a.includes('liftoff') || a.includes('wasm'))) setFlagsFromString('--liftoff-only');

const youngSize = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
if (!given.some((a) => a.includes('semi-space'))) {
  const poll = setInterval(() => {
    if (youngSize() < YOUNG_BYTES) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    clearInterval(poll);
  }, YOUNG_POLL_MS);
  poll.unref();
}
