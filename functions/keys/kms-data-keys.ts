import {
  DecryptCommand,
  GenerateDataKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { VaultIntegrityError } from './errors';
import type { DataKeyService, EncryptionContext } from './ports';

/** A Buffer over the SDK's bytes (no copy), so zeroing it wipes the SDK's array too. */
const view = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const contextOf = (context: EncryptionContext): Record<string, string> => ({ ...context });

/**
 * Data keys from KMS under the vault key. `Decrypt` names the vault key explicitly, so a blob
 * wrapped by any other key is refused; KMS refusing the blob or its context is an integrity
 * failure, anything else (throttling, access) a plain error.
 */
export function kmsDataKeys(kms: KMSClient, vaultKeyId: string): DataKeyService {
  return {
    async generate(context) {
      const out = await kms.send(
        new GenerateDataKeyCommand({
          KeyId: vaultKeyId,
          KeySpec: 'AES_256',
          EncryptionContext: contextOf(context),
        }),
      );
      if (!out.Plaintext || !out.CiphertextBlob || !out.KeyId) {
        throw new Error('KMS GenerateDataKey answered without a key');
      }
      return { plaintext: view(out.Plaintext), encrypted: out.CiphertextBlob, kmsKeyId: out.KeyId };
    },

    async decrypt(encrypted, context) {
      try {
        const out = await kms.send(
          new DecryptCommand({
            KeyId: vaultKeyId,
            CiphertextBlob: encrypted,
            EncryptionContext: contextOf(context),
          }),
        );
        if (!out.Plaintext) throw new Error('KMS Decrypt answered without plaintext');
        return view(out.Plaintext);
      } catch (error) {
        if (error instanceof InvalidCiphertextException || error instanceof IncorrectKeyException) {
          throw new VaultIntegrityError('kms_rejected_data_key');
        }
        throw error;
      }
    },
  };
}
