import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { readJsonl, runCli, tempDir, writeFiles } from '../support/cli.js';
import { canvas } from '../../datasets/tools/png.js';

// Images and PDFs named by samples (a path relative to the dataset, a data: URL) reach the fake APIs
// byte-exact (checked by hash) as Anthropic image/document blocks and OpenAI image_url parts; an
// image over the API's limits is exit 2 before any call, naming the sample and the limit.

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let anthropic: FakeAnthropic | undefined;
let openai: FakeOpenAI | undefined;
afterEach(async () => { await anthropic?.close(); await openai?.close(); anthropic = undefined; openai = undefined; });

function setup(model: string, images: Record<string, Buffer>, rows: readonly Record<string, unknown>[]) {
  const dir = tempDir();
  mkdirSync(join(dir, 'img'));
  for (const [name, bytes] of Object.entries(images)) writeFileSync(join(dir, 'img', name), bytes);
  writeFiles(dir, {
    'data.jsonl': rows.map((r) => JSON.stringify(r)).join('\n'),
    'spec.yaml': `name: vision\ndataset: { path: data.jsonl, fields: { target: answer, images: media } }\nprompt: { user: "{{q}}" }\nmodels: [${model}]\nscorers: [{ type: contains }]\n`,
  });
  return { spec: join(dir, 'spec.yaml'), out: join(dir, 'out') };
}

function chart(seed: number): Buffer {
  const c = canvas(64, 48);
  c.fill(4 + seed, 8, 10, 30, [200, 40, 40]);
  return c.png();
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('images and documents', () => {
  it('Anthropic: image and document blocks arrive byte-exact, before the text', async () => {
    anthropic = await startFakeAnthropic({ respond: () => ({ text: 'red' }) });
    const a = chart(1);
    const b = chart(2);
    const { spec, out } = setup('anthropic:claude-haiku-5-5', { 'a.png': a, 'b.png': b, 'doc.pdf': PDF }, [
      { id: 'one', q: 'Colour?', answer: 'red', media: 'img/a.png' },
      { id: 'two', q: 'Colour?', answer: 'red', media: ['img/b.png', `data:image/png;base64,${a.toString('base64')}`, 'img/doc.pdf'] },
    ]);
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url } });
    expect(res.code, res.stderr).toBe(0);
    const blocks = (i: number) => ((anthropic?.calls[i]?.body as { messages: { content: { type: string; source?: { media_type: string; data: string }; text?: string }[] }[] }).messages[0]?.content ?? []);
    const byQuestion = [0, 1].map(blocks).sort((x, y) => x.length - y.length);
    const [one, two] = byQuestion;
    expect(one?.map((b) => b.type)).toEqual(['image', 'text']);
    expect(sha(Buffer.from(one?.[0]?.source?.data ?? '', 'base64'))).toBe(sha(a));
    expect(two?.map((b) => b.type)).toEqual(['image', 'image', 'document', 'text']);
    expect([0, 1, 2].map((k) => sha(Buffer.from(two?.[k]?.source?.data ?? '', 'base64')))).toEqual([sha(b), sha(a), sha(PDF)]);
    expect(two?.[2]?.source?.media_type).toBe('application/pdf');
    expect(readJsonl(join(out, 'records.jsonl')).every((r) => r['status'] === 'ok')).toBe(true);
  });

  it('OpenAI-compatible: image_url parts with data: URLs of the same bytes', async () => {
    openai = await startFakeOpenAI({ respond: () => ({ text: 'red' }) });
    const a = chart(3);
    const { spec, out } = setup('openai:fake-model', { 'a.png': a }, [{ id: 'one', q: 'Colour?', answer: 'red', media: 'img/a.png' }]);
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache'], { env: { OPENAI_BASE_URL: openai.url } });
    expect(res.code, res.stderr).toBe(0);
    const parts = (openai.calls[0]?.body as { messages: { content: { type: string; image_url?: { url: string } }[] }[] }).messages[0]?.content ?? [];
    expect(parts.map((p) => p.type)).toEqual(['image_url', 'text']);
    const url = parts[0]?.image_url?.url ?? '';
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    expect(sha(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'))).toBe(sha(a));
  });

  it('an image over 8000 px, a wrong type and a missing file: exit 2 before any call, naming sample and limit', async () => {
    anthropic = await startFakeAnthropic();
    const wide = canvas(8001, 2).png();
    const { spec, out } = setup('anthropic:claude-haiku-5-5', { 'wide.png': wide, 'a.png': chart(1), 'note.txt': Buffer.from('hi') }, [
      { id: 'fine', q: 'x', answer: 'y', media: 'img/a.png' },
      { id: 'too-wide', q: 'x', answer: 'y', media: 'img/wide.png' },
      { id: 'text-file', q: 'x', answer: 'y', media: 'img/note.txt' },
      { id: 'gone', q: 'x', answer: 'y', media: 'img/missing.png' },
    ]);
    const res = await runCli(['run', spec, '--out', out, '--quiet', '--no-cache'], { env: { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: anthropic.url } });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/sample too-wide .*8001×2 px; the longest side may be at most 8000 px/);
    expect(res.stderr).toMatch(/sample text-file .*type unknown is not accepted; use PNG, JPEG, GIF, WebP or PDF/);
    expect(res.stderr).toMatch(/sample gone .*missing\.png: no such file/);
    expect(res.stderr).not.toMatch(/sample fine/);
    expect(anthropic.calls).toHaveLength(0);
    expect(readFileSync(spec, 'utf8')).toContain('images: media');
  });

  it('the image count limit follows the models: 150 images pass on 1M-context Haiku 5.5, not beside 200K-context Haiku 4.5', async () => {
    anthropic = await startFakeAnthropic();
    const many = Array.from({ length: 150 }, () => 'img/a.png');
    const rows = [{ id: 'album', q: 'How many?', answer: '150', media: many }];
    const large = setup('anthropic:claude-haiku-5-5', { 'a.png': chart(1) }, rows);
    const ok = await runCli(['validate', large.spec]);
    expect(ok.code, ok.stderr).toBe(0);
    const small = setup('anthropic:claude-haiku-5-5, anthropic:claude-haiku-4-5', { 'a.png': chart(1) }, rows);
    const refused = await runCli(['validate', small.spec]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('data.jsonl:1): dataset.fields.images "media": 150 images; the API takes at most 100 per request (on a model with a 200K-token context window, or one whose window is not known)');
  });
});
