// A child process for the lock race: says "ready", waits for a line on stdin (the start barrier: no
// sleeps), takes the lock of the directory in argv[2], prints "won" or the error's code, then holds
// the lock until its stdin closes.
import { lockRunDir } from '../../src/run-log/lock.js';
import { InputError } from '../../src/errors.js';

const dir = process.argv[2] ?? '';
let started = false;
process.stdin.on('data', () => {
  if (started) return;
  started = true;
  let said: string;
  try {
    lockRunDir(dir);
    said = 'won';
  } catch (err) {
    said = err instanceof InputError ? err.code : `other ${String(err)}`;
  }
  process.stdout.write(`${said}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdout.write('ready\n');
