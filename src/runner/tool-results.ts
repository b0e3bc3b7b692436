import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { Json, Sample, ToolCall } from '../types.js';
import type { ToolResults } from '../spec/types.js';

// What a tool answers in a tool loop: a result scripted in the dataset, the JSON a command prints,
// or what a JS module's default export returns. Commands and modules are bounded in time (a module
// runs in a worker thread, so even a busy loop is stopped); a tool that fails or runs past its time
// is an error result the model is told about, never a hung run.

export interface ToolAnswer {
  readonly result: Json;
  readonly isError: boolean;
}

export interface ToolRunner {
  /** `index`: the call's place among the item's calls (0-based); `ofName`: among its calls of this tool. */
  answer(call: ToolCall, at: { readonly index: number; readonly ofName: number }, signal: AbortSignal): Promise<ToolAnswer>;
}

const fail = (message: string): ToolAnswer => ({ result: { error: message }, isError: true });

function scripted(value: Json | undefined, call: ToolCall, at: { index: number; ofName: number }): ToolAnswer {
  if (Array.isArray(value)) {
    const v = value[at.index];
    return v === undefined ? fail(`no scripted result for call ${at.index + 1} (the dataset has ${value.length})`) : { result: v, isError: false };
  }
  if (value !== null && typeof value === 'object') {
    const own = (value as Readonly<Record<string, Json>>)[call.name];
    if (own === undefined) return fail(`no scripted result for tool ${call.name}`);
    if (!Array.isArray(own)) return { result: own, isError: false };
    const v = own[at.ofName];
    return v === undefined ? fail(`no scripted result for call ${at.ofName + 1} of ${call.name} (the dataset has ${own.length})`) : { result: v, isError: false };
  }
  return fail('the sample has no scripted tool results');
}

function parseResult(text: string): ToolAnswer {
  try {
    return { result: JSON.parse(text) as Json, isError: false };
  } catch {
    return fail(`the tool printed no JSON: ${text.slice(0, 200)}`);
  }
}

function runCommand(argv: readonly string[], cwd: string, input: string, timeoutMs: number, signal: AbortSignal): Promise<ToolAnswer> {
  return new Promise((done) => {
    const [cmd, ...args] = argv;
    const child = spawn(cmd ?? '', args, { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const finish = (a: ToolAnswer) => { clearTimeout(timer); signal.removeEventListener('abort', onAbort); done(a); };
    const timer = setTimeout(() => { child.kill('SIGKILL'); finish(fail(`the tool ran past its time limit (${timeoutMs} ms)`)); }, timeoutMs);
    const onAbort = () => { child.kill('SIGKILL'); finish(fail('the run stopped')); };
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', (e) => finish(fail(`the tool could not start: ${e.message}`)));
    child.on('close', (code) => finish(code === 0 ? parseResult(out) : fail(`the tool exited with code ${code ?? 'null'}: ${err.trim().slice(0, 200)}`)));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
  });
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then(async (m) => {
  const fn = typeof m.default === 'function' ? m.default : undefined;
  if (fn === undefined) throw new Error('the module has no default export function');
  const result = await fn(workerData.call, workerData.sample);
  parentPort.postMessage({ ok: true, result: JSON.parse(JSON.stringify(result ?? null)) });
}).catch((e) => parentPort.postMessage({ ok: false, message: String(e && e.message || e) }));
`;

function runModule(path: string, call: ToolCall, sample: Sample, timeoutMs: number, signal: AbortSignal): Promise<ToolAnswer> {
  return new Promise((done) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { url: pathToFileURL(path).href, call: { name: call.name, input: call.input }, sample: { id: sample.id, vars: sample.vars } } });
    const finish = (a: ToolAnswer) => { clearTimeout(timer); signal.removeEventListener('abort', onAbort); void worker.terminate(); done(a); };
    const timer = setTimeout(() => finish(fail(`the tool ran past its time limit (${timeoutMs} ms)`)), timeoutMs);
    const onAbort = () => finish(fail('the run stopped'));
    signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: { ok: boolean; result?: Json; message?: string }) => finish(m.ok ? { result: m.result ?? null, isError: false } : fail(m.message ?? 'the tool failed')));
    worker.on('error', (e) => finish(fail(e.message)));
  });
}

/** The tool runner of one item. */
export function toolRunner(results: ToolResults, sample: Sample, timeoutMs: number): ToolRunner {
  return {
    answer: async (call, at, signal) => {
      switch (results.kind) {
        case 'dataset': return scripted(sample.vars[results.field], call, at);
        case 'command': return runCommand(results.argv, results.cwd, JSON.stringify({ name: call.name, input: call.input, sample: sample.id }), timeoutMs, signal);
        case 'module': return runModule(results.path, call, sample, timeoutMs, signal);
      }
    },
  };
}
