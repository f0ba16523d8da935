// What the REST gateway must remember that Partner Center does not tell it:
// - per checkout request id (MS-RequestId = the bot's cart id): the Partner Center cart it created, what
//   was in it (catalog item, price quoted, subscription, scope, agent) and the orders it became. Partner
//   Center has no "orders of request X" query and its order resource names no cart, agent, scope or price;
//   this record is how a retried or timed-out checkout finds its orders instead of buying again;
// - per catalog item id: the market (country, segment) it was listed in, because every catalog read
//   needs `?country=` and a catalogItemId does not contain it.
// The journal lives in the bot's database (SQLite's file, or the PostgreSQL database every instance shares),
// so a restart or another instance finds what was sent. Every write of a record is conditional on the
// version it was read at (saveCheckout): two instances never both move a checkout on, nor both send it.
import type pg from 'pg';
import { statement, type Db } from '../../store/db';
import { inTransaction, numbered } from '../../store/postgres/connection';
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
  /**
   * While a checkout call is under way: when it is over at the latest (it is cleared when the call ends).
   * Until then the checkout is not sent again, by this instance or another, even if its cart is still active.
   */
  sendingUntil?: string | null;
  state: CheckoutState;
  lines: JournalLine[];
  orderIds: string[];
  createdAt: string;
  updatedAt: string;
  /** The stored version this record was read at (0: not stored yet); each write stores the next one. */
  version: number;
}

export interface RestJournal {
  checkout(requestId: string): Promise<CheckoutRecord | undefined>;
  /** The latest record of a bot cart (any request id). */
  checkoutForCart(cartId: string): Promise<CheckoutRecord | undefined>;
  /** The records of those orders the bot placed (order id → its checkout). */
  checkoutsForOrders(orderIds: string[]): Promise<Map<string, CheckoutRecord>>;
  /**
   * Writes the record, with its orders, only if the stored one is still at `record.version` (none stored,
   * for version 0); the record then takes the new version. False, nothing written: another instance (or
   * call) wrote it since it was read. So of two instances that read a record, one moves it on (to
   * submitted: it sends the checkout), and the other learns it must not.
   */
  saveCheckout(record: CheckoutRecord): Promise<boolean>;
  /** Customers the bot has ordered for, for the partner-wide order history. */
  customersWithOrders(partnerId: string): Promise<string[]>;
  /** Order ids already attributed to some request (not to be matched to another). */
  claimedOrderIds(customerId: string): Promise<Set<string>>;
  /** The market the items were listed in by a search. */
  rememberMarket(catalogItemIds: string[], market: CatalogMarket): Promise<void>;
  market(catalogItemId: string): Promise<CatalogMarket | undefined>;
}

export interface CatalogMarket {
  country: string;
  segment: string;
  /** "AzurePlan" when the item came from the reservationScope=AzurePlan catalog. */
  reservationScope?: string;
}

/** The statements of both engines (`?` placeholders; PostgreSQL numbers them); rememberMarket is SQLite's. */
const sql = {
  checkout: 'SELECT record, version FROM pc_rest_checkouts WHERE request_id = ?',
  checkoutForCart: 'SELECT record, version FROM pc_rest_checkouts WHERE cart_id = ? ORDER BY updated_at DESC LIMIT 1',
  /** Of the order ids given (a JSON array on SQLite, an array on PostgreSQL). */
  checkoutsForOrders: (oneOf: string) =>
    `SELECT o.order_id, c.record, c.version FROM pc_rest_orders o JOIN pc_rest_checkouts c ON c.request_id = o.request_id WHERE o.order_id ${oneOf}`,
  insertNew: `INSERT INTO pc_rest_checkouts (request_id, cart_id, customer_id, partner_id, state, record, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
    ON CONFLICT (request_id) DO NOTHING RETURNING version`,
  updateIfUnchanged: `UPDATE pc_rest_checkouts SET state = ?, record = ?, updated_at = ?, version = version + 1 WHERE request_id = ? AND version = ?
    RETURNING version`,
  order: 'INSERT INTO pc_rest_orders (order_id, request_id, customer_id, partner_id) VALUES (?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING',
  customersWithOrders: 'SELECT DISTINCT customer_id AS c FROM pc_rest_orders WHERE partner_id = ? ORDER BY 1',
  claimedOrderIds: 'SELECT order_id AS o FROM pc_rest_orders WHERE customer_id = ?',
  rememberMarket: `INSERT INTO pc_rest_catalog_markets (catalog_item_id, market) VALUES (?, ?)
    ON CONFLICT (catalog_item_id) DO UPDATE SET market = excluded.market`,
  market: 'SELECT market FROM pc_rest_catalog_markets WHERE catalog_item_id = ?',
};

/** The statement that writes `r` over the version it was read at (a new row for version 0), and its parameters. */
function checkoutWrite(r: CheckoutRecord): [string, unknown[]] {
  // The version is the row's, not the record text's.
  const record = JSON.stringify({ ...r, version: undefined });
  if (r.version) return [sql.updateIfUnchanged, [r.state, record, r.updatedAt, r.requestId, r.version]];
  return [sql.insertNew, [r.requestId, r.cartId, r.customerId, r.partnerId, r.state, record, r.updatedAt]];
}

interface CheckoutRow {
  record: string;
  version: number;
}

function toRecord(row: CheckoutRow | undefined): CheckoutRecord | undefined {
  return row && { ...(JSON.parse(row.record) as CheckoutRecord), version: Number(row.version) };
}

type OrderCheckoutRow = CheckoutRow & { order_id: string };

const byOrder = (rows: OrderCheckoutRow[]) => new Map(rows.map((r) => [r.order_id, toRecord(r)!]));

export class SqliteJournal implements RestJournal {
  /** `db`: the bot's store, whose migrations create the journal's tables (src/store/migrations.ts). */
  constructor(private readonly db: Db) {}

  async checkout(requestId: string) {
    return toRecord(statement(this.db, sql.checkout).get(requestId) as CheckoutRow | undefined);
  }

  async checkoutForCart(cartId: string) {
    return toRecord(statement(this.db, sql.checkoutForCart).get(cartId) as CheckoutRow | undefined);
  }

  async checkoutsForOrders(orderIds: string[]) {
    const rows = statement(this.db, sql.checkoutsForOrders('IN (SELECT value FROM json_each(?))')).all(JSON.stringify(orderIds)) as OrderCheckoutRow[];
    return byOrder(rows);
  }

  async saveCheckout(r: CheckoutRecord) {
    return this.db.transaction(() => {
      const [text, params] = checkoutWrite(r);
      const row = statement(this.db, text).get(...params) as { version: number } | undefined;
      if (!row) return false;
      for (const orderId of r.orderIds) statement(this.db, sql.order).run(orderId, r.requestId, r.customerId, r.partnerId);
      r.version = row.version;
      return true;
    })();
  }

  async customersWithOrders(partnerId: string) {
    return (statement(this.db, sql.customersWithOrders).all(partnerId) as { c: string }[]).map((r) => r.c);
  }

  async claimedOrderIds(customerId: string) {
    return new Set((statement(this.db, sql.claimedOrderIds).all(customerId) as { o: string }[]).map((r) => r.o));
  }

  async rememberMarket(catalogItemIds: string[], market: CatalogMarket) {
    this.db.transaction(() => {
      for (const id of catalogItemIds) statement(this.db, sql.rememberMarket).run(id, JSON.stringify(market));
    })();
  }

  async market(catalogItemId: string) {
    const row = statement(this.db, sql.market).get(catalogItemId) as { market: string } | undefined;
    return row ? (JSON.parse(row.market) as CatalogMarket) : undefined;
  }
}

/** The journal in the PostgreSQL database the bot's instances share (its tables: src/store/migrations.ts). */
export class PostgresRestJournal implements RestJournal {
  constructor(private readonly pool: pg.Pool) {}

  async checkout(requestId: string) {
    return toRecord((await this.pool.query<CheckoutRow>(numbered(sql.checkout), [requestId])).rows[0]);
  }

  async checkoutForCart(cartId: string) {
    return toRecord((await this.pool.query<CheckoutRow>(numbered(sql.checkoutForCart), [cartId])).rows[0]);
  }

  async checkoutsForOrders(orderIds: string[]) {
    return byOrder((await this.pool.query<OrderCheckoutRow>(sql.checkoutsForOrders('= ANY($1::text[])'), [orderIds])).rows);
  }

  /** The row and its orders in one transaction; the conditional UPDATE waits for, then sees, a concurrent writer's commit. */
  saveCheckout(r: CheckoutRecord): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const [text, params] = checkoutWrite(r);
      const row = (await client.query<{ version: number }>(numbered(text), params)).rows[0];
      if (!row) return false;
      for (const orderId of r.orderIds) await client.query(numbered(sql.order), [orderId, r.requestId, r.customerId, r.partnerId]);
      r.version = row.version;
      return true;
    });
  }

  async customersWithOrders(partnerId: string) {
    return (await this.pool.query<{ c: string }>(numbered(sql.customersWithOrders), [partnerId])).rows.map((r) => r.c);
  }

  async claimedOrderIds(customerId: string) {
    return new Set((await this.pool.query<{ o: string }>(numbered(sql.claimedOrderIds), [customerId])).rows.map((r) => r.o));
  }

  async rememberMarket(catalogItemIds: string[], market: CatalogMarket) {
    if (!catalogItemIds.length) return;
    // One statement for the page (unnest: one row per id).
    await this.pool.query(
      `INSERT INTO pc_rest_catalog_markets (catalog_item_id, market) SELECT DISTINCT unnest($1::text[]), $2
       ON CONFLICT (catalog_item_id) DO UPDATE SET market = excluded.market`,
      [catalogItemIds, JSON.stringify(market)],
    );
  }

  async market(catalogItemId: string) {
    const row = (await this.pool.query<{ market: string }>(numbered(sql.market), [catalogItemId])).rows[0];
    return row ? (JSON.parse(row.market) as CatalogMarket) : undefined;
  }
}
