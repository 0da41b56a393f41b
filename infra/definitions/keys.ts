/** KMS keys: the vault's envelope key and the audit trail's checkpoint signing key. */
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
} as const satisfies Record<string, KeyDefinition>;

export const keyList: readonly KeyDefinition[] = Object.values(keys);
