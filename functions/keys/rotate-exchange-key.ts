import { credentialSchemas, type RotateExchangeKeyBody } from '../../shared/contracts/vault';
import { ValidationError, type FieldError } from '../../shared/domain/errors';
import { apiKeyHint, encryptionContext, sealCredential } from './envelope';
import { fingerprintOf, withPepper } from './fingerprint';
import type { Caller, ExchangeKeyRecord, SealedCredential, VaultPorts } from './ports';
import { getExchangeKey } from './read-exchange-keys';
import { auditEntry } from './view';

export type RotateExchangeKeyDeps = Pick<
  VaultPorts,
  'repository' | 'dataKeys' | 'pepper' | 'audit' | 'clock'
>;

interface NewCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
}

/** The new credentials in the stored exchange's format, or a VALIDATION_ERROR naming both. */
function checkedCredentials(
  record: ExchangeKeyRecord,
  body: RotateExchangeKeyBody,
): NewCredentials | undefined {
  if (body.api_key === undefined || body.api_secret === undefined) return undefined;
  const schemas = credentialSchemas(record.exchange);
  const key = schemas.api_key.safeParse(body.api_key);
  const secret = schemas.api_secret.safeParse(body.api_secret);
  const fields: FieldError[] = [];
  if (!key.success) fields.push({ field: 'api_key', in: 'body', message: message(key.error) });
  if (!secret.success) {
    fields.push({ field: 'api_secret', in: 'body', message: message(secret.error) });
  }
  if (!key.success || !secret.success) throw new ValidationError(fields);
  return { apiKey: key.data, apiSecret: secret.data };
}

const message = (error: { issues: readonly { message: string }[] }): string =>
  error.issues[0]?.message ?? 'Invalid value';

/**
 * Changes a key under the same id. New credentials get a fresh data key, a new fingerprint
 * (refused if the caller already stores that key elsewhere) and a recorded rotation; label,
 * permissions and testnet change without touching the crypto. Audited as `rotated` or `updated`.
 */
export async function rotateExchangeKey(
  deps: RotateExchangeKeyDeps,
  caller: Caller,
  id: string,
  body: RotateExchangeKeyBody,
): Promise<ExchangeKeyRecord> {
  const current = await getExchangeKey(deps, caller.userId, id);
  const credentials = checkedCredentials(current, body);
  const now = deps.clock.now().toISOString();
  let sealed: SealedCredential = current.sealed;
  let fingerprint = current.fingerprint;
  let hint = current.apiKeyHint;
  if (credentials !== undefined) {
    fingerprint = await withPepper(deps, (pepper) =>
      fingerprintOf(pepper, caller.userId, current.exchange, credentials.apiKey),
    );
    const context = encryptionContext(caller.userId, id, current.exchange);
    sealed = await sealCredential(
      deps.dataKeys,
      context,
      credentials.apiKey,
      credentials.apiSecret,
    );
    hint = apiKeyHint(credentials.apiKey);
  }
  const next: ExchangeKeyRecord = {
    ...current,
    label: body.label ?? current.label,
    testnet: body.testnet ?? current.testnet,
    permissions: body.permissions ?? current.permissions,
    apiKeyHint: hint,
    fingerprint,
    sealed,
    updatedAt: now,
    rotationCount: current.rotationCount + (credentials === undefined ? 0 : 1),
    rotatedAt: credentials === undefined ? current.rotatedAt : now,
    revision: current.revision + 1,
  };
  await deps.repository.replace(current, next);
  const changed = (['label', 'testnet', 'permissions'] as const).filter(
    (field) => body[field] !== undefined,
  );
  await deps.audit.record(
    auditEntry(
      caller,
      credentials === undefined ? 'exchange_key.updated' : 'exchange_key.rotated',
      id,
      'success',
      {
        exchange: next.exchange,
        changed: credentials === undefined ? changed : ['credentials', ...changed],
        rotation_count: next.rotationCount,
        previous_api_key_hint: current.apiKeyHint,
        api_key_hint: next.apiKeyHint,
      },
    ),
  );
  return next;
}
