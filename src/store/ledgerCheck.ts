// The ledger's invariants, checked over the whole file: what "no half-written cart or order" and "never
// bought twice" mean in rows. Empty when all hold. Used by the fault tests and the soak (test/e2e/soak.ts).
import type { Db } from './db';

const checks: { problem: string; sql: string }[] = [
  { problem: 'order without lines', sql: `SELECT o.id AS id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)` },
  {
    problem: 'order total is not the sum of its lines',
    sql: `SELECT o.id AS id FROM orders o WHERE o.total_minor <> (SELECT COALESCE(SUM(l.total_minor), 0) FROM order_lines l WHERE l.order_id = o.id)`,
  },
  { problem: 'checkout without orders', sql: `SELECT c.idempotency_key AS id FROM checkouts c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.idempotency_key = c.idempotency_key)` },
  { problem: 'order of another cart than its checkout', sql: `SELECT o.id AS id FROM orders o JOIN checkouts c ON c.idempotency_key = o.idempotency_key WHERE c.cart_id <> o.cart_id` },
  { problem: 'checked-out cart not marked submitted', sql: `SELECT c.cart_id AS id FROM checkouts c JOIN carts k ON k.id = c.cart_id WHERE k.status <> 'submitted'` },
  { problem: 'submitted cart without a checkout', sql: `SELECT k.id AS id FROM carts k WHERE k.status = 'submitted' AND NOT EXISTS (SELECT 1 FROM checkouts c WHERE c.cart_id = k.id)` },
  { problem: 'cart with more than one checkout', sql: `SELECT cart_id AS id FROM checkouts GROUP BY cart_id HAVING COUNT(*) > 1` },
  { problem: 'cart with two orders for one billing group', sql: `SELECT cart_id AS id FROM orders GROUP BY cart_id, order_group HAVING COUNT(*) > 1` },
  { problem: 'cart without a subscription', sql: `SELECT id FROM carts WHERE subscription_id IS NULL` },
  { problem: 'cart line with a quantity below 1', sql: `SELECT cart_id || '#' || id AS id FROM cart_lines WHERE quantity < 1` },
];

export function ledgerProblems(db: Db): string[] {
  return checks.flatMap(({ problem, sql }) => (db.prepare(sql).all() as { id: string }[]).map((r) => `${problem}: ${r.id}`));
}
