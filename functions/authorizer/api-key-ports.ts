import type { ApiKeyLookupItem } from '../../shared/api-keys/api-key-items';

/** A key as the authorizer sees it, and whether its owner's account is active. */
export interface ApiKeyDirectory {
  find(apiKey: string): Promise<ApiKeyLookupItem | undefined>;
  /** The owner's account: whether it is active, and its fee tier. */
  account(userId: string): Promise<{ readonly active: boolean; readonly feeTier?: number }>;
}

/** Opens a key's sealed secret (KMS `Decrypt` under the key's context); throws when it cannot. */
export interface SecretOpener {
  open(key: ApiKeyLookupItem): Promise<Buffer>;
}

/** The replay cache: claims a signature once; false when it was already used. */
export interface ReplayGuard {
  claim(keyId: string, signature: string, expiresAtSeconds: number): Promise<boolean>;
}

/** Records when and from where a key was last used. */
export interface UsageRecorder {
  record(keyId: string, at: string, ip: string, keyExpiresAt: string): Promise<void>;
}

/** Operators' alarm: a stored secret that KMS would not open (tampering, or a key problem). */
export interface SecurityAlarm {
  raise(event: string, attributes: Readonly<Record<string, string>>): void;
}

export interface ApiKeyAuthPorts {
  readonly alarm: SecurityAlarm;
  readonly directory: ApiKeyDirectory;
  readonly secrets: SecretOpener;
  readonly replay: ReplayGuard;
  readonly usage: UsageRecorder;
  readonly nowMs: () => number;
}
