import { thousands } from '../../util/thousands.js';

// Text that is safe inside an XML 1.0 document, whatever a model wrote: characters XML 1.0 forbids
// (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates) are replaced, markup
// characters are escaped (never CDATA, so "]]>" needs no special case), and long text is cut with a note.

/** C0 controls XML 1.0 forbids, as their visible Unicode "control pictures" (U+2400 + code: ESC → ␛). */
const C0 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const NONCHARS = /[\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Only characters XML 1.0 allows: forbidden controls become control pictures, the rest U+FFFD. */
export function xmlChars(s: string): string {
  return s
    .replace(C0, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0)))
    .replace(NONCHARS, '\uFFFD')
    .replace(LONE_SURROGATE, '\uFFFD');
}

/** Element text: & < > escaped; CR kept as a reference (parsers would otherwise turn CRLF into LF). */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** Attribute value (for double quotes): also quotes, and tab/LF/CR as references so they survive normalisation. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/**
 * At most `max` UTF-16 units (a surrogate pair is never split), with a note of what was cut.
 * `where` tells the reader where the whole text is.
 */
export function truncate(s: string, max: number, where = 'records.jsonl'): string {
  if (s.length <= max) return s;
  let cut = max;
  const last = s.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  const rest = s.length - cut;
  return `${s.slice(0, cut)}… [truncated: ${thousands(rest)} more characters; the whole text is in ${where}]`;
}

/** Seconds with millisecond precision, for time="…" attributes. */
export const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);
