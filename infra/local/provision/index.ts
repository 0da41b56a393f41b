import type { LocalClients } from './clients';
import { provisionIdentity } from './identity';
import { provisionKeys } from './keys';
import { provisionQueues } from './queues';
import { provisionTables } from './tables';

/** What provisioning made: the resource env (definition env var → name, URL, id or ARN). */
export interface Provisioned {
  readonly env: Record<string, string>;
  readonly userPoolId: string;
}

/**
 * Provisions every resource of `infra/definitions/` on the running emulators, idempotently, so
 * the local stack and the CDK stack never drift. `withKeys: false` skips KMS (no local KMS yet).
 */
export const provisionAll = async (
  clients: LocalClients,
  options: { readonly withKeys: boolean },
): Promise<Provisioned> => {
  const [tables, queues, identity, keys] = await Promise.all([
    provisionTables(clients.dynamodb),
    provisionQueues(clients.sqs),
    provisionIdentity(clients.cognito),
    options.withKeys ? provisionKeys(clients.kms) : Promise.resolve({}),
  ]);
  return { env: { ...tables, ...queues, ...identity.env, ...keys }, userPoolId: identity.poolId };
};
