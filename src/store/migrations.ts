// The bot's own tables: the partners it serves and their agents, carts, the checkout journal, the audit
// trail and bot state. Partner Center's data (customers, subscriptions, catalog, orders) is not here: a
// cart names those by their Partner Center ids, as plain text. One list for both engines: each version
// carries its SQLite and its PostgreSQL text. Never edit a migration that has shipped: add the next one.
import type { Migration } from './db';

/** A version of the bot's store: `sql` for SQLite, `postgres` for PostgreSQL. */
export interface StoreMigration extends Migration {
  postgres: string;
}

/** The REST gateway's memory of its checkouts (src/partnerCenter/rest/journal.ts). */
const restJournalTables = `
CREATE TABLE IF NOT EXISTS pc_rest_checkouts (
  request_id TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  state TEXT NOT NULL,
  record TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pc_rest_checkouts_cart ON pc_rest_checkouts(cart_id, updated_at);
CREATE TABLE IF NOT EXISTS pc_rest_orders (
  order_id TEXT PRIMARY KEY,
  request_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  partner_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pc_rest_catalog_markets (
  catalog_item_id TEXT PRIMARY KEY,
  market TEXT NOT NULL
);`;

/**
 * The version of each checkout record, which a conditional write compares (so two instances never both
 * send a checkout); a record written before it counts as version 1.
 */
const restJournalVersion = `ALTER TABLE pc_rest_checkouts ADD COLUMN version INTEGER NOT NULL DEFAULT 1;`;

const agentSubscriptionAccess = `
-- R3: Sales and Helpdesk agents buy only against subscriptions they were given access to.
CREATE TABLE agent_subscription_access (
  agent_id TEXT NOT NULL REFERENCES agents(id),
  subscription_id TEXT NOT NULL,
  PRIMARY KEY (agent_id, subscription_id)
);`;

const cartTables = `
CREATE TABLE carts (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  customer_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  segment TEXT NOT NULL,
  reservation_type TEXT NOT NULL,
  subscription_id TEXT,
  scope TEXT NOT NULL,
  reseller_mpn_id TEXT,
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE cart_lines (
  cart_id TEXT NOT NULL REFERENCES carts(id),
  id INTEGER NOT NULL,
  catalog_item_id TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  billing_cycle TEXT NOT NULL,
  PRIMARY KEY (cart_id, id)
);
-- The checkout journal: one row per idempotency key (the cart id, Partner Center's MS-RequestId) once
-- Partner Center has answered with orders; order_ids is their JSON array.
CREATE TABLE checkouts (
  idempotency_key TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL UNIQUE REFERENCES carts(id),
  order_ids TEXT NOT NULL,
  created_at TEXT NOT NULL
);`;

const directoryTables = `
CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirectProvider')),
  country TEXT NOT NULL,
  is_csp INTEGER NOT NULL,
  mpn_id TEXT NOT NULL
);
CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL
);
CREATE TABLE agent_channel_ids (
  channel_user_id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id)
);
${agentSubscriptionAccess}`;

/**
 * The Bot Framework conversation reference (JSON) of each conversation an agent talks to the bot in, so
 * that the bot can write there later unasked (a proactive message). `collate`: PostgreSQL compares the
 * ISO timestamps byte by byte, as SQLite does.
 */
const conversationReferences = (collate: string) => `
CREATE TABLE conversation_references (
  agent_id TEXT NOT NULL REFERENCES agents(id),
  conversation_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  reference TEXT NOT NULL,
  updated_at TEXT${collate} NOT NULL,
  PRIMARY KEY (agent_id, conversation_id)
);
CREATE INDEX conversation_references_conversation ON conversation_references(conversation_id, updated_at);
`;

/**
 * A partner's approval limit (none: no approval needed) and the approval requests of carts above it:
 * one row per request, its idempotency key unique, at most one waiting per cart. unit_prices and
 * order_ids are JSON arrays. `collate` as above.
 */
const approvalTables = (collate: string) => `
CREATE TABLE approval_limits (
  partner_id TEXT PRIMARY KEY REFERENCES partners(id),
  amount_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  set_by TEXT NOT NULL REFERENCES agents(id),
  updated_at TEXT NOT NULL
);
CREATE TABLE approval_requests (
  id TEXT PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  cart_id TEXT NOT NULL REFERENCES carts(id),
  partner_id TEXT NOT NULL REFERENCES partners(id),
  customer_id TEXT NOT NULL,
  buyer_agent_id TEXT NOT NULL REFERENCES agents(id),
  buyer_conversation_id TEXT NOT NULL,
  total_minor BIGINT NOT NULL,
  currency TEXT NOT NULL,
  unit_prices TEXT NOT NULL,
  reseller_confirmed TEXT,
  state TEXT NOT NULL,
  decided_by TEXT REFERENCES agents(id),
  reason TEXT,
  order_ids TEXT NOT NULL,
  created_at TEXT${collate} NOT NULL,
  expires_at TEXT${collate} NOT NULL,
  updated_at TEXT${collate} NOT NULL
);
CREATE UNIQUE INDEX approval_requests_one_pending ON approval_requests(cart_id) WHERE state = 'pending';
CREATE INDEX approval_requests_partner ON approval_requests(partner_id, state, created_at);
`;

/**
 * Where each approval card was sent (the approvers' conversations, the id the channel gave the message):
 * what a decision replaces with its one-line outcome where the channel lets the bot update its messages.
 */
const approvalCards = (collate: string) => `
CREATE TABLE approval_cards (
  approval_id TEXT NOT NULL REFERENCES approval_requests(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  conversation_id TEXT NOT NULL,
  activity_id TEXT NOT NULL,
  sent_at TEXT${collate} NOT NULL,
  PRIMARY KEY (approval_id, conversation_id, activity_id)
);
`;

export const migrations: StoreMigration[] = [
  {
    version: 7,
    name: "the bot's own tables",
    sql: `
${directoryTables}
${cartTables}
-- Append-only: nothing updates or deletes audit events.
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  code TEXT,
  agent_id TEXT,
  partner_id TEXT,
  customer_id TEXT,
  conversation_id TEXT,
  cart_id TEXT,
  idempotency_key TEXT,
  detail TEXT NOT NULL
);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
-- botbuilder Storage: one JSON document per key with its eTag.
CREATE TABLE bot_state (
  key TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
${restJournalTables}
`,
    // The same tables; the REST gateway's journal comes at version 13.
    postgres: `
${directoryTables}
${cartTables}
-- Append-only: the database itself refuses updates, deletes and truncation of audit events.
CREATE TABLE audit_events (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at TEXT COLLATE "C" NOT NULL, -- ISO timestamps, compared as the SQLite store compares them: byte by byte
  type TEXT NOT NULL,
  code TEXT,
  agent_id TEXT,
  partner_id TEXT,
  customer_id TEXT,
  conversation_id TEXT,
  cart_id TEXT,
  idempotency_key TEXT,
  detail TEXT NOT NULL
);
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
-- botbuilder Storage: the key as its UTF-8 bytes (a key may hold U+0000, which TEXT cannot), found by its
-- hash (a key may be longer than an index entry can be).
CREATE TABLE bot_state (
  key BYTEA NOT NULL,
  key_hash BYTEA GENERATED ALWAYS AS (sha256(key)) STORED PRIMARY KEY,
  etag TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
  },
  {
    version: 8,
    name: 'where each agent talks to the bot',
    sql: conversationReferences(''),
    postgres: conversationReferences(' COLLATE "C"'),
  },
  {
    version: 9,
    name: 'follow-up jobs',
    sql: followUpTables('TEXT'),
    postgres: followUpTables('TEXT COLLATE "C"'),
  },
  {
    version: 10,
    name: 'four eyes above an approval limit',
    sql: approvalTables(''),
    postgres: approvalTables(' COLLATE "C"'),
  },
  {
    version: 11,
    name: 'where the approval cards were sent',
    sql: approvalCards(''),
    postgres: approvalCards(' COLLATE "C"'),
  },
  {
    version: 12,
    name: "an agent's channel ids found by the agent",
    // An agent's channel ids by agent: the foreign key to agents is checked through it when an agent is
    // removed, instead of a scan of every agent's ids.
    sql: 'CREATE INDEX agent_channel_ids_agent ON agent_channel_ids(agent_id, channel_user_id);',
    postgres: 'CREATE INDEX agent_channel_ids_agent ON agent_channel_ids(agent_id, channel_user_id);',
  },
  {
    version: 13,
    name: "the REST gateway's journal on PostgreSQL too, each checkout with a version",
    sql: restJournalVersion,
    postgres: `${restJournalTables}
${restJournalVersion}
ALTER TABLE pc_rest_checkouts ALTER COLUMN updated_at TYPE TEXT COLLATE "C";`,
  },
];

/**
 * The background follow-ups (src/purchase/followUp.ts): one row per thing to look at again, claimed by one
 * worker at a time through its lease, and the Partner Center calls of the last minute, which pace them.
 * Timestamps are ISO text, compared byte by byte on both engines.
 */
function followUpTables(timestamp: string): string {
  return `
CREATE TABLE follow_ups (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  locale TEXT,
  subject TEXT NOT NULL,
  polls INTEGER NOT NULL, -- 1: a run asks Partner Center once (paced by follow_up_calls); 0: it asks nothing
  due_at ${timestamp} NOT NULL,
  lease_until ${timestamp},
  created_at ${timestamp} NOT NULL,
  done_at ${timestamp}
);
CREATE INDEX follow_ups_due ON follow_ups(due_at) WHERE done_at IS NULL;
CREATE TABLE follow_up_calls (
  at ${timestamp} NOT NULL
);
CREATE INDEX follow_up_calls_at ON follow_up_calls(at);
`;
}

/**
 * Versions 1 to 6 kept the embedded Partner Center's tables in this file too, with foreign keys from
 * carts into them. This brings such a file to version 7: partners, agents, the audit trail and bot state
 * stay as they are; carts, their lines and the access list are rebuilt without those foreign keys; each
 * checkout keeps the ids of the orders it became; Partner Center's tables go (the embedded Partner
 * Center copies them into its own file first: src/partnerCenter/local/index.ts).
 */
export const upgradeFromCombinedFile: Migration = {
  version: 7,
  name: "the bot's own tables, Partner Center's moved to their own file",
  sql: `
ALTER TABLE agent_subscription_access RENAME TO old_agent_subscription_access;
ALTER TABLE carts RENAME TO old_carts;
ALTER TABLE cart_lines RENAME TO old_cart_lines;
ALTER TABLE checkouts RENAME TO old_checkouts;
${agentSubscriptionAccess}
${cartTables}
INSERT INTO agent_subscription_access SELECT agent_id, subscription_id FROM old_agent_subscription_access;
INSERT INTO carts SELECT id, partner_id, agent_id, customer_id, conversation_id, segment, reservation_type, subscription_id, scope,
  reseller_mpn_id, status, created_at, updated_at FROM old_carts;
INSERT INTO cart_lines SELECT cart_id, id, catalog_item_id, quantity, billing_cycle FROM old_cart_lines;
INSERT INTO checkouts SELECT k.idempotency_key, k.cart_id,
  (SELECT json_group_array(id) FROM (SELECT o.id FROM orders o WHERE o.idempotency_key = k.idempotency_key ORDER BY o.order_group)),
  k.created_at FROM old_checkouts k;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE old_checkouts;
DROP TABLE old_cart_lines;
DROP TABLE old_carts;
DROP TABLE old_agent_subscription_access;
DROP TABLE subscriptions;
DROP TABLE customers;
DROP TABLE resellers;
DROP TABLE availabilities;
DROP TABLE skus;
DROP TABLE products;
DROP TABLE reservation_types;
DROP TABLE IF EXISTS inventory_restrictions;
DROP TABLE IF EXISTS sku_names;
-- The version triggers of the read caches (version 6) on the tables that stay.
${['partners', 'agents', 'agent_channel_ids']
  .flatMap((t) => ['insert', 'update', 'delete'].map((op) => `DROP TRIGGER IF EXISTS ${t}_version_${op};`))
  .join('\n')}
DROP TABLE IF EXISTS store_versions;
${restJournalTables}
`,
};
