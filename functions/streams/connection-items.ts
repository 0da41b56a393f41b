import { z } from 'zod';
import { streamErrorCodes } from './protocol';
import type { ConnectionRecord } from './ports';

/**
 * Items of the Streams table (`pk`, `sk`, gsi1 `gsi1pk`/`gsi1sk`, TTL `expires_at`):
 *
 * | pk                        | sk            | item                                                  |
 * | ------------------------- | ------------- | ----------------------------------------------------- |
 * | `CONN#<id>`               | `META`        | the connection (`user_slot`, `ip_slot`); gsi1 `CONNECTIONS` / `<id>` unless rejected |
 * | `CONN#<id>`               | `SUB#<channel>` | a subscription; gsi1 `SUB#<channel key>` / `<id>`   |
 * | `USER#<user>`, `IP#<ip>`  | `SLOT#<n>`    | a connection slot (`n` < the limit): `connection_id`  |
 * | `EVENTS#<user>#<channel>` | `SEQ`         | the channel's last seq (never expires)                |
 * | `EVENTS#<user>#<channel>` | `E#<seq, 16 digits>` | one private event, kept 24 h                   |
 * | `SOURCE#<stream record id>` | `SOURCE`    | the seq a stream record got (redelivery guard, 48 h)  |
 */
export const connectionPk = (connectionId: string): string => `CONN#${connectionId}`;
export const META_SK = 'META';
export const subscriptionSk = (channel: string): string => `SUB#${channel}`;
export const subscribersPk = (key: string): string => `SUB#${key}`;
export const ALL_CONNECTIONS = 'CONNECTIONS';
export const userConnectionsPk = (userId: string): string => `USER#${userId}`;
export const ipConnectionsPk = (ip: string): string => `IP#${ip}`;
export const SLOT_PREFIX = 'SLOT#';
export const slotSk = (n: number): string => `${SLOT_PREFIX}${n}`;
export const eventsPk = (userId: string, channel: string): string => `EVENTS#${userId}#${channel}`;
export const SEQ_SK = 'SEQ';
export const eventSk = (seq: number): string => `E#${String(seq).padStart(16, '0')}`;
export const sourceKey = (sourceId: string) => ({ pk: `SOURCE#${sourceId}`, sk: 'SOURCE' });

/** How long private events stay readable for `from_seq` (seconds). */
export const EVENT_TTL_SECONDS = 24 * 3600;
/** How long a stream record's marker stays: beyond the stream's own 24 h retention. */
export const SOURCE_TTL_SECONDS = 48 * 3600;

export const metaItemSchema = z.object({
  connection_id: z.string(),
  user_id: z.string().nullable().default(null),
  session_id: z.string().nullable().default(null),
  ip: z.string(),
  connected_at: z.string(),
  rejected: z.enum(streamErrorCodes).nullable().default(null),
});

/** The connection record of a `META` item (also from a stream image). */
export function connectionOf(item: Record<string, unknown>): ConnectionRecord | undefined {
  const parsed = metaItemSchema.safeParse(item);
  if (!parsed.success) return undefined;
  return {
    connectionId: parsed.data.connection_id,
    userId: parsed.data.user_id,
    sessionId: parsed.data.session_id,
    ip: parsed.data.ip,
    connectedAt: parsed.data.connected_at,
    rejected: parsed.data.rejected,
  };
}
