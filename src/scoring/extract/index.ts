export { extractFencedBlocks, getPath, parseJsonLoose } from './json.js';
export type { JsonLooseResult, PathResult } from './json.js';
export { extractFinalNumber, numbersClose, parseNumberLoose } from './number.js';
export type { FinalNumber, FinalNumberSource, Tolerance } from './number.js';
export { findLabel, levenshteinRatio, normalizeLabel } from './text.js';
export type { LabelMatch } from './text.js';
