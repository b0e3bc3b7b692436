import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/dataset/load.js';
import type { Sample } from '../../../src/types.js';

// The bundled multiple-choice dataset is what datasets/README.md says it is.

const root = resolve(import.meta.dirname, '../../..');
const path = join(root, 'datasets', 'science-quiz.jsonl');
const rows = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { id: string; subject: string; difficulty: string; choices: string[]; answer: number });
const count = <T,>(xs: readonly T[]) => Object.fromEntries([...new Set(xs)].map((x) => [String(x), xs.filter((y) => y === x).length]));

describe('datasets/science-quiz.jsonl', () => {
  it('40 questions, 10 per subject, 20 per difficulty; 3 to 5 options; answers A 4, B 17, C 14, D 5', () => {
    expect(rows).toHaveLength(40);
    expect(count(rows.map((r) => r.subject))).toEqual({ physics: 10, chemistry: 10, biology: 10, 'earth-science': 10 });
    expect(count(rows.map((r) => r.difficulty))).toEqual({ easy: 20, hard: 20 });
    expect(count(rows.map((r) => r.choices.length))).toEqual({ 3: 3, 4: 32, 5: 5 });
    expect(count(rows.map((r) => 'ABCDE'[r.answer]))).toEqual({ A: 4, B: 17, C: 14, D: 5 });
    expect(new Set(rows.map((r) => r.id)).size).toBe(40);
  });

  it('loads as the eval reads it: every answer a letter of its question, lettered options shown once', async () => {
    const d = await loadDataset({ path, format: 'jsonl', fields: { target: 'answer', choices: 'choices', metadata: ['subject', 'difficulty'] }, shuffle: false, seed: 0 }, 'science-quiz.jsonl');
    const samples = [...d.samples] as Sample[];
    expect(samples).toHaveLength(40);
    for (const [i, s] of samples.entries()) {
      const row = rows[i];
      expect(s.target).toBe('ABCDE'[row?.answer ?? -1]);
      expect(s.choices).toHaveLength(row?.choices.length ?? 0);
    }
    expect(samples.find((s) => s.id === 'SQ-009')?.choices).toEqual(['voltage', 'electric current', 'resistance', 'power']);
    expect(samples.find((s) => s.id === 'SQ-016')?.vars['choices']).toBe('A) NaCl\nB) KCl\nC) CaCO3\nD) NaHCO3');
  });
});
