// Contracts of routing runs, shared by the API, the CLI and the web pages.
import { z } from 'zod';
import { TLP_LEVELS } from '../../platform/access/tlp-policy.ts';

/** Limits shared by the UI and the server. */
export const MAX_ROUTED_OBJECTS = 10_000;
export const MAX_LIST_BYTES = 8 * 1024 * 1024;
export const MAX_COLLECTION_OBJECTS = 50_000;

const stixId = z
  .string()
  .regex(
    /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'must be a STIX identifier',
  );

export const routeRunInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  /** The organisation running the campaign; defaults to the actor's only analyst organisation. */
  organisationId: z.uuid().optional(),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('objects'), ids: z.array(stixId).min(1).max(MAX_ROUTED_OBJECTS) }),
    z.object({ kind: z.literal('collection'), id: z.uuid() }),
    z.object({
      kind: z.literal('list'),
      text: z.string().min(1).max(MAX_LIST_BYTES),
      /** The list's TLP: the router's organisation is its producer. */
      tlp: z.enum(TLP_LEVELS).default('amber'),
      fileName: z.string().max(300).optional(),
    }),
    /** What an import stored or matched (its duplicates' stored objects included), read page by page. */
    z.object({ kind: z.literal('import'), importId: z.uuid() }),
  ]),
});
export type RouteRunInput = z.input<typeof routeRunInput>;
