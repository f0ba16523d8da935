// Whether a catalog item may go into (and stay in) a cart: Partner Center sells an availability only in
// its own country and segment, for the product's reservation type, while it is purchasable [800070].
import type { CatalogItem, Segment, Verdict } from '../domain/types';
import { pass, refuse } from './verdict';

export interface CartMarket {
  country: string;
  segment: Segment;
  reservationType: string;
}

export function checkSoldInMarket(item: CatalogItem | undefined, market: CartMarket): Verdict {
  const fix = 'Pick an item from the search results.';
  if (!item) return refuse('CATALOG_AVAILABILITY', 'That item is not in the catalog.', fix, '800070');
  const { availability } = item;
  const name = item.sku.title;
  if (!availability.isPurchasable) {
    return refuse('CATALOG_AVAILABILITY', `${name} cannot be bought at the moment.`, 'Pick another size, region or term.', '800070');
  }
  if (availability.country !== market.country || availability.segment !== market.segment || item.product.reservationType !== market.reservationType) {
    return refuse('CATALOG_AVAILABILITY', `${name} is not sold to this customer for this segment and reservation type.`, fix, '800070');
  }
  return pass('CATALOG_AVAILABILITY');
}

/** Partner Center's inventory check for one item: restricted means no capacity or quota now [800010]. */
export function checkInventory(item: CatalogItem, restrictions: { reasonCode: string; description: string }[]): Verdict {
  if (restrictions.length === 0) return pass('CATALOG_AVAILABILITY');
  const quota = restrictions.some((r) => r.reasonCode === 'QuotaNotAvailable');
  return refuse(
    'CATALOG_AVAILABILITY',
    `${item.sku.title} cannot be reserved for this subscription now: ${restrictions.map((r) => r.description).join(' ')}`,
    quota
      ? 'Ask the customer to request a vCPU quota increase (a support request in the Azure portal), or pick another region or size.'
      : 'Pick another region or size, or try again later.',
    '800010',
  );
}
