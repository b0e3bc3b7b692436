import { isAbsolute } from 'node:path';
import { globSync, isDynamicPattern } from 'tinyglobby';
import { InputError } from '../errors.js';

// Paths on the command line may be globs ('evals/*.yaml'): a shell that does not expand them (Windows,
// or a quoted pattern) still gets every file. A plain path is kept as given, so a missing file gets
// the reader's own error; a glob that matches nothing is an error here (exit 2).

/** Each argument, or the sorted matches of a glob; `what` names the arguments in the error. */
export function expandGlobs(args: readonly string[], opts: { readonly cwd: string; readonly directories?: boolean; readonly what: string }): string[] {
  const out: string[] = [];
  const empty: string[] = [];
  for (const arg of args) {
    if (!isDynamicPattern(arg)) {
      out.push(arg);
      continue;
    }
    const matches = globSync(arg, { cwd: opts.cwd, absolute: isAbsolute(arg), onlyDirectories: opts.directories === true, expandDirectories: false });
    if (matches.length === 0) empty.push(`"${arg}" matches no ${opts.directories === true ? 'directory' : 'file'} (relative to ${opts.cwd})`);
    // Directories come back with a trailing slash: drop it, as a path typed by hand would have none.
    out.push(...matches.map((m) => (m.length > 1 ? m.replace(/\/$/, '') : m)).sort());
  }
  if (empty.length > 0) throw new InputError('cli.glob', `No match for ${opts.what}:`, empty);
  return out;
}
