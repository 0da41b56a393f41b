import { GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { secretContext } from '../../shared/api-keys/api-key-items';
import type { SecretIssuer } from './ports';

/**
 * Secrets from KMS: `GenerateDataKey` (32 bytes) under the API-key key and the key's context.
 * The plaintext, as lowercase hex, is the secret the client signs with; only the ciphertext is
 * kept, and the plaintext buffer is zeroed once the hex has been taken from it.
 */
export function kmsSecretIssuer(kms: KMSClient, keyId: string): SecretIssuer {
  return {
    async issue(userId, apiKeyId) {
      const answer = await kms.send(
        new GenerateDataKeyCommand({
          KeyId: keyId,
          NumberOfBytes: 32,
          EncryptionContext: secretContext(userId, apiKeyId),
        }),
      );
      const { Plaintext, CiphertextBlob, KeyId } = answer;
      if (Plaintext === undefined || CiphertextBlob === undefined) {
        throw new Error('KMS answered no data key');
      }
      try {
        return {
          secret: Buffer.from(Plaintext).toString('hex'),
          sealed: { kmsKeyId: KeyId ?? keyId, encryptedSecret: CiphertextBlob },
        };
      } finally {
        Plaintext.fill(0);
      }
    },
  };
}
