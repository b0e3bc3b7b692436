import { mdCode, mdList, mdText } from './markdown-text.js';
import { thousands } from '../../util/thousands.js';

// The Markdown report as blocks, so that it can be kept under GitHub's comment limit (65,536
// characters): details are folded in <details> (a reader opens what they need), and when the whole is
// still too long the largest droppable blocks are replaced by a note, then the end is cut with a note.
// Pure.

/** GitHub rejects a pull-request comment (and an issue body) longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Room kept under the limit for what a CI step adds around the report (a header, a marker). */
export const MARKDOWN_BUDGET = GITHUB_COMMENT_LIMIT - 1_536;

export interface MdBlock {
  /** Markdown (already escaped). */
  readonly text: string;
  /** Shown folded, under this summary line (plain Markdown inline text, escaped). */
  readonly fold?: string;
  /** May be replaced by a short note when the report is over the budget. */
  readonly droppable?: boolean;
}

const folded = (b: MdBlock): string =>
  (b.fold === undefined ? b.text : `<details><summary>${b.fold}</summary>\n\n${b.text}\n\n</details>`);

export const joinBlocks = (blocks: readonly MdBlock[]): string => `${blocks.map(folded).join('\n\n')}\n`;

/** Sample ids as inline code, at most `max` of them, then how many more. */
export function idList(ids: readonly string[], max = 100): string {
  const shown = ids.slice(0, max).map((id) => mdCode(id, { max: 80 })).join(', ');
  return ids.length > max ? `${shown}, … and ${ids.length - max} more` : shown;
}

function leftOut(b: MdBlock, where: string): MdBlock {
  const note = `_Left out to keep this report under GitHub's ${thousands(GITHUB_COMMENT_LIMIT)}-character limit (${thousands(b.text.length)} characters); ${where}._`;
  return { ...b, text: note, droppable: false };
}

/** Cut at a block boundary under `limit`, closing any <details> left open, with a note. */
function cut(text: string, limit: number, where: string): string {
  const note = `\n\n_Report cut here to stay under GitHub's ${thousands(GITHUB_COMMENT_LIMIT)}-character limit; ${where}._\n`;
  let kept = text.slice(0, Math.max(0, limit - note.length - 64));
  const boundary = kept.lastIndexOf('\n\n');
  if (boundary > 0) kept = kept.slice(0, boundary);
  const open = (kept.match(/<details>/g) ?? []).length - (kept.match(/<\/details>/g) ?? []).length;
  return `${kept}${'\n\n</details>'.repeat(Math.max(0, open))}${note}`;
}

/**
 * The blocks joined, at most `limit` characters: the largest droppable blocks replaced by a note
 * first, then the end cut. `where` says where the full report is ("the run directory", a link).
 */
export function fitMarkdown(blocks: readonly MdBlock[], where: string, limit = MARKDOWN_BUDGET): string {
  const out = [...blocks];
  let text = joinBlocks(out);
  const bySize = out.map((b, i) => ({ b, i })).filter((x) => x.b.droppable === true).sort((a, b) => b.b.text.length - a.b.text.length);
  for (const { b, i } of bySize) {
    if (text.length <= limit) break;
    out[i] = leftOut(b, where);
    text = joinBlocks(out);
  }
  return text.length <= limit ? text : cut(text, limit, where);
}

/** The flipped samples against a baseline, per model: ids pass → fail, then fail → pass. */
export function flippedMarkdown(flips: readonly { readonly model: string; readonly regressed: readonly string[]; readonly improved: readonly string[] }[], name: (id: string) => string): string {
  if (flips.length === 0) return '_No comparison: see below._';
  return mdList(flips.flatMap((f) => [
    `**${mdText(name(f.model))}** pass → fail (${f.regressed.length}): ${f.regressed.length === 0 ? 'none' : idList(f.regressed)}`,
    `**${mdText(name(f.model))}** fail → pass (${f.improved.length}): ${f.improved.length === 0 ? 'none' : idList(f.improved)}`,
  ]));
}
