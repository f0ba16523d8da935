// The bot's own store keeps carts, and a cart names its customer, subscription, reseller and catalog
// items by foreign key; PurchaseService also reads the chosen customer and subscription from the store.
// With the embedded Partner Center those rows are the demo world. With the REST gateway they are copies
// of what Partner Center answered, written here as they are read (upserts, never deletes): Partner Center
// stays the source of truth and the gateway never reads them back for a decision.
import type { CatalogItem, Customer, Reseller, Subscription } from '../../domain/types';
import type { Store } from '../../store/store';
import { reservationTypes } from './catalogMapping';

export interface DirectoryMirror {
  customer(customer: Customer): void;
  subscriptions(subscriptions: Subscription[]): void;
  resellers(resellers: Reseller[]): void;
  catalogItem(item: CatalogItem): void;
  /** The bot cart was checked out (its orders exist in Partner Center): it is not bought again. */
  cartSubmitted(cartId: string): void;
}

export const noMirror: DirectoryMirror = {
  customer: () => undefined,
  subscriptions: () => undefined,
  resellers: () => undefined,
  catalogItem: () => undefined,
  cartSubmitted: () => undefined,
};

export class StoreMirror implements DirectoryMirror {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  customer(c: Customer): void {
    if (c.resellerMpnId && !this.has('resellers', 'mpn_id', c.resellerMpnId)) {
      this.resellers([{ mpnId: c.resellerMpnId, partnerId: c.partnerId, name: c.resellerMpnId }]);
    }
    this.store.db
      .prepare(
        `INSERT INTO customers (id, partner_id, company_name, domain, tenant_id, country, agreement, qualifications, reseller_mpn_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET partner_id = excluded.partner_id, company_name = excluded.company_name, domain = excluded.domain,
           tenant_id = excluded.tenant_id, country = excluded.country, agreement = excluded.agreement,
           qualifications = excluded.qualifications, reseller_mpn_id = excluded.reseller_mpn_id`,
      )
      .run(c.id, c.partnerId, c.companyName, c.domain, c.tenantId, c.country, c.agreement, JSON.stringify(c.qualifications), c.resellerMpnId);
  }

  subscriptions(subscriptions: Subscription[]): void {
    const upsert = this.store.db.prepare(
      `INSERT INTO subscriptions (id, customer_id, offer_id, kind, friendly_name, status, billing_type, registration_status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, offer_id = excluded.offer_id, kind = excluded.kind,
         friendly_name = excluded.friendly_name, status = excluded.status, billing_type = excluded.billing_type,
         registration_status = excluded.registration_status`,
    );
    const now = this.clock().toISOString();
    this.store.db.transaction(() => {
      for (const s of subscriptions) {
        upsert.run(s.id, s.customerId, s.offerId, s.kind, s.friendlyName, s.status, s.billingType, s.registrationStatus, now);
      }
    })();
  }

  resellers(resellers: Reseller[]): void {
    const upsert = this.store.db.prepare(
      `INSERT INTO resellers (mpn_id, partner_id, name) VALUES (?, ?, ?)
       ON CONFLICT (mpn_id) DO UPDATE SET partner_id = excluded.partner_id, name = excluded.name`,
    );
    this.store.db.transaction(() => {
      for (const r of resellers) upsert.run(r.mpnId, r.partnerId, r.name);
    })();
  }

  catalogItem(item: CatalogItem): void {
    const { product, sku, availability: a } = item;
    const db = this.store.db;
    db.transaction(() => {
      const type = reservationTypes.find((t) => t.key === product.reservationType);
      if (type && !this.has('reservation_types', 'key', type.key)) {
        db.prepare(
          `INSERT INTO reservation_types (key, id, title, terms, monthly_billing_supported, unit, sort_order)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(type.key, type.id, type.title, JSON.stringify(type.terms), type.monthlyBillingSupported ? 1 : 0, type.unit, reservationTypes.indexOf(type) + 1);
      }
      db.prepare(
        `INSERT INTO products (id, title, description, reservation_type) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, reservation_type = excluded.reservation_type`,
      ).run(product.id, product.title, product.description, product.reservationType);
      const d = sku.dynamicAttributes;
      db.prepare(
        `INSERT INTO skus (product_id, id, title, minimum_quantity, maximum_quantity, billing_cycles, prerequisites, arm_sku_name,
           arm_region_name, region, duration, cores, ram, category, family, sku_display_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (product_id, id) DO UPDATE SET title = excluded.title, minimum_quantity = excluded.minimum_quantity,
           maximum_quantity = excluded.maximum_quantity, billing_cycles = excluded.billing_cycles, prerequisites = excluded.prerequisites,
           arm_sku_name = excluded.arm_sku_name, arm_region_name = excluded.arm_region_name, region = excluded.region,
           duration = excluded.duration, cores = excluded.cores, ram = excluded.ram, category = excluded.category,
           family = excluded.family, sku_display_name = excluded.sku_display_name`,
      ).run(product.id, sku.id, sku.title, sku.minimumQuantity, sku.maximumQuantity, JSON.stringify(sku.supportedBillingCycles),
        JSON.stringify(sku.purchasePrerequisites), d.armSkuName, d.armRegionName, d.region, d.duration, d.cores, d.ram, d.category, d.family, d.skuDisplayName);
      db.prepare(
        `INSERT INTO availabilities (catalog_item_id, id, product_id, sku_id, country, segment, currency_code, currency_symbol,
           is_purchasable, term, unit_price_minor, reservation_type, arm_region_name, family, arm_sku_name)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (catalog_item_id) DO UPDATE SET country = excluded.country, segment = excluded.segment,
           currency_code = excluded.currency_code, currency_symbol = excluded.currency_symbol, is_purchasable = excluded.is_purchasable,
           term = excluded.term, unit_price_minor = excluded.unit_price_minor`,
      ).run(item.catalogItemId, a.id, product.id, sku.id, a.country, a.segment, a.defaultCurrency.code, a.defaultCurrency.symbol,
        a.isPurchasable ? 1 : 0, a.terms[0].duration, a.unitPriceMinor, product.reservationType, d.armRegionName, d.family, d.armSkuName);
    })();
  }

  cartSubmitted(cartId: string): void {
    this.store.db.prepare(`UPDATE carts SET status = 'submitted', updated_at = ? WHERE id = ? AND status = 'active'`).run(this.clock().toISOString(), cartId);
  }

  private has(table: string, column: string, value: string): boolean {
    return this.store.db.prepare(`SELECT 1 FROM ${table} WHERE ${column} = ?`).get(value) !== undefined;
  }
}
