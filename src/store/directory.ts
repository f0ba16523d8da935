// The partners the bot serves, their agents and the subscriptions each agent may buy against (R3).
import { statement, type Db } from './db';
import { Agent, Partner } from '../domain/types';

export class Directory {
  constructor(private readonly db: Db) {}

  partner(id: string): Partner | undefined {
    const r = statement(this.db, 'SELECT * FROM partners WHERE id = ?').get(id) as PartnerRow | undefined;
    return r && toPartner(r);
  }

  /** Resolves a channel user (Teams' aadObjectId is the agent id; other channels map from.id) to the agent and the agent's partner. */
  agentAndPartnerByUserId(userId: string): { agent: Agent; partner: Partner } | undefined {
    // One statement on every turn: the agent by id first, then by channel id, with its partner.
    const r = statement(
      this.db,
      `SELECT agent.*, ${partnerColumns} FROM (SELECT a.* FROM agents a WHERE a.id = ?
       UNION ALL SELECT a.* FROM agent_channel_ids c JOIN agents a ON a.id = c.agent_id WHERE c.channel_user_id = ? LIMIT 1) agent
       JOIN partners p ON p.id = agent.partner_id`,
    ).get(userId, userId) as (AgentRow & PartnerColumns) | undefined;
    return r && { agent: toAgent(r), partner: toPartner({ id: r.partner_id, name: r.p_name, kind: r.p_kind, country: r.p_country, is_csp: r.p_is_csp, mpn_id: r.p_mpn_id }) };
  }

  agents(): Agent[] {
    return (statement(this.db, `SELECT a.* FROM agents a ORDER BY a.partner_id, a.display_name`).all() as AgentRow[]).map(toAgent);
  }

  /** The Partner Center subscription ids this agent was given access to. */
  accessibleSubscriptionIds(agentId: string): ReadonlySet<string> {
    const rows = statement(this.db, 'SELECT subscription_id FROM agent_subscription_access WHERE agent_id = ?').all(agentId) as {
      subscription_id: string;
    }[];
    return new Set(rows.map((r) => r.subscription_id));
  }
}

/** A partners row, on both engines. */
export interface PartnerRow {
  id: string;
  name: string;
  kind: string;
  country: string;
  is_csp: number;
  mpn_id: string;
}

export const toPartner = (r: PartnerRow): Partner =>
  Partner.parse({ id: r.id, name: r.name, kind: r.kind, country: r.country, isCsp: r.is_csp === 1, mpnId: r.mpn_id });

/** The agent's partner beside the agent's own columns. */
const partnerColumns = 'p.name AS p_name, p.kind AS p_kind, p.country AS p_country, p.is_csp AS p_is_csp, p.mpn_id AS p_mpn_id';

interface PartnerColumns {
  p_name: string;
  p_kind: string;
  p_country: string;
  p_is_csp: number;
  p_mpn_id: string;
}

interface AgentRow {
  id: string;
  partner_id: string;
  display_name: string;
  email: string;
  role: string;
}

const toAgent = (r: AgentRow): Agent =>
  Agent.parse({
    id: r.id,
    partnerId: r.partner_id,
    displayName: r.display_name,
    email: r.email,
    role: r.role,
  });
