// The catalog of one market as Partner Center lists it, cached per country, segment, reservation type and
// reservation scope for the catalog TTL: products of the type's targetView → their SKUs (one call per
// product) → availabilities (one call per SKU, fetched lazily, only for the SKUs a search shows) → the
// price from the market's price sheet. Nothing here reads the demo catalog.
import type { CatalogItem, Product, Segment, Sku } from '../../domain/types';
import type { CatalogFilter, CatalogSearch } from '../../domain/types';
import { PartnerCenterError } from '../partnerCenter';
import type { PartnerCenterRestClient } from './client';
import { productIsOfType, reservationTypes, targetViewOf, termOfDuration, toCatalogItem, toMinor, toProduct, toSku } from './catalogMapping';
import type { CatalogMarket, RestJournal } from './journal';
import type { PriceList } from './priceSheet';
import { Recent } from './recent';
import { WireAvailability, WireProduct, WireSku, collection } from './wire';

export interface SkuEntry {
  product: Product;
  sku: Sku;
}

interface MarketCatalog {
  at: number;
  skus: Promise<SkuEntry[]>;
  /** "productId:skuId" → the SKU's purchasable items in this market (priced). */
  items: Map<string, Promise<CatalogItem[]>>;
}

/** An availability read (by a search, or for one item at purchase time) serves as that item this long at most. */
const itemTtlMs = 60_000;
/**
 * Independent reads sent at once (the SKUs of a market's products, the availabilities of a page, the
 * customers of a search), so each step costs one round trip. Partner Center's 429 with Retry-After paces
 * them if it must ("API throttling guidance").
 */
export const parallelReads = 16;

export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

const enc = encodeURIComponent;
const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);

export class RestCatalog {
  private readonly markets = new Map<string, MarketCatalog>();
  private readonly single: Recent<CatalogItem | undefined>;

  constructor(
    private readonly client: PartnerCenterRestClient,
    private readonly prices: PriceList,
    private readonly journal: RestJournal,
    private readonly ttlMs: number,
    private readonly clock: () => number,
    private readonly log: (line: string) => void,
  ) {
    this.single = new Recent(Math.min(itemTtlMs, ttlMs), clock);
  }

  /** `reading` is told the SKUs whose availabilities are read, as the reads are sent. */
  async search(q: CatalogSearch, reading?: (skus: SkuEntry[]) => void): Promise<{ items: CatalogItem[]; total: number }> {
    const market = this.market(q.country, q.segment, q.reservationType, q.reservationScope);
    const matched = (await market.skus).filter((e) => matches(e, q.filter));
    const scope = { country: q.country, segment: q.segment, reservationScope: q.reservationScope };
    // Only the page's SKUs are priced (one availabilities read each, all at once: one round trip, however
    // many SKUs match): the total counts SKUs, as each normally has one availability in a market, and a
    // page short of a SKU without a purchasable, priced one is filled from the SKUs after it.
    const items: CatalogItem[] = [];
    for (let i = q.offset; i < matched.length && items.length < q.limit; i += q.limit) {
      const skus = matched.slice(i, i + q.limit);
      const reads = mapLimit(skus, parallelReads, (e) => this.itemsOf(market, e, scope));
      reading?.(skus);
      const batch = (await reads).flat();
      items.push(...batch.slice(0, q.limit - items.length));
    }
    await this.journal.rememberMarket(items.map((i) => i.catalogItemId), scope);
    return { items, total: matched.length };
  }

  async vocabulary(country: string, segment: Segment, reservationType: string) {
    const skus = await this.market(country, segment, reservationType, undefined).skus;
    const regions = new Map<string, string>();
    for (const { sku } of skus) regions.set(sku.dynamicAttributes.armRegionName, sku.dynamicAttributes.region);
    const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => cmp(a, b));
    return {
      regions: [...regions].map(([armName, displayName]) => ({ armName, displayName })).sort((a, b) => cmp(a.displayName, b.displayName) || cmp(a.armName, b.armName)),
      families: sorted(skus.map((e) => e.sku.dynamicAttributes.family)),
      skuNames: sorted(skus.map((e) => e.sku.dynamicAttributes.armSkuName)),
    };
  }

  /**
   * One catalog item, read again from Partner Center (the availability id can change: fetched at purchase
   * time). Its market comes from the search that listed it; an id never listed is unknown.
   */
  item(catalogItemId: string): Promise<CatalogItem | undefined> {
    return this.single.get(catalogItemId, () => this.fetchItem(catalogItemId));
  }

  private async fetchItem(catalogItemId: string): Promise<CatalogItem | undefined> {
    const parts = catalogItemId.split(':');
    if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9._-]{1,64}$/.test(p))) return undefined;
    const [productId, skuId, availabilityId] = parts;
    const market = await this.journal.market(catalogItemId);
    if (!market) {
      this.log(`[partner-center] catalog item ${catalogItemId} was never listed by a search: its market is unknown`);
      return undefined;
    }
    const query = marketQuery(market);
    try {
      const [wp, ws, wa] = await Promise.all([
        this.client.getJson('getProduct', `/products/${enc(productId)}`, query),
        this.client.getJson('getSku', `/products/${enc(productId)}/skus/${enc(skuId)}`, query),
        this.client.getJson('getAvailability', `/products/${enc(productId)}/skus/${enc(skuId)}/availabilities/${enc(availabilityId)}`, query),
      ]);
      const wireProduct = WireProduct.parse(wp);
      const type = reservationTypes.find((t) => productIsOfType(wireProduct, t.key));
      const sku = toSku(WireSku.parse(ws));
      if (!type || !sku) return undefined;
      const [item] = await this.priced(toProduct(wireProduct, type.key), sku, [WireAvailability.parse(wa)], market);
      return item;
    } catch (error) {
      if (error instanceof PartnerCenterError && error.status === 404) return undefined;
      throw error;
    }
  }

  private market(country: string, segment: Segment, reservationType: string, reservationScope: string | undefined): MarketCatalog {
    const key = `${country}|${segment}|${reservationType}|${reservationScope ?? ''}`;
    const cached = this.markets.get(key);
    if (cached && this.clock() - cached.at < this.ttlMs) return cached;
    const entry: MarketCatalog = { at: this.clock(), skus: this.loadSkus({ country, segment, reservationScope }, reservationType), items: new Map() };
    entry.skus.catch(() => {
      if (this.markets.get(key) === entry) this.markets.delete(key);
    });
    this.markets.set(key, entry);
    return entry;
  }

  private async loadSkus(market: CatalogMarket, reservationType: string): Promise<SkuEntry[]> {
    const targetView = targetViewOf(reservationType);
    if (!targetView) return [];
    const query = marketQuery(market);
    // The prices are needed with the first availabilities, a VM's pay-as-you-go price by its review: read
    // in parallel with the products.
    this.prices.warm(market.country, reservationType === 'VirtualMachines');
    const products = collection(WireProduct)
      .parse(await this.client.getJson('getProducts', '/products', { ...query, targetView }))
      .items.filter((p) => productIsOfType(p, reservationType))
      .map((p) => toProduct(p, reservationType));
    const perProduct = await mapLimit(products, parallelReads, async (product) => {
      const skus = collection(WireSku).parse(await this.client.getJson('getSkus', `/products/${enc(product.id)}/skus`, query)).items;
      return skus.flatMap((s) => {
        const sku = toSku(s);
        if (!sku) this.log(`[partner-center] SKU ${s.productId}:${s.id} has no size, region or duration among its dynamic attributes: not offered`);
        return sku ? [{ product, sku }] : [];
      });
    });
    // The embedded catalog's order: family, cores, size, region, term.
    return perProduct.flat().sort((a, b) => {
      const x = a.sku.dynamicAttributes;
      const y = b.sku.dynamicAttributes;
      return (
        cmp(x.family, y.family) ||
        cmp(x.cores, y.cores) ||
        cmp(x.armSkuName, y.armSkuName) ||
        cmp(x.region, y.region) ||
        cmp(termOfDuration[x.duration], termOfDuration[y.duration])
      );
    });
  }

  private itemsOf(market: MarketCatalog, entry: SkuEntry, scope: CatalogMarket): Promise<CatalogItem[]> {
    const key = `${entry.product.id}:${entry.sku.id}`;
    let items = market.items.get(key);
    if (!items) {
      items = this.client
        .getJson('getAvailabilities', `/products/${enc(entry.product.id)}/skus/${enc(entry.sku.id)}/availabilities`, marketQuery(scope))
        .then((json) => this.priced(entry.product, entry.sku, collection(WireAvailability).parse(json).items, scope))
        .then((all) => all.filter((i) => i.availability.isPurchasable));
      // Read now: each item serves a Select that follows as if read for it.
      items.then((all) => all.forEach((item) => this.single.set(item.catalogItemId, Promise.resolve(item)))).catch(() => undefined);
      items.catch(() => market.items.delete(key));
      market.items.set(key, items);
    }
    return items;
  }

  /** Availabilities of the market's segment and country, with their price; those without a price are left out. */
  private async priced(product: Product, sku: Sku, availabilities: WireAvailability[], market: CatalogMarket): Promise<CatalogItem[]> {
    const items: CatalogItem[] = [];
    for (const a of availabilities) {
      if (a.country.toUpperCase() !== market.country.toUpperCase() || a.segment.toLowerCase() !== market.segment.toLowerCase()) continue;
      const term = a.terms[0]?.duration ?? termOfDuration[sku.dynamicAttributes.duration];
      const price = await this.prices.unitPrice({ country: market.country, productId: product.id, skuId: sku.id, term: term as never });
      if (!price || price.currency !== a.defaultCurrency.code.toUpperCase()) {
        this.log(`[partner-center] no ${a.defaultCurrency.code} price for ${a.catalogItemId} in the ${market.country} price sheet: not offered`);
        continue;
      }
      const item = toCatalogItem(product, sku, a, toMinor(price.amount, price.currency));
      if (item) items.push(item);
    }
    return items;
  }
}

function marketQuery(m: CatalogMarket): Record<string, string | undefined> {
  return { country: m.country, targetSegment: m.segment, reservationScope: m.reservationScope };
}

function matches({ sku }: SkuEntry, f: CatalogFilter): boolean {
  const d = sku.dynamicAttributes;
  if (f.region && d.armRegionName !== f.region) return false;
  if (f.term && termOfDuration[d.duration] !== f.term) return false;
  if (f.family && d.family !== f.family) return false;
  if (f.armSkuName && d.armSkuName !== f.armSkuName) return false;
  if (f.text) {
    const t = f.text.toLowerCase();
    if (!d.armSkuName.toLowerCase().includes(t) && !d.family.toLowerCase().includes(t)) return false;
  }
  return true;
}
