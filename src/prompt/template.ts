import type { Json } from '../types.js';

// {{ path }} placeholders, where path is a dotted path with optional [index] parts: {{customer.name}},
// {{items[0].sku}}. A template that is exactly one placeholder renders to the raw value (so
// `allowed: '{{queues}}'` can yield an array); otherwise values are interpolated as text.

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
// A name is anything but dots, brackets and braces, so CSV headers such as "customer name", "2nd" or
// "नाम" work as they are; dots separate levels and [n] indexes lists.
const NAME = String.raw`[^.\[\]{}\s](?:[^.\[\]{}]*[^.\[\]{}\s])?`;
const PATH = new RegExp(String.raw`^${NAME}(?:\.${NAME}|\[\d+\])*$`, 'u');

export interface Placeholder {
  readonly raw: string;
  readonly path: string;
  readonly valid: boolean;
}

export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => {
    const path = m[1] ?? '';
    return { raw: m[0], path, valid: PATH.test(path) };
  });
}

export const hasPlaceholders = (s: string): boolean => s.includes('{{') && placeholders(s).length > 0;

function splitPath(path: string): readonly string[] {
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((p) => p !== '');
}

/**
 * `fn` with its results kept by key. Templates and paths come from specs, so they are few: past
 * MAX_COMPILED keys the cache starts over.
 */
function once<T>(fn: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      if (cache.size >= MAX_COMPILED) cache.clear();
      v = fn(key);
      cache.set(key, v);
    }
    return v;
  };
}

/** Paths split once: a path is looked up once per sample (a replay: field, a target, a lone placeholder). */
const pathParts = once(splitPath);

export type Lookup = { readonly found: true; readonly value: Json } | { readonly found: false };

export function lookup(vars: Readonly<Record<string, Json>>, path: string): Lookup {
  return lookupParts(vars, pathParts(path));
}

function lookupParts(vars: Readonly<Record<string, Json>>, parts: readonly string[]): Lookup {
  let cur: Json | undefined = vars;
  for (const part of parts) {
    if (cur === null || typeof cur !== 'object') return { found: false };
    // Own properties only: `constructor` or `toString` is not a field of the record.
    if (!Array.isArray(cur) && !Object.hasOwn(cur, part)) return { found: false };
    cur = Array.isArray(cur) ? (cur as readonly Json[])[Number(part)] : (cur as Record<string, Json>)[part];
    if (cur === undefined) return { found: false };
  }
  return cur === undefined ? { found: false } : { found: true, value: cur };
}

export const asText = (v: Json): string => (typeof v === 'string' ? v : v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** Each template's placeholders, found once: the checks look at every sample of a dataset with the same few templates. */
const placeholdersOnce = once(placeholders);

/** Paths in the template that `vars` cannot fill (invalid placeholder syntax counts as missing). */
export function missingPaths(template: string, vars: Readonly<Record<string, Json>>): string[] {
  return placeholdersOnce(template)
    .filter((p) => !p.valid || !lookup(vars, p.path).found)
    .map((p) => p.path);
}

export class TemplateError extends Error {
  readonly paths: readonly string[];
  constructor(paths: readonly string[]) {
    super(`cannot fill ${paths.map((p) => `{{${p}}}`).join(', ')}`);
    this.name = 'TemplateError';
    this.paths = paths;
  }
}

/** A template split once into literal text and placeholders (with their path parts), reused per sample. */
type Compiled = readonly (string | { readonly path: string; readonly valid: boolean; readonly parts: readonly string[] })[];

/** Distinct templates (and paths) kept compiled; past this the cache starts over (templates come from specs: few). */
const MAX_COMPILED = 1000;

const compile = once((template: string): Compiled => {
  const out: Compiled[number][] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    if (at > last) out.push(template.slice(last, at));
    const path = m[1] ?? '';
    out.push({ path, valid: PATH.test(path), parts: pathParts(path) });
    last = at + m[0].length;
  }
  if (last < template.length) out.push(template.slice(last));
  return out;
});

/** Render as text. Throws TemplateError for a placeholder the vars cannot fill (validation runs first). */
export function renderText(template: string, vars: Readonly<Record<string, Json>>): string {
  if (!template.includes('{{')) return template;
  let text = '';
  let missing: string[] | undefined;
  for (const part of compile(template)) {
    if (typeof part === 'string') { text += part; continue; }
    const hit = part.valid ? lookupParts(vars, part.parts) : { found: false as const };
    if (hit.found) text += asText(hit.value);
    else (missing ??= []).push(part.path);
  }
  if (missing !== undefined) throw new TemplateError(missing);
  return text;
}

/** A string template's placeholders, and the one placeholder it is exactly (trimmed), if so; worked out once. */
const stringTemplates = new Map<string, { readonly count: number; readonly only: Placeholder | undefined }>();
function stringTemplate(value: string): { readonly count: number; readonly only: Placeholder | undefined } {
  let t = stringTemplates.get(value);
  if (t === undefined) {
    const ps = placeholders(value);
    t = { count: ps.length, only: ps.length === 1 && ps[0] !== undefined && ps[0].raw === value.trim() ? ps[0] : undefined };
    if (stringTemplates.size >= MAX_COMPILED) stringTemplates.clear();
    stringTemplates.set(value, t);
  }
  return t;
}

/** Render a template-bearing value: a lone placeholder keeps the value's type; arrays render element-wise. */
export function renderValue(value: Json, vars: Readonly<Record<string, Json>>): Json {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    const { count, only } = stringTemplate(value);
    if (only !== undefined) {
      const hit = lookup(vars, only.path);
      if (!only.valid || !hit.found) throw new TemplateError([only.path]);
      return hit.value;
    }
    return count === 0 ? value : renderText(value, vars);
  }
  if (Array.isArray(value)) return (value as readonly Json[]).map((v) => renderValue(v, vars));
  // Objects too: stringsIn (and so the pre-run check) treats their strings as templates.
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderValue(v, vars)]));
  return value;
}

/** Every string inside a JSON value (for validation of templates before any call). */
export function stringsIn(value: Json): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return (value as readonly Json[]).flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
