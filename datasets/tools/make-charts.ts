import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canvas, type Rgb } from './png.js';
import { seededRandom as rng } from '../../src/util/random.js';

// Writes datasets/charts/*.png and datasets/vision-charts.jsonl: bar charts with known answers (which
// colour has the tallest bar, how many bars there are). Deterministic: run it again and the files are
// byte-identical. Run: npx tsx datasets/tools/make-charts.ts

const COLORS: Readonly<Record<string, Rgb>> = { red: [220, 50, 47], blue: [38, 139, 210], green: [133, 153, 0], orange: [203, 75, 22], purple: [108, 113, 196] };
const NAMES = Object.keys(COLORS);

const root = join(import.meta.dirname, '..');
const rows: string[] = [];
const rand = rng(16);
for (let i = 0; i < 24; i++) {
  const bars = 3 + Math.floor(rand() * 3);
  const colors = [...NAMES].sort(() => rand() - 0.5).slice(0, bars);
  // Distinct heights, so the tallest bar is never a tie.
  const heights = [...Array(bars).keys()].map((k) => 30 + k * 25).sort(() => rand() - 0.5);
  const c = canvas(240, 180);
  c.fill(10, 170, 220, 2, [40, 40, 40]);
  colors.forEach((name, k) => c.fill(20 + k * 42, 170 - (heights[k] ?? 0), 30, heights[k] ?? 0, COLORS[name] as Rgb));
  const file = `charts/chart-${String(i + 1).padStart(2, '0')}.png`;
  writeFileSync(join(root, file), c.png());
  const tallest = colors[heights.indexOf(Math.max(...heights))] as string;
  const question = i % 2 === 0 ? 'Which colour is the tallest bar? Answer with the colour name only.' : 'How many bars does the chart have? Answer with the number only.';
  rows.push(JSON.stringify({ id: `chart-${i + 1}`, image: file, question, answer: i % 2 === 0 ? tallest : String(bars), kind: i % 2 === 0 ? 'tallest' : 'count' }));
}
writeFileSync(join(root, 'vision-charts.jsonl'), `${rows.join('\n')}\n`);
