import { z } from 'zod';
import { markets } from '../../shared/domain/markets';

/**
 * The WebSocket protocol (documented in the README's market-data section). Client messages are
 * JSON objects with an `op`; the server answers with `event` messages and pushes channel data
 * as `{ channel, event, data }` (private channels also carry `seq`).
 */
export const publicChannelKinds = ['orderbook', 'trades', 'ticker'] as const;
export const privateChannels = ['orders', 'balances'] as const;
export type PrivateChannel = (typeof privateChannels)[number];

/** A channel a client named: public per symbol, or one of the caller's private ones. */
export type Channel =
  | { readonly kind: 'public'; readonly name: string; readonly symbol: string }
  | { readonly kind: 'private'; readonly name: PrivateChannel };

/** Error codes of `{ "event": "error" }`; those marked fatal close the connection. */
export const streamErrorCodes = [
  'INVALID_MESSAGE',
  'UNKNOWN_CHANNEL',
  'AUTHENTICATION_REQUIRED',
  /** Fatal: the token given at connect did not verify. */
  'AUTHENTICATION_FAILED',
  /** Fatal: too many connections for this user or address. */
  'CONNECTION_LIMIT',
  /** Fatal: the connection's session was revoked or expired, or its account deactivated. */
  'SESSION_REVOKED',
  'SUBSCRIPTION_LIMIT',
  /** `from_seq` is older than the 24 h the events are kept: reload through REST. */
  'RESUME_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;
export type StreamErrorCode = (typeof streamErrorCodes)[number];

/** Parses `orderbook.BTCUSDT`, `trades.ETHUSDT`, `ticker.BTCUSDT`, `orders`, `balances`. */
export function parseChannel(name: string): Channel | undefined {
  if ((privateChannels as readonly string[]).includes(name)) {
    return { kind: 'private', name: name as PrivateChannel };
  }
  const [kind, symbol, ...rest] = name.split('.');
  if (rest.length > 0 || symbol === undefined) return undefined;
  if (!(publicChannelKinds as readonly string[]).includes(kind ?? '')) return undefined;
  if (!markets.some((market) => market.symbol === symbol)) return undefined;
  return { kind: 'public', name, symbol };
}

/**
 * The key subscribers of a channel are found by: the channel name for public channels, the
 * name and the user for private ones, so a user's events can only reach that user.
 */
export const channelKey = (channel: string, userId: string | null): string =>
  (privateChannels as readonly string[]).includes(channel) ? `${channel}#${userId}` : channel;

const channelRequest = z.union([
  z.string().max(64),
  z.strictObject({
    name: z.string().max(64),
    /** Private channels: replay every event after this `seq` (0 = all kept). */
    from_seq: z.number().int().min(0).optional(),
  }),
]);

const id = z.union([z.string().max(64), z.number().int()]).optional();

export const clientMessageSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('subscribe'),
    channels: z.array(channelRequest).min(1).max(50),
    id,
  }),
  z.strictObject({
    op: z.literal('unsubscribe'),
    channels: z.array(channelRequest).min(1).max(50),
    id,
  }),
  z.strictObject({ op: z.literal('list'), id }),
  z.strictObject({ op: z.literal('ping'), id }),
]);
export type ClientMessage = z.output<typeof clientMessageSchema>;

/** A requested channel by name, with its resume point. */
export const requestedChannel = (
  entry: string | { name: string; from_seq?: number | undefined },
) => (typeof entry === 'string' ? { name: entry } : entry);

/** Parses a frame; undefined when it is not a valid client message. */
export function parseClientMessage(text: string): ClientMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = clientMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** `{ "event": "error" }`, with the request id and channel it concerns when there is one. */
export const errorMessage = (
  code: StreamErrorCode,
  message: string,
  extra: { id?: string | number | undefined; channel?: string } = {},
) => ({
  event: 'error',
  code,
  message,
  ...(extra.id === undefined ? {} : { id: extra.id }),
  ...(extra.channel === undefined ? {} : { channel: extra.channel }),
});
