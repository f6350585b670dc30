// The parts of MISP core format (an export of /events/view or a feed's event file) that Accord reads.
// Lenient on what it ignores, strict on what it converts.
import { z } from 'zod';

const epoch = z
  .union([z.string().regex(/^\d+$/), z.number().int()])
  .transform((v) => new Date(Number(v) * 1000).toISOString());
const tag = z.object({ name: z.string() });

export const mispAttribute = z.object({
  uuid: z.uuid(),
  type: z.string(),
  category: z.string().optional(),
  value: z.string(),
  to_ids: z
    .union([z.boolean(), z.enum(['0', '1'])])
    .default(false)
    .transform((v) => v === true || v === '1'),
  comment: z.string().optional(),
  timestamp: epoch.optional(),
  deleted: z
    .union([z.boolean(), z.enum(['0', '1'])])
    .optional()
    .transform((v) => v === true || v === '1'),
  Tag: z.array(tag).default([]),
});
export type MispAttribute = z.infer<typeof mispAttribute>;

export const mispObject = z.object({
  uuid: z.uuid(),
  name: z.string(),
  comment: z.string().optional(),
  timestamp: epoch.optional(),
  Attribute: z.array(z.unknown()).default([]),
});

export const mispEvent = z.object({
  uuid: z.uuid(),
  info: z.string(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  timestamp: epoch.optional(),
  published: z.union([z.boolean(), z.enum(['0', '1'])]).optional(),
  Orgc: z.object({ uuid: z.uuid(), name: z.string() }).optional(),
  Tag: z.array(tag).default([]),
  Galaxy: z
    .array(
      z.object({
        type: z.string().optional(),
        name: z.string().optional(),
        GalaxyCluster: z.array(z.object({ value: z.string(), type: z.string().optional() })).default([]),
      }),
    )
    .default([]),
  Attribute: z.array(z.unknown()).default([]),
  Object: z.array(z.unknown()).default([]),
});
export type MispEvent = z.infer<typeof mispEvent>;

/** A file may hold `{Event: …}`, `{response: [{Event: …}]}` or a bare event. */
export function unwrapEvents(data: unknown): unknown[] {
  if (Array.isArray(data)) {
    return data.flatMap(unwrapEvents);
  }
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    if ('response' in record) {
      return unwrapEvents(record.response);
    }
    if ('Event' in record) {
      return [record.Event];
    }
    return [data];
  }
  return [data];
}
