// The store's versions on PostgreSQL: the same list as SQLite's (src/store/migrations.ts), each version
// in its own transaction, under an advisory lock so that instances starting together migrate once.
import type pg from 'pg';
import { refuseNewerSchema } from '../db';
import type { StoreMigration } from '../migrations';
import { demoDirectory } from '../seed';
import { inTransaction } from './connection';

/** Any constant: the lock every instance takes while it migrates and seeds. */
const migrationLock = 7_263_001;

export async function migrate(pool: pg.Pool, migrations: StoreMigration[], { seed }: { seed: boolean }): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLock]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
    const current = (await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations')).rows[0]!.v ?? 0;
    if (current > 0 && current < migrations[0]!.version) throw new Error(`the database is at version ${current}, older than this release can open`);
    refuseNewerSchema(current, migrations);
    for (const m of migrations) {
      if (m.version <= current) continue;
      await client.query(m.postgres);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
    }
    if (seed) await seedDemoAgents(client);
  });
}

/** The demo partners, agents and subscription access (src/store/seed.ts), when the store has no partner yet. */
async function seedDemoAgents(client: pg.PoolClient): Promise<void> {
  if ((await client.query('SELECT 1 FROM partners LIMIT 1')).rowCount) return;
  const { partners, agents, subscriptionAccess } = demoDirectory;
  for (const p of partners) {
    await client.query('INSERT INTO partners (id, name, kind, country, is_csp, mpn_id) VALUES ($1, $2, $3, $4, $5, $6)', [p.id, p.name, p.kind, p.country, p.isCsp, p.mpnId]);
  }
  for (const a of agents) {
    await client.query('INSERT INTO agents (id, partner_id, display_name, email, role) VALUES ($1, $2, $3, $4, $5)', [a.id, a.partnerId, a.displayName, a.email, a.role]);
    await client.query('INSERT INTO agent_channel_ids (channel_user_id, agent_id) VALUES ($1, $2)', [a.channel, a.id]);
  }
  for (const [agentId, subscriptionIds] of subscriptionAccess) {
    for (const s of subscriptionIds) await client.query('INSERT INTO agent_subscription_access (agent_id, subscription_id) VALUES ($1, $2)', [agentId, s]);
  }
}
