import { RE2JS } from 're2js';

// Regular expressions written by users (a `regex` scorer's pattern, route's `--signal output:<regex>`)
// run on RE2's linear-time engine (re2js, pure JavaScript), never on V8's backtracking one: a pattern
// such as ^(\w+\s?)+$ on an ordinary answer ending in "." would otherwise block the event loop for
// hours, and with it Ctrl-C. RE2 syntax is JavaScript's without lookarounds and backreferences, the
// two features that need backtracking; a pattern that uses them is refused when the spec is checked.

export interface SafeRegex {
  /** The pattern matches somewhere in the text (anchors decide the rest). */
  test(text: string): boolean;
  /** The first match: the whole match and its numbered groups (null for a group that took no part). */
  exec(text: string): { readonly match: string; readonly groups: readonly (string | null)[] } | null;
}

/** JavaScript regex flags that mean something for one match: i, m, s. g, y, d, u and v change nothing here (RE2 is Unicode-aware). */
const FLAG_BITS: Readonly<Record<string, number>> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE, s: RE2JS.DOTALL };

/** Compile a user pattern; throws an Error whose message says what is wrong (and, for lookarounds and backreferences, why). */
export function compileSafeRegex(pattern: string, flags = ''): SafeRegex {
  let bits = 0;
  for (const f of flags) bits |= FLAG_BITS[f] ?? 0;
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, bits);
  } catch (err) {
    const message = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '') : String(err);
    const why = /\(\?<?[=!]|\\[1-9]|\\k</.test(pattern)
      ? ': lookarounds and backreferences are not supported, since they can take exponential time; rewrite the pattern without them'
      : '';
    throw new Error(`${message}${why}`, { cause: err });
  }
  return {
    test: (text) => re.matcher(text).find(),
    exec: (text) => {
      const m = re.matcher(text);
      if (!m.find()) return null;
      const groups: (string | null)[] = [];
      for (let g = 1; g <= m.groupCount(); g++) groups.push(m.group(g));
      return { match: m.group(0) ?? '', groups };
    },
  };
}
