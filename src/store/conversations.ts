// Where each agent talks to the bot: the Bot Framework conversation reference of every conversation an
// agent wrote in, refreshed on each of their messages, so that the bot can write there later unasked.
import { statement, type Db } from './db';
import type { ConversationReferences, StoredConversation } from './botStore';

interface ConversationRow {
  agent_id: string;
  conversation_id: string;
  channel_id: string;
  reference: string;
  updated_at: string;
}

/**
 * Both engines' upsert: the latest reference of the conversation for this agent. An unchanged reference is
 * rewritten only when its time is a minute old, so most turns write nothing: "where the agent talked last"
 * needs no finer clock. Parameters: agent, conversation, channel, reference, now, now less a minute.
 */
export const rememberConversationSql = (p: (n: number) => string) => `
INSERT INTO conversation_references (agent_id, conversation_id, channel_id, reference, updated_at) VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})
ON CONFLICT (agent_id, conversation_id) DO UPDATE SET channel_id = excluded.channel_id, reference = excluded.reference, updated_at = excluded.updated_at
WHERE conversation_references.reference <> excluded.reference OR conversation_references.channel_id <> excluded.channel_id
   OR conversation_references.updated_at < ${p(6)}`;

/** The upsert's parameters for `now` (ISO). */
export const rememberConversationParams = (agentId: string, conversationId: string, channelId: string, reference: Record<string, unknown>, now: string) => [
  agentId,
  conversationId,
  channelId,
  JSON.stringify(reference),
  now,
  new Date(Date.parse(now) - 60_000).toISOString(),
];

export const toStoredConversation = (r: ConversationRow): StoredConversation => ({
  agentId: r.agent_id,
  conversationId: r.conversation_id,
  channelId: r.channel_id,
  reference: JSON.parse(r.reference) as Record<string, unknown>,
  updatedAt: r.updated_at,
});

export class ConversationStore implements ConversationReferences {
  constructor(private readonly db: Db) {}

  remember(agentId: string, conversationId: string, channelId: string, reference: Record<string, unknown>, now: string): void {
    statement(this.db, rememberConversationSql(() => '?')).run(...rememberConversationParams(agentId, conversationId, channelId, reference, now));
  }

  ofAgent(agentId: string): StoredConversation[] {
    const rows = statement(this.db, 'SELECT * FROM conversation_references WHERE agent_id = ? ORDER BY updated_at DESC, conversation_id').all(agentId);
    return (rows as ConversationRow[]).map(toStoredConversation);
  }

  get(conversationId: string): StoredConversation | undefined {
    const row = statement(this.db, 'SELECT * FROM conversation_references WHERE conversation_id = ? ORDER BY updated_at DESC LIMIT 1').get(conversationId);
    return row ? toStoredConversation(row as ConversationRow) : undefined;
  }
}
