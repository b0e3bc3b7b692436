// Colour for the terminal report: a few SGR styles, or none. Callers colour whole cells or lines
// after they are padded, so colour never changes a width or an alignment. Whether colour is on is
// decided once (util/terminal-env: --color / --no-color, FORCE_COLOR, NO_COLOR, a TTY). Pure.

export interface Style {
  readonly enabled: boolean;
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
}

const sgr = (open: number, close: number) => (s: string): string => (s === '' ? s : `\x1b[${open}m${s}\x1b[${close}m`);
const same = (s: string): string => s;

/** No colour: every style returns its text. */
export const plain: Style = { enabled: false, bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

export const coloured: Style = {
  enabled: true, bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39),
};

export const styleOf = (enabled: boolean): Style => (enabled ? coloured : plain);
