/**
 * Reads an OpenStreetMap .osm.pbf file block by block and hands nodes, ways and relations (with
 * their tags) to callbacks. Order-independent: the caller collects what it needs, so unsorted files
 * and negative ids (as JOSM writes them) work as well as sorted extracts.
 */
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { ProtobufReader } from './protobuf-reader.js';

export type Tags = Map<string, string>;

export interface OsmHandlers {
  node?(id: number, lon: number, lat: number, tags: Tags | undefined): void;
  way?(id: number, refs: number[], tags: Tags): void;
  relation?(id: number, members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[], tags: Tags): void;
  /** Fraction of the file read, 0..1. */
  progress?(fraction: number): void;
}

const SUPPORTED = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);

export function readPbf(path: string, handlers: OsmHandlers): void {
  const file = readFileSync(path);
  let offset = 0;
  while (offset < file.length) {
    const headerLength = file.readUInt32BE(offset);
    offset += 4;
    const header = new ProtobufReader(file, offset, offset + headerLength);
    offset += headerLength;
    let type = '';
    let dataSize = 0;
    while (!header.done()) {
      const tag = header.tag();
      if (tag === (1 << 3 | 2)) type = header.string();
      else if (tag === (3 << 3 | 0)) dataSize = header.varint();
      else header.skip(tag & 7);
    }
    const blob = decodeBlob(new ProtobufReader(file, offset, offset + dataSize));
    offset += dataSize;
    if (type === 'OSMHeader') checkHeader(blob);
    else if (type === 'OSMData') readPrimitiveBlock(blob, handlers);
    handlers.progress?.(offset / file.length);
  }
}

function decodeBlob(reader: ProtobufReader): Uint8Array {
  while (!reader.done()) {
    const tag = reader.tag();
    if (tag === (1 << 3 | 2)) return reader.bytes();
    if (tag === (3 << 3 | 2)) return inflateSync(reader.bytes());
    if ((tag >> 3) === 4 || (tag >> 3) === 6 || (tag >> 3) === 7) throw new Error('this PBF uses a compression other than zlib; re-encode it with osmium');
    reader.skip(tag & 7);
  }
  throw new Error('empty PBF blob');
}

function checkHeader(data: Uint8Array): void {
  const reader = new ProtobufReader(data);
  while (!reader.done()) {
    const tag = reader.tag();
    if (tag === (4 << 3 | 2)) {
      const feature = reader.string();
      if (!SUPPORTED.has(feature)) throw new Error(`the PBF requires the unsupported feature "${feature}"`);
    } else reader.skip(tag & 7);
  }
}

interface BlockContext {
  strings: string[];
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

function readPrimitiveBlock(data: Uint8Array, handlers: OsmHandlers): void {
  const reader = new ProtobufReader(data);
  const context: BlockContext = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0 };
  const groups: ProtobufReader[] = [];
  while (!reader.done()) {
    const tag = reader.tag();
    const field = tag >> 3;
    if (field === 1) {
      const table = reader.message();
      while (!table.done()) {
        const t = table.tag();
        if (t === (1 << 3 | 2)) context.strings.push(table.string());
        else table.skip(t & 7);
      }
    } else if (field === 2) groups.push(reader.message());
    else if (field === 17) context.granularity = reader.varint();
    else if (field === 19) context.latOffset = reader.varint();
    else if (field === 20) context.lonOffset = reader.varint();
    else reader.skip(tag & 7);
  }
  for (const group of groups) {
    while (!group.done()) {
      const tag = group.tag();
      const field = tag >> 3;
      if (field === 1 && handlers.node) readNode(group.message(), context, handlers);
      else if (field === 2 && handlers.node) readDenseNodes(group.message(), context, handlers);
      else if (field === 3 && handlers.way) readWay(group.message(), context, handlers);
      else if (field === 4 && handlers.relation) readRelation(group.message(), context, handlers);
      else group.skip(tag & 7);
    }
  }
}

function tagsOf(keys: number[], values: number[], strings: string[]): Tags {
  const tags: Tags = new Map();
  for (let i = 0; i < keys.length; i++) tags.set(strings[keys[i]!]!, strings[values[i]!]!);
  return tags;
}

/** int64 fields arrive as unsigned varints: values past 2^63 are negative ids (two's complement). */
const int64 = (n: number) => (n >= 2 ** 63 ? n - 2 ** 64 : n);

const coordinate = (raw: number, offset: number, granularity: number) => (offset + granularity * raw) * 1e-9;

function readNode(reader: ProtobufReader, c: BlockContext, handlers: OsmHandlers): void {
  let id = 0;
  let lat = 0;
  let lon = 0;
  let keys: number[] = [];
  let values: number[] = [];
  while (!reader.done()) {
    const tag = reader.tag();
    const field = tag >> 3;
    if (field === 1) id = reader.svarint();
    else if (field === 2) keys = reader.packed(false, false);
    else if (field === 3) values = reader.packed(false, false);
    else if (field === 8) lat = reader.svarint();
    else if (field === 9) lon = reader.svarint();
    else reader.skip(tag & 7);
  }
  handlers.node!(id, coordinate(lon, c.lonOffset, c.granularity), coordinate(lat, c.latOffset, c.granularity), keys.length ? tagsOf(keys, values, c.strings) : undefined);
}

function readDenseNodes(reader: ProtobufReader, c: BlockContext, handlers: OsmHandlers): void {
  let ids: number[] = [];
  let lats: number[] = [];
  let lons: number[] = [];
  let keysVals: number[] = [];
  while (!reader.done()) {
    const tag = reader.tag();
    const field = tag >> 3;
    if (field === 1) ids = reader.packed(true, true);
    else if (field === 8) lats = reader.packed(true, true);
    else if (field === 9) lons = reader.packed(true, true);
    else if (field === 10) keysVals = reader.packed(false, false);
    else reader.skip(tag & 7);
  }
  let kv = 0;
  for (let i = 0; i < ids.length; i++) {
    let tags: Tags | undefined;
    if (keysVals.length) {
      while (keysVals[kv] !== 0 && kv < keysVals.length) {
        (tags ??= new Map()).set(c.strings[keysVals[kv]!]!, c.strings[keysVals[kv + 1]!]!);
        kv += 2;
      }
      kv++;
    }
    handlers.node!(ids[i]!, coordinate(lons[i]!, c.lonOffset, c.granularity), coordinate(lats[i]!, c.latOffset, c.granularity), tags);
  }
}

function readWay(reader: ProtobufReader, c: BlockContext, handlers: OsmHandlers): void {
  let id = 0;
  let keys: number[] = [];
  let values: number[] = [];
  let refs: number[] = [];
  while (!reader.done()) {
    const tag = reader.tag();
    const field = tag >> 3;
    if (field === 1) id = int64(reader.varint());
    else if (field === 2) keys = reader.packed(false, false);
    else if (field === 3) values = reader.packed(false, false);
    else if (field === 8) refs = reader.packed(true, true);
    else reader.skip(tag & 7);
  }
  handlers.way!(id, refs, tagsOf(keys, values, c.strings));
}

function readRelation(reader: ProtobufReader, c: BlockContext, handlers: OsmHandlers): void {
  let id = 0;
  let keys: number[] = [];
  let values: number[] = [];
  let roles: number[] = [];
  let refs: number[] = [];
  let types: number[] = [];
  while (!reader.done()) {
    const tag = reader.tag();
    const field = tag >> 3;
    if (field === 1) id = int64(reader.varint());
    else if (field === 2) keys = reader.packed(false, false);
    else if (field === 3) values = reader.packed(false, false);
    else if (field === 8) roles = reader.packed(false, false);
    else if (field === 9) refs = reader.packed(true, true);
    else if (field === 10) types = reader.packed(false, false);
    else reader.skip(tag & 7);
  }
  const kinds = ['node', 'way', 'relation'] as const;
  handlers.relation!(id, refs.map((ref, i) => ({ type: kinds[types[i]!] ?? 'node', ref, role: c.strings[roles[i]!] ?? '' })), tagsOf(keys, values, c.strings));
}
