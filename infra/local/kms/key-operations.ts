import { KmsError } from './errors';
import { LOCAL_ACCOUNT, type KeyRecord } from './key-record';
import type { KeyStore, SupportedKeySpec } from './key-store';
import {
  createAliasRequest,
  createKeyRequest,
  keyIdRequest,
  listAliasesRequest,
  parseRequest,
} from './requests';
import { publicKeyDer } from './signing';

const USAGE_OF: Record<SupportedKeySpec, KeyRecord['usage']> = {
  SYMMETRIC_DEFAULT: 'ENCRYPT_DECRYPT',
  ECC_NIST_P256: 'SIGN_VERIFY',
};

function isSupportedSpec(spec: string): spec is SupportedKeySpec {
  return Object.hasOwn(USAGE_OF, spec);
}

function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}

function algorithms(key: KeyRecord) {
  return key.spec === 'SYMMETRIC_DEFAULT'
    ? { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] }
    : { SigningAlgorithms: ['ECDSA_SHA_256'] };
}

/** KMS's `KeyMetadata`: KeyId is the bare UUID here (as in KMS), the ARN is in `Arn`. */
function keyMetadata(store: KeyStore, key: KeyRecord) {
  return {
    AWSAccountId: LOCAL_ACCOUNT,
    KeyId: key.id,
    Arn: store.keyArn(key),
    CreationDate: epochSeconds(key.createdAt),
    Enabled: true,
    Description: key.description,
    KeyUsage: key.usage,
    KeyState: 'Enabled',
    Origin: 'AWS_KMS',
    KeyManager: 'CUSTOMER',
    CustomerMasterKeySpec: key.spec,
    KeySpec: key.spec,
    MultiRegion: false,
    ...algorithms(key),
  };
}

/** CreateKey: SYMMETRIC_DEFAULT/ENCRYPT_DECRYPT (the default) or ECC_NIST_P256/SIGN_VERIFY. */
export async function createKey(store: KeyStore, body: unknown) {
  const input = parseRequest(createKeyRequest, body);
  if (input.KeySpec !== undefined && input.CustomerMasterKeySpec !== undefined) {
    throw new KmsError(
      'ValidationException',
      'You cannot specify KeySpec and CustomerMasterKeySpec in the same request.',
    );
  }
  const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
  if (!isSupportedSpec(spec)) {
    throw new KmsError(
      'UnsupportedOperationException',
      `KeySpec ${spec} is not supported by the local KMS (only SYMMETRIC_DEFAULT and ECC_NIST_P256).`,
    );
  }
  const usage = input.KeyUsage ?? 'ENCRYPT_DECRYPT';
  if (usage !== USAGE_OF[spec]) {
    throw new KmsError(
      'ValidationException',
      `KeyUsage ${usage} is not compatible with KeySpec ${spec}`,
    );
  }
  const key = await store.createKey(spec, input.Description ?? '');
  return { KeyMetadata: keyMetadata(store, key) };
}

/** DescribeKey. */
export function describeKey(store: KeyStore, body: unknown) {
  const input = parseRequest(keyIdRequest, body);
  return { KeyMetadata: keyMetadata(store, store.resolve(input.KeyId)) };
}

/** CreateAlias: the name must start with `alias/`, and `alias/aws/` is reserved as in KMS. */
export async function createAlias(store: KeyStore, body: unknown) {
  const input = parseRequest(createAliasRequest, body);
  if (!input.AliasName.startsWith('alias/') || input.AliasName === 'alias/') {
    throw new KmsError('ValidationException', 'Alias must start with the prefix "alias/".');
  }
  if (input.AliasName.startsWith('alias/aws/')) {
    throw new KmsError('NotAuthorizedException', "Cannot create alias with prefix 'alias/aws/'");
  }
  await store.createAlias(input.AliasName, store.resolve(input.TargetKeyId));
  return {};
}

/** ListAliases, optionally for one key, paginated by Limit/Marker (the marker is an offset). */
export function listAliases(store: KeyStore, body: unknown) {
  const input = parseRequest(listAliasesRequest, body);
  const targetId = input.KeyId === undefined ? undefined : store.resolve(input.KeyId).id;
  const all = store
    .listAliases()
    .filter((a) => targetId === undefined || a.targetKeyId === targetId);
  const start = input.Marker === undefined ? 0 : Number.parseInt(input.Marker, 10);
  if (!Number.isSafeInteger(start) || start < 0 || start > all.length) {
    throw new KmsError('InvalidMarkerException', 'The marker is not valid.');
  }
  const end = start + (input.Limit ?? 50);
  const page = all.slice(start, end).map((alias) => ({
    AliasName: alias.name,
    AliasArn: store.aliasArn(alias.name),
    TargetKeyId: alias.targetKeyId,
    CreationDate: epochSeconds(alias.createdAt),
    LastUpdatedDate: epochSeconds(alias.createdAt),
  }));
  return end < all.length
    ? { Aliases: page, Truncated: true, NextMarker: String(end) }
    : { Aliases: page, Truncated: false };
}

/** GetPublicKey: the DER SubjectPublicKeyInfo of an asymmetric key. */
export function getPublicKey(store: KeyStore, body: unknown) {
  const input = parseRequest(keyIdRequest, body);
  const key = store.resolve(input.KeyId);
  if (key.spec === 'SYMMETRIC_DEFAULT') {
    throw new KmsError(
      'UnsupportedOperationException',
      `${store.keyArn(key)} is a symmetric key and has no public key.`,
    );
  }
  return {
    KeyId: store.keyArn(key),
    PublicKey: publicKeyDer(key.privateKey).toString('base64'),
    CustomerMasterKeySpec: key.spec,
    KeySpec: key.spec,
    KeyUsage: key.usage,
    SigningAlgorithms: ['ECDSA_SHA_256'],
  };
}
