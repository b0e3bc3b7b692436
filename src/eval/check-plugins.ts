import type { EvalSpec } from '../spec/types.js';
import { checkPluginScorers } from '../scoring/plugin/index.js';
import { checkModuleProvider } from '../providers/module.js';
import { checkExecProvider } from '../providers/exec.js';

// The checks of a spec's plug-ins that load or look something up, before any call: each module
// scorer and module: model is loaded (in its worker, which the run then uses) and must export what
// its role calls; each exec command's program must be on PATH. "file#/pointer: message" each. A
// plug-in judge (module: or exec: as a judge model) is checked too, named by its id.

export async function checkPlugins(spec: EvalSpec, file: string, path: string | undefined): Promise<string[]> {
  const judges = spec.judges.filter((j) => !spec.models.some((m) => m.id === j.id));
  const all = [...spec.models.map((m, i) => ({ m, where: `${file}#/models/${i}` })), ...judges.map((m) => ({ m, where: `${file}: the judge ${m.id}` }))];
  const models = await Promise.all(all.map(async ({ m, where }) => {
    if (m.provider === 'exec') return checkExecProvider(m, path).map((p) => `${where}: ${p}`);
    if (m.provider !== 'module') return [];
    const problem = await checkModuleProvider(m);
    return problem === undefined ? [] : [`${where}: ${problem}`];
  }));
  return [...await checkPluginScorers(spec.scorers, file, { path }), ...models.flat()];
}
