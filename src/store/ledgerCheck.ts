// The ledger's invariants: what "no half-written cart" and "never bought twice" mean in the bot's rows,
// and the checkout journal against the orders Partner Center holds for each request id. Empty when all
// hold. Used by the fault tests and the soak (test/e2e/soak.ts).
import type { Db } from './db';

const checks: { problem: string; sql: string }[] = [
  { problem: 'checkout without orders', sql: `SELECT idempotency_key AS id FROM checkouts WHERE order_ids = '[]'` },
  { problem: 'checked-out cart not marked submitted', sql: `SELECT c.cart_id AS id FROM checkouts c JOIN carts k ON k.id = c.cart_id WHERE k.status <> 'submitted'` },
  { problem: 'submitted cart without a checkout', sql: `SELECT k.id AS id FROM carts k WHERE k.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM checkouts c WHERE c.cart_id = k.id)` },
  { problem: 'cart without a subscription', sql: `SELECT id FROM carts WHERE subscription_id IS NULL` },
  { problem: 'cart line with a quantity below 1', sql: `SELECT cart_id || '#' || id AS id FROM cart_lines WHERE quantity < 1` },
];

/**
 * `ordersByRequest`: Partner Center's order ids by the request id (MS-RequestId) they were placed with.
 * Each journal entry must name exactly those orders. Orders of a cart the journal does not know yet are
 * an answer the bot has not received (a timeout, a kill): the cart's next look records them.
 */
export function ledgerProblems(db: Db, ordersByRequest: ReadonlyMap<string, readonly string[]>): string[] {
  return problemsOf((sql) => db.prepare(sql).all() as Row[], ordersByRequest);
}

/** The same checks on either engine: `rows` runs a query (the SQL is both SQLite's and PostgreSQL's). */
export async function ledgerProblemsOf(rows: (sql: string) => Promise<Row[]>, ordersByRequest: ReadonlyMap<string, readonly string[]>): Promise<string[]> {
  const answers = new Map<string, Row[]>();
  for (const sql of [...checks.map((c) => c.sql), journalSql]) answers.set(sql, await rows(sql));
  return problemsOf((sql) => answers.get(sql)!, ordersByRequest);
}

type Row = Record<string, string>;
const journalSql = 'SELECT idempotency_key AS key, order_ids AS ids FROM checkouts';

function problemsOf(rows: (sql: string) => Row[], ordersByRequest: ReadonlyMap<string, readonly string[]>): string[] {
  const problems = checks.flatMap(({ problem, sql }) => rows(sql).map((r) => `${problem}: ${r.id}`));
  const journal = new Map(rows(journalSql).map((r) => [r.key!, JSON.parse(r.ids!) as string[]]));
  for (const [key, ids] of journal) {
    const ordered = ordersByRequest.get(key) ?? [];
    if ([...ids].sort().join() !== [...ordered].sort().join()) problems.push(`journal's orders are not Partner Center's: ${key}`);
  }
  return problems;
}
