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
