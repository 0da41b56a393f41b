import { z } from 'zod';
import { orderSides, orderStatuses, orderTypes, timesInForce } from '../trading/vocabulary';
import { pageOf } from './common';
import { defineRoute, type RouteContract } from './route-contract';
import { accountContracts } from './trading-account';
import { tradingAdminContracts } from './trading-admin';
import {
  clientOrderIdSchema,
  decimalString,
  orderIdSchema,
  orderSchema,
  rangeIsOrdered,
  symbolSchema,
  timeRangeShape,
  tradingPageShape,
} from './trading-schemas';

export * from './trading-account';
export * from './trading-admin';
export * from './trading-schemas';

/**
 * The order routes (Binance Spot conventions: LIMIT/MARKET, GTC/IOC/FOK, post-only, client
 * order ids). The body is checked here for shape and combinations; the market's filters
 * (tick, lot, notional, quantity bounds, status) and the account's limits are the use case's.
 */
export const placeOrderBody = z
  .strictObject({
    symbol: symbolSchema,
    side: z.enum(orderSides),
    type: z.enum(orderTypes),
    quantity: decimalString.optional(),
    price: decimalString.optional(),
    /** MARKET buys only: spend this much quote instead of buying a quantity. */
    quote_order_qty: decimalString.optional(),
    /** LIMIT: GTC (default), IOC or FOK. MARKET: IOC only (the default). */
    time_in_force: z.enum(timesInForce).optional(),
    /** LIMIT GTC only: rejected by the engine instead of taking liquidity. */
    post_only: z.boolean().optional(),
    /** Idempotency key, unique per account for 24 h. */
    client_order_id: clientOrderIdSchema.optional(),
  })
  .superRefine((body, context) => {
    const issue = (field: string, message: string) =>
      context.addIssue({ code: 'custom', path: [field], message });
    if (body.type === 'LIMIT') {
      if (body.price === undefined) issue('price', 'Required for LIMIT orders');
      if (body.quantity === undefined) issue('quantity', 'Required for LIMIT orders');
      if (body.quote_order_qty !== undefined) {
        issue('quote_order_qty', 'Only for MARKET orders');
      }
      if (body.post_only === true && body.time_in_force !== undefined) {
        if (body.time_in_force !== 'GTC') issue('post_only', 'Only with time_in_force GTC');
      }
      return;
    }
    if (body.price !== undefined) issue('price', 'Not allowed for MARKET orders');
    if (body.post_only === true) issue('post_only', 'Only for LIMIT orders');
    if (body.time_in_force !== undefined && body.time_in_force !== 'IOC') {
      issue('time_in_force', 'MARKET orders are IOC');
    }
    if ((body.quantity === undefined) === (body.quote_order_qty === undefined)) {
      issue('quantity', 'MARKET orders take exactly one of quantity and quote_order_qty');
    }
    if (body.quote_order_qty !== undefined && body.side !== 'BUY') {
      issue('quote_order_qty', 'Only for MARKET BUY orders');
    }
  });
export type PlaceOrderBody = z.output<typeof placeOrderBody>;

export const orderParams = z.strictObject({ id: orderIdSchema });

/** `GET /api/orders`: newest first, filtered by symbol, status, side and creation time. */
export const listOrdersQuery = z
  .strictObject({
    symbol: symbolSchema.optional(),
    status: z.enum(orderStatuses).optional(),
    side: z.enum(orderSides).optional(),
    ...timeRangeShape,
    ...tradingPageShape,
  })
  .refine(rangeIsOrdered, { message: 'from must not be after to', path: ['from'] });
export type ListOrdersQuery = z.output<typeof listOrdersQuery>;

/** `/active` and `/history`: the same filters without `status`. */
export const orderSubsetQuery = z
  .strictObject({
    symbol: symbolSchema.optional(),
    side: z.enum(orderSides).optional(),
    ...timeRangeShape,
    ...tradingPageShape,
  })
  .refine(rangeIsOrdered, { message: 'from must not be after to', path: ['from'] });
export type OrderSubsetQuery = z.output<typeof orderSubsetQuery>;

const tags = ['orders'];
const orderPage = pageOf(orderSchema);

export const placeOrderRoute = defineRoute({
  method: 'POST',
  path: '/api/orders',
  summary:
    'Place an order: 201 with the new order (status PENDING), or 200 with the original order when client_order_id repeats with the same parameters',
  tags,
  auth: 'user',
  body: placeOrderBody,
  response: orderSchema,
  errors: ['CONFLICT', 'INSUFFICIENT_BALANCE', 'PERMISSION_DENIED'],
});

export const listOrdersRoute = defineRoute({
  method: 'GET',
  path: '/api/orders',
  summary: "The caller's orders, newest first",
  tags,
  auth: 'user',
  query: listOrdersQuery,
  response: orderPage,
  errors: [],
});

export const activeOrdersRoute = defineRoute({
  method: 'GET',
  path: '/api/orders/active',
  summary: "The caller's open orders (PENDING or PARTIAL), newest first",
  tags,
  auth: 'user',
  query: orderSubsetQuery,
  response: orderPage,
  errors: [],
});

export const orderHistoryRoute = defineRoute({
  method: 'GET',
  path: '/api/orders/history',
  summary: "The caller's final orders (FILLED, CANCELLED, REJECTED, EXPIRED), newest first",
  tags,
  auth: 'user',
  query: orderSubsetQuery,
  response: orderPage,
  errors: [],
});

export const getOrderRoute = defineRoute({
  method: 'GET',
  path: '/api/orders/{id}',
  summary: 'One of the caller’s orders',
  tags,
  auth: 'user',
  params: orderParams,
  response: orderSchema,
  errors: ['NOT_FOUND'],
});

export const cancelOrderRoute = defineRoute({
  method: 'DELETE',
  path: '/api/orders/{id}',
  summary:
    'Request the cancellation of an open order: 202 with the order, cancel_requested true; the status becomes CANCELLED when the engine confirms',
  tags,
  auth: 'user',
  params: orderParams,
  response: orderSchema,
  errors: ['NOT_FOUND', 'CONFLICT'],
});

/** Every trading route: orders, account, admin. */
export const tradingContracts: readonly RouteContract[] = [
  placeOrderRoute,
  listOrdersRoute,
  activeOrdersRoute,
  orderHistoryRoute,
  getOrderRoute,
  cancelOrderRoute,
  ...accountContracts,
  ...tradingAdminContracts,
];
