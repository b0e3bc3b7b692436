import type { RunSummary, VariantComparison } from '../../summary/run-summary.js';
import { clusteredOn, pairedTestName, signedPts } from './format.js';
import { ciOf } from './lines.js';
import { mdTable, mdText } from './markdown-text.js';
import { displayNameOf } from './verdict.js';

// The prompt variants of each model compared (summary.variants): every variant against the model's
// first variant, paired on the samples both scored. Pure (summary → text), for the terminal and the
// Markdown report.

/** The model's display name without its variant (taken from its reference contestant). */
const modelOf = (s: RunSummary, c: VariantComparison) => displayNameOf(s, c.reference).replace(`@${c.referenceVariant}`, '');

const pValue = (c: VariantComparison) => (c.test.p === null ? null : c.test.p < 0.0001 ? '< 0.0001' : `= ${c.test.p.toPrecision(2)}`);

/** One line per model and variant: the change against the first variant, its interval, test and flips. */
export function variantLines(s: RunSummary): string[] {
  const v = s.variants;
  if (v === undefined || v.comparisons.length === 0) return [];
  const lines = v.comparisons.map((c) => {
    const head = `${modelOf(s, c)}: prompt ${c.variant} vs ${c.referenceVariant}`;
    if (c.diff === null) return `${head}: no samples scored by both`;
    const ci = c.ci === null ? '' : `, ${ciOf(s)} [${signedPts(c.ci[0])}, ${signedPts(c.ci[1])}]`;
    const p = pValue(c);
    const mde = c.mde === null ? '' : `; could detect ≥ ${(c.mde * 100).toFixed(1)} pts`;
    return `${head} (paired, ${c.n} samples${clusteredOn(c)}): ${signedPts(c.diff)}${ci}${p === null ? '' : `, ${pairedTestName(c.test.name)} p ${p}`}; ${c.regressed} pass→fail, ${c.improved} fail→pass${mde}`;
  });
  return [`prompt variants (${v.ids.join(', ')}), each against ${v.ids[0] ?? ''} on the same model:`, ...lines.map((l) => `  ${l}`)];
}

/** The Markdown table of the same comparisons; '' without variants. */
export function variantTable(s: RunSummary): string {
  const v = s.variants;
  if (v === undefined || v.comparisons.length === 0) return '';
  const rows = v.comparisons.map((c) => [
    mdText(modelOf(s, c)),
    `${mdText(c.variant)} vs ${mdText(c.referenceVariant)}`,
    c.clusters === undefined ? String(c.n) : `${c.n} (${c.clusters} clusters)`,
    c.diff === null ? '—' : signedPts(c.diff),
    c.ci === null ? '—' : `${signedPts(c.ci[0])} to ${signedPts(c.ci[1])}`,
    c.test.p === null ? '—' : `${(pValue(c) ?? '').replace(/^= /, '')} (${pairedTestName(c.test.name, true)})`,
    `${c.regressed} / ${c.improved}`,
    c.mde === null ? '—' : `${(c.mde * 100).toFixed(1)} pts`,
  ]);
  return mdTable(['Model', 'Prompt', 'Samples', 'Change in pass rate', ciOf(s), 'p', 'Pass→fail / fail→pass', 'Detectable change'], rows, ['left', 'left', 'right', 'right', 'left', 'left', 'right', 'right']);
}
