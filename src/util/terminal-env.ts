
// What the environment says about the terminal: CI or not, colour or not. Pure functions of the
// environment and the flags, so every caller decides the same way.

/** The process environment as data (the same shape as providers' Env). */
export type Env = Readonly<Record<string, string | undefined>>;

/** CI is set to any non-empty value other than `false` or `0` (CI=true, CI=1, CI=yes …). */
export function isCI(env: Env): boolean {
  const v = env['CI'];
  return v !== undefined && v !== '' && v.toLowerCase() !== 'false' && v !== '0';
}
