
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
