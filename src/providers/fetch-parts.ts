// What the two transports of our own (transport.ts: undici; node-fetch.ts: node:http) share: the
// fetch options they read, the URL split into origin and path, and the response headers.

/** The part of fetch's options the transports read. */
export type FetchInit = { method?: string; headers?: unknown; body?: unknown; signal?: AbortSignal | null };

/** "http://127.0.0.1:8080/v1/messages?x=1" → origin and path (the SDKs always pass absolute URLs). */
export function splitUrl(url: string): { origin: string; path: string } {
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash < 0 ? { origin: url, path: '/' } : { origin: url.slice(0, slash), path: url.slice(slash) };
}

export type RawHeaders = Record<string, string | string[] | undefined>;

/**
 * The part of the WHATWG Headers the SDKs and haikubench read (get, has, iteration), over a
 * parsed header object (undici's or node:http's), whose names are already lower-case. Read-only: nothing writes response headers.
 */
export class ResponseHeaders {
  readonly #raw: RawHeaders;
  constructor(raw: RawHeaders) {
    this.#raw = raw;
  }
  get(name: string): string | null {
    const v = this.#raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
  has(name: string): boolean {
    return this.#raw[name.toLowerCase()] !== undefined;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const k of Object.keys(this.#raw).sort()) {
      const v = this.get(k);
      if (v !== null) yield [k, v];
    }
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.entries()) yield v;
  }
  forEach(fn: (value: string, key: string, parent: ResponseHeaders) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
  getSetCookie(): string[] {
    const v = this.#raw['set-cookie'];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
