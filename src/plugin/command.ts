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

const isPath = (program: string) => program.includes('/') || program.includes('\\') || isAbsolute(program);

/** Where the program runs from: a path is taken from `cwd`, a bare name is looked up on PATH; undefined when not found. */
export function findProgram(program: string, cwd: string, path: string | undefined): string | undefined {
  if (isPath(program)) {
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
 * What is wrong with a command that its files show, one message each: no words, an unclosed quote, a
 * program given by path that is not an executable file, an argument naming a relative file
 * ("./x.py", "../x.py") that is not there. The spec check runs these.
 */
export function commandFileProblems(command: string | readonly string[], cwd: string): string[] {
  let words: string[];
  try {
    words = commandWords(command);
  } catch (err) {
    return [(err as Error).message];
  }
  const [program, ...args] = words;
  if (program === undefined || program === '') return ['the command is empty; give the program and its arguments, e.g. "python3 ./scorer.py"'];
  const out: string[] = [];
  if (isPath(program) && findProgram(program, cwd, undefined) === undefined) {
    out.push(`${program} is not an executable file (looked in ${cwd}); fix the path (relative to the spec file) or make it executable (chmod +x)`);
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

/** A program named without a path that is not on PATH (checked where the CLI's PATH is known), or undefined. */
export function programProblem(command: string | readonly string[], cwd: string, path: string): string | undefined {
  let program: string | undefined;
  try {
    program = commandWords(command)[0];
  } catch {
    return undefined; // commandFileProblems says so
  }
  if (program === undefined || program === '' || isPath(program) || findProgram(program, cwd, path) !== undefined) return undefined;
  return `command "${program}" not found on PATH; install it or give its full path`;
}

/** Both: everything wrong with a command before it runs. */
export const commandProblems = (command: string | readonly string[], cwd: string, path: string): string[] =>
  [...commandFileProblems(command, cwd), ...[programProblem(command, cwd, path)].filter((p) => p !== undefined)];
