/**
 * OSM extract → road network for cars: drivable ways split at junctions into edges (intermediate
 * nodes become shape points), travel times from the car profile, turn restrictions by splitting
 * their via junctions (turn-restrictions.ts), and only the largest strongly connected component
 * kept, so every kept point can reach every other.
 */
import { carProfile, type WayProfile } from '../osm/car-profile.js';
import { readPbf } from '../osm/pbf-file.js';
import { haversine } from '../geo.js';
import type { RoadNetwork, StreetInfo } from './road-network.js';
import { largestStronglyConnected } from './strongly-connected.js';
import { parseRestriction, splitRestrictedJunctions, type EdgeLists, type JunctionLists, type TurnRestriction } from './turn-restrictions.js';

interface KeptWay {
  id: number;
  refs: number[];
  profile: WayProfile;
}

export interface ImportedNetwork {
  network: RoadNetwork;
  /** Turn restrictions in force (pairs of via junction and from way). */
  turnRestrictions: number;
}

export function importOsm(path: string, onProgress?: (fraction: number) => void): ImportedNetwork {
  const nodeIds: number[] = [];
  const nodeLons: number[] = [];
  const nodeLats: number[] = [];
  const ways: KeptWay[] = [];
  const restrictions: TurnRestriction[] = [];
  readPbf(path, {
    node: (id, lon, lat) => {
      nodeIds.push(id);
      nodeLons.push(lon);
      nodeLats.push(lat);
    },
    way: (id, refs, tags) => {
      const profile = carProfile(tags);
      if (profile && refs.length >= 2) ways.push({ id, refs, profile });
    },
    relation: (_id, members, tags) => {
      const restriction = parseRestriction(members, tags);
      if (restriction) restrictions.push(restriction);
    },
    progress: (f) => onProgress?.(f * 0.5),
  });

  // Node lookup by id: sort once, then binary search (files need not be sorted).
  const order = Array.from(nodeIds.keys()).sort((a, b) => nodeIds[a]! - nodeIds[b]!);
  const sortedIds = Float64Array.from(order, (i) => nodeIds[i]!);
  const find = (id: number): number => {
    let lo = 0;
    let hi = sortedIds.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = sortedIds[mid]!;
      if (v === id) return order[mid]!;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };

  // A node is a junction when it ends a way or is used more than once.
  const uses = new Map<number, number>();
  for (const way of ways) {
    way.refs.forEach((ref, i) => uses.set(ref, (uses.get(ref) ?? 0) + (i === 0 || i === way.refs.length - 1 ? 2 : 1)));
  }
  const junction = new Map<number, number>();
  const junctionLon: number[] = [];
  const junctionLat: number[] = [];
  const junctionOf = (ref: number): number => {
    let index = junction.get(ref);
    if (index === undefined) {
      const n = find(ref);
      index = junctionLon.length;
      junction.set(ref, index);
      junctionLon.push(nodeLons[n]!);
      junctionLat.push(nodeLats[n]!);
    }
    return index;
  };

  const streets: StreetInfo[] = [];
  const streetIndex = new Map<string, number>();
  const edges = { from: [] as number[], to: [] as number[], duration: [] as number[], distance: [] as number[], street: [] as number[], piece: [] as number[], reversed: [] as number[], way: [] as number[] };
  const pieceOffset: number[] = [0];
  const pieceLon: number[] = [];
  const pieceLat: number[] = [];

  for (const { id, refs, profile } of ways) {
    const key = `${profile.name}\u0000${profile.ref}\u0000${profile.highway}\u0000${profile.roundabout}`;
    let street = streetIndex.get(key);
    if (street === undefined) {
      street = streets.length;
      streetIndex.set(key, street);
      streets.push({ name: profile.name, ref: profile.ref, highway: profile.highway, roundabout: profile.roundabout });
    }
    const metresPerSecond = profile.speed / 3.6;
    let start = 0;
    for (let i = 1; i < refs.length; i++) {
      if (find(refs[i]!) < 0 || find(refs[start]!) < 0) {
        start = i; // a missing node cuts the way
        continue;
      }
      if ((uses.get(refs[i]!) ?? 0) < 2 && i < refs.length - 1) continue;
      let length = 0;
      for (let k = start; k <= i; k++) {
        const n = find(refs[k]!);
        pieceLon.push(nodeLons[n]!);
        pieceLat.push(nodeLats[n]!);
        if (k > start) length += haversine(pieceLon[pieceLon.length - 2]!, pieceLat[pieceLat.length - 2]!, nodeLons[n]!, nodeLats[n]!);
      }
      const piece = pieceOffset.length - 1;
      pieceOffset.push(pieceLon.length);
      const a = junctionOf(refs[start]!);
      const b = junctionOf(refs[i]!);
      const add = (from: number, to: number, reversed: number) => {
        edges.from.push(from);
        edges.to.push(to);
        edges.duration.push(length / metresPerSecond);
        edges.distance.push(length);
        edges.street.push(street!);
        edges.piece.push(piece);
        edges.reversed.push(reversed);
        edges.way.push(id);
      };
      if (a !== b) {
        if (profile.oneway >= 0) add(a, b, 0);
        if (profile.oneway <= 0) add(b, a, 1);
      }
      start = i;
    }
    onProgress?.(0.5);
  }

  const wayEnds = new Map(ways.map((w) => [w.id, [w.refs[0]!, w.refs.at(-1)!]]));
  const junctions = { lon: junctionLon, lat: junctionLat, origin: Array.from(junctionLon.keys()) };
  const turnRestrictions = splitRestrictedJunctions(restrictions, edges, junctions, (ref) => junction.get(ref), (way, node) => wayEnds.get(way)?.includes(node) ?? false);

  const network = networkOf(junctions, edges, { offset: pieceOffset, lon: pieceLon, lat: pieceLat }, streets);
  return { network: keepLargestComponent(network), turnRestrictions };
}

/** The network in its compact form, from the lists it was gathered in. */
export function networkOf(junctions: JunctionLists, edges: EdgeLists, pieces: { offset: number[]; lon: number[]; lat: number[] }, streets: StreetInfo[]): RoadNetwork {
  return {
    nodeCount: junctions.lon.length,
    nodeLon: Float64Array.from(junctions.lon),
    nodeLat: Float64Array.from(junctions.lat),
    nodeOrigin: Int32Array.from(junctions.origin),
    edgeCount: edges.from.length,
    edgeFrom: Int32Array.from(edges.from),
    edgeTo: Int32Array.from(edges.to),
    edgeDuration: Float64Array.from(edges.duration),
    edgeDistance: Float64Array.from(edges.distance),
    edgeStreet: Int32Array.from(edges.street),
    edgePiece: Int32Array.from(edges.piece),
    edgeReversed: Uint8Array.from(edges.reversed),
    pieceOffset: Int32Array.from(pieces.offset),
    pieceLon: Float64Array.from(pieces.lon),
    pieceLat: Float64Array.from(pieces.lat),
    streets,
  };
}

/** Drops every node outside the largest strongly connected component, and the edges touching them. */
function keepLargestComponent(network: RoadNetwork): RoadNetwork {
  const keep = largestStronglyConnected(network.nodeCount, network.edgeFrom, network.edgeTo);
  const newIndex = new Int32Array(network.nodeCount).fill(-1);
  let nodes = 0;
  for (let n = 0; n < network.nodeCount; n++) if (keep[n]) newIndex[n] = nodes++;
  const kept: number[] = [];
  for (let e = 0; e < network.edgeCount; e++) if (keep[network.edgeFrom[e]!] && keep[network.edgeTo[e]!]) kept.push(e);
  const pick = <T extends Float64Array | Int32Array | Uint8Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(kept.length);
    kept.forEach((e, i) => (out[i] = a[e]!));
    return out;
  };
  const nodeLon = new Float64Array(nodes);
  const nodeLat = new Float64Array(nodes);
  const nodeOrigin = new Int32Array(nodes);
  for (let n = 0; n < network.nodeCount; n++) {
    const kept = newIndex[n]!;
    if (kept >= 0) {
      nodeLon[kept] = network.nodeLon[n]!;
      nodeLat[kept] = network.nodeLat[n]!;
      // A copy whose junction was dropped stands for itself.
      const origin = newIndex[network.nodeOrigin[n]!]!;
      nodeOrigin[kept] = origin >= 0 ? origin : kept;
    }
  }
  return {
    ...network,
    nodeCount: nodes,
    nodeLon,
    nodeLat,
    nodeOrigin,
    edgeCount: kept.length,
    edgeFrom: Int32Array.from(kept, (e) => newIndex[network.edgeFrom[e]!]!),
    edgeTo: Int32Array.from(kept, (e) => newIndex[network.edgeTo[e]!]!),
    edgeDuration: pick(network.edgeDuration),
    edgeDistance: pick(network.edgeDistance),
    edgeStreet: pick(network.edgeStreet),
    edgePiece: pick(network.edgePiece),
    edgeReversed: pick(network.edgeReversed),
  };
}
