import {
  DecryptCommand,
  GenerateDataKeyCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  type KMSClient,
} from '@aws-sdk/client-kms';

/** A fresh data key: its plaintext (wipe it after use) and the blob KMS wrapped it in. */
export interface EnvelopeDataKey {
  readonly plaintext: Buffer;
  readonly encrypted: Uint8Array;
  readonly kmsKeyId: string;
}

/** Envelope data keys under one KMS key, bound to an encryption context. */
export interface EnvelopeKeys<Context> {
  generate(context: Context): Promise<EnvelopeDataKey>;
  decrypt(encrypted: Uint8Array, context: Context): Promise<Buffer>;
}

/** A Buffer over the SDK's bytes (no copy), so zeroing it wipes the SDK's array too. */
const view = (bytes: Uint8Array): Buffer =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * AES-256 data keys under `keyId`. `Decrypt` names the key explicitly, so a blob of any other
 * key is refused; KMS refusing the blob or its context is an integrity failure, answered with
 * `rejected(cause)` (the caller's own error), anything else (throttling, access denied) is
 * rethrown as it is.
 */
export function kmsEnvelopeKeys<Context extends { readonly [K in keyof Context]: string }>(
  kms: KMSClient,
  keyId: string,
  rejected: (cause: unknown) => Error,
): EnvelopeKeys<Context> {
  return {
    async generate(context) {
      const out = await kms.send(
        new GenerateDataKeyCommand({
          KeyId: keyId,
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
            KeyId: keyId,
            CiphertextBlob: encrypted,
            EncryptionContext: { ...context },
          }),
        );
        if (!out.Plaintext) throw new Error('KMS Decrypt answered without plaintext');
        return view(out.Plaintext);
      } catch (error) {
        if (error instanceof InvalidCiphertextException || error instanceof IncorrectKeyException) {
          throw rejected(error);
        }
        throw error;
      }
    },
  };
}
