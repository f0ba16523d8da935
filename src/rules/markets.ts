// The unavailable markets (R4) are data from the source article, not code.
import data from '../data/unavailable-markets.json';

export interface Market {
  code: string;
  en: string;
  nl: string;
}

// The article lists some territories separately that share one ISO code (BQ: Bonaire, Saba,
// Sint Eustatius; SJ: Svalbard, Jan Mayen); the refusal names them all, not just the last one.
function mergeByCode(entries: readonly Market[]): Map<string, Market> {
  const byCode = new Map<string, Market>();
  for (const entry of entries) {
    const known = byCode.get(entry.code);
    byCode.set(
      entry.code,
      known ? { code: entry.code, en: `${known.en}, ${entry.en}`, nl: `${known.nl}, ${entry.nl}` } : { ...entry },
    );
  }
  return byCode;
}

export const unavailableMarkets: ReadonlyMap<string, Market> = mergeByCode(data.markets);
