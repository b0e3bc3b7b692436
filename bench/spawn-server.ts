import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Start bench/fake-server.ts in its own process; resolves with its URL and a stop function. */
export async function spawnFakeServer(latencyMs: number): Promise<{ url: string; stop: () => void }> {
  const script = fileURLToPath(new URL('./fake-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(latencyMs), '900'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout });
    rl.once('line', (line) => { rl.close(); resolve(line.trim()); });
    child.once('exit', (code) => reject(new Error(`fake server exited early (${code})`)));
  });
  return { url: first, stop: () => { child.kill('SIGTERM'); } };
}
