/**
 * KMS keys: the vault's envelope key, the audit trail's checkpoint signing key, and the key that
 * seals users' TOTP secrets for step-up checks.
 */
export interface KeyDefinition {
  readonly id: string;
  readonly alias: string;
  readonly envVar: string;
  readonly spec: 'SYMMETRIC_DEFAULT' | 'ECC_NIST_P256';
  readonly usage: 'ENCRYPT_DECRYPT' | 'SIGN_VERIFY';
  readonly description: string;
}

export const keys = {
  vault: {
    id: 'VaultKey',
    alias: 'alias/exchange-vault',
    envVar: 'VAULT_KEY_ID',
    spec: 'SYMMETRIC_DEFAULT',
    usage: 'ENCRYPT_DECRYPT',
    description: 'Envelope key for stored exchange API credentials',
  },
  auditSigning: {
    id: 'AuditSigningKey',
    alias: 'alias/audit-checkpoints',
    envVar: 'AUDIT_SIGNING_KEY_ID',
    spec: 'ECC_NIST_P256',
    usage: 'SIGN_VERIFY',
    description: 'Signs audit chain checkpoints and export manifests',
  },
  mfa: {
    id: 'MfaKey',
    alias: 'alias/exchange-mfa',
    envVar: 'MFA_KEY_ID',
    spec: 'SYMMETRIC_DEFAULT',
    usage: 'ENCRYPT_DECRYPT',
    description: 'Envelope key for TOTP secrets kept for step-up verification',
  },
  apiKeys: {
    id: 'ApiKeysKey',
    alias: 'alias/platform-api-keys',
    envVar: 'API_KEYS_KEY_ID',
    spec: 'SYMMETRIC_DEFAULT',
    usage: 'ENCRYPT_DECRYPT',
    description: 'Seals platform API-key secrets; only the API authorizer may decrypt them',
  },
} as const satisfies Record<string, KeyDefinition>;

export const keyList: readonly KeyDefinition[] = Object.values(keys);
