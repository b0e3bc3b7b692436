import { afterEach, describe, expect, it } from 'vitest';
import { buildChatParams, openaiProvider } from '../../../src/providers/openai.js';
import type { CompletionRequest } from '../../../src/types.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../support/fake-openai.js';
import { winnerToken } from '../../support/openai-logprobs.js';
import { modelSpec, sample } from '../runner/fakes.js';

// Token log-probabilities on the openai: provider, through the real SDK against the fake server:
// asked only when the request says so, mapped from logprobs.content[] with their top alternatives.

const req: CompletionRequest = { model: 'judge', messages: [{ role: 'user', content: 'compare' }], maxTokens: 64, timeoutMs: 5000 };
const item = { sample: sample('s1', {}), epoch: 1, targetPool: [] };
let server: FakeOpenAI | undefined;
afterEach(async () => { await server?.close(); server = undefined; });

describe('openai: logprobs', () => {
  it('asks for logprobs and 5 alternatives only when the request does', () => {
    const m = modelSpec('openai:judge');
    expect(buildChatParams(m, { ...req, logprobs: true })).toMatchObject({ logprobs: true, top_logprobs: 5 });
    expect(buildChatParams(m, req)).not.toHaveProperty('logprobs');
    expect(buildChatParams(m, req)).not.toHaveProperty('top_logprobs');
  });

  it('maps logprobs.content[] and its top_logprobs onto the completion; none asked, none given', async () => {
    server = await startFakeOpenAI({ respond: () => ({ text: '{"reasoning":"x","winner":"B"}', logprobs: [{ at: winnerToken, probs: { B: 0.7, A: 0.2, tie: 0.1 } }] }) });
    const p = openaiProvider(modelSpec('openai:judge'), { apiKey: 'k', baseURL: server.url });
    const c = await p.complete({ ...req, logprobs: true }, new AbortController().signal, item);
    expect(c.logprobs?.map((t) => t.token).join('')).toBe(c.text);
    const verdict = c.logprobs?.find((t) => t.token === 'B');
    expect(verdict?.logprob).toBeCloseTo(Math.log(0.7), 12);
    expect(verdict?.top.map((t) => t.token)).toEqual(['B', 'A', 'tie']);
    const plain = await p.complete(req, new AbortController().signal, item);
    expect(plain).not.toHaveProperty('logprobs');
  });

  it('an endpoint that ignores the flag gives no logprobs (logprobs: null)', async () => {
    server = await startFakeOpenAI({ respond: () => ({ text: '{"winner":"A"}', noLogprobs: true }) });
    const p = openaiProvider(modelSpec('openai:judge'), { apiKey: 'k', baseURL: server.url });
    const c = await p.complete({ ...req, logprobs: true }, new AbortController().signal, item);
    expect(c).not.toHaveProperty('logprobs');
  });
});
