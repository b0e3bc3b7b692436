import { hash } from 'node:crypto';
import { InputError } from '../errors.js';

/** Bumped when the shape of what is hashed changes, so old entries stop matching instead of lying. */
const KEY_VERSION = 1;

export interface CacheKeyParts {
  readonly provider: string;
  readonly model: string;
  /** The request as sent (after templating and defaults); hashed through canonicalJson. */
  readonly request: unknown;
  readonly epoch: number;
}

/** sha256 hex of the canonical JSON of `{v, provider, model, request, epoch}`. */
export function cacheKey(parts: CacheKeyParts): string {
  const { provider, model, request, epoch } = parts; // only these: extra properties of a wider object are not hashed
  // The one-shot hash: the same digest as createHash().update().digest(), at less cost per call.
  return hash('sha256', canonicalJson({ v: KEY_VERSION, provider, model, request, epoch }), 'hex');
}

/**
 * JSON with object keys sorted (recursively, by UTF-16 code units) and no whitespace, so equal data
 * gives equal text whatever order its keys were built in. Otherwise as JSON.stringify: `toJSON` is
 * honoured, `undefined`/functions/symbols are dropped from objects and become `null` in arrays,
 * non-finite numbers become `null`; a bigint or a cycle throws TypeError. A top-level `undefined`
 * gives `null`.
 */
export function canonicalJson(value: unknown): string {
  return write(value, new Set<object>()) ?? 'null';
}

function write(input: unknown, ancestors: Set<object>): string | undefined {
  const value = withToJson(input);
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'bigint':
      throw new TypeError('canonicalJson: cannot serialise a bigint');
    case 'object':
      return value === null ? 'null' : writeObject(value, ancestors);
    default:
      return undefined; // undefined, function, symbol
  }
}

function writeObject(value: object, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new TypeError('canonicalJson: cannot serialise a cyclic structure');
  ancestors.add(value);
  let text: string;
  if (Array.isArray(value)) {
    text = '[';
    for (let i = 0; i < value.length; i++) text += `${i === 0 ? '' : ','}${write(value[i], ancestors) ?? 'null'}`;
    text += ']';
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    // Keys built in order (most requests) need no sort; the check is cheaper than sorting.
    let sorted = true;
    for (let i = 1; i < keys.length && sorted; i++) sorted = (keys[i - 1] as string) < (keys[i] as string);
    if (!sorted) keys.sort();
    text = '{';
    for (const k of keys) {
      const v = write(record[k], ancestors);
      if (v !== undefined) text += `${text.length === 1 ? '' : ','}${JSON.stringify(k)}:${v}`;
    }
    text += '}';
  }
  ancestors.delete(value);
  return text;
}

function withToJson(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const toJson: unknown = (value as { toJSON?: unknown }).toJSON;
  return typeof toJson === 'function' ? (toJson as () => unknown).call(value) : value;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const satisfies Record<string, number>;
const DURATION = /^(\d+)([smhd])$/;
const ACCEPTED = 'a whole number followed by s, m, h or d (30s, 15m, 12h, 14d), "0" (every entry is stale) or "never"';

/** A TTL in ms: "30s", "15m", "12h", "14d"; "0" → 0 (everything is stale); "never" → null (nothing expires). */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (t === 'never') return null;
  if (t === '0') return 0;
  const m = DURATION.exec(t);
  const ms = m === null ? NaN : Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (Number.isSafeInteger(ms)) return ms;
  throw new InputError('duration.invalid', `invalid duration ${JSON.stringify(text)}: use ${ACCEPTED}`, []);
}
