import { createAuditLog } from '../../shared/audit/create-audit-log';
import { createAwsClients, type AwsClients } from '../../shared/aws/clients';
import { createTotpStepUp } from '../../shared/aws/totp-step-up';
import { loadConfig } from '../../shared/config/load-config';
import { stepUpConfigSchema } from '../../shared/identity/step-up-config';
import { createLogger, type Logger } from '../../shared/logging/logger';
import { accountWriteConfigSchema, tradingTableConfigSchema, usersConfigSchema } from './config';
import { dynamoAccountHistory } from './dynamo-account-history';
import { dynamoAccountProfiles } from './dynamo-account-profiles';
import { dynamoBalanceStore } from './dynamo-balance-store';
import { tradingDocuments, tradingDynamoClient } from '../../shared/aws/dynamo-trading-documents';
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
 * Deposit: balances, withdrawals, profiles, the audit trail. It holds no step-up verifier (nor
 * the grants one needs); withdraw adds it, see {@link buildWithdrawDeps}.
 */
export function buildAccountWriteDeps(
  clients: AwsClients = createAwsClients(),
): Omit<AccountDeps, 'history'> {
  const config = loadConfig(accountWriteConfigSchema);
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

/**
 * Withdraw: the above plus the TOTP step-up verifier (identity's sealed secrets in the Users
 * table, the MFA key), so accounts with two-factor authentication withdraw with a current code.
 */
export function buildWithdrawDeps(): Omit<AccountDeps, 'history'> {
  const clients = createAwsClients();
  const stepUp = createTotpStepUp(clients, loadConfig(stepUpConfigSchema));
  return { ...buildAccountWriteDeps(clients), stepUp };
}
