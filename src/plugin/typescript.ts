import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// How a TypeScript plug-in module is loaded: through tsx (esbuild), registered inside the worker
// thread that loads the module. tsx and not TypeScript's own transpiler, because a module imports its
// neighbours ("./rules.js" meaning ./rules.ts) and tsx resolves and compiles every file of that graph,
// ESM or CommonJS, with no build step; Node 20 (the oldest Node haikubench supports) cannot strip
// types itself. tsx is looked up from haikubench's own install, then from the module's folder upwards
// (the user's project), so a project that has tsx works either way.

export interface Tsx {
  /** tsx's ESM and CommonJS register APIs (their `import` entries). */
  readonly esm: string;
  readonly cjs: string;
}

export const isTypeScript = (file: string) => /\.[mc]?tsx?$/i.test(file);

const here = dirname(fileURLToPath(import.meta.url));

/** tsx, from haikubench's install or from `near` (a folder of the user's); undefined when neither has it. */
export function findTsx(near: string): Tsx | undefined {
  for (const dir of [here, near]) {
    try {
      const root = dirname(createRequire(join(dir, 'noop.js')).resolve('tsx/package.json'));
      const tsx = { esm: join(root, 'dist/esm/api/index.mjs'), cjs: join(root, 'dist/cjs/api/index.mjs') };
      if (existsSync(tsx.esm) && existsSync(tsx.cjs)) return tsx;
    } catch {
      // Not installed there.
    }
  }
  return undefined;
}

/**
 * The worker's entry module: worker-main.js next to this file once built; worker-main.ts when
 * haikubench itself runs from source (its tests), which then needs tsx too.
 */
export function workerEntry(): string {
  const js = join(here, 'worker-main.js');
  return existsSync(js) ? js : join(here, 'worker-main.ts');
}
