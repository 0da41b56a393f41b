import { tradeIdOf } from '../../../shared/market-data/items';
import type { TransactItem } from '../../../shared/trading/balance-writes';
import type { FillAmounts } from '../../../shared/trading/fills';
import {
  openOrdersKey,
  orderKey,
  symbolTradesIndexPk,
  tradeKey,
} from '../../../shared/trading/keys';
import type { OrderItem } from '../../../shared/trading/order-items';
import type { TradeEvent } from '../engine';
import type { SettlementMarket } from './types';

/** Lowers a user's open-order count by the orders a run closes (one write per user). */
export function openOrdersDecrement(
  tableName: string,
  userId: string,
  closed: number,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: openOrdersKey(userId),
      UpdateExpression: 'ADD #count :minus',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':minus': -closed },
    },
  };
}

/**
 * The order's settled state as an update conditioned on what was read: still open, and the
 * same `settled_seq` (or none), so a plan applied twice fails instead of paying twice. A final
 * order leaves the open-orders index (gsi1).
 */
export function orderUpdate(
  tableName: string,
  o: OrderItem,
  read: OrderItem,
  final: boolean,
  settledAt: string | undefined,
): TransactItem {
  const values: Record<string, unknown> = {
    ':status': o.status,
    ':fq': o.filled_quantity,
    ':fqt': o.filled_quote,
    ':fee': o.fee_total,
    ':lock': o.lock_remaining,
    ':seq': o.settled_seq,
    ':at': o.updated_at,
    ':pending': 'PENDING',
    ':partial': 'PARTIAL',
  };
  const set = [
    '#status = :status',
    'filled_quantity = :fq',
    'filled_quote = :fqt',
    'fee_total = :fee',
    'lock_remaining = :lock',
    'settled_seq = :seq',
    'updated_at = :at',
  ];
  if (settledAt !== undefined) {
    set.push('settled_at = :settled');
    values[':settled'] = settledAt;
  }
  if (o.accepted_at !== undefined) {
    set.push('accepted_at = :accepted');
    values[':accepted'] = o.accepted_at;
  }
  if (o.reject_reason !== null && o.reject_reason !== read.reject_reason) {
    set.push('reject_reason = :reason');
    values[':reason'] = o.reject_reason;
  }
  let condition = '#status IN (:pending, :partial) AND ';
  if (read.settled_seq === undefined) {
    condition += 'attribute_not_exists(settled_seq)';
  } else {
    condition += 'settled_seq = :read';
    values[':read'] = read.settled_seq;
  }
  return {
    Update: {
      TableName: tableName,
      Key: orderKey(o.user_id, o.id),
      UpdateExpression: `SET ${set.join(', ')}${final ? ' REMOVE gsi1pk, gsi1sk' : ''}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

/** One side's trade item, written only if absent; the taker's copy is indexed per market. */
export function tradePut(
  { units, tableName }: SettlementMarket,
  e: TradeEvent,
  own: OrderItem,
  other: OrderItem,
  role: 'TAKER' | 'MAKER',
  amounts: FillAmounts,
): TransactItem {
  const id = tradeIdOf(units.market.symbol, e.seq);
  const at = new Date(e.at).toISOString();
  const buys = own.side === 'BUY';
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...tradeKey(own.user_id, at, id, role),
        entity: 'TRADE',
        id,
        user_id: own.user_id,
        order_id: own.id,
        symbol: units.market.symbol,
        side: own.side,
        role,
        price: BigInt(e.price),
        quantity: BigInt(e.quantity),
        quote_amount: amounts.quote,
        fee: buys ? amounts.buyerFee : amounts.sellerFee,
        fee_asset: buys ? units.base.code : units.quote.code,
        counterparty_order_id: other.id,
        counterparty_user_id: other.user_id,
        executed_at: at,
        ...(role === 'TAKER'
          ? { gsi2pk: symbolTradesIndexPk(units.market.symbol), gsi2sk: `${at}#${id}` }
          : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
