import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface SpawnedServer {
  readonly url: string;
  /** How the server answered so far: HTTP status → number of calls. */
  readonly statuses: () => Promise<Record<string, number>>;
  readonly stop: () => void;
}

/** Start bench/fake-server.ts in its own process (`mode`: its fault mode); resolves with its URL. */
export async function spawnFakeServer(latencyMs: number, mode?: 'random429' | 'window'): Promise<SpawnedServer> {
  const script = fileURLToPath(new URL('./fake-server.ts', import.meta.url));
  const args = ['--import', 'tsx', script, String(latencyMs), '900', ...(mode === undefined ? [] : [mode])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: child.stdout });
  const lines: ((line: string) => void)[] = [];
  rl.on('line', (line) => lines.shift()?.(line.trim()));
  const next = () => new Promise<string>((resolve) => { lines.push(resolve); });
  const first = await Promise.race([
    next(),
    new Promise<string>((_, reject) => child.once('exit', (code) => reject(new Error(`fake server exited early (${code})`)))),
  ]);
  const statuses = async () => {
    const line = next();
    child.kill('SIGUSR2');
    return JSON.parse(await line) as Record<string, number>;
  };
  return { url: first, statuses, stop: () => { rl.close(); child.kill('SIGTERM'); } };
}
