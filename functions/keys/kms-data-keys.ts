import type { KMSClient } from '@aws-sdk/client-kms';
import { kmsEnvelopeKeys } from '../../shared/aws/kms-envelope-keys';
import { VaultIntegrityError } from './errors';
import type { DataKeyService, EncryptionContext } from './ports';

/**
 * Data keys from KMS under the vault key; a blob or context KMS refuses is a
 * {@link VaultIntegrityError}, anything else (throttling, access) a plain error.
 */
export function kmsDataKeys(kms: KMSClient, vaultKeyId: string): DataKeyService {
  return kmsEnvelopeKeys<EncryptionContext>(
    kms,
    vaultKeyId,
    () => new VaultIntegrityError('kms_rejected_data_key'),
  );
}
