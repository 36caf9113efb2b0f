/**
 * The embedded engine's graph for a service: loaded from its file when present, otherwise built from
 * the OSM extract (and saved next to the data, so the next start only loads it).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { buildGraphFile, buildGraphData, type BuildProgress } from './build/build-graph.js';
import { GraphFileError, readGraph, type RoadGraphData } from './graph-file.js';

export interface GraphLocation {
  pbf: string;
  /** Explicit graph file; derived from the extract's name under dataDir when absent. */
  file?: string;
  /** ':memory:' builds without saving. */
  dataDir: string;
}

export function graphFileFor(location: GraphLocation): string | undefined {
  if (location.file) return resolve(location.file);
  if (location.dataDir === ':memory:') return undefined;
  return join(resolve(location.dataDir), 'graphs', `${basename(location.pbf).replace(/\.osm\.pbf$|\.pbf$/, '')}.graph`);
}

export function loadOrBuildGraph(location: GraphLocation, onProgress?: (p: BuildProgress) => void): { data: RoadGraphData; built: boolean } {
  const file = graphFileFor(location);
  // A graph older than its extract is rebuilt: the extract was replaced. So is one written by an
  // older lastmile in another format, when the extract is there to rebuild it from.
  if (file && existsSync(file) && (!existsSync(location.pbf) || statSync(file).mtimeMs >= statSync(location.pbf).mtimeMs)) {
    try {
      return { data: readGraph(file), built: false };
    } catch (error) {
      if (!(error instanceof GraphFileError) || !existsSync(location.pbf)) throw error;
    }
  }
  if (!existsSync(location.pbf)) throw new Error(`no road graph: neither ${file ?? 'a graph file'} nor the extract ${location.pbf} exists`);
  return { data: file ? buildGraphFile(location.pbf, file, onProgress) : buildGraphData(location.pbf, onProgress), built: true };
}
