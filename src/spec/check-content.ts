import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Sample } from '../types.js';
import type { EvalSpec } from './types.js';
import { conversationProblem } from '../prompt/conversation.js';
import { checkMedia, MEDIA_LIMITS } from '../prompt/media.js';
import { limitsOf } from '../pricing/limits.js';

// Before any call: a sample's conversation field, its images and PDFs (type, size, count against the
// API's limits), and its scripted tool results, checked as the samples stream by. A few problems are
// listed, each naming the sample, and how many samples have one.

const SHOWN = 5;

/** The most images a request may hold for every model of the spec: 600 when each has a 1M-token context window, else 100. */
function maxImagesOf(spec: EvalSpec): number {
  const large = spec.models.every((m) => (limitsOf(m.model)?.contextTokens ?? 0) >= 1_000_000);
  return large ? MEDIA_LIMITS.maxImagesLargeContext : MEDIA_LIMITS.maxImages;
}

export interface ContentChecker {
  add(s: Sample): void;
  issues(): string[];
}

export function contentChecker(spec: EvalSpec, file: string): ContentChecker {
  const out: string[] = [];
  let bad = 0;
  const { messages, images } = spec.dataset.fields;
  const scripted = spec.tools?.loop?.results;
  const dir = dirname(spec.dataset.path);
  const maxImages = maxImagesOf(spec);
  const note = (s: Sample, what: string) => {
    bad += 1;
    if (out.length < SHOWN) out.push(`sample ${s.id} (${s.source}): ${what}`);
  };
  return {
    add: (s) => {
      if (messages !== undefined) {
        const why = conversationProblem(s.vars[messages]);
        if (why !== undefined) note(s, `dataset.fields.messages "${messages}" ${why}`);
      }
      if (images !== undefined && s.vars[images] !== undefined) {
        for (const why of checkMedia(s.vars[images] ?? null, dir, maxImages)) note(s, `dataset.fields.images "${images}": ${why}`);
      }
      if (scripted?.kind === 'dataset' && s.vars[scripted.field] === undefined) note(s, `tool_loop.results.dataset: no field "${scripted.field}" with the scripted tool results`);
    },
    issues: () => {
      const list = [...out];
      if (scripted?.kind === 'module' && !existsSync(scripted.path)) list.unshift(`${file}#/tool_loop/results/module: no such file ${scripted.path}`);
      if (bad > out.length) list.push(`… and ${bad - out.length} more problem(s) of the same kind`);
      return list;
    },
  };
}
