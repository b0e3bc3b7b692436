import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';

// A command run in a real pseudo-terminal of a given size (tmux, detached, on a socket of its own),
// and the screen it leaves: every line of the scrollback, wrapped lines joined (capture-pane -J), so a
// line wider than the terminal shows as one long line. The command's exit code is echoed after it.

const run = promisify(execFile);

export interface Screen {
  readonly code: number;
  /** The lines, trailing spaces removed, the exit marker left out. */
  readonly lines: readonly string[];
  /** The same with the terminal's colour escapes (capture-pane -e). */
  readonly raw: string;
}

const MARK = '__haikubench_exit:';

/** Is tmux installed? */
export async function hasTmux(): Promise<boolean> {
  try {
    await run('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Run `argv` in a `width` × `height` terminal with exactly `env` (plus TERM), wait for it to end (by
 * polling the screen for the exit marker; the test's timeout bounds the wait), and return the screen.
 */
export async function inTerminal(argv: readonly string[], o: { width: number; height?: number; env: Record<string, string>; cwd: string }): Promise<Screen> {
  const socket = `hb-${randomUUID()}`;
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, '-f', '/dev/null', ...args], { maxBuffer: 64 * 1024 * 1024 });
  const env = Object.entries({ TERM: 'xterm-256color', ...o.env }).map(([k, v]) => `${k}=${quote(v)}`).join(' ');
  const cmd = `cd ${quote(o.cwd)} && env -i ${env} ${argv.map(quote).join(' ')}; echo ${MARK}$?; sleep 600`;
  await tmux('new-session', '-d', '-x', String(o.width), '-y', String(o.height ?? 50), '-s', 'hb', cmd);
  try {
    await tmux('set-option', '-t', 'hb', 'history-limit', '100000');
    for (;;) {
      const { stdout } = await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', 'hb');
      const m = new RegExp(`${MARK}(\\d+)`).exec(stdout);
      if (m !== null) {
        const { stdout: raw } = await tmux('capture-pane', '-p', '-J', '-e', '-S', '-', '-t', 'hb');
        const lines = stdout.split('\n').map((l) => l.trimEnd());
        const end = lines.findIndex((l) => l.includes(MARK));
        return { code: Number(m[1]), lines: lines.slice(0, end), raw };
      }
      await delay(100);
    }
  } finally {
    await tmux('kill-server').catch(() => undefined);
  }
}
