/** No Docker engine runs in CI, so the compose file is checked against the code instead of being run. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configSchema, loadConfig } from './config.js';
import { projectRoot } from '../version.js';

interface Service {
  image?: string;
  build?: string;
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  container_name?: string;
}

const compose = parse(readFileSync(join(projectRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;

describe('docker-compose.yml', () => {
  it('has the distributed-mode services', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'osrm-prepare', 'osrm', 'api', 'worker']));
  });

  it('gives api and worker only configuration the service understands, and valid values', () => {
    for (const name of ['api', 'worker']) {
      const environment = services[name]!.environment!;
      for (const variable of Object.keys(environment)) expect(Object.keys(configSchema.shape), `${name}.${variable}`).toContain(variable);
      expect(() => loadConfig(environment)).not.toThrow();
      expect(environment.DATABASE_URL).toContain('@postgres:5432/');
      expect(environment.REDIS_URL).toBe('redis://redis:6379');
      expect(environment.OSRM_URL).toBe('http://osrm:5000');
    }
  });

  it('publishes the api on the port it listens on, bound to all interfaces', () => {
    const api = services.api!;
    const config = loadConfig(api.environment);
    expect(config.HOST).toBe('0.0.0.0');
    expect(api.ports).toContain(`${config.PORT}:${config.PORT}`);
    expect(api.command).toEqual(['serve']);
  });

  it('keeps the worker scalable (no fixed name, no published port)', () => {
    const worker = services.worker!;
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
    expect(worker.command).toEqual(['worker']);
  });

  it('declares every named volume and dependency it uses', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.')) expect(existsSync(join(projectRoot, source)), `${name}: ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes), `${name}: ${source}`).toContain(source);
      }
      for (const dependency of Object.keys(service.depends_on ?? {})) expect(Object.keys(services)).toContain(dependency);
    }
  });

  it('prepares OSRM from an extract that is bundled, and serves the file it prepared', () => {
    const prepare = services['osrm-prepare']!;
    const extract = prepare.environment!.OSRM_EXTRACT!;
    expect(existsSync(join(projectRoot, 'fixtures', 'osm', `${extract}.osm.pbf`))).toBe(true);
    expect((services.osrm!.command as string[]).join(' ')).toContain(`/data/${extract}.osrm`);
    expect(services.osrm!.ports).toContain('5000:5000');
  });

  it('builds the image the api and worker run from', () => {
    expect(services.api!.build).toBe('.');
    expect(services.worker!.build).toBe('.');
    expect(existsSync(join(projectRoot, 'Dockerfile'))).toBe(true);
  });
});
