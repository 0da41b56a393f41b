import { z } from 'zod';

/** `{ field, in, message }` of a VALIDATION_ERROR. */
export const fieldErrorSchema = z.object({
  field: z.string(),
  in: z.enum(['body', 'query', 'path', 'header']),
  message: z.string(),
});

/** The error envelope every route can answer. */
export const errorEnvelopeSchema = z.object({
  success: z.literal(false),
  error: z.object({
    code: z.string(),
    message: z.string(),
    request_id: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** The success envelope around a route's `data`. */
export const successEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ success: z.literal(true), data });

/** ISO-8601 UTC timestamp as the API writes it. */
export const isoTimestamp = z.iso.datetime();

/** List routes: `limit` (1-100, `defaultLimit` when absent) and the opaque `cursor`. */
export const pageQueryFields = (defaultLimit: number) => ({
  limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
  cursor: z.string().min(1).max(2048).optional(),
});

/** A page of `items` and the cursor of the next one (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), next_cursor: z.string().nullable() });
