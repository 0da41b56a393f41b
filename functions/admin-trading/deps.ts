import { createAuditLog } from '../../shared/audit/create-audit-log';
import { createAwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { newTimeOrderedId, systemClock } from '../balances/clock';
import { dynamoBalanceStore } from '../balances/dynamo-balance-store';
import { tradingDocuments, tradingDynamoClient } from '../../shared/aws/dynamo-trading-documents';
import { dynamoWithdrawalStore } from '../balances/dynamo-withdrawal-store';
import type { WithdrawalStore } from '../balances/ports';
import type { AdjustDeps } from './adjust-balance';
import { adminReadConfigSchema, adminWriteConfigSchema } from './config';
import type { DecideDeps } from './decide-withdrawal';
import { dynamoAdminQueries } from './dynamo-admin-queries';
import { dynamoSystemTotals } from './dynamo-system-totals';
import type { AdminQueries, SystemTotals } from './ports';

/** The logger of every admin trading function. */
export const adminTradingLogger: Logger = createLogger('admin-trading');

export interface AdminReadDeps {
  readonly queries: AdminQueries;
  readonly totals: SystemTotals;
  readonly withdrawals: WithdrawalStore;
}

/** Listings and the conservation check: the Trading table, read only. */
export function buildAdminReadDeps(): AdminReadDeps {
  const config = loadConfig(adminReadConfigSchema);
  const documents = tradingDocuments(tradingDynamoClient());
  return {
    queries: dynamoAdminQueries(documents, config.TRADING_TABLE),
    totals: dynamoSystemTotals(documents, config.TRADING_TABLE),
    withdrawals: dynamoWithdrawalStore(documents, config.TRADING_TABLE),
  };
}

/** Adjustments and withdrawal decisions: the Trading table and the audit trail. */
export function buildAdminWriteDeps(): AdjustDeps & DecideDeps {
  const config = loadConfig(adminWriteConfigSchema);
  const clients = createAwsClients();
  const documents = tradingDocuments(tradingDynamoClient());
  return {
    balances: dynamoBalanceStore(documents, config.TRADING_TABLE),
    withdrawals: dynamoWithdrawalStore(documents, config.TRADING_TABLE),
    audit: createAuditLog(clients),
    clock: systemClock,
    newId: newTimeOrderedId,
  };
}
