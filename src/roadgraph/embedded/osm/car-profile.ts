/**
 * Which OSM ways a delivery car may drive, in which direction, and how fast. Speeds (km/h) follow the
 * usual free-flow defaults of open routing engines; a tagged maxspeed is used at 80 % (traffic,
 * junctions), never above the class speed × 1.2. Access `delivery` and `destination` stay open:
 * couriers deliver there.
 */
import type { Tags } from './pbf-file.js';

export const classSpeeds: Record<string, number> = {
  motorway: 90,
  motorway_link: 45,
  trunk: 85,
  trunk_link: 40,
  primary: 65,
  primary_link: 30,
  secondary: 55,
  secondary_link: 25,
  tertiary: 40,
  tertiary_link: 20,
  unclassified: 25,
  residential: 25,
  living_street: 10,
  service: 15,
  road: 20,
};

const closed = new Set(['no', 'private', 'agricultural', 'forestry', 'emergency', 'psv', 'bus', 'customers', 'permit']);
const zoneSpeeds: Record<string, number> = { urban: 50, rural: 90, motorway: 120, trunk: 100, living_street: 20 };

export interface WayProfile {
  /** km/h */
  speed: number;
  /** 1: forward only, -1: backward only, 0: both ways. */
  oneway: 1 | -1 | 0;
  roundabout: boolean;
  highway: string;
  name: string;
  ref: string;
}

export function parseMaxspeed(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const zone = /^[A-Z]{2}:(\w+)$/.exec(value);
  if (zone) return zoneSpeeds[zone[1]!];
  const match = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh)?$/.exec(value.trim());
  if (!match) return undefined;
  const speed = Number(match[1]);
  return match[2] === 'mph' ? speed * 1.609344 : speed;
}

export function carProfile(tags: Tags): WayProfile | undefined {
  const highway = tags.get('highway');
  if (!highway || !(highway in classSpeeds)) return undefined;
  if (tags.get('area') === 'yes') return undefined;
  // The most specific access tag present decides (motor_vehicle=yes reopens what access=no closed).
  const access = ['motorcar', 'motor_vehicle', 'vehicle', 'access'].map((key) => tags.get(key)).find((v) => v !== undefined);
  if (access && closed.has(access)) return undefined;
  const classSpeed = classSpeeds[highway]!;
  const tagged = parseMaxspeed(tags.get('maxspeed'));
  const speed = tagged ? Math.min(tagged * 0.8, classSpeed * 1.2) : classSpeed;
  const junction = tags.get('junction');
  const roundabout = junction === 'roundabout' || junction === 'circular';
  const onewayTag = tags.get('oneway');
  let oneway: 1 | -1 | 0 = 0;
  if (onewayTag === 'yes' || onewayTag === 'true' || onewayTag === '1') oneway = 1;
  else if (onewayTag === '-1' || onewayTag === 'reverse') oneway = -1;
  else if (onewayTag !== 'no' && (roundabout || highway === 'motorway' || highway === 'motorway_link')) oneway = 1;
  return { speed: Math.max(speed, 5), oneway, roundabout, highway, name: tags.get('name') ?? '', ref: tags.get('ref') ?? '' };
}
