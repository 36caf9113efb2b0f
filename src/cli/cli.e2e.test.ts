import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../version.js';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres.js';
import { monacoPbf } from '../roadgraph/test-support/monaco.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `lastmile` launcher in a child process, as a user would. */
function lastmile(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(projectRoot, 'bin', 'lastmile.mjs'), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `lastmile serve` on an ephemeral port and resolves with its URL once it listens. */
async function serve(env: Record<string, string>): Promise<{ url: string; stderr: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [join(projectRoot, 'bin', 'lastmile.mjs'), 'serve', '--port', '0'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      const match = /listening on (http:\/\/[^"\s]+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    stderr: () => stderr,
    stop: () =>
      new Promise((resolve) => {
        child.on('close', resolve);
        child.kill('SIGTERM');
      }),
  };
}

describe('lastmile CLI', () => {
  let dataDir: string;
  let database: TestDatabase;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lastmile-cli-'));
    database = await createTestDatabase('cli');
  });
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await database.drop();
  });

  it('prints its version and help with exit code 0', async () => {
    const version = await lastmile(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = await lastmile(['keys', 'create', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--role <role>');
  });

  it('answers a bad flag, a bad value and an unknown command with usage and exit code 2', async () => {
    for (const args of [['serve', '--bogus'], ['serve', '--port', 'abc'], ['frobnicate'], ['keys', 'create', '--org', 'x', '--role', 'boss']]) {
      const run = await lastmile(args, { DATA_DIR: dataDir });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(/error:/);
    }
  });

  it('stops on invalid configuration with one line naming the variable and a non-zero exit', async () => {
    const run = await lastmile(['serve'], { PORT: '99999', DATA_DIR: dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^lastmile: Invalid configuration: PORT: expected a whole number from 0 to 65535 \(got "99999"\)/);
  });

  it('creates keys in the embedded database, once per call, and requires --courier for courier keys', async () => {
    const run = await lastmile(['keys', 'create', '--org', 'acme', '--role', 'dispatcher', '--json'], { DATA_DIR: dataDir });
    expect(run.code, run.stderr).toBe(0);
    const created = JSON.parse(run.stdout);
    expect(created).toMatchObject({ organisation: 'acme', role: 'dispatcher', token: expect.stringMatching(/^lm_/) });
    const courier = await lastmile(['keys', 'create', '--org', 'acme', '--role', 'courier'], { DATA_DIR: dataDir });
    expect(courier.code).toBe(2);
    expect(courier.stderr).toContain('--courier is required');
  });

  it('migrates and creates keys against PostgreSQL', async () => {
    const migrate = await lastmile(['migrate'], { DATABASE_URL: database.url });
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/Applied \d+ migration/);
    const again = await lastmile(['migrate'], { DATABASE_URL: database.url });
    expect(again.stdout).toContain('up to date');
    const key = await lastmile(['keys', 'create', '--org', 'acme', '--role', 'admin'], { DATABASE_URL: database.url });
    expect(key.code, key.stderr).toBe(0);
    expect(key.stdout.trim()).toMatch(/^lm_[A-Za-z0-9_-]+$/);
  });

  it('serves /healthz with nothing configured, and prints the first admin key once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lastmile-serve-'));
    try {
      const server = await serve({ DATA_DIR: dir });
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      const key = /\b(lm_[A-Za-z0-9_-]+)/.exec(server.stderr())?.[1];
      expect(key).toBeDefined();
      expect((await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      expect(await server.stop()).toBe(0);
      const again = await serve({ DATA_DIR: dir });
      expect(again.stderr()).not.toContain('lm_');
      expect((await fetch(`${again.url}/v1/me`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
      await again.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves /healthz and, once its road graph is built, /readyz with DATABASE_URL set to PostgreSQL', async () => {
    const server = await serve({ DATABASE_URL: database.url, DATA_DIR: dataDir, ROADGRAPH_PBF: monacoPbf });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    let ready = 0;
    for (let i = 0; i < 100 && ready !== 200; i++) {
      ready = (await fetch(`${server.url}/readyz`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
    expect(existsSync(join(dataDir, 'graphs', 'monaco.graph'))).toBe(true);
    expect(await server.stop()).toBe(0);
  });
});

describe('lastmile solve', () => {
  it('prints routes of customer numbers as JSON for a Solomon file', async () => {
    const run = await lastmile(['solve', join(projectRoot, 'fixtures/benchmarks/solomon/C101.txt'), '--iterations', '200', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.vehicles).toBe(result.routes.length);
    expect(result.routes.flat().sort((a: number, b: number) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(result.unassigned).toEqual([]);
    expect(result.distance).toBeGreaterThan(800);
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('names the bad field of a VROOM file and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lastmile-solve-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ vehicles: [{ id: 1, capacity: [-3] }], jobs: [] }));
    const run = await lastmile(['solve', file, '--json']);
    rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/vehicles\[0\]\.capacity\[0\]/);
  });
});
