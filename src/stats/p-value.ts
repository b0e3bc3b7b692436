// A p-value that is above 0 in exact arithmetic can underflow a double: McNemar's exact test with
// 0 of 3,000 discordant pairs on one side has p = 2 · 0.5^3000 ≈ 1e-903. Written as 0 it would say
// "impossible"; it is written as the smallest positive double instead, 5e-324, an upper bound.

/** `p`, or the smallest positive double when it underflowed to 0 (for tests whose p-value is never exactly 0). */
export const positiveP = (p: number): number => (p > 0 || Number.isNaN(p) ? p : Number.MIN_VALUE);
