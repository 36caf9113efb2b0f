/** Shapes shared by the dispatch resources: coordinates, time windows, local times. */
import { z } from 'zod';

export const lonLatSchema = z
  .tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)], { message: 'expected [lon, lat] in degrees' })
  .openapi({ description: '[longitude, latitude] in degrees (WGS 84)', example: [-8.611, 41.148] });

/** An ISO-8601 instant with an explicit offset. */
export const instantSchema = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 time with an offset, e.g. 2026-11-23T09:00:00+01:00' });

export const timeWindowSchema = z
  .object({ start: instantSchema, end: instantSchema })
  .refine((w) => Date.parse(w.end) > Date.parse(w.start), { message: 'end must be after start', path: ['end'] })
  .openapi('TimeWindow');

export const localTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a local time HH:MM' });

export const idParams = z.object({ id: z.uuid({ message: 'expected a UUID' }) });

export const skillsSchema = z.array(z.string().min(1).max(64)).max(50).default([]);
export const sizeSchema = z.array(z.number().int().nonnegative()).max(8).default([]);
