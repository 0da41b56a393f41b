import type {
  BookCommand,
  BookEvent,
  Depth,
  ExpireReason,
  RejectReason,
  Side,
  StpMode,
} from '../../../../matching-service/src/engine';

interface RefOrder {
  readonly orderId: string;
  readonly accountId: string;
  readonly side: Side;
  readonly price: number;
  remaining: number;
  readonly arrival: number;
}

type Loose = Record<string, unknown>;

interface Taker {
  lots: number;
  quote: number;
  readonly quoteBound: boolean;
  readonly byQuote: boolean;
  readonly limit: number;
}

const positive = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) > 0;
const id = (v: unknown): boolean => typeof v === 'string' && v.length >= 1 && v.length <= 128;
const STP_MODES: readonly unknown[] = ['NONE', 'EXPIRE_TAKER', 'EXPIRE_MAKER', 'EXPIRE_BOTH'];

/** Field checks in the engine's documented order, written independently of `validate.ts`. */
const placeProblem = (c: Loose): RejectReason | undefined => {
  if (!id(c.orderId)) return 'INVALID_ORDER_ID';
  if (!id(c.accountId)) return 'INVALID_ACCOUNT_ID';
  if (!(Number.isSafeInteger(c.at) && (c.at as number) >= 0)) return 'INVALID_TIMESTAMP';
  if (c.side !== 'BUY' && c.side !== 'SELL') return 'INVALID_SIDE';
  if (c.stp !== undefined && !STP_MODES.includes(c.stp)) return 'INVALID_STP_MODE';
  if (c.type === 'LIMIT') {
    if (!positive(c.price)) return 'INVALID_PRICE';
    if (!positive(c.quantity)) return 'INVALID_QUANTITY';
    if (c.timeInForce !== undefined && !['GTC', 'IOC', 'FOK'].includes(c.timeInForce as string)) {
      return 'INVALID_TIME_IN_FORCE';
    }
    if (c.postOnly !== undefined && typeof c.postOnly !== 'boolean') return 'INVALID_POST_ONLY';
    if (c.postOnly === true && (c.timeInForce ?? 'GTC') !== 'GTC') return 'INVALID_TIME_IN_FORCE';
    return undefined;
  }
  if (c.type !== 'MARKET') return 'INVALID_ORDER_TYPE';
  if (c.quoteAmount === undefined) {
    if (!positive(c.quantity) || c.quantityLimit !== undefined) return 'INVALID_QUANTITY';
    if (c.quoteLimit !== undefined && (c.side !== 'BUY' || !positive(c.quoteLimit))) {
      return 'INVALID_QUOTE_LIMIT';
    }
    return undefined;
  }
  if (c.quantity !== undefined) return 'INVALID_QUANTITY';
  if (!positive(c.quoteAmount)) return 'INVALID_QUOTE_AMOUNT';
  if (c.quoteLimit !== undefined) return 'INVALID_QUOTE_LIMIT';
  if (c.quantityLimit !== undefined && !positive(c.quantityLimit)) return 'INVALID_QUANTITY';
  return undefined;
};

/**
 * A deliberately naive order book used as an oracle: plain arrays re-sorted on every use,
 * linear scans for ids, FOK decided by simulating the match on a copy. Slow and obvious, with
 * the engine's documented semantics and event shapes.
 */
export class ReferenceBook {
  private orders: RefOrder[] = [];
  /** Remembered finished ids in generations of ceil(capacity / 3), at most 4 generations. */
  private readonly generations: string[][] = [];
  private seq = 1;
  private arrival = 0;
  private out: BookEvent[] = [];

  constructor(
    private readonly defaultStp: StpMode = 'NONE',
    private readonly seenIdCapacity = 100_000,
  ) {}

  apply(command: BookCommand): BookEvent[] {
    this.out = [];
    const c = command as unknown as Loose;
    if (c.kind === 'place') this.place(c);
    else if (c.kind === 'cancel') this.cancel(c);
    else this.reject('unknown', c, 'INVALID_COMMAND');
    return this.out;
  }

  depth(): Depth {
    const levels = (side: Side): [number, number][] => {
      const result: [number, number][] = [];
      for (const o of this.sorted(side)) {
        const last = result[result.length - 1];
        if (last !== undefined && last[0] === o.price) last[1] += o.remaining;
        else result.push([o.price, o.remaining]);
      }
      return result;
    };
    return { bids: levels('BUY'), asks: levels('SELL') };
  }

  private sorted(side: Side): RefOrder[] {
    return this.orders
      .filter((o) => o.side === side)
      .sort((a, b) =>
        a.price !== b.price
          ? side === 'BUY'
            ? b.price - a.price
            : a.price - b.price
          : a.arrival - b.arrival,
      );
  }

  private emit(event: Record<string, unknown>): void {
    this.out.push({ ...event, seq: this.seq++ } as unknown as BookEvent);
  }

  private reject(command: string, c: Loose, reason: RejectReason): void {
    this.emit({
      type: 'rejected',
      at: Number.isSafeInteger(c.at) ? c.at : 0,
      command,
      orderId: typeof c.orderId === 'string' ? c.orderId : '',
      accountId: typeof c.accountId === 'string' ? c.accountId : '',
      reason,
    });
  }

  private retire(orderId: string): void {
    if (this.seenIdCapacity === 0) return;
    const size = Math.ceil(this.seenIdCapacity / 3);
    const newest = this.generations[this.generations.length - 1];
    if (newest === undefined || newest.length === size) {
      if (this.generations.length === 4) this.generations.shift();
      this.generations.push([]);
    }
    this.generations[this.generations.length - 1]!.push(orderId);
  }

  private remove(order: RefOrder): void {
    this.orders = this.orders.filter((o) => o !== order);
    this.retire(order.orderId);
  }

  private cancel(c: Loose): void {
    const problem = !id(c.orderId)
      ? 'INVALID_ORDER_ID'
      : !id(c.accountId)
        ? 'INVALID_ACCOUNT_ID'
        : !(Number.isSafeInteger(c.at) && (c.at as number) >= 0)
          ? 'INVALID_TIMESTAMP'
          : undefined;
    if (problem !== undefined) return this.reject('cancel', c, problem);
    const order = this.orders.find((o) => o.orderId === c.orderId && o.accountId === c.accountId);
    if (order === undefined) return this.reject('cancel', c, 'UNKNOWN_ORDER');
    this.remove(order);
    const { orderId, accountId } = order;
    this.emit({ type: 'cancelled', at: c.at, orderId, accountId, remaining: order.remaining });
  }

  private place(c: Loose): void {
    const problem = placeProblem(c);
    if (problem !== undefined) return this.reject('place', c, problem);
    const orderId = c.orderId as string;
    if (
      this.orders.some((o) => o.orderId === orderId) ||
      this.generations.some((g) => g.includes(orderId))
    ) {
      return this.reject('place', c, 'DUPLICATE_ORDER_ID');
    }
    const side = c.side as Side;
    const isBuy = side === 'BUY';
    const opposite = this.sorted(isBuy ? 'SELL' : 'BUY')[0];
    const crosses = (price: number, limit: number): boolean =>
      isBuy ? price <= limit : price >= limit;
    if (
      c.type === 'LIMIT' &&
      c.postOnly === true &&
      opposite !== undefined &&
      crosses(opposite.price, c.price as number)
    ) {
      return this.reject('place', c, 'POST_ONLY_WOULD_TAKE');
    }
    const accountId = c.accountId as string;
    const at = c.at as number;
    this.emit({ type: 'accepted', at, orderId, accountId, side });
    const stp = (c.stp ?? this.defaultStp) as StpMode;
    const isLimit = c.type === 'LIMIT';
    const tif = isLimit ? ((c.timeInForce ?? 'GTC') as string) : 'GTC';
    const byQuote = !isLimit && c.quoteAmount !== undefined;
    const taker: Taker = {
      lots: isLimit
        ? (c.quantity as number)
        : byQuote
          ? ((c.quantityLimit ?? Number.MAX_SAFE_INTEGER) as number)
          : (c.quantity as number),
      quote: (byQuote ? c.quoteAmount : (c.quoteLimit ?? 0)) as number,
      quoteBound: byQuote || c.quoteLimit !== undefined,
      byQuote,
      limit: isLimit ? (c.price as number) : isBuy ? Infinity : -Infinity,
    };
    if (tif === 'FOK') {
      const copy = new ReferenceBook(stp, 0);
      copy.orders = this.orders.map((o) => ({ ...o }));
      const trial = { ...taker };
      copy.match(trial, orderId, accountId, side, stp, at, crosses);
      if (trial.lots > 0) {
        this.retire(orderId);
        return this.emit({
          type: 'expired',
          at,
          orderId,
          accountId,
          reason: 'FOK',
          remaining: c.quantity,
        });
      }
    }
    const stop = this.match(taker, orderId, accountId, side, stp, at, crosses);
    const remaining = byQuote ? taker.quote : taker.lots;
    if (isLimit && stop === 'NO_LIQUIDITY' && tif === 'GTC') {
      this.orders.push({
        orderId,
        accountId,
        side,
        price: c.price as number,
        remaining,
        arrival: this.arrival++,
      });
      return this.emit({ type: 'rested', at, orderId, accountId, side, price: c.price, remaining });
    }
    this.retire(orderId);
    const reasons: Record<string, ExpireReason | undefined> = {
      FILLED: undefined,
      STP: 'STP_TAKER',
      QUOTE: 'QUOTE_LIMIT',
      LOT_CAP: 'QUANTITY_LIMIT',
      NO_LIQUIDITY: isLimit ? 'IOC' : 'MARKET_NO_LIQUIDITY',
    };
    const reason = reasons[stop];
    if (reason !== undefined)
      this.emit({ type: 'expired', at, orderId, accountId, reason, remaining });
  }

  private match(
    taker: Taker,
    orderId: string,
    accountId: string,
    side: Side,
    stp: StpMode,
    at: number,
    crosses: (price: number, limit: number) => boolean,
  ): string {
    for (const maker of this.sorted(side === 'BUY' ? 'SELL' : 'BUY')) {
      if (!crosses(maker.price, taker.limit)) return 'NO_LIQUIDITY';
      if (taker.quoteBound && taker.quote < maker.price) return 'QUOTE';
      if (stp !== 'NONE' && maker.accountId === accountId) {
        if (stp === 'EXPIRE_MAKER' || stp === 'EXPIRE_BOTH') {
          this.remove(maker);
          const { orderId: makerId, accountId: makerAccount, remaining } = maker;
          this.emit({
            type: 'expired',
            at,
            orderId: makerId,
            accountId: makerAccount,
            reason: 'STP_MAKER',
            remaining,
          });
        }
        if (stp === 'EXPIRE_TAKER' || stp === 'EXPIRE_BOTH') return 'STP';
        continue;
      }
      let lots = Math.min(maker.remaining, taker.lots);
      if (taker.quoteBound) {
        lots = Math.min(lots, Math.floor(taker.quote / maker.price));
        taker.quote -= lots * maker.price;
      }
      taker.lots -= lots;
      maker.remaining -= lots;
      this.emit({
        type: 'trade',
        at,
        takerOrderId: orderId,
        makerOrderId: maker.orderId,
        takerAccountId: accountId,
        makerAccountId: maker.accountId,
        price: maker.price,
        quantity: lots,
        takerSide: side,
        makerRemaining: maker.remaining,
        takerRemaining: taker.byQuote ? taker.quote : taker.lots,
      });
      if (maker.remaining === 0) this.remove(maker);
      if (taker.byQuote) {
        if (taker.quote === 0) return 'FILLED';
        if (taker.lots === 0) return 'LOT_CAP';
      } else if (taker.lots === 0) {
        return 'FILLED';
      }
      if (taker.quoteBound && taker.quote < maker.price) return 'QUOTE';
    }
    return 'NO_LIQUIDITY';
  }
}
