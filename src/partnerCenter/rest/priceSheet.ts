// Reservation prices. Partner Center's availability resource carries no price; the partner's prices for
// Azure reservations (CSP discounts included) come from the Partner API's price sheet of a market:
//   GET {priceSheetUrl}/pricesheets(Market='{country}',PricesheetView='azure_reservations')/$value  → CSV
// read by its header names ProductId, SkuId, TermDuration, BillingPlan, Segment, Currency, UnitPrice (case
// and spaces ignored), cached per market for the catalog TTL. A row with BillingPlan "Monthly" is skipped:
// the domain prices one unit for the whole term (the upfront price). An item without a price is not offered.
import type { TermDuration } from '../../domain/types';
import type { PartnerCenterRestClient } from './client';

export interface UnitPrice {
  /** The price of one unit for the whole term, in major units of `currency`. */
  amount: number;
  currency: string;
}

export interface PriceQuery {
  country: string;
  segment: string;
  productId: string;
  skuId: string;
  term: TermDuration;
}

export interface PriceList {
  unitPrice(query: PriceQuery): Promise<UnitPrice | undefined>;
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

const key = (productId: string, skuId: string, term: string, segment: string) =>
  `${productId.toUpperCase()}|${skuId.toUpperCase()}|${term.toUpperCase()}|${segment.toLowerCase()}`;

/** Parses a price sheet into "product|sku|term|segment" → price (segment "" when the sheet has none). */
export function parsePriceSheet(csv: string): Map<string, UnitPrice> {
  const [header, ...rows] = parseCsv(csv);
  const prices = new Map<string, UnitPrice>();
  if (!header) return prices;
  const col = (name: string) => header.findIndex((h) => h.replace(/\s+/g, '').toLowerCase() === name.toLowerCase());
  const c = {
    product: col('ProductId'),
    sku: col('SkuId'),
    term: col('TermDuration'),
    plan: col('BillingPlan'),
    segment: col('Segment'),
    currency: col('Currency'),
    price: col('UnitPrice'),
  };
  if (c.product < 0 || c.sku < 0 || c.term < 0 || c.currency < 0 || c.price < 0) {
    throw new Error('The reservations price sheet has no ProductId, SkuId, TermDuration, Currency or UnitPrice column.');
  }
  for (const r of rows) {
    if (c.plan >= 0 && /monthly/i.test(r[c.plan] ?? '')) continue;
    const amount = Number(r[c.price]);
    if (!Number.isFinite(amount) || amount < 0) continue;
    const segment = c.segment >= 0 ? (r[c.segment] ?? '') : '';
    prices.set(key(r[c.product] ?? '', r[c.sku] ?? '', r[c.term] ?? '', segment), { amount, currency: (r[c.currency] ?? '').toUpperCase() });
  }
  return prices;
}

export class PriceSheet implements PriceList {
  private readonly markets = new Map<string, { at: number; prices: Promise<Map<string, UnitPrice>> }>();

  constructor(
    private readonly client: PartnerCenterRestClient,
    private readonly priceSheetUrl: string,
    private readonly ttlMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  async unitPrice(q: PriceQuery): Promise<UnitPrice | undefined> {
    const prices = await this.market(q.country);
    return prices.get(key(q.productId, q.skuId, q.term, q.segment)) ?? prices.get(key(q.productId, q.skuId, q.term, ''));
  }

  private market(country: string): Promise<Map<string, UnitPrice>> {
    const market = country.toLowerCase();
    const cached = this.markets.get(market);
    if (cached && this.clock() - cached.at < this.ttlMs) return cached.prices;
    const prices = this.client
      .call({
        op: 'getPriceSheet',
        method: 'GET',
        path: `${this.priceSheetUrl}/pricesheets(Market='${encodeURIComponent(market)}',PricesheetView='azure_reservations')/$value`,
        accept: 'text/csv',
        idempotent: true,
        // A market's whole price sheet: larger than any other answer.
        timeoutMs: 60_000,
      })
      .then((r) => parsePriceSheet(r.text));
    // A failed download is not cached.
    prices.catch(() => {
      if (this.markets.get(market)?.prices === prices) this.markets.delete(market);
    });
    this.markets.set(market, { at: this.clock(), prices });
    return prices;
  }
}
