import type { z } from 'zod';
import type { apiKeyViewSchema } from '../../shared/contracts/api-keys';
import type { ApiKeyView } from './manage-api-keys';
import type { ApiKeyRecord } from './ports';

/** The fields every answer about a key carries. */
export const baseView = (record: ApiKeyRecord) => ({
  id: record.id,
  api_key: record.apiKey,
  label: record.label,
  scopes: [...record.scopes],
  ip_allowlist: [...record.ipAllowlist],
  created_at: record.createdAt,
  expires_at: record.expiresAt,
});

/** A listed key: metadata and last use, never the secret. */
export const toView = (view: ApiKeyView): z.input<typeof apiKeyViewSchema> => ({
  ...baseView(view),
  expired: view.expired,
  last_used_at: view.lastUsedAt,
  last_used_ip: view.lastUsedIp,
});
