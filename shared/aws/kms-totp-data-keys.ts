import {
  DecryptCommand,
  GenerateDataKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { TotpSecretIntegrityError, type TotpDataKeys } from '../identity/totp-envelope';

/** A Buffer over the SDK's bytes (no copy), so zeroing it wipes the SDK's array too. */
const view = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Data keys under the MFA key (`MFA_KEY_ID`). `Decrypt` names the key explicitly, so a blob of
 * any other key is refused; KMS refusing the blob or its context is an integrity failure,
 * anything else (throttling, access denied) a plain error.
 */
export function kmsTotpDataKeys(kms: KMSClient, mfaKeyId: string): TotpDataKeys {
  return {
    async generate(context) {
      const out = await kms.send(
        new GenerateDataKeyCommand({
          KeyId: mfaKeyId,
          KeySpec: 'AES_256',
          EncryptionContext: { ...context },
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
            KeyId: mfaKeyId,
            CiphertextBlob: encrypted,
            EncryptionContext: { ...context },
          }),
        );
        if (!out.Plaintext) throw new Error('KMS Decrypt answered without plaintext');
        return view(out.Plaintext);
      } catch (error) {
        if (error instanceof InvalidCiphertextException || error instanceof IncorrectKeyException) {
          throw new TotpSecretIntegrityError('kms_rejected_data_key', { cause: error });
        }
        throw error;
      }
    },
  };
}
