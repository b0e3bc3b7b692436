import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { ContentBlock, Json } from '../types.js';

// A sample's images and PDFs (dataset.fields.images): paths relative to the dataset, URLs, data:
// URLs, {path|url|data, media_type}, or {bytes, path} as Hugging Face image columns hold them.
// checkMedia says what breaks the API's limits before any call;
// mediaBlocks turns them into image and document blocks.

const TYPES: Readonly<Record<string, string>> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.pdf': 'application/pdf' };
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** The Messages API's limits on images and documents. */
export const MEDIA_LIMITS = {
  /** Images per request: 100 on models with a 200K-token context window, 600 on the 1M-context ones. */
  maxImages: 100,
  maxImagesLargeContext: 600,
  /** Longest side in pixels (2000 when a request has more than 20 images). */
  maxSide: 8000,
  maxSideMany: 2000,
  /** Bytes of one image (a per-image limit of older docs, kept: the request limit is 32 MB). */
  maxImageBytes: 5 * 1024 * 1024,
  maxRequestBytes: 32 * 1024 * 1024,
} as const;

type Item = { readonly kind: 'file'; readonly path: string; readonly mediaType: string | undefined }
  | { readonly kind: 'url'; readonly url: string; readonly mediaType: string | undefined }
  | { readonly kind: 'data'; readonly data: string; readonly mediaType: string | undefined };

function itemOf(v: Json, dir: string): Item | string {
  if (typeof v === 'string') {
    const data = /^data:([^;,]+);base64,(.*)$/s.exec(v);
    if (data !== null) return { kind: 'data', data: data[2] ?? '', mediaType: data[1] };
    if (/^https?:\/\//.test(v)) return { kind: 'url', url: v, mediaType: TYPES[extname(new URL(v).pathname).toLowerCase()] };
    return { kind: 'file', path: resolve(dir, v), mediaType: TYPES[extname(v).toLowerCase()] };
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'an image is a path, a URL, a data: URL, {path|url|data, media_type} or {bytes, path}';
  const o = v as Readonly<Record<string, Json>>;
  const mt = typeof o['media_type'] === 'string' ? o['media_type'] : undefined;
  // Hugging Face's Image feature, as a Parquet row holds it: {bytes (base64 once read), path (a name, not a file here)}.
  if (typeof o['bytes'] === 'string' && o['bytes'] !== '') {
    const named = typeof o['path'] === 'string' ? TYPES[extname(o['path']).toLowerCase()] : undefined;
    const type = mt ?? sniffedType(o['bytes']) ?? named;
    return type === undefined ? 'image bytes of a kind that is neither PNG, JPEG, GIF, WebP nor PDF; give a media_type' : { kind: 'data', data: o['bytes'], mediaType: type };
  }
  if (typeof o['path'] === 'string') return { kind: 'file', path: resolve(dir, o['path']), mediaType: mt ?? TYPES[extname(o['path']).toLowerCase()] };
  if (typeof o['url'] === 'string') return { kind: 'url', url: o['url'], mediaType: mt };
  if (typeof o['data'] === 'string') return mt === undefined ? 'base64 data needs a media_type' : { kind: 'data', data: o['data'], mediaType: mt };
  return 'an image object needs path, url, data or bytes';
}

/** The media type of base64 bytes, from their first bytes (PNG, JPEG, GIF, WebP, PDF); undefined otherwise. */
function sniffedType(base64: string): string | undefined {
  const b = Buffer.from(base64.slice(0, 24), 'base64');
  if (b.length < 4) return undefined;
  if (b.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8) return 'image/jpeg';
  const head = b.toString('latin1', 0, 12);
  if (head.startsWith('GIF8')) return 'image/gif';
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return 'image/webp';
  if (head.startsWith('%PDF')) return 'application/pdf';
  return undefined;
}

const list = (v: Json): readonly Json[] => (Array.isArray(v) ? v : v === null ? [] : [v]);

/** Width and height of a PNG, JPEG, GIF or WebP, from its header; undefined when it cannot tell. */
export function imageSize(b: Buffer): { readonly w: number; readonly h: number } | undefined {
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
  if (b.length > 10 && b.toString('latin1', 0, 3) === 'GIF') return { w: b.readUInt16LE(6), h: b.readUInt16LE(8) };
  if (b.length > 30 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 12, 16) === 'VP8X') return { w: 1 + b.readUIntLE(24, 3), h: 1 + b.readUIntLE(27, 3) };
  if (b.length > 4 && b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length;) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1] ?? 0;
      if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { w: b.readUInt16BE(i + 7), h: b.readUInt16BE(i + 5) };
      i += 2 + b.readUInt16BE(i + 2);
    }
  }
  return undefined;
}

function bytesOf(item: Item): Buffer | undefined {
  if (item.kind === 'data') return Buffer.from(item.data, 'base64');
  if (item.kind === 'file') return readFileSync(item.path);
  return undefined;
}

/** Problems of one sample's media against the API's limits, each naming the item and the limit. */
export function checkMedia(value: Json, dir: string, maxImages: number = MEDIA_LIMITS.maxImages): string[] {
  const items = list(value).map((v) => itemOf(v, dir));
  const out: string[] = [];
  const images = items.filter((i) => typeof i !== 'string' && i.mediaType !== 'application/pdf').length;
  if (images > maxImages) out.push(`${images} images; the API takes at most ${maxImages} per request${maxImages < MEDIA_LIMITS.maxImagesLargeContext ? ' (on a model with a 200K-token context window, or one whose window is not known)' : ''}`);
  const maxSide = images > 20 ? MEDIA_LIMITS.maxSideMany : MEDIA_LIMITS.maxSide;
  let total = 0;
  items.forEach((item, i) => {
    if (typeof item === 'string') { out.push(`item ${i}: ${item}`); return; }
    const name = item.kind === 'file' ? item.path : item.kind === 'url' ? item.url : `item ${i} (base64)`;
    if (item.mediaType === undefined || (item.mediaType !== 'application/pdf' && !IMAGE_TYPES.includes(item.mediaType))) {
      out.push(`${name}: type ${item.mediaType ?? 'unknown'} is not accepted; use PNG, JPEG, GIF, WebP or PDF`);
      return;
    }
    if (item.kind === 'file' && !isFile(item.path)) { out.push(`${name}: no such file`); return; }
    const bytes = bytesOf(item);
    if (bytes === undefined) return;
    total += bytes.length;
    if (item.mediaType === 'application/pdf') return;
    if (bytes.length > MEDIA_LIMITS.maxImageBytes) out.push(`${name}: ${bytes.length} bytes; an image may have at most ${MEDIA_LIMITS.maxImageBytes} bytes (5 MB)`);
    const size = imageSize(bytes);
    if (size !== undefined && Math.max(size.w, size.h) > maxSide) out.push(`${name}: ${size.w}×${size.h} px; the longest side may be at most ${maxSide} px${images > 20 ? ' with more than 20 images in a request' : ''}`);
  });
  if (total > MEDIA_LIMITS.maxRequestBytes) out.push(`${total} bytes of media; a request may have at most 32 MB`);
  return out;
}

function isFile(path: string): boolean {
  try { return statSync(path).isFile(); } catch { return false; }
}

/** The sample's media as image and document blocks (checked before the run by checkMedia). */
export function mediaBlocks(value: Json, dir: string): ContentBlock[] {
  return list(value).flatMap((v): ContentBlock[] => {
    const item = itemOf(v, dir);
    if (typeof item === 'string' || item.mediaType === undefined) return [];
    const source = item.kind === 'url' ? { kind: 'url' as const, url: item.url } : { kind: 'base64' as const, mediaType: item.mediaType, data: item.kind === 'data' ? item.data : readFileSync(item.path).toString('base64') };
    return [item.mediaType === 'application/pdf' ? { type: 'document', source } : { type: 'image', source }];
  });
}
