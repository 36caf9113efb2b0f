/**
 * A Redis server and a PostgreSQL cluster of a test's own, on free ports, that the test may stop and
 * start again (outages and restarts) without disturbing the machine's shared servers, which other
 * test files use at the same time. They use the machine's own redis-server and PostgreSQL binaries.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { freePort } from './free-port.js';

export interface PrivateService {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  destroy(): Promise<void>;
}

async function until(what: string, ready: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** `running: false` only reserves the port: the server starts at `start()` (Redis down at first). */
export async function startPrivateRedis({ running = true } = {}): Promise<PrivateService> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const ping = async () => {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } finally {
      client.disconnect();
    }
  };
  const service: PrivateService = {
    url,
    async start() {
      server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await until('the private Redis', ping);
    },
    async stop() {
      const exited = server && server.exitCode === null ? new Promise((r) => server!.once('exit', r)) : undefined;
      server?.kill('SIGKILL');
      await exited;
    },
    destroy: () => service.stop(),
  };
  if (running) await service.start();
  return service;
}

/** PostgreSQL refuses to run as root: as root, its commands run as the `postgres` user. */
function asPostgres(binary: string, args: string[]): void {
  const bin = join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin', binary);
  if (process.getuid?.() === 0) execFileSync('runuser', ['-u', 'postgres', '--', bin, ...args], { stdio: 'ignore' });
  else execFileSync(bin, args, { stdio: 'ignore' });
}

export async function startPrivatePostgres(): Promise<PrivateService> {
  const port = await freePort();
  const directory = mkdtempSync(join(tmpdir(), 'lastmile-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(directory, uid, gid);
  }
  const data = join(directory, 'data');
  asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const accepting = async () => {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      return true;
    } finally {
      await client.end().catch(() => {});
    }
  };
  const service: PrivateService = {
    url,
    async start() {
      asPostgres('pg_ctl', ['-D', data, '-l', join(directory, 'log'), '-o', `-p ${port} -k ${directory} -c listen_addresses=127.0.0.1 -c fsync=off`, '-w', 'start']);
      await until('the private PostgreSQL', accepting);
    },
    async stop() {
      asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    async destroy() {
      await service.stop().catch(() => {});
      rmSync(directory, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}
