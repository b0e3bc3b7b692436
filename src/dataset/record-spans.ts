import { pagedOffsets, type NumberColumn } from '../util/paged-numbers.js';

/**
 * The byte spans [start, end) of a file's consecutive records, for reading each one again later. A
 * start costs 4 bytes (an offset within its page of 4,096). An end is not kept: it is the next
 * record's start less the gap between the two (the line break, or a blank line), and the gaps of a
 * page cost nothing while they are all the same, as they are in most files; the last record's end is
 * kept as it is. Every number reads back exactly, whatever the file (see pagedOffsets).
 */
export function recordSpans(): { push(start: number, end: number): void; readonly starts: NumberColumn; readonly ends: NumberColumn } {
  const starts = pagedOffsets(32);
  const gaps = pagedOffsets(16, 0); // gaps.get(n): record n+1's start less record n's end
  let lastEnd = 0;
  return {
    push(start, end) {
      if (starts.length > 0) gaps.push(start - lastEnd);
      starts.push(start);
      lastEnd = end;
    },
    starts,
    ends: {
      get length() { return starts.length; },
      get(i) {
        if (!(Number.isInteger(i) && i >= 0 && i < starts.length)) return undefined;
        return i === starts.length - 1 ? lastEnd : (starts.get(i + 1) as number) - (gaps.get(i) as number);
      },
    },
  };
}
