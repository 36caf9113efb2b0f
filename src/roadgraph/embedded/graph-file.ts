/**
 * The road-graph file: one binary file holding the road network and its contraction hierarchy as
 * typed arrays, so the service loads it in well under a second (no parsing, no contraction).
 * Layout: "LMRG" magic, version (uint32), header length (uint32), JSON header (array directory,
 * street table, metadata), then each array 8-byte aligned.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ContractedGraph } from './ch/contracted-graph.js';
import type { RoadNetwork, StreetInfo } from './build/road-network.js';

const MAGIC = 'LMRG';
// 2: nodeOrigin (turn restrictions split junctions).
const VERSION = 2;

export interface GraphMetadata {
  source: string;
  builtAt: string;
  attribution: string;
  buildSeconds?: number;
  /** Turn restrictions in force (see build/turn-restrictions.ts). */
  turnRestrictions?: number;
}

export interface RoadGraphData {
  network: RoadNetwork;
  hierarchy: ContractedGraph;
  metadata: GraphMetadata;
}

type TypedArray = Float64Array | Int32Array | Uint8Array;
const arrayTypes = { Float64Array, Int32Array, Uint8Array } as const;

function arraysOf(data: RoadGraphData): [string, TypedArray][] {
  const out: [string, TypedArray][] = [];
  for (const [group, object] of [['network', data.network], ['hierarchy', data.hierarchy]] as const) {
    for (const [key, value] of Object.entries(object)) {
      if (ArrayBuffer.isView(value)) out.push([`${group}.${key}`, value as TypedArray]);
    }
  }
  return out;
}

export function writeGraph(path: string, data: RoadGraphData): void {
  const arrays = arraysOf(data);
  let offset = 0;
  const directory = arrays.map(([name, array]) => {
    const entry = { name, type: array.constructor.name as keyof typeof arrayTypes, length: array.length, offset };
    offset += Math.ceil(array.byteLength / 8) * 8;
    return entry;
  });
  const header = Buffer.from(
    JSON.stringify({
      directory,
      streets: data.network.streets,
      counts: { nodeCount: data.network.nodeCount, edgeCount: data.network.edgeCount, chNodeCount: data.hierarchy.nodeCount },
      metadata: data.metadata,
    }),
  );
  const headerPadded = Math.ceil((12 + header.length) / 8) * 8;
  const file = Buffer.alloc(headerPadded + offset);
  file.write(MAGIC, 0, 'latin1');
  file.writeUInt32LE(VERSION, 4);
  file.writeUInt32LE(header.length, 8);
  header.copy(file, 12);
  arrays.forEach(([, array], i) => Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(file, headerPadded + directory[i]!.offset));
  mkdirSync(dirname(path), { recursive: true });
  // Written aside and renamed into place: processes starting together (API, workers) may build the
  // same graph, and none may ever read a half-written file.
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, file);
  renameSync(partial, path);
}

export class GraphFileError extends Error {}

export function readGraph(path: string): RoadGraphData {
  const file = readFileSync(path);
  if (file.toString('latin1', 0, 4) !== MAGIC) throw new GraphFileError(`${path} is not a lastmile road-graph file`);
  const version = file.readUInt32LE(4);
  if (version !== VERSION) throw new GraphFileError(`${path} has format version ${version}; this lastmile reads version ${VERSION}: rebuild it with "lastmile roadgraph build"`);
  const headerLength = file.readUInt32LE(8);
  const header = JSON.parse(file.toString('utf8', 12, 12 + headerLength)) as {
    directory: { name: string; type: keyof typeof arrayTypes; length: number; offset: number }[];
    streets: StreetInfo[];
    counts: { nodeCount: number; edgeCount: number; chNodeCount: number };
    metadata: GraphMetadata;
  };
  const base = Math.ceil((12 + headerLength) / 8) * 8;
  // One aligned copy of the array section; every array is a view into it.
  const section = new ArrayBuffer(file.length - base);
  new Uint8Array(section).set(file.subarray(base));
  const network: Record<string, unknown> = { nodeCount: header.counts.nodeCount, edgeCount: header.counts.edgeCount, streets: header.streets };
  const hierarchy: Record<string, unknown> = { nodeCount: header.counts.chNodeCount };
  for (const entry of header.directory) {
    const [group, key] = entry.name.split('.') as [string, string];
    const view = new arrayTypes[entry.type](section, entry.offset, entry.length);
    (group === 'network' ? network : hierarchy)[key] = view;
  }
  return { network: network as unknown as RoadNetwork, hierarchy: hierarchy as unknown as ContractedGraph, metadata: header.metadata };
}
