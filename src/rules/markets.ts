// The unavailable markets (R4) are data from the source article, not code.
import data from '../data/unavailable-markets.json';

export interface Market {
  code: string;
  en: string;
  nl: string;
}

export const unavailableMarkets: ReadonlyMap<string, Market> = new Map(
  (data.markets as Market[]).map((m) => [m.code, m]),
);
