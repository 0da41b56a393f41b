import { createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { KmsError } from './errors';
import { decodeDer, encodeDer, signDigest, verifyDigest } from './p256';

/** How KMS reads `Message`: the data itself (hashed here) or its SHA-256 digest. */
export type MessageType = 'RAW' | 'DIGEST';

const DIGEST_LENGTH = 32;

/** A fresh ECC_NIST_P256 private key. */
export function generateSigningKey(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/** The DER SubjectPublicKeyInfo that KMS's GetPublicKey returns. */
export function publicKeyDer(privateKey: KeyObject): Buffer {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
}

function jwkScalar(value: string | undefined): bigint {
  return BigInt(`0x${Buffer.from(value ?? '', 'base64url').toString('hex')}`);
}

function checkDigest(message: Buffer): void {
  if (message.length !== DIGEST_LENGTH) {
    throw new KmsError(
      'ValidationException',
      'Digest is invalid length for algorithm ECDSA_SHA_256.',
    );
  }
}

/** ECDSA_SHA_256 signature, DER-encoded as KMS returns it. */
export function signMessage(privateKey: KeyObject, message: Buffer, type: MessageType): Buffer {
  if (type === 'RAW') return sign('sha256', message, privateKey);
  checkDigest(message);
  return encodeDer(signDigest(jwkScalar(privateKey.export({ format: 'jwk' }).d), message));
}

/** Whether `signature` (DER) is a valid ECDSA_SHA_256 signature of the message by this key. */
export function verifyMessage(
  privateKey: KeyObject,
  message: Buffer,
  type: MessageType,
  signature: Buffer,
): boolean {
  if (type === 'RAW') {
    try {
      return verify('sha256', message, createPublicKey(privateKey), signature);
    } catch {
      return false;
    }
  }
  checkDigest(message);
  const parsed = decodeDer(signature);
  const d = jwkScalar(privateKey.export({ format: 'jwk' }).d);
  return parsed !== undefined && verifyDigest(d, message, parsed);
}
