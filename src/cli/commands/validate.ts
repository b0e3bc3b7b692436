import type { CommandModule } from 'yargs';
import { specOverrideOptions, type OverrideArgs } from '../options.js';
import { cliIO } from '../io.js';

interface ValidateArgs extends OverrideArgs {
  readonly spec: readonly string[];
}

export const validateCommand: CommandModule<object, ValidateArgs> = {
  command: 'validate <spec..>',
  describe: 'Check specs and their datasets (schema, fields, every {{placeholder}}, keys) without calling any model',
  builder: (y) => y.positional('spec', { type: 'string', array: true, demandOption: true }).options(specOverrideOptions) as never,
  handler: async (args) => {
    const { validateFromCli } = await import('../validate.js');
    process.exitCode = await validateFromCli(args, cliIO({ graceful: false }));
  },
};
