// Partners, agents, resellers, customers and subscriptions as stored; rows mapped to domain types.
import { statement, type Db } from './db';
import { storeVersions, VersionedCache } from './versionedCache';
import {
  Agent,
  Customer,
  Partner,
  Reseller,
  Subscription,
  type Segment,
} from '../domain/types';

interface CustomerRow {
  id: string;
  partner_id: string;
  company_name: string;
  domain: string;
  tenant_id: string;
  country: string;
  agreement: string;
  qualifications: string;
  reseller_mpn_id: string | null;
}

interface SubscriptionRow {
  id: string;
  customer_id: string;
  offer_id: string;
  kind: string;
  friendly_name: string;
  status: string;
  billing_type: string;
  registration_status: string;
}

const toCustomer = (r: CustomerRow): Customer =>
  Customer.parse({
    id: r.id,
    partnerId: r.partner_id,
    companyName: r.company_name,
    domain: r.domain,
    tenantId: r.tenant_id,
    country: r.country,
    agreement: r.agreement,
    qualifications: JSON.parse(r.qualifications) as Segment[],
    resellerMpnId: r.reseller_mpn_id,
  });

const toSubscription = (r: SubscriptionRow): Subscription =>
  Subscription.parse({
    id: r.id,
    customerId: r.customer_id,
    offerId: r.offer_id,
    kind: r.kind,
    friendlyName: r.friendly_name,
    status: r.status,
    billingType: r.billing_type,
    registrationStatus: r.registration_status,
  });

/** Escapes LIKE wildcards so a search for "50%" or "a_b" matches literally. */
const likeContains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The longest customer search run: a domain name has at most 253 characters, a company name fewer. */
export const maxCustomerQueryLength = 256;

/**
 * Lookups by id are cached until any directory row changes (versionedCache.ts): every turn resolves its
 * agent and partner, and most read the customer and subscription (bench/README.md, profile).
 */
export class Directory {
  private readonly cache: VersionedCache;

  constructor(private readonly db: Db) {
    this.cache = new VersionedCache(db, storeVersions.directory, { cacheMisses: true, maxEntries: 10_000 });
  }

  partner(id: string): Partner | undefined {
    return this.cache.get(`partner:${id}`, () => this.readPartner(id));
  }

  private readPartner(id: string): Partner | undefined {
    const r = statement(this.db, 'SELECT * FROM partners WHERE id = ?').get(id) as
      | { id: string; name: string; kind: string; country: string; is_csp: number; mpn_id: string }
      | undefined;
    return r && Partner.parse({ id: r.id, name: r.name, kind: r.kind, country: r.country, isCsp: r.is_csp === 1, mpnId: r.mpn_id });
  }

  /**
   * Resolves a channel user (Teams' aadObjectId is the agent id; other channels map from.id) to the agent
   * and the agent's partner: every turn asks, so one cached lookup.
   */
  agentAndPartnerByUserId(userId: string): { agent: Agent; partner: Partner } | undefined {
    return this.cache.get(`agentAndPartner:${userId}`, () => {
      const agent = this.readAgentByUserId(userId);
      const partner = agent && this.readPartner(agent.partnerId);
      return agent && partner ? { agent, partner } : undefined;
    });
  }

  /** One statement: the agent id first, then the channel id, with the agent's channel ids. */
  private readAgentByUserId(userId: string): Agent | undefined {
    const r = statement(
      this.db,
      `SELECT * FROM (SELECT ${agentColumns} FROM agents a WHERE a.id = ?
       UNION ALL SELECT ${agentColumns} FROM agent_channel_ids c JOIN agents a ON a.id = c.agent_id WHERE c.channel_user_id = ?) LIMIT 1`,
    ).get(userId, userId) as AgentRow | undefined;
    return r && toAgent(r);
  }

  agents(): Agent[] {
    return (statement(this.db, `SELECT ${agentColumns} FROM agents a ORDER BY a.partner_id, a.display_name`).all() as AgentRow[]).map(toAgent);
  }

  accessibleSubscriptionIds(agentId: string): ReadonlySet<string> {
    return this.cache.get(`access:${agentId}`, () => this.readAccessibleSubscriptionIds(agentId));
  }

  private readAccessibleSubscriptionIds(agentId: string): ReadonlySet<string> {
    const rows = statement(this.db, 'SELECT subscription_id FROM agent_subscription_access WHERE agent_id = ?').all(agentId) as {
      subscription_id: string;
    }[];
    return new Set(rows.map((r) => r.subscription_id));
  }

  resellers(partnerId: string): Reseller[] {
    return this.cache.get(`resellers:${partnerId}`, () => this.readResellers(partnerId));
  }

  private readResellers(partnerId: string): Reseller[] {
    return (
      statement(this.db, 'SELECT * FROM resellers WHERE partner_id = ? ORDER BY name').all(partnerId) as {
        mpn_id: string;
        partner_id: string;
        name: string;
      }[]
    ).map((r) => Reseller.parse({ mpnId: r.mpn_id, partnerId: r.partner_id, name: r.name }));
  }

  /** Customers of one partner whose name or domain contains the query (all when empty), by name. */
  searchCustomers(partnerId: string, query: string, limit: number): { customers: Customer[]; total: number } {
    // Every purchase starts with this list (the empty query): cached like the lookups by id.
    return this.cache.get(`customers:${JSON.stringify([partnerId, query, limit])}`, () => this.readCustomerSearch(partnerId, query, limit));
  }

  private readCustomerSearch(partnerId: string, query: string, limit: number): { customers: Customer[]; total: number } {
    // Longer than any company name or domain: matches nothing (and SQLite refuses LIKE patterns over 50,000 bytes).
    if (query.trim().length > maxCustomerQueryLength) return { customers: [], total: 0 };
    const pattern = likeContains(query.trim());
    const where = `partner_id = ? AND (company_name LIKE ? ESCAPE '\\' OR domain LIKE ? ESCAPE '\\')`;
    const total = (statement(this.db, `SELECT COUNT(*) AS n FROM customers WHERE ${where}`).get(partnerId, pattern, pattern) as { n: number }).n;
    const rows = statement(this.db, `SELECT * FROM customers WHERE ${where} ORDER BY company_name COLLATE NOCASE LIMIT ?`)
      .all(partnerId, pattern, pattern, limit) as CustomerRow[];
    return { customers: rows.map(toCustomer), total };
  }

  customer(id: string): Customer | undefined {
    return this.cache.get(`customer:${id}`, () => this.readCustomer(id));
  }

  private readCustomer(id: string): Customer | undefined {
    const r = statement(this.db, 'SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
    return r && toCustomer(r);
  }

  subscriptions(customerId: string): Subscription[] {
    return this.cache.get(`subscriptions:${customerId}`, () => this.readSubscriptions(customerId));
  }

  private readSubscriptions(customerId: string): Subscription[] {
    return (
      statement(this.db, 'SELECT * FROM subscriptions WHERE customer_id = ? ORDER BY created_at, id').all(customerId) as SubscriptionRow[]
    ).map(toSubscription);
  }

  subscription(id: string): Subscription | undefined {
    return this.cache.get(`subscription:${id}`, () => this.readSubscription(id));
  }

  private readSubscription(id: string): Subscription | undefined {
    const r = statement(this.db, 'SELECT * FROM subscriptions WHERE id = ?').get(id) as SubscriptionRow | undefined;
    return r && toSubscription(r);
  }

  insertSubscription(s: Subscription, createdAt: string): void {
    statement(
      this.db,
      `INSERT INTO subscriptions (id, customer_id, offer_id, kind, friendly_name, status, billing_type, registration_status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
      .run(s.id, s.customerId, s.offerId, s.kind, s.friendlyName, s.status, s.billingType, s.registrationStatus, createdAt);
  }

  setRegistrationStatus(subscriptionId: string, status: Subscription['registrationStatus']): void {
    statement(this.db, 'UPDATE subscriptions SET registration_status = ? WHERE id = ?').run(status, subscriptionId);
  }
}

interface AgentRow {
  id: string;
  partner_id: string;
  display_name: string;
  email: string;
  role: string;
  /** JSON array, sorted. */
  channel_user_ids: string;
}

const agentColumns = `a.*, (SELECT json_group_array(channel_user_id) FROM
  (SELECT channel_user_id FROM agent_channel_ids WHERE agent_id = a.id ORDER BY 1)) AS channel_user_ids`;

const toAgent = (r: AgentRow): Agent =>
  Agent.parse({
    id: r.id,
    partnerId: r.partner_id,
    displayName: r.display_name,
    email: r.email,
    role: r.role,
    channelUserIds: JSON.parse(r.channel_user_ids) as string[],
  });
