// Explicit answer markers for extractFinalNumber: \boxed{…}, GSM8K "####", "Final answer",
// "Answer:" / "the answer is", "= N" closing the output, and a bold number on the last line.
import { parseNumberLoose, pickInSegment, tokenize } from './number-tokens.js';
import type { NumberToken } from './number-tokens.js';

/** Content of the last balanced `\boxed{…}` (or `\fbox{…}`), if any. */
export function lastBoxedContent(text: string): string | undefined {
  if (!text.includes('\\')) return undefined; // no backslash, no \boxed: skip the scan
  const starts = [...text.matchAll(/\\(?:boxed|fbox)\s*\{/g)];
  for (let k = starts.length - 1; k >= 0; k--) {
    const m = starts[k];
    if (m === undefined) continue;
    const open = m.index + m[0].length - 1;
    let depth = 0;
    for (let i = open; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
    }
  }
  return undefined;
}

const FRAC = String.raw`\\[dt]?frac`;
// Built once: cleanLatex runs on every output a numeric scorer reads.
const DIGIT_BEFORE_FRAC = new RegExp(String.raw`(\d)\s*(?=${FRAC})`, 'g');
const FRAC_BRACED = new RegExp(String.raw`${FRAC}\s*\{\s*([^{}]*?)\s*\}\s*\{\s*([^{}]*?)\s*\}`, 'g');
const FRAC_DIGITS = new RegExp(String.raw`${FRAC}\s*(\d)\s*(\d)`, 'g');
/** Every rewrite below needs one of these characters: text without any is returned as it is. */
const LATEX_CHARS = /[\\{~^]/;

/** Rewrites the LaTeX that wraps numbers into plain text: \frac{3}{4} → 3/4, \$ → $, {,} → , … */
export function cleanLatex(s: string): string {
  if (!LATEX_CHARS.test(s)) return s;
  return s
    .replace(/\\(?:text|textbf|textrm|mathrm|mathbf|operatorname)\s*\{([^{}]*)\}/g, ' $1')
    .replace(/\\(?:left|right)\b/g, '')
    .replace(/\{([,.])\}/g, '$1')
    .replace(/\\([$%])/g, '$1')
    .replace(/\\!/g, '')
    .replace(/\\[,;: ]|~|\\quad\b/g, ' ')
    .replace(/\^\s*\{?\\circ\}?/g, '°')
    .replace(DIGIT_BEFORE_FRAC, '$1 ')
    .replace(FRAC_BRACED, '$1/$2')
    .replace(FRAC_DIGITS, '$1/$2');
}

/** Numeric value of a \boxed{} content, or undefined if it is not a single number. */
export function boxedValue(content: string): number | undefined {
  const plain = cleanLatex(content).replace(/^\s*[a-zA-Z]\w*\s*=\s*/, '');
  return parseNumberLoose(plain);
}

const MARKER_GROUPS: readonly RegExp[] = [
  /####[ \t]*(?=[-+\u2212$€£¥]?\.?\d)(?!\d{1,3}[.)][ \t]+\p{L})/gu, // not a "#### 2. Heading"
  /\bfinal\s+(?:answer|result)\b[*_\s]*(?:[:=]|is\b)?/gi,
  /\banswer\b[*_\s]*(?:[:=]|is\b|would be\b|will be\b|should be\b)/gi,
];

/** Window after a marker in which the number must start (characters, after skipping `:`/`*`). */
const MARKER_WINDOW = 40;

function afterMarker(text: string, pos: number): NumberToken | undefined {
  const rest = text.slice(pos).replace(/^[\s*_:=]+/, '');
  const line = rest.split('\n', 1)[0] ?? '';
  return pickInSegment(line, MARKER_WINDOW);
}

/** Number after the LAST occurrence of the highest-priority marker group that yields one. */
export function fromMarkers(text: string): NumberToken | undefined {
  for (const group of MARKER_GROUPS) {
    const hits = [...text.matchAll(group)];
    for (let k = hits.length - 1; k >= 0; k--) {
      const hit = hits[k];
      const token = hit === undefined ? undefined : afterMarker(text, hit.index + hit[0].length);
      if (token !== undefined) return token;
    }
  }
  return undefined;
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

/** "… = 42" (optionally with unit/punctuation) closing the text: the only number after the last `=`. */
export function fromTrailingEquals(text: string): NumberToken | undefined {
  const line = lastLine(text);
  const eq = line.lastIndexOf('=');
  if (eq === -1) return undefined;
  const numbers = tokenize(line.slice(eq + 1)).filter((t) => t.kind === 'number' && t.value !== undefined);
  return numbers.length === 1 ? numbers[0] : undefined;
}

/** The last **bold** span on the last non-empty line, if it states a number. */
export function fromTrailingBold(text: string): NumberToken | undefined {
  const spans = [...lastLine(text).matchAll(/\*\*([^*\n]+?)\*\*/g)];
  const content = spans.at(-1)?.[1];
  return content === undefined ? undefined : pickInSegment(content);
}
