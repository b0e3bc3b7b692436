import type { Json } from '../../types.js';
import type { ErrorKindFinding, ShownFailures, ShownFindings } from '../run-findings.js';
import { fitWidth, oneLine, pad } from './width.js';
import { paragraph } from './layout.js';
import { plain, type Style } from './style.js';

// The failing samples and the errors of a run for the terminal: per failing item its id, the model,
// then its output, the expected value and the failing scorers' reasons, one line each cut to the
// width; per model and error kind the count, where the calls went and the first message. Pure.

export interface FindingsLayout {
  readonly width: number;
  readonly style?: Style;
  /** Samples shown for the run (the reader's `show`); Infinity with --show-failures. */
  readonly show: number;
  /** A model id as the report names it. */
  readonly name: (modelId: string) => string;
  /** More than one epoch: items are named "id (epoch k)". */
  readonly epochs: number;
}

/** A value in one line: strings as they are, anything else as JSON. */
export const valueText = (v: Json | undefined): string => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function field(label: string, value: string, width: number): string {
  const head = `    ${pad(label, 8)}  `;
  const body = oneLine(value).replace(/\s+/g, ' ').trim();
  return fitWidth(`${head}${body === '' ? '(empty)' : body}`, width);
}

function failureLines(f: ShownFailures, o: FindingsLayout): string[] {
  const st = o.style ?? plain;
  const out: string[] = [];
  for (const s of f.shown) {
    const id = o.epochs > 1 ? `${s.sampleId} (epoch ${s.epoch})` : s.sampleId;
    out.push(fitWidth(`  ✗ ${id} · ${o.name(s.model)}`, o.width).replace('✗', st.red('✗')));
    out.push(field('output', s.output, o.width));
    if (s.expected !== undefined) out.push(field('expected', valueText(s.expected), o.width));
    const reasons = s.scores.map((x) => (x.reason === undefined ? x.name : x.reason.startsWith(`${x.name}:`) ? x.reason : `${x.name}: ${x.reason}`));
    out.push(field('reason', reasons.length === 0 ? 'the weighted score missed the pass rule' : reasons.join('; '), o.width));
  }
  return out;
}

function failureHead(failures: readonly ShownFailures[], o: FindingsLayout): string {
  const counts = failures.map((f) => `${o.name(f.model)} ${f.total}`).join(', ');
  const shownAll = failures.every((f) => f.shown.length === f.total);
  const which = shownAll ? '' : Number.isFinite(o.show) ? ` (the first ${o.show}, by sample id; all of them: --show-failures)` : '';
  return `failing samples: ${counts}${which}`;
}

function errorLine(e: ErrorKindFinding, o: FindingsLayout): string {
  const where = e.endpoint === undefined ? '' : ` at ${e.endpoint}`;
  const stage = e.stage === 'provider' ? '' : ` (${e.stage})`;
  const message = oneLine(e.message).slice(0, 400);
  return `  ${o.name(e.model)}: ${e.kind} ${e.count}${stage}${where}; first: ${message === '' ? '(no message)' : message}`;
}

/** The lines of the findings, every one at most `o.width` columns; empty when nothing failed or errored. */
export function renderFindings(f: ShownFindings, o: FindingsLayout): string[] {
  const st = o.style ?? plain;
  const out: string[] = [];
  if (f.failures.length > 0) {
    out.push(...paragraph(failureHead(f.failures, o), o.width).map((l) => st.bold(l)));
    for (const m of f.failures) out.push(...failureLines(m, o));
  }
  if (f.errors.length > 0) {
    if (out.length > 0) out.push('');
    const n = f.errors.reduce((s, e) => s + e.count, 0);
    out.push(...paragraph(`errors: ${n} item(s) ended in error (not failures), by model and kind:`, o.width).map((l) => st.bold(l)));
    for (const e of f.errors) out.push(...paragraph(errorLine(e, o), o.width, '      '));
  }
  return out;
}
