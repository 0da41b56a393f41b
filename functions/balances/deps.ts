import { createAuditLog } from '../../shared/audit/create-audit-log';
import { createAwsClients } from '../../shared/aws/clients';
import { loadConfig } from '../../shared/config/load-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { accountWriteConfigSchema, tradingTableConfigSchema, usersConfigSchema } from './config';
import { dynamoAccountHistory } from './dynamo-account-history';
import { dynamoAccountProfiles } from './dynamo-account-profiles';
import { dynamoBalanceStore } from './dynamo-balance-store';
import { tradingDocuments, tradingDynamoClient } from './dynamo-trading-documents';
import { dynamoWithdrawalStore } from './dynamo-withdrawal-store';
import { newTimeOrderedId, systemClock } from './clock';
import type { AccountDeps } from './ports';

/** The logger of every account function. */
export const accountLogger: Logger = createLogger('account');

/** Balances, ledger and trades: the Trading table, read only. */
export function buildAccountReadDeps(): Pick<AccountDeps, 'balances' | 'history'> {
  const config = loadConfig(tradingTableConfigSchema);
  const documents = tradingDocuments(tradingDynamoClient());
  return {
    balances: dynamoBalanceStore(documents, config.TRADING_TABLE),
    history: dynamoAccountHistory(documents, config.TRADING_TABLE),
  };
}

/** The fee tier: the profile only. */
export function buildProfileDeps(): Pick<AccountDeps, 'profiles'> {
  const config = loadConfig(usersConfigSchema);
  return {
    profiles: dynamoAccountProfiles(createAwsClients().documents, config.USERS_TABLE),
  };
}

/**
 * Deposit and withdraw: balances, withdrawals, profiles, the audit trail. No step-up verifier
 * exists yet (identity keeps TOTP in Cognito), so MFA accounts' withdrawals are refused.
 */
export function buildAccountWriteDeps(): Omit<AccountDeps, 'history'> {
  const config = loadConfig(accountWriteConfigSchema);
  const clients = createAwsClients();
  const documents = tradingDocuments(tradingDynamoClient());
  return {
    profiles: dynamoAccountProfiles(clients.documents, config.USERS_TABLE),
    balances: dynamoBalanceStore(documents, config.TRADING_TABLE),
    withdrawals: dynamoWithdrawalStore(documents, config.TRADING_TABLE),
    stepUp: undefined,
    audit: createAuditLog(clients),
    clock: systemClock,
    newId: newTimeOrderedId,
    sandbox: config.SANDBOX || config.LOCAL_MODE,
  };
}
