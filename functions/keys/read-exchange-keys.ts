import { ExchangeKeyNotFoundError } from './errors';
import type { ExchangeKeyPage, ExchangeKeyRecord, VaultPorts } from './ports';

export type ReadExchangeKeysDeps = Pick<VaultPorts, 'repository'>;

/** One of the caller's keys; another user's id is indistinguishable from an unknown one. */
export async function getExchangeKey(
  deps: ReadExchangeKeysDeps,
  userId: string,
  id: string,
): Promise<ExchangeKeyRecord> {
  const record = await deps.repository.get(userId, id);
  if (record === undefined) throw new ExchangeKeyNotFoundError();
  return record;
}

/** A page of the caller's keys, in the store's (id) order. */
export function listExchangeKeys(
  deps: ReadExchangeKeysDeps,
  userId: string,
  limit: number,
  cursor: string | undefined,
): Promise<ExchangeKeyPage> {
  return deps.repository.list(userId, limit, cursor);
}
