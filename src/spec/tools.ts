import { dirname, isAbsolute, resolve } from 'node:path';
import type { EvalSpecInput } from './input.js';
import type { ToolResults, ToolsSpec } from './types.js';

// spec `tools`, `tool_choice`, `tool_loop` → ToolsSpec, with the checks the schema cannot express.

const DEFAULT_MAX_STEPS = 8;
const DEFAULT_TOOL_TIMEOUT_MS = 10_000;

function results(r: NonNullable<EvalSpecInput['tool_loop']>['results'], dir: string): ToolResults {
  if (r.dataset !== undefined) return { kind: 'dataset', field: r.dataset };
  if (r.module !== undefined) return { kind: 'module', path: resolve(dir, r.module) };
  const argv = [...(r.command ?? [])];
  // A relative script path is the spec's: "tools/x.js" next to the spec, whatever the working directory.
  return { kind: 'command', argv: argv.map((a, i) => (i > 0 && !isAbsolute(a) && /[\\/]/.test(a) ? resolve(dir, a) : a)), cwd: dir };
}

export function resolveTools(input: EvalSpecInput, file: string, issues: string[]): ToolsSpec | undefined {
  const tools = input.tools;
  if (tools === undefined) {
    if (input.tool_choice !== undefined) issues.push(`${file}#/tool_choice: there are no tools; add "tools:" or remove tool_choice`);
    if (input.tool_loop !== undefined) issues.push(`${file}#/tool_loop: there are no tools; add "tools:" or remove tool_loop`);
    return undefined;
  }
  const names = tools.map((t) => t.name);
  names.forEach((n, i) => { if (names.indexOf(n) !== i) issues.push(`${file}#/tools/${i}/name: tool "${n}" is declared twice`); });
  tools.forEach((t, i) => { if (t.input_schema['type'] !== undefined && t.input_schema['type'] !== 'object') issues.push(`${file}#/tools/${i}/input_schema/type: a tool's input is an object; use type: object`); });
  const choice = input.tool_choice;
  if (typeof choice === 'object' && !names.includes(choice.name)) issues.push(`${file}#/tool_choice/name: no tool named "${choice.name}" (tools: ${names.join(', ')})`);
  const loop = input.tool_loop;
  return {
    definitions: tools.map((t) => ({ name: t.name, ...(t.description !== undefined && { description: t.description }), inputSchema: t.input_schema })),
    ...(choice !== undefined && { choice: typeof choice === 'string' ? { type: choice } : { type: 'tool' as const, name: choice.name } }),
    ...(loop !== undefined && {
      loop: { maxSteps: loop.max_steps ?? DEFAULT_MAX_STEPS, timeoutMs: loop.timeout_ms ?? DEFAULT_TOOL_TIMEOUT_MS, results: results(loop.results, dirname(resolve(file))) },
    }),
  };
}
