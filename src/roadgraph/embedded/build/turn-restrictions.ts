/**
 * Turn restrictions (`type=restriction` relations: no_left_turn, only_straight_on, …) in a
 * node-based graph, by splitting the via junction: the edges arriving along the restricted way are
 * led into a copy of the junction (same place) that has only the exits the restriction permits.
 * Contraction and queries need nothing special, and no route can take a forbidden turn.
 * Applied: one from way and one to way that both end at one via node, as OSM asks, for cars.
 * Left out (they need an edge-based graph, or are ambiguous): via ways, u-turn restrictions
 * (from = to), conditional ones, and from/to ways that run through the via node.
 */
import type { Tags } from '../osm/pbf-file.js';

export interface TurnRestriction {
  /** OSM ids. */
  from: number;
  via: number;
  to: number;
  /** only_*: the to way is the one exit allowed; no_*: it is the one exit forbidden. */
  only: boolean;
}

export interface RelationMember {
  type: 'node' | 'way' | 'relation';
  ref: number;
  role: string;
}

/** The restriction a relation states for cars, when it is one that is applied. */
export function parseRestriction(members: RelationMember[], tags: Tags): TurnRestriction | undefined {
  if (tags.get('type') !== 'restriction') return undefined;
  const kind = tags.get('restriction:motorcar') ?? tags.get('restriction');
  if (!kind || !/^(no|only)_/.test(kind)) return undefined;
  if ((tags.get('except') ?? '').split(';').some((v) => v.trim() === 'motorcar')) return undefined;
  const role = (name: string) => members.filter((m) => m.role === name);
  const [from, via, to] = [role('from'), role('via'), role('to')];
  if (from.length !== 1 || via.length !== 1 || to.length !== 1) return undefined;
  if (from[0]!.type !== 'way' || via[0]!.type !== 'node' || to[0]!.type !== 'way' || from[0]!.ref === to[0]!.ref) return undefined;
  return { from: from[0]!.ref, via: via[0]!.ref, to: to[0]!.ref, only: kind.startsWith('only_') };
}

/** Directed edges under construction, with the OSM way each comes from. */
export interface EdgeLists {
  from: number[];
  to: number[];
  duration: number[];
  distance: number[];
  street: number[];
  piece: number[];
  reversed: number[];
  way: number[];
}

export interface JunctionLists {
  lon: number[];
  lat: number[];
  /** The junction each node stands for: itself, or the one a copy was made of. */
  origin: number[];
}

/**
 * Splits the via junctions of the restrictions; returns how many (via, from way) pairs took effect.
 * @param junctionOf the junction of an OSM node, if it is one
 * @param endsAt whether an OSM way starts or ends at an OSM node
 */
export function splitRestrictedJunctions(restrictions: TurnRestriction[], edges: EdgeLists, junctions: JunctionLists, junctionOf: (node: number) => number | undefined, endsAt: (way: number, node: number) => boolean): number {
  const groups = new Map<string, { via: number; from: number; forbidden: Set<number>; only: Set<number> }>();
  for (const r of restrictions) {
    const via = junctionOf(r.via);
    if (via === undefined || !endsAt(r.from, r.via) || !endsAt(r.to, r.via)) continue;
    const key = `${via}:${r.from}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { via, from: r.from, forbidden: new Set(), only: new Set() }));
    (r.only ? group.only : group.forbidden).add(r.to);
  }
  if (!groups.size) return 0;

  // Edges around the via junctions, kept current while edges are redirected and copied.
  const into = new Map<number, Set<number>>();
  const outOf = new Map<number, number[]>();
  for (const { via } of groups.values()) {
    into.set(via, new Set());
    outOf.set(via, []);
  }
  for (let e = 0; e < edges.from.length; e++) {
    into.get(edges.to[e]!)?.add(e);
    outOf.get(edges.from[e]!)?.push(e);
  }

  let applied = 0;
  for (const group of groups.values()) {
    const arriving = [...into.get(group.via)!].filter((e) => edges.way[e] === group.from);
    const exits = outOf.get(group.via)!;
    const permitted = exits.filter((e) => (group.only.size === 0 || group.only.has(edges.way[e]!)) && !group.forbidden.has(edges.way[e]!));
    // Nothing forbidden here, or nothing left (inconsistent data: a dead end would cut the from way off).
    if (!arriving.length || permitted.length === exits.length || permitted.length === 0) continue;
    const copy = junctions.lon.length;
    junctions.lon.push(junctions.lon[group.via]!);
    junctions.lat.push(junctions.lat[group.via]!);
    junctions.origin.push(group.via);
    for (const e of arriving) {
      into.get(group.via)!.delete(e);
      edges.to[e] = copy;
    }
    for (const e of permitted) {
      const c = edges.from.length;
      for (const list of Object.values(edges) as number[][]) list.push(list[e]!);
      edges.from[c] = copy;
      into.get(edges.to[c]!)?.add(c);
    }
    applied++;
  }
  return applied;
}
