/** What a dispatcher sends for an order, and what the API answers. */
import { z } from 'zod';
import { instantSchema, lonLatSchema, sizeSchema, skillsSchema, timeWindowSchema } from '../common-schemas.js';
import { orderStatuses } from './order-status.js';

const windows = z.array(timeWindowSchema).max(10).default([]);
const serviceTime = z.number().int().min(0).max(86_400).default(0);

export const recipientSchema = z
  .object({ name: z.string().max(200).optional(), phone: z.string().max(40).optional(), email: z.email().optional(), notes: z.string().max(1000).optional() })
  .strict()
  .default({});

export const newOrderSchema = z
  .object({
    external_id: z.string().min(1).max(200),
    type: z.enum(['delivery', 'pickup_delivery']).openapi({ description: 'delivery: from a warehouse to the customer; pickup_delivery: collected at a store (or any point) and carried to the customer' }),
    depot_id: z.uuid({ message: 'expected a depot id' }).optional().openapi({ description: 'For deliveries: the warehouse the order leaves from' }),
    pickup: z
      .object({ depot_id: z.uuid({ message: 'expected a depot id' }).optional(), location: lonLatSchema.optional(), time_windows: windows, service_time: serviceTime })
      .strict()
      .optional(),
    dropoff: z.object({ location: lonLatSchema, address: z.string().max(500).optional(), time_windows: windows, service_time: serviceTime }).strict(),
    size: sizeSchema,
    priority: z.number().int().min(0).max(100).default(0),
    skills: skillsSchema,
    recipient: recipientSchema,
    max_ride_time: z.number().int().positive().max(86_400).optional().openapi({ description: 'Longest time (s) the parcel may ride between pickup and drop-off (hot food, chilled goods)' }),
    service_date: z.iso.date({ message: 'expected a date YYYY-MM-DD' }).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.type === 'delivery' && !o.depot_id) ctx.addIssue({ code: 'custom', path: ['depot_id'], message: 'a delivery needs the warehouse it leaves from' });
    if (o.type === 'delivery' && o.pickup) ctx.addIssue({ code: 'custom', path: ['pickup'], message: 'a delivery leaves from its depot; use type pickup_delivery for a pickup' });
    if (o.type === 'pickup_delivery' && !o.pickup?.depot_id && !o.pickup?.location) ctx.addIssue({ code: 'custom', path: ['pickup'], message: 'a pickup needs a depot_id (a store) or a location' });
    if (o.max_ride_time !== undefined && o.type !== 'pickup_delivery') ctx.addIssue({ code: 'custom', path: ['max_ride_time'], message: 'only a pickup_delivery order has a ride' });
  })
  .openapi('NewOrder');

export type NewOrder = z.output<typeof newOrderSchema>;

export const orderPatchSchema = z
  .object({
    dropoff: z.object({ address: z.string().max(500).optional(), time_windows: windows.optional(), service_time: serviceTime.optional() }).strict().optional(),
    size: sizeSchema.optional(),
    priority: z.number().int().min(0).max(100).optional(),
    skills: skillsSchema.optional(),
    recipient: recipientSchema.optional(),
    service_date: z.iso.date().optional(),
  })
  .strict()
  .openapi('OrderPatch');

export const orderSchema = z
  .object({
    id: z.uuid(),
    external_id: z.string(),
    type: z.enum(['delivery', 'pickup_delivery']),
    status: z.enum(orderStatuses),
    depot_id: z.string().nullable(),
    pickup: z.object({ location: lonLatSchema, time_windows: z.array(timeWindowSchema), service_time: z.number() }).nullable(),
    dropoff: z.object({ location: lonLatSchema, address: z.string().nullable(), time_windows: z.array(timeWindowSchema), service_time: z.number() }),
    size: z.array(z.number()),
    priority: z.number(),
    skills: z.array(z.string()),
    recipient: z.record(z.string(), z.string()),
    max_ride_time: z.number().nullable(),
    service_date: z.string().nullable(),
    tracking_token: z.string(),
    tracking_url: z.string().describe('The customer’s tracking page (absolute when PUBLIC_URL is set)'),
    unassigned_reason: z.object({ code: z.string(), reason: z.string() }).nullable(),
    created_at: instantSchema,
    updated_at: instantSchema,
  })
  .openapi('Order');
