// The append-only audit trail: every attempt, refusal, quote, checkout and order, with who and where.
import { statement, type Db } from './db';

export interface AuditEvent {
  type: string;
  code?: string;
  agentId?: string;
  partnerId?: string;
  customerId?: string;
  conversationId?: string;
  cartId?: string;
  idempotencyKey?: string;
  detail?: Record<string, unknown>;
}

export interface StoredAuditEvent extends AuditEvent {
  seq: number;
  at: string;
}

export class AuditLog {
  constructor(private readonly db: Db) {}

  append(e: AuditEvent, at = new Date().toISOString()): void {
    statement(
      this.db,
      `INSERT INTO audit_events (at, type, code, agent_id, partner_id, customer_id, conversation_id, cart_id, idempotency_key, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
        at,
        e.type,
        e.code ?? null,
        e.agentId ?? null,
        e.partnerId ?? null,
        e.customerId ?? null,
        e.conversationId ?? null,
        e.cartId ?? null,
        e.idempotencyKey ?? null,
        JSON.stringify(e.detail ?? {}),
      );
  }

  list(filter: AuditFilter = {}): StoredAuditEvent[] {
    return [...this.each(filter)];
  }

  /** The events in order, one at a time (an export of a long trail does not hold it all in memory). */
  *each(filter: AuditFilter = {}): Generator<StoredAuditEvent> {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_events
         WHERE (? IS NULL OR at >= ?) AND (? IS NULL OR at < ?) AND (? IS NULL OR customer_id = ?) AND (? IS NULL OR cart_id = ?)
         ORDER BY seq`,
      )
      .iterate(
        filter.since ?? null,
        filter.since ?? null,
        filter.until ?? null,
        filter.until ?? null,
        filter.customerId ?? null,
        filter.customerId ?? null,
        filter.cartId ?? null,
        filter.cartId ?? null,
      ) as IterableIterator<Record<string, string | number | null>>;
    for (const r of rows) yield toEvent(r);
  }
}

/** `since` (inclusive) and `until` (exclusive) are ISO timestamps, compared as the stored `at` strings. */
export interface AuditFilter {
  since?: string;
  until?: string;
  customerId?: string;
  cartId?: string;
}

function toEvent(r: Record<string, string | number | null>): StoredAuditEvent {
  return {
    seq: r.seq as number,
    at: r.at as string,
    type: r.type as string,
    code: (r.code as string) ?? undefined,
    agentId: (r.agent_id as string) ?? undefined,
    partnerId: (r.partner_id as string) ?? undefined,
    customerId: (r.customer_id as string) ?? undefined,
    conversationId: (r.conversation_id as string) ?? undefined,
    cartId: (r.cart_id as string) ?? undefined,
    idempotencyKey: (r.idempotency_key as string) ?? undefined,
    detail: JSON.parse(r.detail as string),
  };
}
