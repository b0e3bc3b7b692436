import { setFlagsFromString } from 'node:v8';

// Imported first by cli/main.ts, so it runs before anything else is loaded. V8 lets the old generation
// grow to up to 4x the live heap before a full collection; under a run's steady allocation that is
// where most of a run's peak memory went (100,000 items: ~240 MB peak RSS with a ~30 MB live heap).
// Capping the growth at 1.2x keeps the peak down at no measurable cost in speed (bench/memory.sh,
// docs/performance.md), however the CLI is started (the bin, `node dist/cli/main.js`, npx), since it
// needs no command-line flag. A --heap-growing-percent given by the user (NODE_OPTIONS or a node flag)
// is left as it is.

const GROWING_PERCENT = 20;

const given = [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((a) => a.includes('heap-growing-percent'));
if (!given) setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
