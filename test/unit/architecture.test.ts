import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { checkArchitecture, formatReport, readSourceTree } from '../support/architecture.js';
import { LAYERS } from '../support/layers.js';

// src/ against its declared layering (test/support/layers.ts): no import into a higher layer or a
// sibling unit, no runtime cycle between units, every file in a unit and at most 300 lines.

const report = checkArchitecture(readSourceTree(join(import.meta.dirname, '../../src')), LAYERS);
const findings = formatReport(report);

describe('the architecture of src/', () => {
  it.each([
    ['no import against the layering', report.violations.length],
    ['no runtime import cycle between units', report.cycles.length],
    ['no file outside the declared units', report.undeclared.length],
    ['no file over 300 lines', report.longFiles.length],
  ])('%s', (_rule, count) => {
    expect(count, findings).toBe(0);
  });

  it('sees the imports at all', () => {
    expect(report.edges.length).toBeGreaterThan(500);
  });
});

describe('docs/architecture.md draws the declared layering', () => {
  it('its table of layers lists the units of test/support/layers.ts, in the same order', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(import.meta.dirname, '../../docs/architecture.md'), 'utf8');
    const table = text.slice(text.indexOf('## The layering'), text.indexOf('Some consequences'));
    // Each row: | layer | `unit`, `unit` (a note that may name other units in backticks) |
    const rows = table.split('\n').filter((l) => /^\| \d/.test(l)).map((l) => {
      const cell = l.split('|')[2] ?? '';
      const units = cell.split('(')[0] ?? '';
      return [...units.matchAll(/`([^`]+)`/g)].map((m) => (m[1] ?? '').replace(/\/$/, ''));
    });
    const declared = LAYERS.map((layer) => [...layer]);
    // The docs name the vocabulary "types.ts, types/"; the declaration's unit "types" covers both.
    const docs = rows.map((units) => units.flatMap((u) => (u === 'types.ts' ? [] : [u])));
    expect(docs).toEqual(declared);
  });
});
