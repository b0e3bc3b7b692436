// src/ against its declared layering (test/support/layers.ts): the imports into a higher layer or a
// sibling unit, the runtime import cycles between units, the files in no unit or over 300 lines,
// then the unit graph (how many value and type imports go from each unit to each other one).
//
//   npx tsx bench/architecture.ts
//
// Exit 0 when src/ is clean, 1 otherwise.
import { resolve } from 'node:path';
import { checkArchitecture, formatReport, formatUnitGraph, isClean, readSourceTree } from '../test/support/architecture.js';
import { LAYERS } from '../test/support/layers.js';

const src = resolve(import.meta.dirname, '../src');
const report = checkArchitecture(readSourceTree(src), LAYERS);
console.log(`Layers, top to bottom: ${LAYERS.map((l) => l.join(', ')).join(' | ')}`);
console.log('');
console.log(formatReport(report));
console.log('');
console.log('Imports between units (within a unit not counted):');
console.log(formatUnitGraph(report.edges));
process.exitCode = isClean(report) ? 0 : 1;
