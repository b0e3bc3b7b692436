import { HarnessError, InputError } from '../errors.js';
import { prepareEval, createProviders } from '../eval/prepare.js';
import { overridesFromArgs } from './overrides.js';
import type { OverrideArgs } from './options.js';
import type { CliIO } from './run.js';
import { expandGlobs } from '../util/globs.js';

/** Validation needs no key: a missing one is a note (run will refuse), a malformed one an error. */
function missingKey(build: () => unknown): string | undefined {
  try {
    build();
    return undefined;
  } catch (err) {
    if (err instanceof InputError && err.code === 'provider.no_key') return `${err.title.replace(/^[^:]*: /, '')} run needs it, or --simulate.`;
    throw err;
  }
}

/** Validate every spec (all problems of all specs, not just the first); exit 2 if any is bad. */
export async function validateFromCli(args: OverrideArgs & { readonly spec: readonly string[] }, io: CliIO): Promise<number> {
  const { overrides } = overridesFromArgs(args, io.env);
  let bad = 0;
  for (const file of expandGlobs(args.spec, { cwd: io.cwd, what: 'spec files' })) {
    try {
      const p = await prepareEval(file, { cwd: io.cwd, overrides, path: io.env['PATH'] });
      const models = p.spec.models.map((m) => m.id).join(', ');
      io.out.write(`ok   ${p.specPath}: ${p.samples.length} samples from ${p.datasetPath}, models ${models}, ${p.scorers.length} scorer(s)\n`);
      for (const w of p.warnings) io.out.write(`     warning: ${w}\n`);
      const keyNote = missingKey(() => createProviders([p], io.env));
      if (keyNote !== undefined) io.out.write(`     note: ${keyNote}\n`);
    } catch (err) {
      if (!(err instanceof HarnessError) || err.exitCode !== 2) throw err;
      bad += 1;
      io.err.write(`FAIL ${err.message}\n`);
    }
  }
  return bad > 0 ? 2 : 0;
}
