import { createHash } from 'node:crypto';

/** mulberry32: a small, fast, seeded PRNG. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [0, 1) fixed by its key: the same key always gives the same draw. */
export function hashUniform(...key: readonly (string | number)[]): number {
  const h = createHash('sha256').update(key.join('\u0000')).digest();
  return h.readUInt32BE(0) / 4294967296;
}

/** A standard normal draw fixed by its key (Box–Muller on two keyed uniforms). */
export const keyedNormal = (...key: readonly (string | number)[]): number =>
  Math.sqrt(-2 * Math.log(1 - hashUniform(...key, 'n1'))) * Math.cos(2 * Math.PI * hashUniform(...key, 'n2'));

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');
