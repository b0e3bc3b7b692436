import type { Completion, Json, ToolCall, ToolStep } from '../../types.js';

// Matching tool calls against what was expected, Berkeley Function-Calling Leaderboard style: an
// expected call is {tool_name: {argument: [allowed values...]}}; an argument whose allowed values
// include "" may be omitted; an argument the call has but the expectation does not name fails it.
// Calls of one response are a set: expected and made calls are paired in any order.

/** One expected call: the tool and, per argument, its allowed values ('equal': the one value). */
export interface ExpectedCall {
  readonly name: string;
  readonly args: Readonly<Record<string, readonly Json[]>>;
  /** Arguments that may be left out (BFCL: "" among the allowed values). */
  readonly optional: ReadonlySet<string>;
}

export type Mode = 'bfcl' | 'equal';

type Parsed = { readonly ok: true; readonly calls: readonly ExpectedCall[] } | { readonly ok: false; readonly problem: string };

const isObject = (v: Json | undefined): v is { readonly [k: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseCall(v: Json, mode: Mode): ExpectedCall | string {
  if (!isObject(v)) return 'an expected call is an object {tool_name: {argument: ...}}';
  // Also accepted: {name, arguments} (the shape of a recorded call).
  const named = typeof v['name'] === 'string' && (isObject(v['arguments']) || isObject(v['input']));
  const entries = named ? [[v['name'] as string, (v['arguments'] ?? v['input']) as Json]] as const : Object.entries(v);
  const [entry, ...more] = entries;
  if (entry === undefined || more.length > 0) return 'an expected call names exactly one tool';
  const [name, rawArgs] = entry;
  if (!isObject(rawArgs)) return `the arguments of ${name} are not an object`;
  const args: Record<string, readonly Json[]> = {};
  const optional = new Set<string>();
  for (const [k, allowed] of Object.entries(rawArgs)) {
    if (mode === 'equal') { args[k] = [allowed]; continue; }
    const list = Array.isArray(allowed) ? allowed : [allowed];
    if (list.includes('')) optional.add(k);
    args[k] = list.filter((x) => x !== '');
  }
  return { name, args, optional };
}

/** The expected calls of one response: a list of calls, one call, or [] (no call expected). */
export function parseExpected(v: Json | undefined, mode: Mode): Parsed {
  if (v === undefined || v === null) return { ok: false, problem: 'no expected calls' };
  const list = Array.isArray(v) ? v : [v];
  const calls: ExpectedCall[] = [];
  for (const item of list) {
    const c = parseCall(item, mode);
    if (typeof c === 'string') return { ok: false, problem: c };
    calls.push(c);
  }
  return { ok: true, calls };
}

const norm = (s: string) => s.trim().toLowerCase();

/** Equal as values: strings trimmed and case-insensitive, numbers by value (3 = 3.0), lists in order, objects by key. */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  if (typeof a === 'string' && typeof b === 'string') return norm(a) === norm(b);
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameJson(a[k], b[k]));
  }
  return a === b;
}

/** Why `call` does not match `want`, or undefined when it does. */
export function mismatch(call: ToolCall, want: ExpectedCall): string | undefined {
  if (call.name !== want.name) return `called ${call.name}, expected ${want.name}`;
  for (const k of Object.keys(call.input)) if (!Object.hasOwn(want.args, k)) return `${call.name}: unexpected argument ${k}`;
  for (const [k, allowed] of Object.entries(want.args)) {
    const got = call.input[k];
    if (got === undefined) {
      if (!want.optional.has(k)) return `${call.name}: missing argument ${k}`;
      continue;
    }
    if (!allowed.some((a) => sameJson(got, a))) return `${call.name}: ${k} = ${JSON.stringify(got)}, expected ${allowed.length === 1 ? JSON.stringify(allowed[0]) : `one of ${JSON.stringify(allowed)}`}`;
  }
  return undefined;
}

/** How close a call is to an expected one: the same tool first, then the number of arguments that fit. */
function closeness(call: ToolCall, want: ExpectedCall): number {
  if (call.name !== want.name) return 0;
  return 1 + Object.entries(want.args).filter(([k, allowed]) => call.input[k] !== undefined && allowed.some((a) => sameJson(call.input[k], a))).length;
}

/** Pair made and expected calls in any order (a set); undefined when all pair up, else why not. */
export function matchSet(calls: readonly ToolCall[], wants: readonly ExpectedCall[]): string | undefined {
  if (calls.length !== wants.length) {
    const names = calls.map((c) => c.name).join(', ') || 'none';
    return `${calls.length} call(s) (${names}), expected ${wants.length} (${wants.map((w) => w.name).join(', ') || 'none'})`;
  }
  const used = new Set<number>();
  // The reason given: the call the search got stuck on (the furthest one in), against the expectation
  // closest to it.
  let reason: { why: string; close: number } | undefined;
  // Backtracking over a handful of calls: every pairing is tried before giving up.
  const pair = (i: number): boolean => {
    const call = calls[i];
    if (call === undefined) return true;
    for (const [j, want] of wants.entries()) {
      if (used.has(j)) continue;
      const why = mismatch(call, want);
      if (why !== undefined) {
        const close = i * 1000 + closeness(call, want);
        if (reason === undefined || close > reason.close) reason = { why, close };
        continue;
      }
      used.add(j);
      if (pair(i + 1)) return true;
      used.delete(j);
    }
    return false;
  };
  return pair(0) ? undefined : (reason?.why ?? 'the calls do not match');
}

/** The item's responses with their calls: a tool loop's steps, else the one response. */
export function stepsOf(c: Completion): readonly ToolStep[] {
  return c.steps ?? [{ text: c.text, calls: c.toolCalls ?? [] }];
}
