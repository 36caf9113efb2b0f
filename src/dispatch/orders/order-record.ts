/** Orders between the API's shape and the orders table. */
import { createHash, randomBytes } from 'node:crypto';
import type { NewOrder } from './order-schemas.js';
import { calendarDate } from '../calendar-date.js';

export interface OrderRow {
  id: string;
  organisation_id: string;
  external_id: string;
  kind: 'delivery' | 'pickup_delivery';
  status: string;
  depot_id: string | null;
  pickup_lon: number | null;
  pickup_lat: number | null;
  pickup_time_windows: { start: string; end: string }[];
  pickup_service_s: number;
  dropoff_lon: number;
  dropoff_lat: number;
  dropoff_address: string | null;
  dropoff_time_windows: { start: string; end: string }[];
  dropoff_service_s: number;
  size: number[];
  priority: number;
  skills: string[];
  recipient: Record<string, string>;
  max_ride_time_s: number | null;
  service_date: string | Date | null;
  tracking_token: string;
  unassigned_reason: { code: string; reason: string } | null;
  content_hash: string | null;
  created_at: Date;
  updated_at: Date;
}

/** A stable hash of what the dispatcher sent, to recognise an identical re-send of an external_id. */
export function contentHash(order: NewOrder): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(canonical) : value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])])) : value;
  return createHash('sha256').update(JSON.stringify(canonical(order))).digest('hex');
}

/** 192 random bits: tracking links cannot be guessed or enumerated. */
export const newTrackingToken = () => randomBytes(24).toString('base64url');

export function orderColumns(order: NewOrder, pickupLocation: [number, number] | undefined): Record<string, unknown> {
  return {
    external_id: order.external_id,
    kind: order.type,
    depot_id: order.type === 'delivery' ? order.depot_id : (order.pickup?.depot_id ?? null),
    pickup_lon: pickupLocation?.[0] ?? null,
    pickup_lat: pickupLocation?.[1] ?? null,
    pickup_time_windows: JSON.stringify(order.pickup?.time_windows ?? []),
    pickup_service_s: order.pickup?.service_time ?? 0,
    dropoff_lon: order.dropoff.location[0],
    dropoff_lat: order.dropoff.location[1],
    dropoff_address: order.dropoff.address ?? null,
    dropoff_time_windows: JSON.stringify(order.dropoff.time_windows),
    dropoff_service_s: order.dropoff.service_time,
    size: JSON.stringify(order.size),
    priority: order.priority,
    skills: JSON.stringify(order.skills),
    recipient: JSON.stringify(order.recipient),
    max_ride_time_s: order.max_ride_time ?? null,
    service_date: order.service_date ?? null,
    content_hash: contentHash(order),
  };
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentOrder(o: OrderRow) {
  return {
    id: o.id,
    external_id: o.external_id,
    type: o.kind,
    status: o.status,
    depot_id: o.depot_id,
    pickup: o.kind === 'pickup_delivery' ? { location: [o.pickup_lon, o.pickup_lat], time_windows: o.pickup_time_windows, service_time: o.pickup_service_s } : null,
    dropoff: { location: [o.dropoff_lon, o.dropoff_lat], address: o.dropoff_address, time_windows: o.dropoff_time_windows, service_time: o.dropoff_service_s },
    size: o.size,
    priority: o.priority,
    skills: o.skills,
    recipient: o.recipient,
    max_ride_time: o.max_ride_time_s,
    service_date: o.service_date === null ? null : calendarDate(o.service_date),
    tracking_token: o.tracking_token,
    unassigned_reason: o.unassigned_reason,
    created_at: iso(o.created_at),
    updated_at: iso(o.updated_at),
  };
}
