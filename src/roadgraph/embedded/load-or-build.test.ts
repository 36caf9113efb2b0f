import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { monacoPbf } from '../test-support/monaco.js';
import { graphFileFor, loadOrBuildGraph } from './load-or-build.js';

describe('loadOrBuildGraph', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'lastmile-graphs-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('builds the graph of an extract once, applies its turn restrictions, then loads it', () => {
    const first = loadOrBuildGraph({ pbf: monacoPbf, dataDir });
    expect(first.built).toBe(true);
    expect(first.data.metadata.turnRestrictions).toBeGreaterThan(20);
    const again = loadOrBuildGraph({ pbf: monacoPbf, dataDir });
    expect(again.built).toBe(false);
    expect(again.data.network.nodeOrigin).toEqual(first.data.network.nodeOrigin);
  });

  it('rebuilds a graph file that an older lastmile wrote in another format', () => {
    const file = graphFileFor({ pbf: monacoPbf, dataDir })!;
    mkdirSync(join(file, '..'), { recursive: true });
    const old = Buffer.alloc(16);
    old.write('LMRG', 0, 'latin1');
    old.writeUInt32LE(1, 4);
    writeFileSync(file, old);
    const { built, data } = loadOrBuildGraph({ pbf: monacoPbf, dataDir });
    expect(built).toBe(true);
    expect(data.network.nodeCount).toBeGreaterThan(1000);
  });
});
