// Carts in progress: one per purchase conversation; its id is the checkout's idempotency key.
import { statement, type Db } from './db';
import { Cart, type BillingCycle } from '../domain/types';
import { AuditLog, type AuditEvent } from './audit';
import type { CartFields, CartWrites, NewCart, NewLine } from './botStore';

export interface CartRow {
  id: string;
  partner_id: string;
  agent_id: string;
  customer_id: string;
  conversation_id: string;
  segment: string;
  reservation_type: string;
  subscription_id: string | null;
  scope: string;
  reseller_mpn_id: string | null;
  status: string;
  created_at: string;
}

/** The carts column of each header field an update may change, on either engine. */
export const cartColumns: Record<keyof CartFields, string> = {
  subscriptionId: 'subscription_id',
  scope: 'scope',
  resellerMpnId: 'reseller_mpn_id',
  reservationType: 'reservation_type',
  segment: 'segment',
};

/** A cart line as both engines read it with its cart: [id, catalog item id, quantity, billing cycle]. */
export type CartLineTuple = [number, string, number, string];

/** A carts row and its lines (by id) as the domain's Cart, on either engine. */
export function toCart(r: CartRow, lines: CartLineTuple[]): Cart {
  return Cart.parse({
    id: r.id,
    partnerId: r.partner_id,
    agentId: r.agent_id,
    customerId: r.customer_id,
    conversationId: r.conversation_id,
    segment: r.segment,
    reservationType: r.reservation_type,
    subscriptionId: r.subscription_id,
    scope: r.scope,
    resellerMpnId: r.reseller_mpn_id,
    status: r.status,
    lineItems: lines.map(([lineId, catalogItemId, quantity, billingCycle]) => ({ id: lineId, catalogItemId, quantity, billingCycle })),
    createdAt: r.created_at,
  });
}

export class CartStore implements CartWrites {
  private readonly audit: AuditLog;

  constructor(private readonly db: Db) {
    this.audit = new AuditLog(db);
  }

  open(c: NewCart, subscriptionId: string, event: AuditEvent): void {
    this.db.transaction(() => {
      this.create(c);
      this.update(c.id, { subscriptionId }, c.now);
      this.audit.append(event, c.now);
    }).immediate();
  }

  create(c: NewCart): void {
    statement(
      this.db,
      `INSERT INTO carts (id, partner_id, agent_id, customer_id, conversation_id, segment, reservation_type,
         subscription_id, scope, reseller_mpn_id, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, 'active', ?, ?)`,
    )
      .run(c.id, c.partnerId, c.agentId, c.customerId, c.conversationId, c.segment, c.reservationType, c.scope, c.resellerMpnId, c.now, c.now);
  }

  /** The cart with its lines, in one statement (one read transaction: a line cannot change in between). */
  get(id: string): Cart | undefined {
    const r = statement(
      this.db,
      `SELECT c.*, (SELECT json_group_array(json_array(l.id, l.catalog_item_id, l.quantity, l.billing_cycle) ORDER BY l.id)
                    FROM cart_lines l WHERE l.cart_id = c.id) AS lines
       FROM carts c WHERE c.id = ?`,
    ).get(id) as (CartRow & { lines: string }) | undefined;
    return r && toCart(r, JSON.parse(r.lines) as CartLineTuple[]);
  }

  /** Updates the header fields given; only an active cart changes. Returns false when the cart is not active. */
  update(id: string, fields: CartFields, now: string): boolean {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const sets = entries.map(([k]) => `${cartColumns[k as keyof CartFields]} = ?`);
    const result = statement(this.db, `UPDATE carts SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ? AND status = 'active'`)
      .run(...entries.map(([, v]) => v as string | null), now, id);
    return result.changes === 1;
  }

  addLine(cartId: string, line: NewLine, now: string, event: AuditEvent): number {
    const { catalogItemId, quantity, billingCycle, askedAfterLineId } = line;
    return this.db.transaction(() => {
      const earlier = askedAfterLineId === undefined
        ? undefined
        : this.get(cartId)?.lineItems.find((l) => l.id > askedAfterLineId && l.catalogItemId === catalogItemId);
      if (earlier) {
        this.setLine(cartId, earlier.id, quantity, earlier.billingCycle);
        return earlier.id;
      }
      let next = line.raiseLineId;
      if (next !== undefined) {
        statement(this.db, 'UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND id = ?').run(quantity, cartId, next);
      } else {
        next = (statement(this.db, 'SELECT COALESCE(MAX(id), 0) + 1 AS n FROM cart_lines WHERE cart_id = ?').get(cartId) as { n: number }).n;
        statement(this.db, 'INSERT INTO cart_lines (cart_id, id, catalog_item_id, quantity, billing_cycle) VALUES (?, ?, ?, ?, ?)')
          .run(cartId, next, catalogItemId, quantity, billingCycle);
      }
      statement(this.db, 'UPDATE carts SET updated_at = ? WHERE id = ?').run(now, cartId);
      this.audit.append(event, now);
      return next;
    }).immediate();
  }

  setLine(cartId: string, lineId: number, quantity: number, billingCycle: BillingCycle): void {
    statement(this.db, 'UPDATE cart_lines SET quantity = ?, billing_cycle = ? WHERE cart_id = ? AND id = ?')
      .run(quantity, billingCycle, cartId, lineId);
  }

  removeLine(cartId: string, lineId: number): void {
    statement(this.db, 'DELETE FROM cart_lines WHERE cart_id = ? AND id = ?').run(cartId, lineId);
  }
}
