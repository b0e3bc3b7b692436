import type { CommandModule } from 'yargs';
import { makeDir } from '../../util/make-dir.js';

interface SchemasArgs { readonly write?: string | undefined }

export const schemasCommand: CommandModule<object, SchemasArgs> = {
  command: 'schemas',
  describe: 'Print (or write) the JSON Schemas of the eval spec, records.jsonl lines and summary.json',
  builder: (y) => y.option('write', { type: 'string', describe: 'Directory to write the .schema.json files into' }) as never,
  handler: async (args) => {
    const { allSchemas } = await import('../schemas.js');
    const files = allSchemas();
    if (args.write === undefined) {
      process.stdout.write(`${JSON.stringify(files, null, 2)}\n`);
      return;
    }
    const { mkdir, writeFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    await makeDir(args.write);
    for (const [name, schema] of Object.entries(files)) {
      await writeFile(join(args.write, name), `${JSON.stringify(schema, null, 2)}\n`);
      process.stdout.write(`wrote ${join(args.write, name)}\n`);
    }
  },
};
