/**
 * The embedded database is a single-process store: two processes opening the same DATA_DIR would
 * corrupt it. A lock file with the owner's pid makes the second one fail with a clear message.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class DataDirLockedError extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock (stale locks of dead processes are taken over); returns its release function. */
export function lockDataDir(dataDir: string, purpose: string): () => void {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'lastmile.lock');
  try {
    writeFileSync(file, JSON.stringify({ pid: process.pid, purpose }), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    let holder: { pid: number; purpose: string } | undefined;
    try {
      holder = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      holder = undefined;
    }
    if (holder && holder.pid !== process.pid && processAlive(holder.pid)) {
      throw new DataDirLockedError(
        `The embedded database in ${dir} is in use by process ${holder.pid} (${holder.purpose}). Stop it first, or use the HTTP API (POST /v1/api-keys) while it runs.`,
      );
    }
    writeFileSync(file, JSON.stringify({ pid: process.pid, purpose }));
  }
  return () => rmSync(file, { force: true });
}
