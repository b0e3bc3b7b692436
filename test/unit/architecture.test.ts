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
