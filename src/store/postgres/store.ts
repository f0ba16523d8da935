// The bot's store on PostgreSQL (DATABASE_URL), which several bot instances share: the same tables and
// the same answers as the SQLite store (src/store/store.ts), with promises. A checkout's lock is a
// PostgreSQL advisory lock, so it holds across instances; the journal's unique key stays the last word.
import type pg from 'pg';
import { Agent, Cart, Partner, type BillingCycle } from '../../domain/types';
import type { AuditEvent, AuditFilter, StoredAuditEvent } from '../audit';
import type {
  ApprovalCard,
  ApprovalChange,
  ApprovalWrites,
  AuditWrites,
  BotStore,
  CartFields,
  CartWrites,
  ConversationReferences,
  DirectoryReads,
  FollowUpClaim,
  FollowUpJob,
  FollowUpWrites,
  JournalWrites,
  NewApprovalRequest,
  NewCart,
  NewFollowUp,
  NewLine,
  StoredConversation,
} from '../botStore';
import { followUpSql, insertParams, toFollowUp, windowStart, type FollowUpRow } from '../followUps';
import { KeyedQueue } from '../botStore';
import { cartColumns, toCart, type CartLineTuple } from '../carts';
import { rememberConversationParams, rememberConversationSql, toStoredConversation } from '../conversations';
import { toPartner, type PartnerRow } from '../directory';
import { addCardParams, approvalSql, changeParams, createParams, toApprovalRequest, type ApprovalRow } from '../approvals';
import type { ApprovalLimit, ApprovalRequest, ApprovalState } from '../../domain/types';
import { migrations } from '../migrations';
import { inTransaction, numbered, openPool, serverOf, type PostgresOptions } from './connection';
import { migrate } from './migrate';

type Queryable = Pick<pg.Pool, 'query'>;

export class PostgresStore implements BotStore {
  readonly engine = 'postgres';
  readonly directory: PostgresDirectory;
  readonly carts: PostgresCarts;
  readonly journal: PostgresJournal;
  readonly audit: PostgresAudit;
  readonly followUps: PostgresFollowUps;
  readonly conversations: PostgresConversations;
  readonly approvals: PostgresApprovals;
  private readonly checkoutLocks: AdvisoryLocks;
  private readonly turnLocks: AdvisoryLocks;

  private constructor(
    readonly pool: pg.Pool,
    /**
     * Connections that hold locks, one pool per kind: a turn holding its conversation's lock may wait for
     * a checkout lock, never the other way round, and no holder waits for a connection of its own pool.
     */
    private readonly lockPools: { turns: pg.Pool; checkouts: pg.Pool },
  ) {
    this.checkoutLocks = new AdvisoryLocks(lockPools.checkouts, 'checkout');
    this.turnLocks = new AdvisoryLocks(lockPools.turns, 'turn');
    this.directory = new PostgresDirectory(pool);
    this.carts = new PostgresCarts(pool);
    this.journal = new PostgresJournal(pool);
    this.audit = new PostgresAudit(pool);
    this.followUps = new PostgresFollowUps(pool);
    this.conversations = new PostgresConversations(pool);
    this.approvals = new PostgresApprovals(pool);
  }

  /**
   * Connects, brings the schema to this release's version and writes the demo partners and agents when
   * there are none. An unreachable server or a newer schema: an Error whose message says which.
   */
  static async open(url: string, options: PostgresOptions & { seed?: boolean; lockWaitMs?: number } = {}): Promise<PostgresStore> {
    const pool = openPool(url, { ...options, application: 'reservations-bot' });
    // A lock waits for another instance's turn or checkout (its Partner Center calls and retries), so
    // statements on these may run, and callers wait for a free connection, longer than a query's.
    const poolMax = options.poolMax ?? 10;
    const waitMs = options.lockWaitMs ?? 120_000;
    const lockPool = (max: number, what: string) =>
      openPool(url, { ...options, poolMax: max, statementTimeoutMs: waitMs, connectTimeoutMs: waitMs, application: `reservations-bot ${what} locks` });
    const lockPools = { turns: lockPool(poolMax, 'turn'), checkouts: lockPool(Math.max(2, Math.ceil(poolMax / 2)), 'checkout') };
    const all = [pool, lockPools.turns, lockPools.checkouts];
    try {
      await migrate(pool, migrations, { seed: options.seed ?? true });
    } catch (error) {
      await Promise.all(all.map((p) => p.end()));
      throw new Error(`PostgreSQL at ${serverOf(url)}: ${(error as Error).message}`, { cause: error });
    }
    return new PostgresStore(pool, lockPools);
  }

  withCheckoutLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.checkoutLocks.run(key, fn);
  }

  /**
   * Runs a turn of conversation `key` while holding that conversation's lock: turns of one conversation
   * on different instances (a Buy storm split by the load balancer) run one after the other, each
   * loading the state the one before saved, as they do inside one process.
   */
  withTurnLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.turnLocks.run(key, fn);
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.end(), this.lockPools.turns.end(), this.lockPools.checkouts.end()]);
  }
}

/** PostgreSQL advisory locks of one kind, each held by a connection of `pool` while its function runs. */
class AdvisoryLocks {
  private readonly waiting = new KeyedQueue();

  constructor(
    private readonly pool: pg.Pool,
    private readonly kind: string,
  ) {}

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const lock = `${this.kind}:${key}`;
    // Callers in this process queue here first, so each instance holds at most one connection per key.
    return this.waiting.run(lock, async () => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        // A session lock, not a transaction: the holder's own writes commit as they go. If this
        // process dies, its connection closes and PostgreSQL releases the lock.
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lock]);
        try {
          return await fn();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lock]).catch((e: Error) => (broken = e));
        }
      } catch (error) {
        broken ??= error as Error;
        throw error;
      } finally {
        // A connection that may still hold the lock is closed, never reused: closing releases it.
        client.release(broken);
      }
    });
  }
}

/** Any constant: the lock a claim of follow-up jobs holds, so claims (and the minute's budget) go one at a time. */
const followUpClaimLock = 7_263_002;

class PostgresFollowUps implements FollowUpWrites {
  constructor(private readonly pool: pg.Pool) {}

  async add(jobs: NewFollowUp[], now: string): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const j of jobs) await client.query(numbered(followUpSql.insert), insertParams(j, now));
    });
  }

  claim({ now, leaseUntil, callsPerMinute, batch }: FollowUpClaim): Promise<FollowUpJob[]> {
    return inTransaction(this.pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [followUpClaimLock]);
      await client.query(numbered(followUpSql.forgetCalls), [windowStart(now)]);
      const used = Number((await client.query<{ n: string }>(followUpSql.callsInWindow)).rows[0]!.n);
      const claim = async (polls: number, limit: number) =>
        limit > 0 ? (await client.query<FollowUpRow>(numbered(followUpSql.claim('FOR UPDATE SKIP LOCKED')), [leaseUntil, polls, now, now, limit])).rows : [];
      const polling = await claim(1, Math.min(batch, callsPerMinute - used));
      for (let i = 0; i < polling.length; i++) await client.query(numbered(followUpSql.logCall), [now]);
      return [...polling, ...(await claim(0, batch))].map(toFollowUp);
    });
  }

  async complete(id: string, now: string, next: NewFollowUp[] = []): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(numbered(followUpSql.complete), [now, id]);
      for (const j of next) await client.query(numbered(followUpSql.insert), insertParams(j, now));
    });
  }

  async reschedule(id: string, dueAt: string, subject: Record<string, unknown>): Promise<void> {
    await this.pool.query(numbered(followUpSql.reschedule), [dueAt, JSON.stringify(subject), id]);
  }
}

class PostgresDirectory implements DirectoryReads {
  constructor(private readonly db: Queryable) {}

  async partner(id: string): Promise<Partner | undefined> {
    const { rows } = await this.db.query<PartnerRow>('SELECT * FROM partners WHERE id = $1', [id]);
    return rows[0] && toPartner(rows[0]);
  }

  /** One statement: the agent by id or by channel id, with its partner. */
  async agentAndPartnerByUserId(userId: string): Promise<{ agent: Agent; partner: Partner } | undefined> {
    const { rows } = await this.db.query<AgentRow & { partner: PartnerRow }>(
      `SELECT a.*, row_to_json(p) AS partner FROM agents a JOIN partners p ON p.id = a.partner_id
       WHERE a.id = $1 OR a.id = (SELECT agent_id FROM agent_channel_ids WHERE channel_user_id = $1)
       ORDER BY a.id = $1 DESC LIMIT 1`,
      [userId],
    );
    const r = rows[0];
    return r && { agent: toAgent(r), partner: toPartner(r.partner) };
  }

  async agents(): Promise<Agent[]> {
    const { rows } = await this.db.query<AgentRow>(`SELECT a.* FROM agents a ORDER BY a.partner_id COLLATE "C", a.display_name COLLATE "C"`);
    return rows.map(toAgent);
  }

  async accessibleSubscriptionIds(agentId: string): Promise<ReadonlySet<string>> {
    const { rows } = await this.db.query<{ subscription_id: string }>('SELECT subscription_id FROM agent_subscription_access WHERE agent_id = $1', [agentId]);
    return new Set(rows.map((r) => r.subscription_id));
  }
}

interface AgentRow {
  id: string;
  partner_id: string;
  display_name: string;
  email: string;
  role: string;
}

const toAgent = (r: AgentRow): Agent =>
  Agent.parse({ id: r.id, partnerId: r.partner_id, displayName: r.display_name, email: r.email, role: r.role });

class PostgresCarts implements CartWrites {
  constructor(private readonly pool: pg.Pool) {}

  async get(id: string): Promise<Cart | undefined> {
    const { rows } = await this.pool.query(
      `SELECT c.*, ARRAY(SELECT json_build_array(l.id, l.catalog_item_id, l.quantity, l.billing_cycle) FROM cart_lines l
                         WHERE l.cart_id = c.id ORDER BY l.id) AS lines
       FROM carts c WHERE c.id = $1`,
      [id],
    );
    const r = rows[0];
    return r && toCart(r, r.lines as CartLineTuple[]);
  }

  async open(c: NewCart, subscriptionId: string, event: AuditEvent): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO carts (id, partner_id, agent_id, customer_id, conversation_id, segment, reservation_type,
           subscription_id, scope, reseller_mpn_id, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'active', $11, $11)`,
        [c.id, c.partnerId, c.agentId, c.customerId, c.conversationId, c.segment, c.reservationType, subscriptionId, c.scope, c.resellerMpnId, c.now],
      );
      await appendEvent(client, event, c.now);
    });
  }

  async update(id: string, fields: CartFields, now: string): Promise<boolean> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    const sets = entries.map(([k], i) => `${cartColumns[k as keyof CartFields]} = $${i + 1}`);
    const n = entries.length;
    const result = await this.pool.query(
      `UPDATE carts SET ${[...sets, `updated_at = $${n + 1}`].join(', ')} WHERE id = $${n + 2} AND status = 'active'`,
      [...entries.map(([, v]) => v as string | null), now, id],
    );
    return result.rowCount === 1;
  }

  async addLine(cartId: string, line: NewLine, now: string, event: AuditEvent): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      // The cart's row lock: two adds to one cart (two instances) take line ids one after the other.
      await client.query('SELECT 1 FROM carts WHERE id = $1 FOR UPDATE', [cartId]);
      if (line.askedAfterLineId !== undefined) {
        const { rows } = await client.query<{ id: number; billing_cycle: BillingCycle }>(
          'SELECT id, billing_cycle FROM cart_lines WHERE cart_id = $1 AND id > $2 AND catalog_item_id = $3 ORDER BY id LIMIT 1',
          [cartId, line.askedAfterLineId, line.catalogItemId],
        );
        if (rows[0]) {
          await client.query('UPDATE cart_lines SET quantity = $1 WHERE cart_id = $2 AND id = $3', [line.quantity, cartId, rows[0].id]);
          return rows[0].id;
        }
      }
      let lineId = line.raiseLineId;
      if (lineId !== undefined) {
        await client.query('UPDATE cart_lines SET quantity = $1 WHERE cart_id = $2 AND id = $3', [line.quantity, cartId, lineId]);
      } else {
        const { rows } = await client.query<{ id: number }>(
          `INSERT INTO cart_lines (cart_id, id, catalog_item_id, quantity, billing_cycle)
           SELECT $1, COALESCE(MAX(id), 0) + 1, $2, $3, $4 FROM cart_lines WHERE cart_id = $1 RETURNING id`,
          [cartId, line.catalogItemId, line.quantity, line.billingCycle],
        );
        lineId = rows[0]!.id;
      }
      await client.query('UPDATE carts SET updated_at = $1 WHERE id = $2', [now, cartId]);
      await appendEvent(client, event, now);
      return lineId;
    });
  }

  async setLine(cartId: string, lineId: number, quantity: number, billingCycle: BillingCycle): Promise<void> {
    await this.pool.query('UPDATE cart_lines SET quantity = $1, billing_cycle = $2 WHERE cart_id = $3 AND id = $4', [quantity, billingCycle, cartId, lineId]);
  }

  async removeLine(cartId: string, lineId: number): Promise<void> {
    await this.pool.query('DELETE FROM cart_lines WHERE cart_id = $1 AND id = $2', [cartId, lineId]);
  }
}

class PostgresJournal implements JournalWrites {
  constructor(private readonly pool: pg.Pool) {}

  async record(idempotencyKey: string, cartId: string, orderIds: string[], now: string, events: AuditEvent[]): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      // Another instance recording the same key at once waits on the unique key, then inserts nothing.
      const inserted = await client.query(
        'INSERT INTO checkouts (idempotency_key, cart_id, order_ids, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [idempotencyKey, cartId, JSON.stringify(orderIds), now],
      );
      if (inserted.rowCount === 0) return false;
      const updated = await client.query(`UPDATE carts SET status = 'submitted', updated_at = $1 WHERE id = $2 AND status = 'active'`, [now, cartId]);
      if (updated.rowCount !== 1) throw new Error(`cart ${cartId} is not active`);
      for (const e of events) await appendEvent(client, e, now);
      return true;
    });
  }

  async orderIds(idempotencyKey: string): Promise<string[] | undefined> {
    const { rows } = await this.pool.query<{ order_ids: string }>('SELECT order_ids FROM checkouts WHERE idempotency_key = $1', [idempotencyKey]);
    return rows[0] && (JSON.parse(rows[0].order_ids) as string[]);
  }
}

class PostgresAudit implements AuditWrites {
  constructor(private readonly pool: pg.Pool) {}

  async append(e: AuditEvent, at = new Date().toISOString()): Promise<void> {
    await appendEvent(this.pool, e, at);
  }

  async list(filter: AuditFilter = {}): Promise<StoredAuditEvent[]> {
    const { rows } = await this.pool.query(
      `SELECT * FROM audit_events
       WHERE ($1::text IS NULL OR at >= $1) AND ($2::text IS NULL OR at < $2) AND ($3::text IS NULL OR customer_id = $3) AND ($4::text IS NULL OR cart_id = $4)
       ORDER BY seq`,
      [filter.since ?? null, filter.until ?? null, filter.customerId ?? null, filter.cartId ?? null],
    );
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      type: r.type,
      code: r.code ?? undefined,
      agentId: r.agent_id ?? undefined,
      partnerId: r.partner_id ?? undefined,
      customerId: r.customer_id ?? undefined,
      conversationId: r.conversation_id ?? undefined,
      cartId: r.cart_id ?? undefined,
      idempotencyKey: r.idempotency_key ?? undefined,
      detail: JSON.parse(r.detail),
    }));
  }
}

class PostgresConversations implements ConversationReferences {
  constructor(private readonly pool: pg.Pool) {}

  async remember(agentId: string, conversationId: string, channelId: string, reference: Record<string, unknown>, now: string): Promise<void> {
    await this.pool.query(rememberConversationSql((n) => `$${n}`), rememberConversationParams(agentId, conversationId, channelId, reference, now));
  }

  async ofAgent(agentId: string): Promise<StoredConversation[]> {
    const { rows } = await this.pool.query(
      'SELECT * FROM conversation_references WHERE agent_id = $1 ORDER BY updated_at DESC, conversation_id COLLATE "C"',
      [agentId],
    );
    return rows.map(toStoredConversation);
  }

  async get(conversationId: string): Promise<StoredConversation | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM conversation_references WHERE conversation_id = $1 ORDER BY updated_at DESC LIMIT 1', [conversationId]);
    return rows[0] && toStoredConversation(rows[0]);
  }
}

const approvalStatements = approvalSql((n) => `$${n}`);

class PostgresApprovals implements ApprovalWrites {
  constructor(private readonly pool: pg.Pool) {}

  async limit(partnerId: string): Promise<ApprovalLimit | undefined> {
    const { rows } = await this.pool.query<{ amount_minor: string; currency: string }>(approvalStatements.limit, [partnerId]);
    return rows[0] && { amountMinor: Number(rows[0].amount_minor), currency: rows[0].currency };
  }

  async setLimit(partnerId: string, limit: ApprovalLimit | null, agentId: string, now: string, event: AuditEvent): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      if (limit) await client.query(approvalStatements.setLimit, [partnerId, limit.amountMinor, limit.currency, agentId, now]);
      else await client.query(approvalStatements.removeLimit, [partnerId]);
      await appendEvent(client, event, now);
    });
  }

  async create(request: NewApprovalRequest, event: AuditEvent): Promise<ApprovalRequest> {
    return inTransaction(this.pool, async (client) => {
      // A second request of the same key or cart waits on the unique index, then inserts nothing.
      const inserted = await client.query(approvalStatements.create, createParams(request));
      if (inserted.rowCount === 1) await appendEvent(client, event, request.createdAt);
      const { rows } = await client.query<ApprovalRow>(approvalStatements.existing, [request.idempotencyKey, request.cartId]);
      return toApprovalRequest(rows[0]!);
    });
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const { rows } = await this.pool.query<ApprovalRow>(approvalStatements.get, [id]);
    return rows[0] && toApprovalRequest(rows[0]);
  }

  async countForCart(cartId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(approvalStatements.countForCart, [cartId]);
    return Number(rows[0]!.n);
  }

  async ofPartner(partnerId: string, state: ApprovalState): Promise<ApprovalRequest[]> {
    return (await this.pool.query<ApprovalRow>(approvalStatements.ofPartner, [partnerId, state])).rows.map(toApprovalRequest);
  }

  async due(now: string): Promise<ApprovalRequest[]> {
    return (await this.pool.query<ApprovalRow>(approvalStatements.due, [now])).rows.map(toApprovalRequest);
  }

  async addCard(card: ApprovalCard): Promise<void> {
    await this.pool.query(approvalStatements.addCard, addCardParams(card));
  }

  async cards(approvalId: string): Promise<ApprovalCard[]> {
    return (await this.pool.query<ApprovalCard>(approvalStatements.cards, [approvalId])).rows;
  }

  async change(id: string, from: ApprovalState, change: ApprovalChange, now: string, event: AuditEvent): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      const updated = await client.query(approvalStatements.change, changeParams(id, from, change, now));
      if (updated.rowCount !== 1) return false;
      await appendEvent(client, event, now);
      return true;
    });
  }
}

async function appendEvent(db: Queryable, e: AuditEvent, at: string): Promise<void> {
  await db.query(
    `INSERT INTO audit_events (at, type, code, agent_id, partner_id, customer_id, conversation_id, cart_id, idempotency_key, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [at, e.type, e.code ?? null, e.agentId ?? null, e.partnerId ?? null, e.customerId ?? null, e.conversationId ?? null, e.cartId ?? null, e.idempotencyKey ?? null, JSON.stringify(e.detail ?? {})],
  );
}
