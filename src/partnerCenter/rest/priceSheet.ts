// Reservation prices. Partner Center's availability resource carries no price; the partner's prices for
// Azure reservations (CSP discounts included) come from the Partner API's price sheet of a market
// ("Get a price sheet", App+User):
//   GET {priceSheetUrl}/pricesheets(Market='{country}',PricesheetView='azure_reservations')/$value  → CSV
// cached per market for the catalog TTL. An item without a price is not offered. What the reference does
// not say about this view is decided in `reservationsView` below, and nowhere else.
import catalogReference from '../../data/catalog-reference.json';
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

export interface PayAsYouGoQuery {
  country: string;
  /** The reserved VM size, e.g. Standard_D4s_v5. */
  armSkuName: string;
  armRegionName: string;
}

export interface PriceList {
  unitPrice(query: PriceQuery): Promise<UnitPrice | undefined>;
  /** The pay-as-you-go price of one VM of a size in a region for one hour (major units of `currency`). */
  hourlyPayAsYouGo(query: PayAsYouGoQuery): Promise<UnitPrice | undefined>;
  /**
   * Starts reading a market's prices that will be asked for soon (a failure shows when they are); with
   * `payAsYouGo`, its pay-as-you-go prices too (the review's savings of VM reservations).
   */
  warm(country: string, payAsYouGo: boolean): void;
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

/** The Azure billing meter region of each ARM region (the reference's `billingMeterRegion`, e.g. westeurope → "EU West"). */
const meterRegions = new Map(catalogReference.regions.flatMap((r) => (r.billingMeterRegion ? [[r.armName, r.billingMeterRegion.toLowerCase()] as const] : [])));

/**
 * The consumption view (PricesheetView='azure_consumption'), where the reference is silent (open
 * questions, decided here only). What it documents: the header (the same columns as above), that its
 * prices are estimated retail prices, in USD only ("partners are to use the foreign exchange rates API"),
 * and one example row whose SkuTitle ends in the meter's region ("… - Standard - US East 2").
 * - which row prices a reserved VM size: the one whose SkuTitle ends " - {size} - {meter region}", the size
 *   as Azure meters name it (Standard_D4s_v5 → "D4s v5") and the region as the reference's billing meter
 *   region (an ARM region without one has no price);
 * - which operating system: a reservation covers compute only (R11), so the Linux meter compares; rows
 *   whose product or SKU title says Windows are not read;
 * - its term: a row with a reservation term ("P1Y", "1 Year") is not pay-as-you-go and is not read;
 * - its unit: hours only ("1 Hour", "100 Hours": the price is divided by the count); other units are not read;
 * - tiered prices: only the first tier (PricingTierRangeMin empty or 0) is read;
 * - its currency: taken as the row says and never converted: a price in another currency than the
 *   reservation's compares with nothing (the foreign exchange rates API is not read);
 * - segments: it has no segment column, so one row prices a size in every segment;
 * - two rows of one size and region that disagree price nothing, as in the reservations view.
 */
export const consumptionView = {
  columns: { product: 'ProductTitle', sku: 'SkuTitle', unit: 'UnitOfMeasure', term: 'TermDuration', currency: 'Currency', price: 'UnitPrice', tierMin: 'PricingTierRangeMin' },
  meterSize: (armSkuName: string) => armSkuName.replace(/^Standard_/i, '').replace(/_/g, ' ').toLowerCase(),
  meterRegion: (armRegionName: string) => meterRegions.get(armRegionName.toLowerCase()),
  /** Hours per unit of measure ("1 Hour" → 1, "100 Hours" → 100); undefined for any other unit. */
  hours(unit: string): number | undefined {
    const n = /^\s*(\d+)\s*hours?\s*$/i.exec(unit)?.[1];
    return n && Number(n) > 0 ? Number(n) : undefined;
  },
  isLicensed: (title: string) => /\bwindows\b/i.test(title),
};

const key = (productId: string, skuId: string, term: string) => `${productId.toUpperCase()}|${skuId.toUpperCase()}|${term}`;

/**
 * A price sheet's rows as `priceOf` reads them (a key and a price, or nothing), keyed; keys whose rows
 * disagree are left out. The columns are found by name, case and spaces ignored.
 */
function readSheet<C extends string>(
  csv: string,
  view: string,
  names: Record<C, string>,
  priceOf: (field: (column: C) => string) => { key: string; price: UnitPrice } | undefined,
): Map<string, UnitPrice> {
  const [header, ...rows] = parseCsv(csv);
  const prices = new Map<string, UnitPrice>();
  if (!header) return prices;
  const index = new Map<C, number>();
  for (const [column, name] of Object.entries(names) as [C, string][]) {
    const i = header.findIndex((h) => h.replace(/\s+/g, '').toLowerCase() === name.toLowerCase());
    if (i < 0) throw new Error(`The ${view} price sheet lacks one of the columns ${Object.values(names).join(', ')}.`);
    index.set(column, i);
  }
  const ambiguous = new Set<string>();
  for (const r of rows) {
    const read = priceOf((column) => r[index.get(column)!] ?? '');
    if (!read || !Number.isFinite(read.price.amount) || read.price.amount < 0) continue;
    const earlier = prices.get(read.key);
    if (earlier && (earlier.amount !== read.price.amount || earlier.currency !== read.price.currency)) ambiguous.add(read.key);
    prices.set(read.key, read.price);
  }
  for (const k of ambiguous) prices.delete(k);
  return prices;
}

/** Parses the reservations view into "product|sku|term" → price; items whose rows disagree are left out. */
export function parsePriceSheet(csv: string): Map<string, UnitPrice> {
  return readSheet(csv, 'reservations', reservationsView.columns, (field) => {
    const term = reservationsView.term(field('term'));
    const price = { amount: Number(field('price')), currency: field('currency').toUpperCase() };
    return term ? { key: key(field('product'), field('sku'), term), price } : undefined;
  });
}

const paygKey = (meterSize: string, meterRegion: string) => `${meterSize}|${meterRegion}`;

/** Parses the consumption view into "meter size|meter region" → the hourly price (see consumptionView). */
export function parseConsumptionSheet(csv: string): Map<string, UnitPrice> {
  return readSheet(csv, 'consumption', consumptionView.columns, (field) => {
    const hours = consumptionView.hours(field('unit'));
    const parts = field('sku').split(' - ').map((p) => p.trim().toLowerCase());
    const firstTier = Number(field('tierMin') || 0) === 0;
    if (!hours || parts.length < 3 || !firstTier || reservationsView.term(field('term'))) return undefined;
    if (consumptionView.isLicensed(field('product')) || consumptionView.isLicensed(field('sku'))) return undefined;
    const price = { amount: Number(field('price')) / hours, currency: field('currency').toUpperCase() };
    return { key: paygKey(parts[parts.length - 2]!, parts[parts.length - 1]!), price };
  });
}

type View = 'azure_reservations' | 'azure_consumption';
const parsers: Record<View, (csv: string) => Map<string, UnitPrice>> = { azure_reservations: parsePriceSheet, azure_consumption: parseConsumptionSheet };

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
    const prices = await this.market(q.country, 'azure_reservations');
    return prices.get(key(q.productId, q.skuId, q.term));
  }

  async hourlyPayAsYouGo(q: PayAsYouGoQuery): Promise<UnitPrice | undefined> {
    const region = consumptionView.meterRegion(q.armRegionName);
    if (!region) return undefined;
    const prices = await this.market(q.country, 'azure_consumption');
    return prices.get(paygKey(consumptionView.meterSize(q.armSkuName), region));
  }

  warm(country: string, payAsYouGo: boolean): void {
    this.market(country, 'azure_reservations').catch(() => undefined);
    if (payAsYouGo) this.market(country, 'azure_consumption').catch(() => undefined);
  }

  private market(country: string, view: View): Promise<Map<string, UnitPrice>> {
    const market = country.toLowerCase();
    return this.markets.get(`${market}|${view}`, () =>
      this.client
        .call({
          op: view === 'azure_reservations' ? 'getPriceSheet' : 'getConsumptionPriceSheet',
          method: 'GET',
          path: `${this.priceSheetUrl}/pricesheets(Market='${encodeURIComponent(market)}',PricesheetView='${view}')/$value`,
          accept: 'text/csv',
          idempotent: true,
          // A market's whole price sheet: larger than any other answer.
          timeoutMs: 60_000,
        })
        .then((r) => parsers[view](r.text)),
    );
  }
}
