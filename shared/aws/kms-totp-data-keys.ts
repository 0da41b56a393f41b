import type { KMSClient } from '@aws-sdk/client-kms';
import { TotpSecretIntegrityError, type TotpDataKeys } from '../identity/totp-envelope';
import { kmsEnvelopeKeys } from './kms-envelope-keys';

/**
 * Data keys under the MFA key (`MFA_KEY_ID`); a blob or context KMS refuses is a
 * {@link TotpSecretIntegrityError}.
 */
export function kmsTotpDataKeys(kms: KMSClient, mfaKeyId: string): TotpDataKeys {
  return kmsEnvelopeKeys(
    kms,
    mfaKeyId,
    (cause) => new TotpSecretIntegrityError('kms_rejected_data_key', { cause }),
  );
}
