
// What the environment says about the terminal: CI or not, colour or not. Pure functions of the
// environment and the flags, so every caller decides the same way.

/** The process environment as data (the same shape as providers' Env). */
export type Env = Readonly<Record<string, string | undefined>>;

/** CI is set to any non-empty value other than `false` or `0` (CI=true, CI=1, CI=yes …). */
export function isCI(env: Env): boolean {
  const v = env['CI'];
  return v !== undefined && v !== '' && v.toLowerCase() !== 'false' && v !== '0';
}
/**
 * Colour (and other ANSI escapes) on or off: the --color / --no-color flag first, then FORCE_COLOR
 * (`0` or `false` off; `1`, `2`, `3`, `true` or set but empty on), then NO_COLOR (any non-empty value
 * off), else on only for a terminal.
 */
export function useColor(opts: { readonly env: Env; readonly flag?: boolean | undefined; readonly isTTY: boolean }): boolean {
  if (opts.flag !== undefined) return opts.flag;
  const force = opts.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  const no = opts.env['NO_COLOR'];
  if (no !== undefined && no !== '') return false;
  return opts.isTTY;
}

/** Default width when the output is not a terminal and $COLUMNS is not set. */
export const DEFAULT_COLUMNS = 100;

/** The width to lay a report out for: the terminal's columns, else $COLUMNS (a positive integer), else 100. */
export function columnsOf(out: { readonly isTTY?: boolean; readonly columns?: number | undefined }, env: Env): number {
  if (out.isTTY === true && out.columns !== undefined && out.columns > 0) return out.columns;
  const n = Number(env['COLUMNS']);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_COLUMNS;
}
