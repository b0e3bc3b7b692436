import { isUtf8 } from 'node:buffer';

// A dataset with bytes that are not UTF-8 (a Latin-1 export, a truncated multi-byte character) is read
// with U+FFFD in their place: the prompts still go out, but not with the text the file meant. The check
// runs over the bytes as they stream past (the hash pass), and names the first line that has them.

const NEWLINE = 0x0a;

function newlines(buf: Uint8Array): number {
  let n = 0;
  for (let i = buf.indexOf(NEWLINE); i !== -1; i = buf.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

/** Where the bytes of a complete prefix end: a multi-byte character cut by the chunk's end waits for the next chunk. */
function completeEnd(buf: Uint8Array): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 3); i--) {
    const b = buf[i]!;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return buf.length - i < need ? i : buf.length;
  }
  return buf.length;
}

/** The first line of `buf` (counting from `line`) that is not UTF-8. */
function badLine(buf: Uint8Array, line: number): number {
  let start = 0;
  for (let end = buf.indexOf(NEWLINE); ; end = buf.indexOf(NEWLINE, start)) {
    const stop = end === -1 ? buf.length : end;
    if (!isUtf8(buf.subarray(start, stop))) return line;
    if (end === -1) return line;
    line++;
    start = end + 1;
  }
}

export interface Utf8Check {
  push(chunk: Uint8Array): void;
  /** The 1-based line of the first bytes that are not UTF-8, or undefined when all are. */
  end(): number | undefined;
}

export function utf8Check(): Utf8Check {
  let carry: Uint8Array = new Uint8Array(0);
  let line = 1;
  let bad: number | undefined;
  return {
    push(chunk) {
      if (bad !== undefined) return;
      const buf = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
      const cut = completeEnd(buf);
      const body = buf.subarray(0, cut);
      if (!isUtf8(body)) {
        bad = badLine(body, line);
        return;
      }
      line += newlines(body);
      carry = Uint8Array.prototype.slice.call(buf, cut); // a copy: the chunk's memory may be read into again
    },
    end() {
      if (bad === undefined && carry.length > 0) bad = line;
      return bad;
    },
  };
}
