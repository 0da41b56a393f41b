import {
  BatchWriteCommand,
  DeleteCommand,
  QueryCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { dynamoConnections } from '../../../functions/streams/dynamo-connections';

type Key = { pk: string; sk: string };
type Item = Key & Record<string, unknown>;

/**
 * A Streams table in memory behind `send`, answering Query by `pk` and applying deletes; the
 * first BatchWriteItem leaves its last request unprocessed, as DynamoDB does when throttled.
 */
function throttledTable(items: Item[]) {
  const rows = new Map(items.map((item) => [`${item.pk}|${item.sk}`, item]));
  let batches = 0;
  const send = async (command: unknown) => {
    if (command instanceof QueryCommand) {
      const pk = command.input.ExpressionAttributeValues?.[':pk'];
      return { Items: [...rows.values()].filter((item) => item.pk === pk) };
    }
    if (command instanceof DeleteCommand) {
      const key = command.input.Key as Key;
      const owner = command.input.ExpressionAttributeValues?.[':id'];
      if (owner === undefined || rows.get(`${key.pk}|${key.sk}`)?.['connection_id'] === owner) {
        rows.delete(`${key.pk}|${key.sk}`);
      }
      return {};
    }
    if (command instanceof BatchWriteCommand) {
      const [[table, requests]] = Object.entries(command.input.RequestItems ?? {}) as [
        [string, { DeleteRequest: { Key: Key } }[]],
      ];
      batches += 1;
      const unprocessed = batches === 1 ? requests.slice(-1) : [];
      for (const request of requests.slice(0, requests.length - unprocessed.length)) {
        rows.delete(`${request.DeleteRequest.Key.pk}|${request.DeleteRequest.Key.sk}`);
      }
      return { UnprocessedItems: unprocessed.length === 0 ? {} : { [table]: unprocessed } };
    }
    throw new Error(`unexpected command ${String(command)}`);
  };
  return { documents: { send } as unknown as DynamoDBDocumentClient, rows };
}

describe('removing a connection when DynamoDB throttles part of the batch', () => {
  it('deletes every item of the connection and frees its slots, and only its own', async () => {
    const pk = 'CONN#c1';
    const { documents, rows } = throttledTable([
      {
        pk,
        sk: 'META',
        connection_id: 'c1',
        user_id: 'alice',
        ip: '198.51.100.1',
        connected_at: 'x',
        rejected: null,
        user_slot: 1,
        ip_slot: 0,
      },
      { pk, sk: 'SUB#trades.BTCUSDT', channel: 'trades.BTCUSDT' },
      { pk: 'IP#198.51.100.1', sk: 'SLOT#0', connection_id: 'c1', expires_at: 9_999_999_999 },
      { pk: 'USER#alice', sk: 'SLOT#1', connection_id: 'c1', expires_at: 9_999_999_999 },
      { pk: 'USER#alice', sk: 'SLOT#0', connection_id: 'c0', expires_at: 9_999_999_999 },
    ]);

    await dynamoConnections(documents, 'Streams').remove('c1');

    expect([...rows.keys()]).toEqual(['USER#alice|SLOT#0']);
  });
});
