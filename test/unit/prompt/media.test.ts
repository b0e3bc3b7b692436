import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMedia, imageSize, mediaBlocks } from '../../../src/prompt/media.js';
import { canvas } from '../../../datasets/tools/png.js';

const dir = mkdtempSync(join(tmpdir(), 'media-'));
const png = canvas(30, 20).png();
writeFileSync(join(dir, 'a.png'), png);
writeFileSync(join(dir, 'big.png'), canvas(2001, 3).png());

/** A minimal JPEG: SOI, an APP0 segment, then SOF0 with height 77 and width 123. */
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x4d, 0x00, 0x7b, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([0x0a, 0x00, 0x05, 0x00]), Buffer.alloc(20)]);

describe('imageSize', () => {
  it.each<readonly [string, Buffer, { w: number; h: number } | undefined]>([
    ['png', png, { w: 30, h: 20 }],
    ['jpeg', jpeg, { w: 123, h: 77 }],
    ['gif', gif, { w: 10, h: 5 }],
    ['not an image', Buffer.from('hello world, this is text and not an image'), undefined],
  ])('%s', (_l, b, want) => expect(imageSize(b)).toEqual(want));
});

describe('checkMedia', () => {
  it.each<readonly [string, Parameters<typeof checkMedia>[0], RegExp | null]>([
    ['a local PNG', 'a.png', null],
    ['a URL', 'https://example.com/x.png', null],
    ['a data: URL', `data:image/png;base64,${png.toString('base64')}`, null],
    ['an object with base64 and its type', { data: png.toString('base64'), media_type: 'image/png' }, null],
    ['base64 without a type', { data: 'AAAA' }, /needs a media_type/],
    ['a missing file', 'nope.png', /nope\.png: no such file/],
    ['an unknown type', 'notes.txt', /type unknown is not accepted/],
    ['an SVG', { url: 'https://example.com/x.svg', media_type: 'image/svg+xml' }, /image\/svg\+xml is not accepted/],
    ['a number', 3, /an image is a path/],
    ['a Hugging Face image: PNG bytes, a name that is no file here', { bytes: png.toString('base64'), path: 'chart_0001.png' }, null],
    ['a Hugging Face image: JPEG bytes without a name', { bytes: jpeg.toString('base64'), path: null }, null],
    ['bytes that are no known image kind', { bytes: Buffer.from('hello').toString('base64') }, /neither PNG, JPEG, GIF, WebP nor PDF; give a media_type/],
    ['bytes too short to tell', { bytes: 'AA' }, /give a media_type/],
  ])('%s', (_l, v, problem) => {
    const out = checkMedia(v, dir);
    if (problem === null) expect(out).toEqual([]);
    else expect(out.join('\n')).toMatch(problem);
  });

  it('over 2000 px is fine alone, not with more than 20 images in the request', () => {
    expect(checkMedia('big.png', dir)).toEqual([]);
    const many = Array.from({ length: 21 }, () => 'big.png');
    expect(checkMedia(many, dir).join('\n')).toMatch(/2001×3 px; the longest side may be at most 2000 px with more than 20 images/);
  });

  it('more than 100 images is over the count limit of a 200K-context model; 600 on 1M-context ones', () => {
    expect(checkMedia(Array.from({ length: 101 }, () => 'a.png'), dir)[0]).toBe('101 images; the API takes at most 100 per request (on a model with a 200K-token context window, or one whose window is not known)');
    expect(checkMedia(Array.from({ length: 101 }, () => 'a.png'), dir, 600)).toEqual([]);
    expect(checkMedia(Array.from({ length: 601 }, () => 'a.png'), dir, 600)[0]).toBe('601 images; the API takes at most 600 per request');
  });
});

describe('mediaBlocks', () => {
  it('Hugging Face image bytes become a base64 block of their kind, told from the bytes, not the name', () => {
    expect(mediaBlocks([{ bytes: gif.toString('base64'), path: 'x.png' }, { bytes: png.toString('base64') }], dir)).toEqual([
      { type: 'image', source: { kind: 'base64', mediaType: 'image/gif', data: gif.toString('base64') } },
      { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: png.toString('base64') } },
    ]);
  });


  it('files become base64 blocks of their exact bytes, PDFs documents, URLs stay URLs', () => {
    writeFileSync(join(dir, 'doc.pdf'), '%PDF-1.4\n%%EOF\n');
    const blocks = mediaBlocks(['a.png', 'doc.pdf', 'https://example.com/c.jpg'], dir);
    expect(blocks.map((b) => b.type)).toEqual(['image', 'document', 'image']);
    expect(blocks[0]).toEqual({ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: png.toString('base64') } });
    expect(blocks[2]).toEqual({ type: 'image', source: { kind: 'url', url: 'https://example.com/c.jpg' } });
  });
});
