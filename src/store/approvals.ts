// Approval limits and requests (issue 17) on SQLite; the SQL and the row mapping are shared with the
// PostgreSQL store (src/store/postgres/store.ts), which differs only in its placeholders.
import type { ApprovalLimit, ApprovalRequest, ApprovalState } from '../domain/types';
import { statement, type Db } from './db';
import { AuditLog, type AuditEvent } from './audit';
import type { ApprovalCard, ApprovalChange, ApprovalWrites, NewApprovalRequest } from './botStore';

export interface ApprovalRow {
  id: string;
  idempotency_key: string;
  cart_id: string;
  partner_id: string;
  customer_id: string;
  buyer_agent_id: string;
  buyer_conversation_id: string;
  total_minor: number | string;
  currency: string;
  unit_prices: string;
  reseller_confirmed: string | null;
  state: ApprovalState;
  decided_by: string | null;
  reason: string | null;
  order_ids: string;
  created_at: string;
  expires_at: string;
  updated_at: string;
}

export const toApprovalRequest = (r: ApprovalRow): ApprovalRequest => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  cartId: r.cart_id,
  partnerId: r.partner_id,
  customerId: r.customer_id,
  buyerAgentId: r.buyer_agent_id,
  buyerConversationId: r.buyer_conversation_id,
  totalMinor: Number(r.total_minor),
  currency: r.currency,
  unitPrices: JSON.parse(r.unit_prices),
  resellerConfirmed: r.reseller_confirmed,
  state: r.state,
  decidedBy: r.decided_by,
  reason: r.reason,
  orderIds: JSON.parse(r.order_ids),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  updatedAt: r.updated_at,
});

/** The statements of both engines; `p(n)` is the n-th placeholder. */
export const approvalSql = (p: (n: number) => string) => ({
  limit: `SELECT amount_minor, currency FROM approval_limits WHERE partner_id = ${p(1)}`,
  setLimit: `INSERT INTO approval_limits (partner_id, amount_minor, currency, set_by, updated_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})
    ON CONFLICT (partner_id) DO UPDATE SET amount_minor = excluded.amount_minor, currency = excluded.currency, set_by = excluded.set_by, updated_at = excluded.updated_at`,
  removeLimit: `DELETE FROM approval_limits WHERE partner_id = ${p(1)}`,
  create: `INSERT INTO approval_requests (id, idempotency_key, cart_id, partner_id, customer_id, buyer_agent_id, buyer_conversation_id, total_minor,
      currency, unit_prices, reseller_confirmed, state, order_ids, created_at, expires_at, updated_at)
    VALUES (${[...Array(11).keys()].map((i) => p(i + 1)).join(', ')}, 'pending', '[]', ${p(12)}, ${p(13)}, ${p(14)}) ON CONFLICT DO NOTHING`,
  existing: `SELECT * FROM approval_requests WHERE idempotency_key = ${p(1)} OR (cart_id = ${p(2)} AND state = 'pending') ORDER BY created_at DESC LIMIT 1`,
  get: `SELECT * FROM approval_requests WHERE id = ${p(1)}`,
  countForCart: `SELECT COUNT(*) AS n FROM approval_requests WHERE cart_id = ${p(1)}`,
  ofPartner: `SELECT * FROM approval_requests WHERE partner_id = ${p(1)} AND state = ${p(2)} ORDER BY created_at, id`,
  due: `SELECT * FROM approval_requests WHERE state = 'pending' AND expires_at <= ${p(1)} ORDER BY expires_at, id`,
  change: `UPDATE approval_requests SET state = ${p(1)}, decided_by = COALESCE(${p(2)}, decided_by), reason = COALESCE(${p(3)}, reason),
      order_ids = COALESCE(${p(4)}, order_ids), updated_at = ${p(5)} WHERE id = ${p(6)} AND state = ${p(7)}`,
  addCard: `INSERT INTO approval_cards (approval_id, agent_id, conversation_id, activity_id, sent_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})
    ON CONFLICT DO NOTHING`,
  cards: `SELECT approval_id AS "approvalId", agent_id AS "agentId", conversation_id AS "conversationId", activity_id AS "activityId", sent_at AS "sentAt"
    FROM approval_cards WHERE approval_id = ${p(1)} ORDER BY sent_at, conversation_id, activity_id`,
});

export const addCardParams = (c: ApprovalCard) => [c.approvalId, c.agentId, c.conversationId, c.activityId, c.sentAt];

/** The parameters of `create` and `change`, in their placeholders' order. */
export const createParams = (r: NewApprovalRequest) => [
  r.id, r.idempotencyKey, r.cartId, r.partnerId, r.customerId, r.buyerAgentId, r.buyerConversationId, r.totalMinor,
  r.currency, JSON.stringify(r.unitPrices), r.resellerConfirmed, r.createdAt, r.expiresAt, r.createdAt,
];
export const changeParams = (id: string, from: ApprovalState, c: ApprovalChange, now: string) => [
  c.state, c.decidedBy ?? null, c.reason ?? null, c.orderIds ? JSON.stringify(c.orderIds) : null, now, id, from,
];

const sql = approvalSql(() => '?');

export class ApprovalStore implements ApprovalWrites {
  private readonly audit: AuditLog;

  constructor(private readonly db: Db) {
    this.audit = new AuditLog(db);
  }

  limit(partnerId: string): ApprovalLimit | undefined {
    const r = statement(this.db, sql.limit).get(partnerId) as { amount_minor: number; currency: string } | undefined;
    return r && { amountMinor: Number(r.amount_minor), currency: r.currency };
  }

  setLimit(partnerId: string, limit: ApprovalLimit | null, agentId: string, now: string, event: AuditEvent): void {
    this.db.transaction(() => {
      if (limit) statement(this.db, sql.setLimit).run(partnerId, limit.amountMinor, limit.currency, agentId, now);
      else statement(this.db, sql.removeLimit).run(partnerId);
      this.audit.append(event, now);
    }).immediate();
  }

  create(request: NewApprovalRequest, event: AuditEvent): ApprovalRequest {
    return this.db.transaction(() => {
      const inserted = statement(this.db, sql.create).run(...createParams(request)).changes === 1;
      if (inserted) this.audit.append(event, request.createdAt);
      return toApprovalRequest(statement(this.db, sql.existing).get(request.idempotencyKey, request.cartId) as ApprovalRow);
    }).immediate();
  }

  get(id: string): ApprovalRequest | undefined {
    const r = statement(this.db, sql.get).get(id) as ApprovalRow | undefined;
    return r && toApprovalRequest(r);
  }

  countForCart(cartId: string): number {
    return (statement(this.db, sql.countForCart).get(cartId) as { n: number }).n;
  }

  ofPartner(partnerId: string, state: ApprovalState): ApprovalRequest[] {
    return (statement(this.db, sql.ofPartner).all(partnerId, state) as ApprovalRow[]).map(toApprovalRequest);
  }

  due(now: string): ApprovalRequest[] {
    return (statement(this.db, sql.due).all(now) as ApprovalRow[]).map(toApprovalRequest);
  }

  addCard(card: ApprovalCard): void {
    statement(this.db, sql.addCard).run(...addCardParams(card));
  }

  cards(approvalId: string): ApprovalCard[] {
    return statement(this.db, sql.cards).all(approvalId) as ApprovalCard[];
  }

  change(id: string, from: ApprovalState, change: ApprovalChange, now: string, event: AuditEvent): boolean {
    return this.db.transaction(() => {
      const changed = statement(this.db, sql.change).run(...changeParams(id, from, change, now)).changes === 1;
      if (changed) this.audit.append(event, now);
      return changed;
    }).immediate();
  }
}
