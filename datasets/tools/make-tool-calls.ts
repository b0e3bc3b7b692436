import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Writes datasets/tool-calls.jsonl: requests to a travel and weather assistant with the calls expected,
// Berkeley Function-Calling Leaderboard style: per argument the values allowed ("" = may be left out),
// parallel calls as a list, [] where no tool applies. Hand-written phrasings, slot-filled. Run:
// npx tsx datasets/tools/make-tool-calls.ts

const CITIES = [['Paris', 'FR'], ['Osaka', 'JP'], ['Lagos', 'NG'], ['Lima', 'PE'], ['Oslo', 'NO'], ['Pune', 'IN'], ['Porto', 'PT'], ['Quito', 'EC']] as const;
const rows: Record<string, unknown>[] = [];
const add = (kind: string, question: string, expected: unknown) => rows.push({ id: `tc-${String(rows.length + 1).padStart(3, '0')}`, kind, question, expected });

CITIES.forEach(([city, cc], i) => {
  add('single', `What's the weather like in ${city} right now?`, [{ get_weather: { city: [city, `${city}, ${cc}`], unit: ['', 'celsius'] } }]);
  add('single', `Is it warm in ${city}? Give me Fahrenheit please.`, [{ get_weather: { city: [city, `${city}, ${cc}`], unit: ['fahrenheit'] } }]);
  add('single', `How much is ${50 + i * 10} euros in US dollars?`, [{ convert_currency: { amount: [50 + i * 10], from: ['EUR'], to: ['USD'] } }]);
  const other = CITIES[(i + 3) % CITIES.length]?.[0] ?? 'Paris';
  add('parallel', `Compare the weather in ${city} and ${other}.`, [{ get_weather: { city: [city], unit: ['', 'celsius'] } }, { get_weather: { city: [other], unit: ['', 'celsius'] } }]);
  add('single', `Find me flights from ${city} to ${other} on 2026-12-${String(10 + i).padStart(2, '0')}.`, [{ search_flights: { origin: [city], destination: [other], date: [`2026-12-${String(10 + i).padStart(2, '0')}`], passengers: ['', 1] } }]);
  add('none', `Tell me a fun fact about ${city}.`, []);
});
writeFileSync(join(import.meta.dirname, '..', 'tool-calls.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
