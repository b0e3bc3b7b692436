// Minimal dotted-path lookup: `a.b[0].c`, `items.2.name`, `$.a`, `$`, `a["key.with.dots"]`.
// Only own properties are visible (so `constructor` or `__proto__` are never "found").
// A malformed path (`a..b`, `a[`, `a[x]`, trailing `.`) is reported as not found.

export type PathResult = { readonly found: true; readonly value: unknown } | { readonly found: false };

type Segment = string | number;

const BRACKET = /^\[(?:(\d+)|"([^"]*)"|'([^']*)')\]/;
const KEY = /^[^.[\]]+/;

function parsePath(path: string): Segment[] | undefined {
  let p = path.trim();
  if (p === '$') return [];
  if (p.startsWith('$.')) p = p.slice(2);
  else if (p.startsWith('$[')) p = p.slice(1);
  const segments: Segment[] = [];
  let i = 0;
  while (i < p.length) {
    const rest = p.slice(i);
    const bracket = BRACKET.exec(rest);
    if (bracket !== null) {
      segments.push(bracket[1] !== undefined ? Number(bracket[1]) : (bracket[2] ?? bracket[3] ?? ''));
      i += bracket[0].length;
    } else {
      const key = KEY.exec(rest);
      if (key === null) return undefined;
      segments.push(key[0]);
      i += key[0].length;
    }
    if (p[i] === '.') {
      i++;
      if (i === p.length || p[i] === '.' || p[i] === '[') return undefined;
    } else if (i < p.length && p[i] !== '[') {
      return undefined;
    }
  }
  return segments;
}

function step(current: unknown, segment: Segment): PathResult {
  if (Array.isArray(current)) {
    const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
    return index >= 0 && index < current.length ? { found: true, value: current[index] } : { found: false };
  }
  if (typeof current !== 'object' || current === null) return { found: false };
  const key = String(segment);
  if (!Object.hasOwn(current, key)) return { found: false };
  return { found: true, value: (current as Record<string, unknown>)[key] };
}

/** Looks up a dotted path with array indices in a parsed JSON value. */
export function getPath(value: unknown, path: string): PathResult {
  const segments = parsePath(path);
  if (segments === undefined) return { found: false };
  let current: unknown = value;
  for (const segment of segments) {
    const next = step(current, segment);
    if (!next.found) return next;
    current = next.value;
  }
  return { found: true, value: current };
}
