import { describe, expect, it } from 'vitest';
import { doc, issuesOf, load } from './helpers.js';

// dataset.delimiter in the spec: one character, for CSV and TSV files.

describe('dataset.delimiter', () => {
  it.each([
    ['../data/items.csv', ';'],
    ['../data/items.tsv', '|'],
  ])('%s with %s resolves with that delimiter', (path, delimiter) => {
    expect(load(doc({ dataset: { path, delimiter } })).dataset.delimiter).toBe(delimiter);
  });

  it('is absent when not given', () => {
    expect(load(doc({ dataset: { path: '../data/items.csv' } })).dataset).not.toHaveProperty('delimiter');
  });

  it.each([
    ['two characters', { path: '../data/items.csv', delimiter: ';;' }, /#\/dataset\/delimiter .*must NOT have more than 1 character/],
    ['empty', { path: '../data/items.csv', delimiter: '' }, /#\/dataset\/delimiter .*must NOT have fewer than 1 character/],
    ['a JSONL file', { path: '../data/items.jsonl', delimiter: ';' }, /#\/dataset\/delimiter: applies to CSV and TSV files only, not jsonl/],
  ])('%s is an error', (_name, dataset, expected) => {
    expect(issuesOf(() => load(doc({ dataset }))).join('\n')).toMatch(expected);
  });
});
