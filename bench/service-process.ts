/** Running lastmile's own processes for benchmarks: the load generator must never share their event loop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../src/version.js';

export { freePort } from '../src/test-support/free-port.js';

/** Starts `lastmile <command>` as its own process, as in production: the load generator must not share its event loop. */
export function lastmile(command: string, env: Record<string, string>): ChildProcess {
  // BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=prof") profiles the service processes themselves.
  const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  return spawn(process.execPath, [...nodeArgs, join(projectRoot, 'bin', 'lastmile.mjs'), command], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

export async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${url}/readyz`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the API at ${url} did not become ready in ${timeoutMs / 1000} s`);
}


export async function stopAll(children: (ChildProcess | undefined)[]): Promise<void> {
  for (const child of children) child?.kill('SIGTERM');
  await Promise.all(children.map((child) => child && child.exitCode === null && new Promise((r) => child.once('exit', r))));
}

/** Resident memory of a process (Linux), in MB. */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}
