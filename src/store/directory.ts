// The partners the bot serves, their agents and the subscriptions each agent may buy against (R3).
import { statement, type Db } from './db';
import { Agent, Partner } from '../domain/types';

export class Directory {
  constructor(private readonly db: Db) {}

  partner(id: string): Partner | undefined {
    const r = statement(this.db, 'SELECT * FROM partners WHERE id = ?').get(id) as
      | { id: string; name: string; kind: string; country: string; is_csp: number; mpn_id: string }
      | undefined;
    return r && Partner.parse({ id: r.id, name: r.name, kind: r.kind, country: r.country, isCsp: r.is_csp === 1, mpnId: r.mpn_id });
  }

  /** Resolves a channel user (Teams' aadObjectId is the agent id; other channels map from.id) to the agent and the agent's partner. */
  agentAndPartnerByUserId(userId: string): { agent: Agent; partner: Partner } | undefined {
    const agent = this.agentByUserId(userId);
    const partner = agent && this.partner(agent.partnerId);
    return agent && partner ? { agent, partner } : undefined;
  }

  /** One statement: the agent id first, then the channel id, with the agent's channel ids. */
  private agentByUserId(userId: string): Agent | undefined {
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

  /** The Partner Center subscription ids this agent was given access to. */
  accessibleSubscriptionIds(agentId: string): ReadonlySet<string> {
    const rows = statement(this.db, 'SELECT subscription_id FROM agent_subscription_access WHERE agent_id = ?').all(agentId) as {
      subscription_id: string;
    }[];
    return new Set(rows.map((r) => r.subscription_id));
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
