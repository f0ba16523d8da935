// Orders and the checkout ledger. An order is written only inside the checkout transaction, keyed by
// the idempotency key, so a retried checkout finds the orders of the first one.
import { statement, type Db } from './db';
import { Order, type OrderLine } from '../domain/types';

interface OrderRow {
  id: string;
  alternate_id: string;
  cart_id: string;
  partner_id: string;
  customer_id: string;
  agent_id: string;
  subscription_id: string;
  scope: string;
  billing_cycle: string;
  currency_code: string;
  total_minor: number;
  status: string;
  creation_date: string;
}

export interface NewOrder extends Omit<Order, 'lineItems'> {
  orderGroup: string;
  lineItems: OrderLine[];
}

export class Ledger {
  constructor(private readonly db: Db) {}

  /** Runs `fn` as one IMMEDIATE transaction: the write lock is taken first, so checkouts serialise. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  hasCheckout(idempotencyKey: string): boolean {
    return statement(this.db, 'SELECT 1 FROM checkouts WHERE idempotency_key = ?').get(idempotencyKey) !== undefined;
  }

  /** Records the checkout and its orders, and marks the cart submitted. Call inside `transaction`. */
  recordCheckout(idempotencyKey: string, cartId: string, orders: NewOrder[], now: string): void {
    statement(this.db, 'INSERT INTO checkouts (idempotency_key, cart_id, created_at) VALUES (?, ?, ?)').run(idempotencyKey, cartId, now);
    const insertOrder = statement(
      this.db,
      `INSERT INTO orders (id, alternate_id, idempotency_key, cart_id, order_group, partner_id, customer_id, agent_id,
         subscription_id, scope, billing_cycle, currency_code, total_minor, status, creation_date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertLine = statement(
      this.db,
      `INSERT INTO order_lines (order_id, line_item_number, catalog_item_id, offer_id, friendly_name, arm_region_name,
         quantity, term_duration, unit_price_minor, total_minor, partner_id_on_record, provisioning_status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const o of orders) {
      insertOrder.run(o.id, o.alternateId, idempotencyKey, cartId, o.orderGroup, o.partnerId, o.customerId, o.agentId,
        o.subscriptionId, o.scope, o.billingCycle, o.currencyCode, o.totalMinor, o.status, o.creationDate);
      for (const l of o.lineItems) {
        insertLine.run(o.id, l.lineItemNumber, l.catalogItemId, l.offerId, l.friendlyName, l.armRegionName, l.quantity,
          l.termDuration, l.unitPriceMinor, l.totalMinor, l.partnerIdOnRecord, l.provisioningStatus);
      }
    }
    const updated = statement(this.db, `UPDATE carts SET status = 'submitted', updated_at = ? WHERE id = ? AND status = 'active'`).run(now, cartId);
    if (updated.changes !== 1) throw new Error(`cart ${cartId} is not active`);
  }

  ordersForKey(idempotencyKey: string): Order[] {
    return this.load('WHERE o.idempotency_key = ? ORDER BY o.order_group', idempotencyKey);
  }

  order(orderId: string): Order | undefined {
    return this.load('WHERE o.id = ?', orderId)[0];
  }

  /** Newest first; all of a partner's, or one customer's. */
  orders(partnerId: string, customerId?: string, limit = 50): Order[] {
    return customerId
      ? this.load('WHERE o.partner_id = ? AND o.customer_id = ? ORDER BY o.creation_date DESC, o.rowid DESC LIMIT ?', partnerId, customerId, limit)
      : this.load('WHERE o.partner_id = ? ORDER BY o.creation_date DESC, o.rowid DESC LIMIT ?', partnerId, limit);
  }

  countOrdersForCart(cartId: string): number {
    return (statement(this.db, 'SELECT COUNT(*) AS n FROM orders WHERE cart_id = ?').get(cartId) as { n: number }).n;
  }

  private load(clause: string, ...args: (string | number)[]): Order[] {
    const rows = statement(this.db, `SELECT o.* FROM orders o ${clause}`).all(...args) as OrderRow[];
    const lines = statement(this.db, 'SELECT * FROM order_lines WHERE order_id = ? ORDER BY line_item_number');
    return rows.map((r) =>
      Order.parse({
        id: r.id,
        alternateId: r.alternate_id,
        cartId: r.cart_id,
        customerId: r.customer_id,
        partnerId: r.partner_id,
        agentId: r.agent_id,
        subscriptionId: r.subscription_id,
        scope: r.scope,
        billingCycle: r.billing_cycle,
        currencyCode: r.currency_code,
        totalMinor: r.total_minor,
        status: r.status,
        creationDate: r.creation_date,
        lineItems: (lines.all(r.id) as Record<string, string | number>[]).map((l) => ({
          lineItemNumber: l.line_item_number,
          catalogItemId: l.catalog_item_id,
          offerId: l.offer_id,
          friendlyName: l.friendly_name,
          armRegionName: l.arm_region_name,
          quantity: l.quantity,
          termDuration: l.term_duration,
          unitPriceMinor: l.unit_price_minor,
          totalMinor: l.total_minor,
          partnerIdOnRecord: l.partner_id_on_record,
          provisioningStatus: l.provisioning_status,
        })),
      }),
    );
  }
}
