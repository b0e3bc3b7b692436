import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

// An `exec:` command as the spec writes it: a string split into words (no shell: quotes group words,
// nothing else is special) or a list of words. It runs in the spec file's folder; its program is
// looked up on PATH unless it names a path ("./score.py", "bin/agent").

/** Words of a command line: whitespace separates, '…' and "…" group, a backslash escapes the next character. */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | undefined;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote !== undefined) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      started = true;
    } else if (c === '\\' && i + 1 < line.length) {
      word += line[++i];
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (quote !== undefined) throw new Error(`unclosed ${quote} in the command`);
  if (started) words.push(word);
  return words;
}

export const commandWords = (command: string | readonly string[]): string[] => (typeof command === 'string' ? splitCommand(command) : [...command]);

const executable = (path: string) => {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** Where the program runs from: a path is taken from `cwd`, a bare name is looked up on PATH; undefined when not found. */
export function findProgram(program: string, cwd: string, path: string | undefined): string | undefined {
  if (program.includes('/') || program.includes('\\') || isAbsolute(program)) {
    const at = resolve(cwd, program);
    return executable(at) ? at : undefined;
  }
  for (const dir of (path ?? '').split(delimiter)) {
    if (dir === '') continue;
    const at = join(dir, program);
    if (executable(at)) return at;
  }
  return undefined;
}

/**
 * What is wrong with a command before it ever runs, one message each: no words, a program that is not
 * found (or not executable), an argument that names a relative file ("./x.py", "../x.py") that is not there.
 */
export function commandProblems(command: string | readonly string[], cwd: string, path: string | undefined): string[] {
  let words: string[];
  try {
    words = commandWords(command);
  } catch (err) {
    return [(err as Error).message];
  }
  const [program, ...args] = words;
  if (program === undefined || program === '') return ['the command is empty; give the program and its arguments, e.g. "python3 ./scorer.py"'];
  const out: string[] = [];
  if (findProgram(program, cwd, path) === undefined) {
    out.push(program.includes('/')
      ? `${program} is not an executable file (looked in ${cwd}); fix the path (relative to the spec file) or make it executable (chmod +x)`
      : `command "${program}" not found on PATH; install it or give its full path`);
  }
  for (const arg of args) {
    if (!/^\.\.?\//.test(arg)) continue;
    try {
      statSync(resolve(cwd, arg));
    } catch {
      out.push(`${arg}: no such file (relative to the spec file's folder, ${cwd}); fix the path`);
    }
  }
  return out;
}
