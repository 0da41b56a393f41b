import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAuditLog } from '../../shared/audit/create-audit-log';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { dynamoAccountProfiles } from '../balances/dynamo-account-profiles';
import { tradingDocuments, tradingDynamoClient } from '../../shared/aws/dynamo-trading-documents';
import { newTimeOrderedId, systemClock } from '../balances/clock';
import type { CancelDeps } from './cancel-order';
import {
  cancelConfigSchema,
  orderReadConfigSchema,
  placeConfigSchema,
  reconcileConfigSchema,
} from './config';
import { dynamoBookTops } from '../../shared/aws/dynamo-book-tops';
import { dynamoMarketRegistry } from './dynamo-market-registry';
import { dynamoOrderStore } from './dynamo-order-store';
import { dynamoOutbox } from './dynamo-outbox';
import { dynamoCursorStore, dynamoUserEventFeed } from './dynamo-user-event-feed';
import type { OrderDeps, OrderSettings, OrderStore } from './ports';
import type { ReconcileDeps } from './reconcile';
import { sqsCommandQueue } from './sqs-command-queue';
import { commandQueueRouter } from '../../shared/trading/shards';
import type { UserEventDeps } from './user-events';

/** The logger of every order function. */
export const orderLogger: Logger = createLogger('orders');

type Tunables = {
  MARKET_BUY_PROTECTION_PPM: number;
  ORDER_COMMAND_TTL_SECONDS: number;
  OUTBOX_RESEND_AFTER_SECONDS: number;
  MARKET_STATUS_CACHE_SECONDS: number;
};

export const settingsOf = (config: Tunables): OrderSettings => ({
  marketBuyProtectionPpm: config.MARKET_BUY_PROTECTION_PPM,
  commandTtlMs: config.ORDER_COMMAND_TTL_SECONDS * 1000,
  resendAfterMs: config.OUTBOX_RESEND_AFTER_SECONDS * 1000,
});

function cancelSide(
  clients: AwsClients,
  documents: DynamoDBDocumentClient,
  config: Tunables & { TRADING_TABLE: string } & Readonly<Record<string, unknown>>,
) {
  return {
    markets: dynamoMarketRegistry(
      documents,
      config.TRADING_TABLE,
      config.MARKET_STATUS_CACHE_SECONDS * 1000,
    ),
    orders: dynamoOrderStore(documents, config.TRADING_TABLE),
    outbox: dynamoOutbox(documents, config.TRADING_TABLE),
    queue: sqsCommandQueue(clients.sqs, commandQueueRouter(config)),
    audit: createAuditLog(clients),
    clock: systemClock,
    newId: newTimeOrderedId,
    logger: orderLogger,
    settings: settingsOf(config),
  };
}

/** Get and the lists: the Trading table, read only. */
export function buildOrderReadDeps(): { orders: OrderStore } {
  const config = loadConfig(orderReadConfigSchema);
  const documents = tradingDocuments(tradingDynamoClient());
  return { orders: dynamoOrderStore(documents, config.TRADING_TABLE) };
}

export function buildCancelDeps(): CancelDeps {
  const documents = tradingDocuments(tradingDynamoClient());
  return cancelSide(createAwsClients(), documents, loadConfig(cancelConfigSchema));
}

export function buildPlaceDeps(): OrderDeps {
  const config = loadConfig(placeConfigSchema);
  const clients = createAwsClients();
  const documents = tradingDocuments(tradingDynamoClient());
  return {
    ...cancelSide(clients, documents, config),
    profiles: dynamoAccountProfiles(clients.documents, config.USERS_TABLE),
    books: dynamoBookTops(documents, config.MARKET_DATA_TABLE),
  };
}

export function buildReconcileDeps(): ReconcileDeps & UserEventDeps {
  const config = loadConfig(reconcileConfigSchema);
  const clients = createAwsClients();
  const documents = tradingDocuments(tradingDynamoClient());
  return {
    ...cancelSide(clients, documents, config),
    events: dynamoUserEventFeed(clients.documents, config.USERS_TABLE),
    cursors: dynamoCursorStore(documents, config.TRADING_TABLE),
  };
}
