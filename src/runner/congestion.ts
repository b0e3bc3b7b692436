// Two small detectors the pacer reacts to, apart so each can be read (and tested) on its own.

/**
 * Whether 429s cluster: among the last `size` outcomes of a queue, at least a fifth (and at least 4)
 * were 429s. A few random 429s (a 5% background of them) never reach that; a limit being hit does.
 */
export interface LossWindow {
  /** Record one finished call; returns whether 429s now cluster. */
  note(rateLimited: boolean): boolean;
}

export function lossWindow(size: number): LossWindow {
  const ring: boolean[] = new Array<boolean>(size).fill(false);
  const threshold = Math.max(4, Math.ceil(size / 5));
  let next = 0;
  let losses = 0;
  return {
    note: (rateLimited) => {
      if (ring[next] === true) losses -= 1;
      ring[next] = rateLimited;
      if (rateLimited) losses += 1;
      next = (next + 1) % size;
      return rateLimited && losses >= threshold;
    },
  };
}

/** The first and the longest pause of an outage. */
const OUTAGE_FIRST_MS = 500;
const OUTAGE_MAX_MS = 5_000;

/**
 * Pauses while the endpoint cannot be reached: 0.5 s after the first connection failure, twice as long
 * after each failure past the pause before (calls already out when it began do not count), up to 5 s;
 * a success starts over.
 */
export interface OutagePauses {
  /** A connection failure at `now`: the end of a new pause, or undefined while one is running. */
  failed(now: number): number | undefined;
  succeeded(): void;
}

export function outagePauses(): OutagePauses {
  let outage = 0;
  let until = 0;
  return {
    failed: (now) => {
      if (now < until) return undefined;
      outage += 1;
      until = now + Math.min(OUTAGE_FIRST_MS * 2 ** (outage - 1), OUTAGE_MAX_MS);
      return until;
    },
    succeeded: () => { outage = 0; },
  };
}
