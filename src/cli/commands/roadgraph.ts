/** `lastmile roadgraph build` and `lastmile roadgraph serve`: the embedded engine on its own. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { buildGraphFile } from '../../roadgraph/embedded/build/build-graph.js';
import { EmbeddedRoadGraph } from '../../roadgraph/embedded/embedded-road-graph.js';
import { createOsrmApp } from '../../roadgraph/server/osrm-http-app.js';
import { CliError } from '../cli-error.js';
import { commandGroup } from '../command-group.js';
import { zodFlag } from '../flags.js';
import { progressBar } from '../progress.js';

const port = zodFlag(z.coerce.number({ message: 'expected a port number' }).int({ message: 'expected a port number' }).min(0, { message: 'expected 0 to 65535' }).max(65535, { message: 'expected 0 to 65535' }));

export function register(program: Command): void {
  const group = commandGroup(program, 'roadgraph', 'The embedded road-graph engine: build a graph from OpenStreetMap data, serve the OSRM HTTP API.');
  group
    .command('build')
    .description('Build a road-graph file from an .osm.pbf extract (car profile, contraction hierarchies).')
    .argument('<file>', 'OpenStreetMap extract (.osm.pbf)')
    .option('--out <file>', 'graph file to write (default: the extract name with .graph)')
    .action((file: string, flags: { out?: string }) => {
      if (!existsSync(file)) throw new CliError(`no such file: ${file}`);
      const out = resolve(flags.out ?? file.replace(/\.osm\.pbf$|\.pbf$/, '') + '.graph');
      const bar = progressBar('roadgraph');
      const data = buildGraphFile(file, out, (p) => bar.update(p.phase === 'parse' ? p.fraction * 0.3 : p.phase === 'contract' ? 0.3 + p.fraction * 0.65 : 0.95 + p.fraction * 0.05, p.phase));
      bar.stop();
      process.stdout.write(`${out}: ${data.network.nodeCount} junctions, ${data.network.edgeCount} road edges, ${data.hierarchy.edgeWeight.length} hierarchy edges, built in ${data.metadata.buildSeconds?.toFixed(1)} s. Map data © OpenStreetMap contributors.\n`);
    });
  group
    .command('serve')
    .description('Answer the OSRM HTTP API (/route/v1, /table/v1, /nearest/v1) from a graph file.')
    .argument('<file>', 'graph file from "roadgraph build" (or an .osm.pbf, built in memory)')
    .option('-p, --port <port>', 'port', port, 5000)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--max-table-size <n>', 'most coordinates in one table request', zodFlag(z.coerce.number().int().min(2).max(100_000)), 2000)
    .action(async (file: string, flags: { port: number; host: string; maxTableSize: number }) => {
      if (!existsSync(file)) throw new CliError(`no such file: ${file}`);
      const { buildGraphData } = await import('../../roadgraph/embedded/build/build-graph.js');
      const { readGraph } = await import('../../roadgraph/embedded/graph-file.js');
      const data = /\.pbf$/.test(file) ? buildGraphData(file) : readGraph(file);
      const app = createOsrmApp(new EmbeddedRoadGraph(data, { maxTableSize: flags.maxTableSize }));
      await new Promise<void>((done) => app.listen(flags.port, flags.host, () => done()));
      process.stderr.write(`OSRM-compatible road graph (${data.metadata.source}, © OpenStreetMap contributors) on http://${flags.host}:${flags.port}\n`);
    });
}
