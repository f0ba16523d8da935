// The follow-up jobs on both engines: things the bot looks at again later (an order's provisioning, a
// checkout whose outcome was unclear, a reservation nearing its end). A job is claimed with a lease, in one
// transaction that also spends the minute's Partner Center budget, so two instances on one database never
// run the same job at once and together never poll faster than the budget. SQL is written once with `?`
// placeholders; PostgreSQL gets them numbered.
import { statement, type Db } from './db';
import type { FollowUpClaim, FollowUpJob, FollowUpWrites, NewFollowUp } from './botStore';

/** Partner Center calls are counted over this sliding window. */
export const budgetWindowMs = 60_000;

export interface FollowUpRow {
  id: string;
  kind: string;
  partner_id: string;
  agent_id: string;
  customer_id: string;
  conversation_id: string;
  locale: string | null;
  subject: string;
  polls: number;
  due_at: string;
  created_at: string;
}

export const followUpSql = {
  insert: `INSERT INTO follow_ups (id, kind, partner_id, agent_id, customer_id, conversation_id, locale, subject, polls, due_at, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  forgetCalls: 'DELETE FROM follow_up_calls WHERE at <= ?',
  callsInWindow: 'SELECT COUNT(*) AS n FROM follow_up_calls',
  /** Due jobs that ask Partner Center (polls = 1) or not (polls = 0), oldest first, not leased by anyone now. */
  claim: (lockRows: string) => `UPDATE follow_ups SET lease_until = ? WHERE id IN (
      SELECT id FROM follow_ups
      WHERE done_at IS NULL AND polls = ? AND due_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
      ORDER BY due_at, id LIMIT ? ${lockRows})
    RETURNING id, kind, partner_id, agent_id, customer_id, conversation_id, locale, subject, polls, due_at, created_at`,
  logCall: 'INSERT INTO follow_up_calls (at) VALUES (?)',
  complete: 'UPDATE follow_ups SET done_at = ?, lease_until = NULL WHERE id = ?',
  reschedule: 'UPDATE follow_ups SET due_at = ?, subject = ?, lease_until = NULL WHERE id = ? AND done_at IS NULL',
};

export const insertParams = (j: NewFollowUp, now: string) => [
  j.id, j.kind, j.partnerId, j.agentId, j.customerId, j.conversationId, j.locale ?? null, JSON.stringify(j.subject), j.polls ? 1 : 0, j.dueAt, now,
];

export function toFollowUp(r: FollowUpRow): FollowUpJob {
  return {
    id: r.id,
    kind: r.kind as FollowUpJob['kind'],
    partnerId: r.partner_id,
    agentId: r.agent_id,
    customerId: r.customer_id,
    conversationId: r.conversation_id,
    locale: r.locale ?? undefined,
    subject: JSON.parse(r.subject) as Record<string, unknown>,
    polls: Number(r.polls) === 1,
    dueAt: r.due_at,
    createdAt: r.created_at,
  };
}

/** The start of the budget's window: calls at or before it no longer count. */
export const windowStart = (now: string) => new Date(Date.parse(now) - budgetWindowMs).toISOString();

export class FollowUpStore implements FollowUpWrites {
  constructor(private readonly db: Db) {}

  add(jobs: NewFollowUp[], now: string): void {
    this.db.transaction(() => {
      for (const j of jobs) statement(this.db, followUpSql.insert).run(...insertParams(j, now));
    })();
  }

  claim({ now, leaseUntil, callsPerMinute, batch }: FollowUpClaim): FollowUpJob[] {
    // IMMEDIATE: a second connection (another instance on this file) waits until this claim commits.
    return this.db
      .transaction((): FollowUpJob[] => {
        statement(this.db, followUpSql.forgetCalls).run(windowStart(now));
        const used = (statement(this.db, followUpSql.callsInWindow).get() as { n: number }).n;
        const claim = (polls: number, limit: number) =>
          limit > 0 ? (statement(this.db, followUpSql.claim('')).all(leaseUntil, polls, now, now, limit) as FollowUpRow[]) : [];
        const polling = claim(1, Math.min(batch, callsPerMinute - used));
        for (let i = 0; i < polling.length; i++) statement(this.db, followUpSql.logCall).run(now);
        return [...polling, ...claim(0, batch)].map(toFollowUp);
      })
      .immediate();
  }

  complete(id: string, now: string, next: NewFollowUp[] = []): void {
    this.db.transaction(() => {
      statement(this.db, followUpSql.complete).run(now, id);
      for (const j of next) statement(this.db, followUpSql.insert).run(...insertParams(j, now));
    })();
  }

  reschedule(id: string, dueAt: string, subject: Record<string, unknown>): void {
    statement(this.db, followUpSql.reschedule).run(dueAt, JSON.stringify(subject), id);
  }
}
