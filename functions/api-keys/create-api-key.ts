import { MAX_API_KEYS_PER_USER, type ApiKeyScope } from '../../shared/api-keys/api-key-items';
import { PermissionDeniedError, ValidationError } from '../../shared/domain/errors';
import { MAX_OPEN_KEY_DAYS } from '../../shared/contracts/api-keys';
import type { Caller } from '../../shared/http/caller';
import { auditOf } from './audit';
import type { ApiKeyPorts, ApiKeyRecord } from './ports';

export type CreateApiKeyDeps = Pick<
  ApiKeyPorts,
  'store' | 'secrets' | 'mfa' | 'stepUp' | 'audit' | 'clock' | 'newId' | 'newApiKey'
>;

export interface CreateApiKeyInput {
  readonly label: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly ip_allowlist?: readonly string[] | undefined;
  readonly expires_in_days?: number | undefined;
  readonly mfa_code?: string | undefined;
}

const DAY_MS = 86_400_000;

/**
 * Creates a key: a current TOTP code first when the account has MFA on (a stolen session alone
 * cannot mint a bot key), then a KMS-issued secret sealed under the key's own context, both
 * items and the count in one transaction, an audit record. The secret is returned once.
 */
export async function createApiKey(
  deps: CreateApiKeyDeps,
  caller: Caller,
  input: CreateApiKeyInput,
): Promise<ApiKeyRecord & { secret: string }> {
  if (await deps.mfa.mfaEnabled(caller.userId)) {
    if (input.mfa_code === undefined) {
      throw new ValidationError([
        {
          field: 'mfa_code',
          in: 'body',
          message: 'Two-factor authentication is on: a code is required',
        },
      ]);
    }
    if (!(await deps.stepUp.verify(caller.userId, input.mfa_code))) {
      await deps.audit.record(
        auditOf(caller, 'api_key.created', 'new', 'denied', { reason: 'mfa_code' }),
      );
      throw new PermissionDeniedError('The two-factor code is wrong or was already used');
    }
  }
  const now = deps.clock.now();
  const days = input.expires_in_days ?? MAX_OPEN_KEY_DAYS;
  const record: ApiKeyRecord = {
    id: deps.newId(),
    userId: caller.userId,
    apiKey: deps.newApiKey(),
    label: input.label,
    scopes: [...input.scopes],
    ipAllowlist: [...(input.ip_allowlist ?? [])],
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + days * DAY_MS).toISOString(),
  };
  const { secret, sealed } = await deps.secrets.issue(caller.userId, record.id);
  await deps.store.create(record, sealed, MAX_API_KEYS_PER_USER);
  await deps.audit.record(
    auditOf(caller, 'api_key.created', record.id, 'success', {
      label: record.label,
      scopes: record.scopes,
      ip_allowlist: record.ipAllowlist,
      expires_at: record.expiresAt,
    }),
  );
  return { ...record, secret };
}
