import { describe, expect, it } from 'vitest';
import { utf8Check } from '../../../src/dataset/utf8.js';

const enc = (s: string) => Buffer.from(s, 'utf8');
const cat = (...parts: (Buffer | number[])[]) => Buffer.concat(parts.map((p) => (Array.isArray(p) ? Buffer.from(p) : p)));

/** Feed `bytes` in chunks of `size` (every split point, for the multi-byte ones). */
function check(bytes: Buffer, size: number): number | undefined {
  const c = utf8Check();
  for (let i = 0; i < bytes.length; i += size) c.push(bytes.subarray(i, i + size));
  return c.end();
}

const cases: readonly (readonly [string, Buffer, number | undefined])[] = [
  ['ASCII', enc('{"q":"2+2"}\n{"q":"3+3"}\n'), undefined],
  ['accents, CJK, emoji', enc('{"q":"café"}\n{"q":"東京"}\n{"q":"👍🏽"}\n'), undefined],
  ['empty file', Buffer.alloc(0), undefined],
  ['a BOM', cat([0xef, 0xbb, 0xbf], enc('id,q\n1,x\n')), undefined],
  ['Latin-1 é on line 2', cat(enc('{"q":"a"}\n{"q":"caf'), [0xe9], enc('"}\n')), 2],
  ['a lone continuation byte on line 3', cat(enc('a\nb\nc'), [0x80], enc('\n')), 3],
  ['a truncated 3-byte character at the end', cat(enc('ok\nend'), [0xe6, 0x9d]), 2],
  ['an overlong encoding of "/"', cat(enc('x\n'), [0xc0, 0xaf]), 2],
  ['a UTF-16 surrogate encoded as UTF-8', cat(enc('x\ny\n'), [0xed, 0xa0, 0x80]), 3],
  ['CRLF lines, bad byte on line 2', cat(enc('a\r\nb'), [0xff], enc('\r\n')), 2],
];

/** The same, each chunk read into one buffer that the next chunk overwrites (as the dataset reader does). */
function checkReused(bytes: Buffer, size: number): number | undefined {
  const c = utf8Check();
  const buf = Buffer.alloc(size);
  for (let i = 0; i < bytes.length; i += size) {
    const n = bytes.copy(buf, 0, i, i + size);
    c.push(buf.subarray(0, n));
    buf.fill(0x41);
  }
  return c.end();
}

describe('utf8Check', () => {
  it.each(cases)('%s', (_name, bytes, line) => {
    for (const size of [1, 2, 3, 5, 64 * 1024]) expect(check(bytes, size)).toBe(line);
  });

  it.each(cases)('%s, read into one reused buffer', (_name, bytes, line) => {
    for (const size of [1, 2, 3, 5]) expect(checkReused(bytes, size)).toBe(line);
  });
});
