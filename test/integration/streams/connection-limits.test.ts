import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../../functions/streams/connect';
import { dynamoConnections } from '../../../functions/streams/dynamo-connections';
import { tables } from '../../../infra/definitions/tables';
import { provisionTable } from '../../../infra/local/provision/tables';

/** A scratch copy of the Streams table in DynamoDB Local, so the counts are this file's own. */
const table = `Streams-${randomUUID().slice(0, 8)}`;
const dynamodb = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(dynamodb);
const auth = {
  authenticate: async (token: string) => ({ userId: token, sessionId: `${token}-session` }),
};

const depsWith = (limits: { connectionsPerUser: number; connectionsPerIp: number }) => ({
  connections: dynamoConnections(documents, table),
  limits: { ...limits, subscriptionsPerConnection: 50 },
  nowMs: Date.now,
  auth,
});

beforeAll(async () => {
  await provisionTable(dynamodb, { ...tables.streams, id: table });
});

afterAll(async () => {
  await dynamodb.send(new DeleteTableCommand({ TableName: table }));
});

describe('connection limits on DynamoDB Local', () => {
  it('accepts exactly the per-user limit of concurrent connects, and one more once one leaves', async () => {
    const deps = depsWith({ connectionsPerUser: 2, connectionsPerIp: 100 });

    const records = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        connect(deps, { connectionId: `user-${i}`, ip: '198.51.100.7', token: 'alice' }),
      ),
    );
    const accepted = records.filter((record) => record.rejected === null);
    await deps.connections.remove(accepted[0]!.connectionId);
    const again = await connect(deps, {
      connectionId: 'user-again',
      ip: '198.51.100.7',
      token: 'alice',
    });

    expect(accepted).toHaveLength(2);
    expect(records.filter((r) => r.rejected === 'CONNECTION_LIMIT')).toHaveLength(4);
    expect(again.rejected).toBeNull();
    expect((await deps.connections.all()).map((c) => c.connectionId).sort()).toEqual(
      [accepted[1]!.connectionId, 'user-again'].sort(),
    );
  });

  it('accepts exactly the per-address limit of concurrent anonymous connects', async () => {
    const deps = depsWith({ connectionsPerUser: 10, connectionsPerIp: 3 });

    const records = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        connect(deps, { connectionId: `ip-${i}`, ip: '203.0.113.9', token: undefined }),
      ),
    );

    expect(records.filter((record) => record.rejected === null)).toHaveLength(3);
  });
});
