// What the REST gateway must remember that Partner Center does not tell it:
// - per checkout request id (MS-RequestId = the bot's cart id): the Partner Center cart it created, what
//   was in it (catalog item, price quoted, subscription, scope, agent) and the orders it became. Partner
//   Center has no "orders of request X" query and its order resource names no cart, agent, scope or price;
//   this record is how a retried or timed-out checkout finds its orders instead of buying again;
// - per catalog item id: the market (country, segment) it was listed in, because every catalog read
//   needs `?country=` and a catalogItemId does not contain it.
// The SQLite journal lives in the bot's database file.
import type { Db } from '../../store/db';
import type { BillingCycle, Scope, TermDuration } from '../../domain/types';

export interface JournalLine {
  /** The bot's cart line id (Partner Center's cart line `id`). */
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: BillingCycle;
  termDuration: TermDuration;
  subscriptionId: string;
  scope: Scope;
  partnerIdOnRecord: string;
  unitPriceMinor: number;
  currency: string;
  friendlyName: string;
  armRegionName: string;
}

export type CheckoutState =
  /** The Partner Center cart exists; no checkout was sent yet (or Partner Center refused it: fixable). */
  | 'cart'
  /** A checkout was sent and its answer was lost (timeout) or was "in progress": never send it again blindly. */
  | 'submitted'
  /** Orders are known. */
  | 'ordered';

export interface CheckoutRecord {
  requestId: string;
  purpose: 'reservation' | 'azurePlan';
  cartId: string;
  customerId: string;
  partnerId: string;
  agentId: string;
  pcCartId: string | null;
  /** When the Partner Center cart was created (orders of it are not older). */
  pcCartCreatedAt: string | null;
  /**
   * MS-RequestId of the next checkout when it is not the request id (a new one after every answer);
   * absent in records written before it was kept.
   */
  pcRequestId?: string | null;
  /** The line items the Partner Center cart holds, as sent (JSON), when it holds them without a line error. */
  pcCartLines?: string | null;
  state: CheckoutState;
  lines: JournalLine[];
  orderIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface RestJournal {
  checkout(requestId: string): CheckoutRecord | undefined;
  /** The latest record of a bot cart (any request id). */
  checkoutForCart(cartId: string): CheckoutRecord | undefined;
  checkoutForOrder(orderId: string): CheckoutRecord | undefined;
  saveCheckout(record: CheckoutRecord): void;
  /** Customers the bot has ordered for, for the partner-wide order history. */
  customersWithOrders(partnerId: string): string[];
  /** Order ids already attributed to some request (not to be matched to another). */
  claimedOrderIds(customerId: string): Set<string>;
  rememberMarket(catalogItemId: string, market: CatalogMarket): void;
  market(catalogItemId: string): CatalogMarket | undefined;
}

export interface CatalogMarket {
  country: string;
  segment: string;
  /** "AzurePlan" when the item came from the reservationScope=AzurePlan catalog. */
  reservationScope?: string;
}

export class MemoryJournal implements RestJournal {
  private readonly checkouts = new Map<string, CheckoutRecord>();
  private readonly markets = new Map<string, CatalogMarket>();

  checkout(requestId: string) {
    const r = this.checkouts.get(requestId);
    return r && structuredClone(r);
  }

  checkoutForCart(cartId: string) {
    const all = [...this.checkouts.values()].filter((r) => r.cartId === cartId);
    const r = all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
    return r && structuredClone(r);
  }

  checkoutForOrder(orderId: string) {
    const r = [...this.checkouts.values()].find((c) => c.orderIds.includes(orderId));
    return r && structuredClone(r);
  }

  saveCheckout(record: CheckoutRecord) {
    this.checkouts.set(record.requestId, structuredClone(record));
  }

  customersWithOrders(partnerId: string) {
    return [...new Set([...this.checkouts.values()].filter((r) => r.partnerId === partnerId && r.orderIds.length).map((r) => r.customerId))];
  }

  claimedOrderIds(customerId: string) {
    return new Set([...this.checkouts.values()].filter((r) => r.customerId === customerId).flatMap((r) => r.orderIds));
  }

  rememberMarket(catalogItemId: string, market: CatalogMarket) {
    this.markets.set(catalogItemId, market);
  }

  market(catalogItemId: string) {
    return this.markets.get(catalogItemId);
  }
}

export class SqliteJournal implements RestJournal {
  /** `db`: the bot's store, whose migrations create the journal's tables (src/store/migrations.ts). */
  constructor(private readonly db: Db) {}

  checkout(requestId: string) {
    return this.parse(this.db.prepare('SELECT record FROM pc_rest_checkouts WHERE request_id = ?').get(requestId));
  }

  checkoutForCart(cartId: string) {
    return this.parse(this.db.prepare('SELECT record FROM pc_rest_checkouts WHERE cart_id = ? ORDER BY updated_at DESC LIMIT 1').get(cartId));
  }

  checkoutForOrder(orderId: string) {
    return this.parse(
      this.db.prepare('SELECT c.record FROM pc_rest_orders o JOIN pc_rest_checkouts c ON c.request_id = o.request_id WHERE o.order_id = ?').get(orderId),
    );
  }

  saveCheckout(r: CheckoutRecord) {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO pc_rest_checkouts (request_id, cart_id, customer_id, partner_id, state, record, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (request_id) DO UPDATE SET state = excluded.state, record = excluded.record, updated_at = excluded.updated_at`,
        )
        .run(r.requestId, r.cartId, r.customerId, r.partnerId, r.state, JSON.stringify(r), r.updatedAt);
      const insertOrder = this.db.prepare('INSERT OR IGNORE INTO pc_rest_orders (order_id, request_id, customer_id, partner_id) VALUES (?, ?, ?, ?)');
      for (const orderId of r.orderIds) insertOrder.run(orderId, r.requestId, r.customerId, r.partnerId);
    })();
  }

  customersWithOrders(partnerId: string) {
    return (this.db.prepare('SELECT DISTINCT customer_id AS c FROM pc_rest_orders WHERE partner_id = ? ORDER BY 1').all(partnerId) as { c: string }[]).map(
      (r) => r.c,
    );
  }

  claimedOrderIds(customerId: string) {
    const rows = this.db.prepare('SELECT order_id AS o FROM pc_rest_orders WHERE customer_id = ?').all(customerId) as { o: string }[];
    return new Set(rows.map((r) => r.o));
  }

  rememberMarket(catalogItemId: string, market: CatalogMarket) {
    this.db
      .prepare('INSERT INTO pc_rest_catalog_markets (catalog_item_id, market) VALUES (?, ?) ON CONFLICT (catalog_item_id) DO UPDATE SET market = excluded.market')
      .run(catalogItemId, JSON.stringify(market));
  }

  market(catalogItemId: string) {
    const row = this.db.prepare('SELECT market FROM pc_rest_catalog_markets WHERE catalog_item_id = ?').get(catalogItemId) as { market: string } | undefined;
    return row ? (JSON.parse(row.market) as CatalogMarket) : undefined;
  }

  private parse(row: unknown): CheckoutRecord | undefined {
    return row ? (JSON.parse((row as { record: string }).record) as CheckoutRecord) : undefined;
  }
}
