// Response headers for the transports (transport.ts, node-fetch.ts).

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
