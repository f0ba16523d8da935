// Connections to the PostgreSQL server that several bot instances share: a bounded pool, a statement
// timeout on every connection, and errors of idle connections logged rather than crashing the process
// (node-postgres emits them on the pool: https://node-postgres.com/apis/pool#error).
import pg from 'pg';

export interface PostgresOptions {
  /** At most this many connections per pool (the store's queries; the checkout locks have their own). */
  poolMax?: number;
  /** A statement running longer is cancelled (SQLSTATE 57014): the turn says the database is busy. */
  statementTimeoutMs?: number;
  /** How long a query waits to connect (or for a free connection) before it fails as unreachable. */
  connectTimeoutMs?: number;
  log?: (line: string) => void;
}

export function openPool(url: string, options: PostgresOptions & { application: string }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolMax ?? 10,
    statement_timeout: options.statementTimeoutMs ?? 5000,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    application_name: options.application,
  });
  pool.on('error', (error) => options.log?.(`[postgres] an idle connection failed: ${error.message}`));
  return pool;
}

/** Runs `fn` on one connection inside BEGIN … COMMIT; any error rolls it back (and is rethrown). */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
    throw error;
  } finally {
    // A connection whose ROLLBACK failed is not handed out again.
    client.release(broken);
  }
}

/** `?` placeholders numbered as PostgreSQL takes them ($1, $2, …): one statement text for both engines. */
export const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** The server the URL names, without its password, for messages. */
export function serverOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the DATABASE_URL server';
  }
}
