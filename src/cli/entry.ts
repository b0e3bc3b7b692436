#!/usr/bin/env node
// The CLI's entry module. The build bundles it, with what it imports, into dist/cli/main.js, the bin
// (cli/build-bundle.ts says why). A plain shebang: `env -S` (to pass V8 flags) is not understood by
// every `env` (BusyBox), and a bin must start under npx and a global install everywhere; V8's heap
// growth is capped from inside (heap.ts).
import './heap.js'; // first: evaluated before any dependency (in the bundle, only small chunks of ours come before it)
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { listCommand } from './commands/list.js';
import { schemasCommand } from './commands/schemas.js';
import { cacheCommand } from './commands/cache.js';
import { mergeCommand } from './commands/merge.js';
import { compareCommand } from './commands/compare.js';
import { planSizeCommand } from './commands/plan-size.js';
import { baselineCommand } from './commands/baseline.js';
import { routeCommand } from './commands/route.js';
import { calibrateCommand } from './commands/calibrate.js';
import { cleanCommand } from './commands/clean.js';
import { reportCommand } from './commands/report.js';
import { viewCommand } from './commands/view.js';
import { harnessVersion } from './version.js';

// Exit codes: 0 gates passed, 1 a gate failed, 2 usage/spec/data error (nothing sent),
// 3 the run could not complete.

function report(err: unknown): number {
  if (err !== null && typeof err === 'object' && 'exitCode' in err && typeof err.exitCode === 'number' && err instanceof Error) {
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  process.stderr.write(`haikubench: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return 3;
}

// A reader that closes the pipe early (`haikubench schemas | head -1`) is not an error: stop quietly.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

// yargs renders the command's whole help text when a command starts, and caches it to show if the
// command fails later. Our failures never show it (see .fail below), and rendering it took ~100 ms
// of CPU for run's many flags when lines were wrapped, ~20 ms unwrapped, before the first call of
// every run. So without --help lines are not wrapped and the render is skipped: the cache step is
// replaced on yargs's usage object, when this yargs has one (it is not part of yargs's typed API).
const args = hideBin(process.argv);
const asksForHelp = args.some((a) => a === '--help' || a === '-h' || a === 'help');

interface YargsUsage { cacheHelpMessage?: unknown }
function skipHelpCache(cli: object): void {
  const internal = (cli as { getInternalMethods?: () => { getUsageInstance?: () => YargsUsage | undefined } }).getInternalMethods?.();
  const usage = internal?.getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

const cli = yargs(args);
if (!asksForHelp) skipHelpCache(cli);

try {
  await cli
    .scriptName('haikubench')
    .version(harnessVersion())
    .option('color', { type: 'boolean', global: true, describe: 'Colour and redrawn progress lines on or off (default: on for a terminal; NO_COLOR and FORCE_COLOR are honoured)' })
    .command(runCommand)
    .command(validateCommand)
    .command(listCommand)
    .command(schemasCommand)
    .command(compareCommand)
    .command(planSizeCommand)
    .command(baselineCommand)
    .command(routeCommand)
    .command(calibrateCommand)
    .command(mergeCommand)
    .command(cacheCommand)
    .command(cleanCommand)
    .command(reportCommand)
    .command(viewCommand)
    .demandCommand(1, 'Name a command: run, validate, compare, baseline, plan-size, route, calibrate, merge, report, view, list, cache, clean or schemas (see --help).')
    .strict()
    .recommendCommands()
    .fail((msg, err) => {
      if (err) throw err;
      process.stderr.write(`${msg}\nRun "haikubench --help" for usage.\n`);
      process.exit(2);
    })
    .wrap(asksForHelp ? Math.min(110, process.stdout.columns ?? 100) : null)
    .parseAsync();
} catch (err) {
  process.exitCode = report(err);
}
