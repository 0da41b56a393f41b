import { CONNECTION_TTL_SECONDS, rejectionMessage } from './connect';
import {
  channelKey,
  errorMessage,
  parseChannel,
  parseClientMessage,
  requestedChannel,
  type ClientMessage,
} from './protocol';
import type { ConnectionRecord, StreamDeps } from './ports';

type Requested = ReturnType<typeof requestedChannel>;

async function subscribe(
  deps: StreamDeps,
  connection: ConnectionRecord,
  message: Extract<ClientMessage, { op: 'subscribe' }>,
  send: (message: unknown) => Promise<void>,
): Promise<void> {
  const expiresAt = Math.floor(deps.nowMs() / 1000) + CONNECTION_TTL_SECONDS;
  const added: string[] = [];
  const resumes: Requested[] = [];
  for (const entry of message.channels.map(requestedChannel)) {
    const channel = parseChannel(entry.name);
    const fail = (code: Parameters<typeof errorMessage>[0], text: string) =>
      send(errorMessage(code, text, { id: message.id, channel: entry.name }));
    if (channel === undefined) {
      await fail('UNKNOWN_CHANNEL', `No channel ${entry.name}`);
      continue;
    }
    if (channel.kind === 'private' && connection.userId === null) {
      await fail('AUTHENTICATION_REQUIRED', 'Private channels need ?token= at connect');
      continue;
    }
    const key = channelKey(channel.name, connection.userId);
    const max = deps.limits.subscriptionsPerConnection;
    const outcome = await deps.connections.subscribe(
      connection.connectionId,
      channel.name,
      key,
      max,
      expiresAt,
    );
    if (outcome === 'limit') {
      await fail('SUBSCRIPTION_LIMIT', `At most ${max} subscriptions per connection`);
      continue;
    }
    added.push(channel.name);
    if (channel.kind === 'private') resumes.push(entry);
  }
  if (added.length === 0) return;
  const seqs: Record<string, number> = {};
  for (const entry of resumes) {
    seqs[entry.name] = await deps.events.current(connection.userId!, entry.name);
  }
  await send({
    event: 'subscribed',
    ...(message.id === undefined ? {} : { id: message.id }),
    channels: added,
    ...(resumes.length === 0 ? {} : { seqs }),
  });
  for (const entry of resumes) {
    if (entry.from_seq !== undefined) {
      await replay(deps, connection, entry, seqs[entry.name]!, message.id, send);
    }
  }
}

/**
 * Sends the kept events after `from_seq`, oldest first. Subscribing comes first, so an event
 * stored meanwhile arrives live, replayed, or both — never neither; clients drop a `seq` they
 * already have. A `from_seq` older than what is kept cannot be resumed without a gap, and
 * neither can one behind the channel's `current` seq when nothing after it is kept any more.
 */
async function replay(
  deps: StreamDeps,
  connection: ConnectionRecord,
  entry: Requested,
  current: number,
  id: string | number | undefined,
  send: (message: unknown) => Promise<void>,
): Promise<void> {
  const fromSeq = entry.from_seq ?? 0;
  const { events, oldestKept } = await deps.events.since(connection.userId!, entry.name, fromSeq);
  const gap = oldestKept === undefined ? current > fromSeq : oldestKept > fromSeq + 1;
  if (gap) {
    await send(
      errorMessage(
        'RESUME_UNAVAILABLE',
        `Events before seq ${oldestKept} are no longer kept; reload through the REST API`,
        { id, channel: entry.name },
      ),
    );
    return;
  }
  for (const event of events) {
    await send({ channel: entry.name, event: event.event, seq: event.seq, data: event.data });
  }
}

/**
 * `$default`: one client frame. A refused connection gets its error again and is closed; an
 * invalid frame gets `INVALID_MESSAGE` and the connection stays open.
 */
export async function handleMessage(
  deps: StreamDeps,
  connectionId: string,
  body: string,
): Promise<void> {
  const send = async (message: unknown) => {
    await deps.poster.post(connectionId, message);
  };
  const connection = await deps.connections.get(connectionId);
  if (connection === undefined) return;
  if (connection.rejected !== null) {
    await send(rejectionMessage(connection));
    await deps.poster.close(connectionId);
    return;
  }
  const message = parseClientMessage(body);
  if (message === undefined) {
    await send(
      errorMessage(
        'INVALID_MESSAGE',
        'Expected {"op":"subscribe"|"unsubscribe"|"list"|"ping", "channels"?, "id"?}',
      ),
    );
    return;
  }
  const id = message.id === undefined ? {} : { id: message.id };
  switch (message.op) {
    case 'ping':
      await send({ event: 'pong', ...id, time: new Date(deps.nowMs()).toISOString() });
      return;
    case 'list':
      await send({ event: 'list', ...id, channels: await deps.connections.channels(connectionId) });
      return;
    case 'subscribe':
      await subscribe(deps, connection, message, send);
      return;
    case 'unsubscribe': {
      const removed: string[] = [];
      for (const { name } of message.channels.map(requestedChannel)) {
        if (await deps.connections.unsubscribe(connectionId, name)) removed.push(name);
      }
      await send({ event: 'unsubscribed', ...id, channels: removed });
      return;
    }
  }
}
