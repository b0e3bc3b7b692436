import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The bin as the build writes it (dist/cli/main.js and its chunks, by src/cli/build-bundle.ts; `npm
// test` builds first). The package ships only these and heap.js of dist/cli, so the bundle must reach
// nothing else there; heap.js must run before any dependency is loaded (it sets V8's heap flags); and
// each module of ours that finds files beside itself must still be given its own file's URL.

const cli = resolve(import.meta.dirname, '../../../dist/cli');
const outputs = readdirSync(cli).filter((n) => n === 'main.js' || /^chunk-[A-Z0-9]+\.js$/.test(n));
const text = (name: string) => readFileSync(join(cli, name), 'utf8');
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g;
const specifiers = (name: string) => [...text(name).matchAll(SPECIFIER)].map((m) => m[1]!);

describe('the bundled bin', () => {
  it('is main.js with its shebang, and has chunks', () => {
    expect(text('main.js').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(outputs.length).toBeGreaterThan(1);
  });

  it.each(outputs)('%s imports, of dist/cli, only chunks and heap.js, and every chunk it names exists', (name) => {
    const relative = specifiers(name).filter((s) => s.startsWith('.'));
    for (const s of relative) {
      expect(s).toMatch(/^\.\/(chunk-[A-Z0-9]+|heap)\.js$/);
      expect(existsSync(join(cli, s))).toBe(true);
    }
  });

  it('loads no dependency before heap.js: what main.js imports ahead of it reaches only node: modules and chunks', () => {
    const own = specifiers('main.js');
    const heapAt = own.indexOf('./heap.js');
    expect(heapAt).toBeGreaterThanOrEqual(0);
    const seen = new Set<string>();
    const todo = own.slice(0, heapAt);
    for (let s = todo.pop(); s !== undefined; s = todo.pop()) {
      if (seen.has(s)) continue;
      seen.add(s);
      if (s.startsWith('node:')) continue;
      expect(s).toMatch(/^\.\/chunk-[A-Z0-9]+\.js$/);
      // Static imports only: a chunk's dynamic import() runs later, not while main.js is linked.
      todo.push(...[...text(s.slice(2)).matchAll(/\bfrom\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']/g)].map((m) => (m[1] ?? m[2])!));
    }
  });

  it.each(outputs)('%s gives each module of ours its own URL for import.meta.url', (name) => {
    const body = text(name);
    const uses = [...body.matchAll(/import\.meta\.url/g)].map((m) => body.slice(Math.max(0, m.index - 120), m.index));
    for (const before of uses) {
      const own = /new URL\("([^"]+)",\s*$/.exec(before);
      if (own !== null) {
        expect(existsSync(join(cli, own[1]!))).toBe(true);
        expect(own[1]).toMatch(/^\.\.\/.+\.js$|^[a-z-]+\.js$/);
      } else {
        // The banner's require for CommonJS dependencies, relative to the bundle itself.
        expect(before).toMatch(/__haikubenchRequire\($/);
      }
    }
  });
});
