import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, tempDir, writeFiles } from '../../support/cli.js';

// The plug-in types are the library's public API: the bundled example plug-ins compile against them
// with tsc --strict, the way a user's project imports them ('haikubench'), and a scorer returning the
// wrong shape does not.

const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');

describe('plug-in types', () => {
  it('type the example plug-ins, and refuse a scorer that returns the wrong shape', async () => {
    const dir = tempDir();
    writeFiles(dir, {
      'bad.ts': [
        "import type { ScorerPlugin, ProviderPlugin } from 'haikubench';",
        "export const score: ScorerPlugin = () => ({ score: 'high' });",
        "export const provider: ProviderPlugin = { complete: async () => ({ text: 1 }) };",
      ].join('\n'),
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2023', lib: ['ES2023'],
          types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], skipLibCheck: true,
          paths: { haikubench: [join(ROOT, 'src/index.ts')] },
        },
        files: [join(ROOT, 'evals/examples/plugins/scorers/queue.ts'), join(ROOT, 'evals/examples/plugins/providers/echo-agent.ts'), join(dir, 'bad.ts')],
      }),
    });
    const out = await new Promise<string>((done) => {
      execFile(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { maxBuffer: 16 * 1024 * 1024 }, (_err, stdout, stderr) => done(stdout + stderr));
    });
    const errors = out.split('\n').filter((l) => /error TS\d+/.test(l));
    expect(errors.filter((l) => !l.includes('bad.ts'))).toEqual([]);
    expect(errors.some((l) => l.includes('bad.ts(2,'))).toBe(true);
    expect(errors.some((l) => l.includes('bad.ts(3,'))).toBe(true);
  }, 300_000);
});
