import { createHash } from 'node:crypto';
import { GetPublicKeyCommand, SignCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { CheckpointSigner } from './ports';

const pem = (der: Uint8Array): string => {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
};

/**
 * Signs with the audit key in KMS (ECC_NIST_P256, ECDSA_SHA_256) over a SHA-256 digest, so the
 * message size never matters. The public key is fetched once per cold start; it is what an
 * auditor verifies with, offline, and the ARN KMS reports is the `key_id` in every signature.
 */
export class KmsCheckpointSigner implements CheckpointSigner {
  private key: Promise<{ keyId: string; pem: string }> | undefined;

  constructor(
    private readonly kms: KMSClient,
    private readonly keyId: string,
  ) {}

  publicKey(): Promise<{ keyId: string; pem: string }> {
    this.key ??= this.fetchPublicKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private async fetchPublicKey(): Promise<{ keyId: string; pem: string }> {
    const answer = await this.kms.send(new GetPublicKeyCommand({ KeyId: this.keyId }));
    if (answer.PublicKey === undefined || answer.KeyId === undefined) {
      throw new Error('KMS returned no public key for the audit signing key');
    }
    return { keyId: answer.KeyId, pem: pem(answer.PublicKey) };
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    const answer = await this.kms.send(
      new SignCommand({
        KeyId: this.keyId,
        Message: createHash('sha256').update(message).digest(),
        MessageType: 'DIGEST',
        SigningAlgorithm: 'ECDSA_SHA_256',
      }),
    );
    if (answer.Signature === undefined) throw new Error('KMS returned no signature');
    return answer.Signature;
  }
}
