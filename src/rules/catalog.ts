// Whether a catalog item may go into (and stay in) a cart: Partner Center sells an availability only in
// its own country and segment, for the product's reservation type, while it is purchasable [800070].
import catalogReference from '../data/catalog-reference.json';
import { ruleText, type CatalogItem, type Segment, type TermDuration, type Verdict } from '../domain/types';
import { pass, refuseWith } from './verdict';

export interface CartMarket {
  country: string;
  segment: Segment;
  reservationType: string;
}

export function checkSoldInMarket(item: CatalogItem | undefined, market: CartMarket): Verdict {
  if (!item) return refuseWith('CATALOG_AVAILABILITY', ruleText('itemNotInCatalog'), '800070');
  const { availability } = item;
  const name = item.sku.title;
  if (!availability.isPurchasable) {
    return refuseWith('CATALOG_AVAILABILITY', ruleText('itemNotPurchasable', { item: name }), '800070');
  }
  if (availability.country !== market.country || availability.segment !== market.segment || item.product.reservationType !== market.reservationType) {
    return refuseWith('CATALOG_AVAILABILITY', ruleText('itemNotSoldHere', { item: name }), '800070');
  }
  return pass('CATALOG_AVAILABILITY');
}

/**
 * Partner Center's inventory check for one item: restricted means no capacity or quota now [800010].
 * The restrictions' descriptions are Partner Center's own text, shown as they came.
 */
export function checkInventory(item: CatalogItem, restrictions: { reasonCode: string; description: string }[]): Verdict {
  if (restrictions.length === 0) return pass('CATALOG_AVAILABILITY');
  const quota = restrictions.some((r) => r.reasonCode === 'QuotaNotAvailable');
  const params = { item: item.sku.title, reasons: restrictions.map((r) => r.description).join(' ') };
  return refuseWith('CATALOG_AVAILABILITY', quota ? ruleText('inventoryQuota', params) : ruleText('inventoryRestricted', params), '800010');
}

/**
 * R13: the terms the catalog's term filter offers. One and three years always; five years exist only for
 * HBv2 VMs, so they are offered only when the filter asks for them or a row listed has that term.
 */
export function offeredTerms(filterTerm: TermDuration | undefined, listedTerms: readonly TermDuration[]): TermDuration[] {
  return filterTerm === 'P5Y' || listedTerms.includes('P5Y') ? ['P1Y', 'P3Y', 'P5Y'] : ['P1Y', 'P3Y'];
}

/**
 * A country's main region where it has several open ones; elsewhere they are tried in ARM-name order
 * (which already puts Canada Central, UK South, Japan East, Korea Central and Central India first).
 */
const mainRegion: Record<string, string> = { US: 'eastus', AU: 'australiaeast' };

/**
 * The Azure regions in each country (ISO 3166-1, the reference's `country`, derived from the region's
 * physical location), main region first. Regions open by support request only are left out.
 */
const regionsByCountry: ReadonlyMap<string, readonly string[]> = (() => {
  const byCountry = new Map<string, string[]>();
  const open = catalogReference.regions.filter((r) => !r.accessRestricted).sort((a, b) => a.armName.localeCompare(b.armName));
  for (const r of open) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r.armName]);
  for (const [country, main] of Object.entries(mainRegion)) byCountry.set(country, [main, ...byCountry.get(country)!.filter((r) => r !== main)]);
  return byCountry;
})();

/**
 * The region the catalog's region filter starts at for a customer: the first region of the customer's
 * country that the market sells (a Dutch customer: West Europe; a German one: Germany West Central).
 * None when the country has no Azure region or the market sells none of them: the catalog starts unfiltered.
 */
export function presetRegion(country: string, sold: readonly { armName: string }[]): string | undefined {
  return (regionsByCountry.get(country.toUpperCase()) ?? []).find((armName) => sold.some((r) => r.armName === armName));
}
