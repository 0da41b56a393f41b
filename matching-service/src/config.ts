import { z } from 'zod';

export const matchingConfigSchema = z.object({
  ORDERS_QUEUE_URL: z.string().min(1),
  JOURNAL_TABLE: z.string().min(1),
  MATCHING_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Bind address of the health endpoint: loopback locally, all interfaces in a container. */
  MATCHING_HEALTH_HOST: z.string().default('127.0.0.1'),
  /** Identifies this process in heartbeats and (later) the journal's writer fence. */
  MATCHING_INSTANCE_ID: z.string().min(1).optional(),
  /** How long SQS hides a received message; extended while a batch is being processed. */
  MATCHING_VISIBILITY_SECONDS: z.coerce.number().int().min(5).max(43200).default(30),
});
export type MatchingConfig = z.infer<typeof matchingConfigSchema>;
