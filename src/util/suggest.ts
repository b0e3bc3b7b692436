import { closest, distance } from 'fastest-levenshtein';

/** The option nearest to a misspelt word (edit distance ≤ 2, or ≤ a third of the word), or undefined. */
export function nearest(got: string, options: readonly string[]): string | undefined {
  if (options.length === 0) return undefined;
  const best = closest(got, [...options]);
  return distance(got, best) <= Math.max(2, Math.floor(got.length / 3)) ? best : undefined;
}

/** ` (did you mean "x"?)` for a near miss, '' otherwise. */
export function suggest(got: string, options: readonly string[]): string {
  const best = nearest(got, options);
  return best === undefined ? '' : ` (did you mean "${best}"?)`;
}
