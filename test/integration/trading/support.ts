import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { provisionTable } from '../../../infra/local/provision/tables';
import { tables } from '../../../infra/definitions/tables';
import { createAwsClients, type AwsClients } from '../../../shared/aws/clients';
import { uuidV7 } from '../../../shared/trading/ids';
import { dynamoAccountHistory } from '../../../functions/balances/dynamo-account-history';
import { dynamoAccountProfiles } from '../../../functions/balances/dynamo-account-profiles';
import { dynamoBalanceStore } from '../../../functions/balances/dynamo-balance-store';
import {
  tradingDocuments,
  tradingDynamoClient,
} from '../../../shared/aws/dynamo-trading-documents';
import { dynamoWithdrawalStore } from '../../../functions/balances/dynamo-withdrawal-store';
import type { AccountDeps, Clock } from '../../../functions/balances/ports';
import { dynamoAdminQueries } from '../../../functions/admin-trading/dynamo-admin-queries';
import { dynamoSystemTotals } from '../../../functions/admin-trading/dynamo-system-totals';
import { dynamoBookTops } from '../../../shared/aws/dynamo-book-tops';
import { dynamoMarketRegistry } from '../../../functions/orders/dynamo-market-registry';
import { dynamoOrderStore } from '../../../functions/orders/dynamo-order-store';
import { dynamoOutbox } from '../../../functions/orders/dynamo-outbox';
import {
  dynamoCursorStore,
  dynamoUserEventFeed,
} from '../../../functions/orders/dynamo-user-event-feed';
import type { CommandQueue, OrderDeps } from '../../../functions/orders/ports';
import { sqsCommandQueue } from '../../../functions/orders/sqs-command-queue';
import { localEnv } from '../../support/local-stack';
import { InMemoryAuditLog } from '../../support/fakes/in-memory-audit-log';
import { silentLogger } from '../../unit/trading/support/fakes';
import type { Caller } from '../../../functions/balances/caller';

/**
 * A private Trading table (same definition, own name) and FIFO queue per test file, so money
 * totals and queue contents are this file's alone; identity's Users table is the shared one
 * (users are fresh UUIDs). Adapters are the production ones.
 */
export interface TradingWorld {
  readonly clients: AwsClients;
  /** The Trading table's own document client (wrapped numbers). */
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly queueUrl: string;
  readonly clock: Clock & { offsetMs: number };
  readonly audit: InMemoryAuditLog;
  readonly account: AccountDeps & { sandbox: true };
  readonly orders: OrderDeps;
  readonly admin: {
    queries: ReturnType<typeof dynamoAdminQueries>;
    totals: ReturnType<typeof dynamoSystemTotals>;
  };
  readonly events: ReturnType<typeof dynamoUserEventFeed>;
  readonly cursors: ReturnType<typeof dynamoCursorStore>;
  /** The real queue adapter; tests swap `failing` on to simulate an SQS outage. */
  readonly queue: CommandQueue & { failing: boolean };
  destroy(): Promise<void>;
}

export async function createTradingWorld(): Promise<TradingWorld> {
  const clients = createAwsClients();
  const tableName = `Trading-it-${randomUUID().slice(0, 8)}`;
  await provisionTable(clients.dynamodb, { ...tables.trading, id: tableName });
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const { QueueUrl } = await sqs.send(
    new CreateQueueCommand({
      QueueName: `trading-it-${randomUUID().slice(0, 8)}.fifo`,
      Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' },
    }),
  );
  const queueUrl = QueueUrl!;
  const documents = tradingDocuments(tradingDynamoClient());
  const usersTable = localEnv()['USERS_TABLE']!;
  const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
  const audit = new InMemoryAuditLog();
  const newId = () => uuidV7(clock.now().getTime());
  const real = sqsCommandQueue(clients.sqs, () => queueUrl);
  const queue = {
    failing: false,
    async send(command: Parameters<CommandQueue['send']>[0]) {
      if (queue.failing) throw new Error('SQS unavailable');
      await real.send(command);
    },
  };
  const profiles = dynamoAccountProfiles(clients.documents, usersTable);
  const orderStore = dynamoOrderStore(documents, tableName, () =>
    Math.floor(clock.now().getTime() / 1000),
  );
  return {
    clients,
    documents,
    tableName,
    queueUrl,
    clock,
    audit,
    queue,
    account: {
      profiles,
      balances: dynamoBalanceStore(documents, tableName),
      withdrawals: dynamoWithdrawalStore(documents, tableName),
      history: dynamoAccountHistory(documents, tableName),
      stepUp: undefined,
      audit,
      clock,
      newId,
      sandbox: true,
    },
    orders: {
      markets: dynamoMarketRegistry(documents, tableName, 0),
      books: dynamoBookTops(documents, tableName),
      profiles,
      orders: orderStore,
      outbox: dynamoOutbox(documents, tableName),
      queue,
      audit,
      clock,
      newId,
      logger: silentLogger,
      settings: {
        marketBuyProtectionPpm: 50_000,
        commandTtlMs: 120_000,
        resendAfterMs: 5_000,
      },
    },
    admin: {
      queries: dynamoAdminQueries(documents, tableName),
      totals: dynamoSystemTotals(documents, tableName),
    },
    events: dynamoUserEventFeed(clients.documents, usersTable),
    cursors: dynamoCursorStore(documents, tableName),
    async destroy() {
      await clients.dynamodb.send(new DeleteTableCommand({ TableName: tableName }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
      sqs.destroy();
    },
  };
}

/** A caller with a fresh user id. */
export const newCaller = (): Caller => ({
  userId: randomUUID(),
  admin: false,
  sourceIp: '127.0.0.1',
  userAgent: 'vitest',
  requestId: randomUUID(),
});

/** Writes identity's profile item for a user (as identity's confirmation would). */
export async function writeProfile(
  world: TradingWorld,
  userId: string,
  profile: { status?: string; kyc_level?: number; fee_tier?: number; mfa_enabled?: boolean },
): Promise<void> {
  await world.clients.documents.send(
    new PutCommand({
      TableName: localEnv()['USERS_TABLE']!,
      Item: {
        pk: `USER#${userId}`,
        sk: 'PROFILE',
        user_id: userId,
        status: 'ACTIVE',
        kyc_level: 0,
        fee_tier: 1,
        mfa_enabled: false,
        ...profile,
      },
    }),
  );
}
