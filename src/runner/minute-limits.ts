// Explicit per-minute limits from the spec (requests, input tokens, output tokens), kept over a
// sliding 60-second window of the calls this queue started. Input tokens are estimated when a call
// starts and corrected to the real count when it ends; output tokens count once known.

import type { MinuteLimits } from '../types.js';

export type { MinuteLimits };

interface Entry {
  readonly t: number;
  input: number;
  output: number;
}

export interface MinuteLimiter {
  /** Milliseconds to wait before a call with this input estimate may start (0: now). */
  waitMs(now: number, inputEstimate: number): number;
  start(now: number, inputEstimate: number): Entry;
  finish(entry: Entry, usage: { readonly inputTokens: number; readonly outputTokens: number } | undefined): void;
}

const WINDOW_MS = 60_000;

/** How long until the oldest entries expire enough for `fits` to hold (entries sorted by time). */
function untilFits(entries: readonly Entry[], now: number, fits: (dropped: number) => boolean): number {
  for (let i = 0; i < entries.length; i++) {
    if (fits(i)) return i === 0 ? 0 : (entries[i - 1] as Entry).t + WINDOW_MS - now;
  }
  return entries.length === 0 ? 0 : (entries[entries.length - 1] as Entry).t + WINDOW_MS - now;
}

export function minuteLimiter(limits: MinuteLimits): MinuteLimiter {
  let entries: Entry[] = [];
  const sum = (from: number, key: 'input' | 'output') => entries.slice(from).reduce((s, e) => s + e[key], 0);
  return {
    waitMs: (now, estimate) => {
      entries = entries.filter((e) => e.t > now - WINDOW_MS);
      const { requestsPerMinute: rpm, inputTokensPerMinute: itpm, outputTokensPerMinute: otpm } = limits;
      const waits = [
        rpm === undefined ? 0 : untilFits(entries, now, (d) => entries.length - d < rpm),
        // A single call larger than the whole budget goes alone, once the window is empty.
        itpm === undefined ? 0 : untilFits(entries, now, (d) => sum(d, 'input') + Math.min(estimate, itpm) <= itpm),
        otpm === undefined ? 0 : untilFits(entries, now, (d) => sum(d, 'output') < otpm),
      ];
      return Math.max(0, ...waits);
    },
    start: (now, estimate) => {
      const e = { t: now, input: estimate, output: 0 };
      entries.push(e);
      return e;
    },
    finish: (e, usage) => {
      if (usage === undefined) return;
      e.input = usage.inputTokens;
      e.output = usage.outputTokens;
    },
  };
}
