import type { JournalRecord } from '../../../matching-service/src/journal/record';
import type { MarketDataSink } from '../../../matching-service/src/ports';

/** The market-data port in memory: remembers how far each symbol was published, nothing else. */
export class InMemoryMarketData implements MarketDataSink {
  private readonly through = new Map<string, number>();

  async publishedThrough(symbol: string): Promise<number> {
    return this.through.get(symbol) ?? 0;
  }

  async publish(record: JournalRecord): Promise<void> {
    this.through.set(record.symbol, record.lastEventSeq);
  }
}
