import { deflateSync } from 'node:zlib';

// A tiny PNG encoder (8-bit RGB, no interlace), enough to draw the bundled vision dataset's charts
// without an image library: signature, IHDR, one IDAT, IEND, each chunk with its CRC-32.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export type Rgb = readonly [number, number, number];

/** A width × height canvas of RGB pixels. */
export interface Canvas {
  readonly width: number;
  readonly height: number;
  fill(x: number, y: number, w: number, h: number, color: Rgb): void;
  png(): Buffer;
}

export function canvas(width: number, height: number, background: Rgb = [255, 255, 255]): Canvas {
  const px = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) px.set(background, i * 3);
  return {
    width,
    height,
    fill: (x, y, w, h, color) => {
      for (let yy = Math.max(0, y); yy < Math.min(height, y + h); yy++) {
        for (let xx = Math.max(0, x); xx < Math.min(width, x + w); xx++) px.set(color, (yy * width + xx) * 3);
      }
    },
    png: () => {
      // Each row starts with filter type 0 (none).
      const raw = Buffer.alloc((width * 3 + 1) * height);
      for (let y = 0; y < height; y++) px.copy(raw, y * (width * 3 + 1) + 1, y * width * 3, (y + 1) * width * 3);
      const ihdr = Buffer.alloc(13);
      ihdr.writeUInt32BE(width, 0);
      ihdr.writeUInt32BE(height, 4);
      ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit depth, colour type 2 (RGB)
      return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
    },
  };
}
