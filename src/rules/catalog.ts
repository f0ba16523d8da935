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
