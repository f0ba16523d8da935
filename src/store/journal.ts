// The checkout journal: for each idempotency key (a cart id, sent to Partner Center as MS-RequestId),
// the orders Partner Center answered with. Written with the cart's "submitted" status in one transaction,
// so a submitted cart always knows its orders and is never checked out again.
import { statement, type Db } from './db';
import { AuditLog, type AuditEvent } from './audit';
import type { JournalWrites } from './botStore';

export class CheckoutJournal implements JournalWrites {
  private readonly audit: AuditLog;

  constructor(private readonly db: Db) {
    this.audit = new AuditLog(db);
  }

  record(idempotencyKey: string, cartId: string, orderIds: string[], now: string, events: AuditEvent[]): boolean {
    return this.db.transaction((): boolean => {
      const inserted = statement(
        this.db,
        'INSERT INTO checkouts (idempotency_key, cart_id, order_ids, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING',
      ).run(idempotencyKey, cartId, JSON.stringify(orderIds), now);
      if (inserted.changes === 0) return false;
      const updated = statement(this.db, `UPDATE carts SET status = 'submitted', updated_at = ? WHERE id = ? AND status = 'active'`).run(now, cartId);
      if (updated.changes !== 1) throw new Error(`cart ${cartId} is not active`);
      for (const e of events) this.audit.append(e, now);
      return true;
    }).immediate();
  }

  orderIds(idempotencyKey: string): string[] | undefined {
    const r = statement(this.db, 'SELECT order_ids FROM checkouts WHERE idempotency_key = ?').get(idempotencyKey) as { order_ids: string } | undefined;
    return r && (JSON.parse(r.order_ids) as string[]);
  }
}
