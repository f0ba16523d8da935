// Reservation prices. Partner Center's availability resource carries no price; the partner's prices for
// Azure reservations (CSP discounts included) come from the Partner API's price sheet of a market
// ("Get a price sheet", App+User):
//   GET {priceSheetUrl}/pricesheets(Market='{country}',PricesheetView='azure_reservations')/$value  → CSV
// cached per market for the catalog TTL. An item without a price is not offered. What the reference does
// not say about this view is decided in `reservationsView` below, and nowhere else.
import type { TermDuration } from '../../domain/types';
import type { PartnerCenterRestClient } from './client';
import { Recent } from './recent';

export interface UnitPrice {
  /** The price of one unit for the whole term, in major units of `currency`. */
  amount: number;
  currency: string;
}

export interface PriceQuery {
  country: string;
  productId: string;
  skuId: string;
  term: TermDuration;
}

export interface PriceList {
  unitPrice(query: PriceQuery): Promise<UnitPrice | undefined>;
  /** Starts reading a market's prices that will be asked for soon (a failure shows when they are). */
  warm(country: string): void;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field), (field = '');
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/**
 * The reservations view, where the reference is silent (open questions, decided here only):
 * - its columns: read by the documented consumption view's names (case and spaces ignored); it has no
 *   billing plan and no segment column, so one row prices an item in every segment;
 * - its term format: ISO ("P1Y") or words ("1 Year", "3 Years");
 * - monthly and upfront rows of one item cannot be told apart: two rows of one product, SKU and term that
 *   disagree price nothing (the item is not offered) rather than whichever was read last;
 * - which catalogs it covers: documented as Azure plan prices; legacy subscriptions' reservations are
 *   priced from it as well, for want of another source.
 */
export const reservationsView = {
  columns: { product: 'ProductId', sku: 'SkuId', term: 'TermDuration', currency: 'Currency', price: 'UnitPrice' },
  term(value: string): TermDuration | undefined {
    const v = value.trim().toUpperCase();
    if (/^P[135]Y$/.test(v)) return v as TermDuration;
    const years = /^([135])\s*YEARS?$/.exec(v)?.[1];
    return years ? (`P${years}Y` as TermDuration) : undefined;
  },
};

const key = (productId: string, skuId: string, term: string) => `${productId.toUpperCase()}|${skuId.toUpperCase()}|${term}`;

/** Parses a price sheet into "product|sku|term" → price; items whose rows disagree are left out. */
export function parsePriceSheet(csv: string): Map<string, UnitPrice> {
  const [header, ...rows] = parseCsv(csv);
  const prices = new Map<string, UnitPrice>();
  if (!header) return prices;
  const names = reservationsView.columns;
  const col = (name: string) => header.findIndex((h) => h.replace(/\s+/g, '').toLowerCase() === name.toLowerCase());
  const c = { product: col(names.product), sku: col(names.sku), term: col(names.term), currency: col(names.currency), price: col(names.price) };
  if (Object.values(c).some((i) => i < 0)) {
    throw new Error(`The reservations price sheet lacks one of the columns ${Object.values(names).join(', ')}.`);
  }
  const ambiguous = new Set<string>();
  for (const r of rows) {
    const amount = Number(r[c.price]);
    const term = reservationsView.term(r[c.term] ?? '');
    if (!Number.isFinite(amount) || amount < 0 || !term) continue;
    const k = key(r[c.product] ?? '', r[c.sku] ?? '', term);
    const price = { amount, currency: (r[c.currency] ?? '').toUpperCase() };
    const earlier = prices.get(k);
    if (earlier && (earlier.amount !== price.amount || earlier.currency !== price.currency)) ambiguous.add(k);
    prices.set(k, price);
  }
  for (const k of ambiguous) prices.delete(k);
  return prices;
}

export class PriceSheet implements PriceList {
  private readonly markets: Recent<Map<string, UnitPrice>>;

  constructor(
    private readonly client: PartnerCenterRestClient,
    private readonly priceSheetUrl: string,
    ttlMs: number,
    clock: () => number = Date.now,
  ) {
    this.markets = new Recent(ttlMs, clock);
  }

  async unitPrice(q: PriceQuery): Promise<UnitPrice | undefined> {
    const prices = await this.market(q.country);
    return prices.get(key(q.productId, q.skuId, q.term));
  }

  warm(country: string): void {
    this.market(country).catch(() => undefined);
  }

  private market(country: string): Promise<Map<string, UnitPrice>> {
    const market = country.toLowerCase();
    return this.markets.get(market, () =>
      this.client
        .call({
          op: 'getPriceSheet',
          method: 'GET',
          path: `${this.priceSheetUrl}/pricesheets(Market='${encodeURIComponent(market)}',PricesheetView='azure_reservations')/$value`,
          accept: 'text/csv',
          idempotent: true,
          // A market's whole price sheet: larger than any other answer.
          timeoutMs: 60_000,
        })
        .then((r) => parsePriceSheet(r.text)),
    );
  }
}
