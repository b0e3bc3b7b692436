// A custom scorer as a TypeScript module (type: module): the queue the answer names, against the
// expected one. Full marks for the exact queue name, half for an answer that names the right queue
// among other words, none otherwise. scorers/queue.py is the same scorer in Python (type: exec).
import type { ScorerPlugin } from 'haikubench';

const score: ScorerPlugin<{ queues?: string[] }> = (input) => {
  const said = input.output.trim().toLowerCase().replace(/[.!]+$/, '');
  const want = String(input.expected ?? '').trim().toLowerCase();
  if (said === want) return { score: 1, pass: true };
  const words = said.split(/[^a-z]+/).filter((w) => w !== '');
  if (words.includes(want)) return { score: 0.5, pass: false, reason: `names ${want} among other words` };
  const named = (input.options.queues ?? []).find((q) => words.includes(q));
  return { score: 0, pass: false, reason: named === undefined ? 'names no queue' : `named ${named}, expected ${want}` };
};

export default score;
