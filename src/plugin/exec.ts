import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { tailBuffer, type PluginResult } from './failure.js';

// One run of an `exec:` command: the input as one JSON document on stdin, one JSON document expected
// on stdout. The command gets its own process group, so a time-out or a stop kills it and whatever it
// started (a shell's children too); its stderr's tail is kept for the error record. Nothing here
// throws: every way it can go wrong comes back as a PluginFailure.

export interface JsonCommand {
  /** Program and arguments (no shell). */
  readonly words: readonly string[];
  /** The folder it runs in (the spec file's). */
  readonly cwd: string;
  readonly timeoutMs: number;
}

/** Most a command may print on stdout (16 MiB): past it, it is killed and the answer is bad output. */
const MAX_STDOUT = 16 * 1024 * 1024;

/** Process groups of commands still running: killed if the harness itself exits first. */
const running = new Set<number>();
let exitHook = false;
function track(pid: number): void {
  running.add(pid);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => { for (const p of running) killGroup(p); });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const program = (word: string, cwd: string) => (word.includes('/') ? resolve(cwd, word) : word);

/** Run the command once; `label` names it in messages ("exec scorer tone"). */
export function runJsonCommand(cmd: JsonCommand, input: unknown, signal: AbortSignal, label: string): Promise<PluginResult<unknown>> {
  const [first, ...args] = cmd.words;
  if (first === undefined) return Promise.resolve({ ok: false, failure: { kind: 'exit', message: `${label}: the command is empty` } });
  if (signal.aborted) return Promise.resolve({ ok: false, failure: { kind: 'aborted', message: `${label}: the run stopped` } });
  return new Promise((done) => {
    const stderr = tailBuffer();
    const chunks: Buffer[] = [];
    let size = 0;
    let ended: 'timeout' | 'aborted' | 'too_big' | undefined;
    const child = spawn(program(first, cmd.cwd), args, { cwd: cmd.cwd, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const pid = child.pid;
    if (pid !== undefined) track(pid);
    const stop = (why: 'timeout' | 'aborted' | 'too_big') => {
      ended ??= why;
      if (pid !== undefined) killGroup(pid);
    };
    const timer = setTimeout(() => stop('timeout'), cmd.timeoutMs);
    const onAbort = () => stop('aborted');
    signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_STDOUT) stop('too_big');
      else chunks.push(c);
    });
    child.stderr.on('data', (c: Buffer) => stderr.push(c));
    // A command that exits without reading its stdin makes the write fail with EPIPE: its exit status says what happened.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(input));
    let spawnError: Error | undefined;
    child.on('error', (err) => { spawnError = err; });
    child.on('close', (code, sig) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (pid !== undefined) { killGroup(pid); running.delete(pid); }
      const tail = stderr.text();
      const fail = (kind: 'timeout' | 'aborted' | 'exit' | 'bad_output', message: string) => done({ ok: false, failure: { kind, message: `${label}: ${message}`, ...(tail !== '' && { stderr: tail }) } });
      if (spawnError !== undefined) return fail('exit', `could not start ${first} (${spawnError.message})`);
      if (ended === 'timeout') return fail('timeout', `timed out after ${cmd.timeoutMs} ms (its process group was killed)`);
      if (ended === 'aborted') return fail('aborted', 'the run stopped (its process group was killed)');
      if (ended === 'too_big') return fail('bad_output', `printed more than ${MAX_STDOUT} bytes on stdout`);
      if (code !== 0) return fail('exit', sig !== null ? `killed by ${sig}` : `exited with code ${String(code)}`);
      const out = Buffer.concat(chunks).toString('utf8').trim();
      if (out === '') return fail('bad_output', 'printed nothing on stdout (expected one JSON document)');
      try {
        return done({ ok: true, value: JSON.parse(out) as unknown });
      } catch (err) {
        const head = out.length > 200 ? `${out.slice(0, 200)}…` : out;
        return fail('bad_output', `printed something other than one JSON document on stdout (${(err as Error).message}): ${head}`);
      }
    });
  });
}

/** At most `n` at a time; the rest wait in order (a finishing call hands its slot to the next waiting one). */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (fn) => {
    if (active >= n) await new Promise<void>((r) => waiting.push(r));
    else active += 1;
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next === undefined) active -= 1;
      else next();
    }
  };
}
