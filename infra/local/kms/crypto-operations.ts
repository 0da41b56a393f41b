import { randomBytes } from 'node:crypto';
import { blobKeyId, openBlob, sealBlob } from './ciphertext';
import { invalidCiphertext, KmsError } from './errors';
import type { KeyRecord, SigningKey, SymmetricKey } from './key-record';
import type { KeyStore } from './key-store';
import {
  decryptRequest,
  encryptRequest,
  generateDataKeyRequest,
  parseRequest,
  signRequest,
  verifyRequest,
} from './requests';
import { signMessage, verifyMessage } from './signing';

function wrongUsage(store: KeyStore, key: KeyRecord, operation: string): KmsError {
  return new KmsError(
    'InvalidKeyUsageException',
    `${store.keyArn(key)} key usage is ${key.usage} which is not valid for ${operation}.`,
  );
}

function symmetric(store: KeyStore, key: KeyRecord, operation: string): SymmetricKey {
  if (key.spec !== 'SYMMETRIC_DEFAULT') throw wrongUsage(store, key, operation);
  return key;
}

function signing(store: KeyStore, key: KeyRecord, operation: string): SigningKey {
  if (key.spec !== 'ECC_NIST_P256') throw wrongUsage(store, key, operation);
  return key;
}

function checkEncryptionAlgorithm(algorithm: string | undefined): void {
  if (algorithm !== undefined && algorithm !== 'SYMMETRIC_DEFAULT') {
    throw new KmsError(
      'InvalidKeyUsageException',
      `Algorithm ${algorithm} is incompatible with key spec SYMMETRIC_DEFAULT.`,
    );
  }
}

function checkSigningInput(algorithm: string, messageType: string): 'RAW' | 'DIGEST' {
  if (algorithm !== 'ECDSA_SHA_256') {
    throw new KmsError(
      'InvalidKeyUsageException',
      `Algorithm ${algorithm} is incompatible with key spec ECC_NIST_P256.`,
    );
  }
  if (messageType !== 'RAW' && messageType !== 'DIGEST') {
    throw new KmsError(
      'InvalidKeyUsageException',
      `MessageType ${messageType} is not valid for ECC_NIST_P256.`,
    );
  }
  return messageType;
}

function dataKey(store: KeyStore, body: unknown) {
  const input = parseRequest(generateDataKeyRequest, body);
  if ((input.KeySpec === undefined) === (input.NumberOfBytes === undefined)) {
    throw new KmsError('ValidationException', 'Please specify either number of bytes or key spec.');
  }
  const key = symmetric(store, store.resolve(input.KeyId), 'GenerateDataKey');
  const plaintext = randomBytes(input.NumberOfBytes ?? (input.KeySpec === 'AES_128' ? 16 : 32));
  const blob = sealBlob(key.id, key.secret, plaintext, input.EncryptionContext);
  return { key, plaintext, blob };
}

/** GenerateDataKey: a random data key, in plaintext and sealed under the KMS key. */
export function generateDataKey(store: KeyStore, body: unknown) {
  const { key, plaintext, blob } = dataKey(store, body);
  return {
    KeyId: store.keyArn(key),
    Plaintext: plaintext.toString('base64'),
    CiphertextBlob: blob.toString('base64'),
  };
}

/** GenerateDataKeyWithoutPlaintext: the sealed data key only. */
export function generateDataKeyWithoutPlaintext(store: KeyStore, body: unknown) {
  const { key, blob } = dataKey(store, body);
  return { KeyId: store.keyArn(key), CiphertextBlob: blob.toString('base64') };
}

/** Encrypt: up to 4096 bytes directly under the KMS key. */
export function encrypt(store: KeyStore, body: unknown) {
  const input = parseRequest(encryptRequest, body);
  const key = symmetric(store, store.resolve(input.KeyId), 'Encrypt');
  checkEncryptionAlgorithm(input.EncryptionAlgorithm);
  const blob = sealBlob(key.id, key.secret, input.Plaintext, input.EncryptionContext);
  return {
    KeyId: store.keyArn(key),
    CiphertextBlob: blob.toString('base64'),
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
}

/**
 * Decrypt: the blob names its key, so KeyId is optional; when given it must be that key
 * (`IncorrectKeyException`). A blob naming a key this store never had is invalid ciphertext.
 */
export function decrypt(store: KeyStore, body: unknown) {
  const input = parseRequest(decryptRequest, body);
  checkEncryptionAlgorithm(input.EncryptionAlgorithm);
  const blobKey = blobKeyId(input.CiphertextBlob);
  if (input.KeyId !== undefined) {
    const requested = symmetric(store, store.resolve(input.KeyId), 'Decrypt');
    if (requested.id !== blobKey) {
      throw new KmsError(
        'IncorrectKeyException',
        'The key ID in the request does not identify a KMS key that can perform this operation.',
      );
    }
  }
  const key = store.find(blobKey);
  if (key === undefined || key.spec !== 'SYMMETRIC_DEFAULT') throw invalidCiphertext();
  const plaintext = openBlob(input.CiphertextBlob, key.secret, input.EncryptionContext);
  return {
    KeyId: store.keyArn(key),
    Plaintext: plaintext.toString('base64'),
    EncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
  };
}

/** Sign: ECDSA_SHA_256 over the message (RAW) or a SHA-256 digest (DIGEST), DER-encoded. */
export function sign(store: KeyStore, body: unknown) {
  const input = parseRequest(signRequest, body);
  const key = signing(store, store.resolve(input.KeyId), 'Sign');
  const messageType = checkSigningInput(input.SigningAlgorithm, input.MessageType);
  return {
    KeyId: store.keyArn(key),
    Signature: signMessage(key.privateKey, input.Message, messageType).toString('base64'),
    SigningAlgorithm: input.SigningAlgorithm,
  };
}

/** Verify: `SignatureValid: true`, or `KMSInvalidSignatureException` as KMS answers. */
export function verify(store: KeyStore, body: unknown) {
  const input = parseRequest(verifyRequest, body);
  const key = signing(store, store.resolve(input.KeyId), 'Verify');
  const messageType = checkSigningInput(input.SigningAlgorithm, input.MessageType);
  if (!verifyMessage(key.privateKey, input.Message, messageType, input.Signature)) {
    throw new KmsError('KMSInvalidSignatureException', 'The signature is not valid.');
  }
  return {
    KeyId: store.keyArn(key),
    SignatureValid: true,
    SigningAlgorithm: input.SigningAlgorithm,
  };
}
