import type { KeyObject } from 'node:crypto';

/** The account every local ARN carries, as in other AWS emulators. */
export const LOCAL_ACCOUNT = '000000000000';

interface KeyBase {
  /** The key's UUID, the last segment of its ARN. */
  readonly id: string;
  readonly description: string;
  readonly createdAt: Date;
}

/** A SYMMETRIC_DEFAULT key: 256 random bits used for AES-256-GCM. */
export interface SymmetricKey extends KeyBase {
  readonly spec: 'SYMMETRIC_DEFAULT';
  readonly usage: 'ENCRYPT_DECRYPT';
  readonly secret: Buffer;
}

/** An ECC_NIST_P256 key for ECDSA_SHA_256 signatures. */
export interface SigningKey extends KeyBase {
  readonly spec: 'ECC_NIST_P256';
  readonly usage: 'SIGN_VERIFY';
  readonly privateKey: KeyObject;
}

/** The key kinds this endpoint supports, told apart by `spec`. */
export type KeyRecord = SymmetricKey | SigningKey;

/** An alias (`alias/...`) pointing at one key by its UUID. */
export interface AliasRecord {
  readonly name: string;
  readonly targetKeyId: string;
  readonly createdAt: Date;
}
