// Whole tenths: numbers that are exactly k/10 for a 32-bit integer k, such as latencies rounded to
// 0.1 ms. Kept as k (4 bytes) they read back as the very same double (k/10), and they sort as k does.

/** k when `v` is exactly k/10 for an integer -2^31 < k < 2^31 (NaN, -0 and ±∞ are not); else undefined. */
export function wholeTenths(v: number): number | undefined {
  const r = Math.round(v * 10);
  if (!(r > -(2 ** 31) && r < 2 ** 31)) return undefined; // NaN and ±∞ fail this too
  const k = r | 0; // minus zero becomes 0, and 0/10 is not -0: not one
  return Object.is(k / 10, v) ? k : undefined;
}
