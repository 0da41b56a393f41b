import type { DecodedMessage } from '../../matching-service/src/consumer';
import type { OrderCommand, PlaceCommand } from '../../shared/contracts/commands';

/** What varies between the GTC limit orders the matching tests place. */
export interface LimitPlace {
  readonly symbol: string;
  readonly commandId: string;
  readonly orderId: string;
  readonly account: string;
  readonly side: 'BUY' | 'SELL';
  /** Ticks. */
  readonly price: number;
  /** Lots. */
  readonly quantity: number;
  readonly issuedAt: number;
  readonly expiresAt?: number | undefined;
}

/** A place command for a GTC limit order that may take (not post-only), as the API sends it. */
export const limitPlace = (o: LimitPlace): PlaceCommand => ({
  v: 1,
  type: 'place',
  command_id: o.commandId,
  symbol: o.symbol,
  issued_at: o.issuedAt,
  ...(o.expiresAt === undefined ? {} : { expires_at: o.expiresAt }),
  order: {
    id: o.orderId,
    account_id: o.account,
    side: o.side,
    order_type: 'LIMIT',
    time_in_force: 'GTC',
    post_only: false,
    price: o.price,
    quantity: o.quantity,
  },
});

/** `command` as the consumer hands it over: the `n`th message of its symbol's group, received once. */
export const delivered = (n: number, command: OrderCommand): DecodedMessage => ({
  message: {
    id: `m${n}`,
    body: JSON.stringify(command),
    receiptHandle: `r${n}`,
    groupId: command.symbol,
    sequenceNumber: String(n),
    receiveCount: 1,
  },
  command,
});
