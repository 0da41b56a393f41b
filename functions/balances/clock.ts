import { uuidV7 } from '../../shared/trading/ids';
import type { Clock } from './ports';

export const systemClock: Clock = { now: () => new Date() };

/** Time-ordered ids (UUIDv7) for orders, commands, deposits, withdrawals and ledger entries. */
export const newTimeOrderedId = (): string => uuidV7(Date.now());
