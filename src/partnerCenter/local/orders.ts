// The embedded Partner Center's orders. An order is written only inside the checkout transaction, keyed
// by the checkout's request id (MS-RequestId), so a retried checkout finds the orders of the first one.
import { statement, type Db } from '../../store/db';
import { Order, type OrderLine } from '../../domain/types';

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

export class OrderBook {
  constructor(private readonly db: Db) {}

  /** Writes the orders of one checkout. Call inside the checkout's transaction. */
  insert(requestId: string, orders: NewOrder[]): void {
    const insertOrder = statement(
      this.db,
      `INSERT INTO orders (id, alternate_id, request_id, cart_id, order_group, partner_id, customer_id, agent_id,
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
      insertOrder.run(o.id, o.alternateId, requestId, o.cartId, o.orderGroup, o.partnerId, o.customerId, o.agentId,
        o.subscriptionId, o.scope, o.billingCycle, o.currencyCode, o.totalMinor, o.status, o.creationDate);
      for (const l of o.lineItems) {
        insertLine.run(o.id, l.lineItemNumber, l.catalogItemId, l.offerId, l.friendlyName, l.armRegionName, l.quantity,
          l.termDuration, l.unitPriceMinor, l.totalMinor, l.partnerIdOnRecord, l.provisioningStatus);
      }
    }
  }

  failProvisioning(orderId: string): void {
    statement(this.db, `UPDATE order_lines SET provisioning_status = 'Unfulfilled' WHERE order_id = ?`).run(orderId);
  }

  /** Whether some checkout (under any request id) ordered this cart already. */
  hasOrdersForCart(cartId: string): boolean {
    return statement(this.db, 'SELECT 1 FROM orders WHERE cart_id = ? LIMIT 1').get(cartId) !== undefined;
  }

  forRequest(requestId: string): Order[] {
    return this.load('WHERE o.request_id = ? ORDER BY o.order_group', requestId);
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

  /** Every order id by the request id it was placed with: what the ledger check compares the bot's journal with. */
  idsByRequest(): Map<string, string[]> {
    const byRequest = new Map<string, string[]>();
    for (const r of statement(this.db, 'SELECT request_id, id FROM orders ORDER BY request_id, order_group').all() as { request_id: string; id: string }[]) {
      byRequest.set(r.request_id, [...(byRequest.get(r.request_id) ?? []), r.id]);
    }
    return byRequest;
  }

  /** What "no half-written order" means in rows; empty when it holds. */
  problems(): string[] {
    return orderChecks.flatMap(({ problem, sql }) => (this.db.prepare(sql).all() as { id: string }[]).map((r) => `${problem}: ${r.id}`));
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

const orderChecks: { problem: string; sql: string }[] = [
  { problem: 'order without lines', sql: `SELECT o.id AS id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)` },
  {
    problem: 'order total is not the sum of its lines',
    sql: `SELECT o.id AS id FROM orders o WHERE o.total_minor <> (SELECT COALESCE(SUM(l.total_minor), 0) FROM order_lines l WHERE l.order_id = o.id)`,
  },
  { problem: 'cart ordered under two request ids', sql: `SELECT cart_id AS id FROM orders GROUP BY cart_id HAVING COUNT(DISTINCT request_id) > 1` },
];
