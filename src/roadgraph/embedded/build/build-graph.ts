/** `lastmile roadgraph build`: OSM extract → road network → contraction hierarchy → graph file. */
import { basename } from 'node:path';
import { contract } from '../ch/contract.js';
import { writeGraph, type RoadGraphData } from '../graph-file.js';
import { importOsm } from './import-osm.js';
import type { RoadNetwork } from './road-network.js';

export interface BuildProgress {
  phase: 'parse' | 'contract' | 'write';
  fraction: number;
}

export function buildGraphData(pbfPath: string, onProgress?: (p: BuildProgress) => void): RoadGraphData {
  const started = performance.now();
  const { network, turnRestrictions } = importOsm(pbfPath, (fraction) => onProgress?.({ phase: 'parse', fraction }));
  const data = graphOf(network, basename(pbfPath), onProgress);
  return { ...data, metadata: { ...data.metadata, buildSeconds: (performance.now() - started) / 1000, turnRestrictions } };
}

/** A road network → its contraction hierarchy, ready for the engine. */
export function graphOf(network: RoadNetwork, source: string, onProgress?: (p: BuildProgress) => void): RoadGraphData {
  const hierarchy = contract(
    { nodeCount: network.nodeCount, from: network.edgeFrom, to: network.edgeTo, weight: network.edgeDuration, distance: network.edgeDistance },
    (fraction) => onProgress?.({ phase: 'contract', fraction }),
  );
  return { network, hierarchy, metadata: { source, builtAt: new Date().toISOString(), attribution: '© OpenStreetMap contributors (ODbL)' } };
}

export function buildGraphFile(pbfPath: string, outPath: string, onProgress?: (p: BuildProgress) => void): RoadGraphData {
  const data = buildGraphData(pbfPath, onProgress);
  onProgress?.({ phase: 'write', fraction: 0 });
  writeGraph(outPath, data);
  onProgress?.({ phase: 'write', fraction: 1 });
  return data;
}
