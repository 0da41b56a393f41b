import type { PlaceOrderBody } from '../../shared/contracts/trading';
import { ValidationError, type FieldError } from '../../shared/domain/errors';
import {
  DecimalFormatError,
  formatDecimal,
  parseDecimal,
  toSteps,
} from '../../shared/domain/money';
import { PPM } from '../../shared/trading/fees';
import type { KycLimits } from '../../shared/trading/kyc-limits';
import { baseMinorOf, quoteMinorOf, type MarketUnits } from '../../shared/trading/market-units';
import type { TimeInForce } from '../../shared/trading/vocabulary';
import type { BookTop } from '../../shared/trading/book-top';

/**
 * An order checked against its market's filters and the account's KYC limits, in integers:
 * what it is, what it locks, and what the engine is told (DESIGN §6).
 */
export interface OrderTerms {
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly lots: bigint | null;
  readonly ticks: bigint | null;
  readonly quoteOrderQty: bigint | null;
  readonly lockAsset: string;
  readonly lock: bigint;
  /** Engine fields: ticks, lots, and quote amounts in tick×lot units; safe integers. */
  readonly engine: {
    readonly price?: number;
    readonly quantity?: number;
    readonly quote_amount?: number;
    readonly quote_limit?: number;
  };
}

class Problems {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, in: 'body', message });
  }
  /** Parses with `parse`, recording a format problem against `field`. */
  parse(field: string, parse: () => bigint): bigint | null {
    try {
      const value = parse();
      if (value <= 0n) {
        this.add(field, 'Must be greater than zero');
        return null;
      }
      return value;
    } catch (error) {
      if (!(error instanceof DecimalFormatError)) throw error;
      this.add(field, error.message);
      return null;
    }
  }
}

type EngineFields = 'price' | 'quantity' | 'quote_amount' | 'quote_limit';

const money = (units: MarketUnits, minor: bigint) =>
  `${formatDecimal(minor, units.quote.precision)} ${units.quote.code}`;

/**
 * Checks notional bounds: at least the market's minimum and at most the KYC level's maximum
 * for the quote asset (an unlisted quote asset is not tradable at that level).
 */
function checkNotional(
  problems: Problems,
  field: string,
  units: MarketUnits,
  limits: KycLimits,
  notional: bigint,
): void {
  if (notional < units.minNotionalMinor) {
    problems.add(
      field,
      `price × quantity must be at least ${money(units, units.minNotionalMinor)}`,
    );
  }
  const maxText = limits.maxOrderNotional[units.quote.code];
  if (maxText === undefined) {
    problems.add('symbol', `Not tradable at KYC level ${limits.level}`);
    return;
  }
  const max = parseDecimal(maxText, units.quote.precision);
  if (notional > max) {
    problems.add(
      field,
      `price × quantity must be at most ${money(units, max)} at KYC level ${limits.level}`,
    );
  }
}

function quantityOf(problems: Problems, units: MarketUnits, text: string): bigint | null {
  const lots = problems.parse('quantity', () => toSteps(text, units.market.lotSize));
  if (lots === null) return null;
  if (lots < units.minLots) {
    problems.add('quantity', `Must be at least ${units.market.minQuantity}`);
  }
  if (lots > units.maxLots) problems.add('quantity', `Must be at most ${units.market.maxQuantity}`);
  return lots;
}

/** What identifies an order: its kind and its sizes as steps of its market. */
export type OrderSteps = Pick<
  OrderTerms,
  'timeInForce' | 'postOnly' | 'lots' | 'ticks' | 'quoteOrderQty'
>;

/**
 * The order's sizes as steps of its market (tick and lot multiples, quantity bounds), or a
 * VALIDATION_ERROR naming each malformed one. It reads nothing of the account or the book, so
 * a repeated client order id can be recognised before those are checked.
 */
export function orderSteps(units: MarketUnits, body: PlaceOrderBody): OrderSteps {
  const problems = new Problems();
  const lots = body.quantity === undefined ? null : quantityOf(problems, units, body.quantity);
  const ticks =
    body.price === undefined
      ? null
      : problems.parse('price', () => toSteps(body.price!, units.market.tickSize));
  const quoteOrderQty =
    body.quote_order_qty === undefined
      ? null
      : problems.parse('quote_order_qty', () =>
          parseDecimal(body.quote_order_qty!, units.quote.precision),
        );
  if (problems.list.length > 0) throw new ValidationError(problems.list);
  return {
    timeInForce: body.type === 'MARKET' ? 'IOC' : (body.time_in_force ?? 'GTC'),
    postOnly: body.post_only ?? false,
    lots,
    ticks,
    quoteOrderQty,
  };
}

/**
 * The terms of an order, or a VALIDATION_ERROR listing every field that breaks a filter: tick
 * and lot multiples, quantity bounds, minimum notional, the KYC maximum, safe-integer engine
 * values. Locks: a limit buy locks price × quantity of quote (fees are taken from what is
 * received, so nothing more); a sell locks its quantity of base; a market buy by quantity
 * locks at best ask × (1 + protection) and needs a published best ask; a market buy by quote
 * locks that quote amount, which must be a whole number of tick×lot units.
 */
export function orderTerms(
  units: MarketUnits,
  body: PlaceOrderBody,
  limits: KycLimits,
  top: BookTop | undefined,
  protectionPpm: number,
): OrderTerms {
  const steps = orderSteps(units, body);
  const { lots, ticks, quoteOrderQty } = steps;
  const problems = new Problems();

  const sell = body.side === 'SELL';
  const baseLock = lots === null ? 0n : baseMinorOf(units, lots);
  let lock: bigint;
  let engine: Partial<Record<EngineFields, bigint>>;
  if (body.type === 'LIMIT') {
    const notional = quoteMinorOf(units, ticks!, lots!);
    checkNotional(problems, 'quantity', units, limits, notional);
    lock = sell ? baseLock : notional;
    engine = { price: ticks!, quantity: lots! };
  } else if (quoteOrderQty !== null) {
    if (quoteOrderQty % units.quoteMinorPerTickLot !== 0n) {
      problems.add(
        'quote_order_qty',
        `Must be a multiple of ${formatDecimal(units.quoteMinorPerTickLot, units.quote.precision)}`,
      );
    }
    checkNotional(problems, 'quote_order_qty', units, limits, quoteOrderQty);
    lock = quoteOrderQty;
    engine = { quote_amount: quoteOrderQty / units.quoteMinorPerTickLot };
  } else if (sell) {
    const bid = top?.bestBid ?? null;
    if (bid !== null) {
      checkNotional(problems, 'quantity', units, limits, quoteMinorOf(units, bid, lots!));
    }
    lock = baseLock;
    engine = { quantity: lots! };
  } else {
    const ask = top?.bestAsk ?? null;
    if (ask === null) {
      throw new ValidationError([
        {
          field: 'quantity',
          in: 'body',
          message:
            'No reference price for a MARKET BUY by quantity yet (the book has no asks); use quote_order_qty',
        },
      ]);
    }
    const protectedTicks = (ask * (PPM + BigInt(protectionPpm)) + PPM - 1n) / PPM;
    checkNotional(problems, 'quantity', units, limits, quoteMinorOf(units, protectedTicks, lots!));
    lock = quoteMinorOf(units, protectedTicks, lots!);
    engine = { quantity: lots!, quote_limit: protectedTicks * lots! };
  }
  if (Object.values(engine).some((value) => value > BigInt(Number.MAX_SAFE_INTEGER))) {
    problems.add(body.quantity === undefined ? 'quote_order_qty' : 'quantity', 'Is too large');
  }
  if (problems.list.length > 0) throw new ValidationError(problems.list);
  return {
    ...steps,
    lockAsset: sell ? units.base.code : units.quote.code,
    lock,
    engine: Object.fromEntries(
      Object.entries(engine).map(([name, value]) => [name, Number(value)]),
    ) as OrderTerms['engine'],
  };
}
