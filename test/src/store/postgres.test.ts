// The store on PostgreSQL as several instances use it: two stores (two pools, as two bot processes) on one
// database buy one cart exactly once, the second Buy waiting for the first one's answer; the audit trail
// refuses changes in the database itself; a newer schema and an unreachable server are refused at start
// with a message that says which.
import assert from 'node:assert/strict';
import pg from 'pg';
import { LocalPartnerCenter } from '../../../src/partnerCenter/local';
import type { CheckoutRequest, CheckoutResponse } from '../../../src/partnerCenter/partnerCenter';
import { PurchaseService, type Actor } from '../../../src/purchase/purchaseService';
import { PostgresStore } from '../../../src/store/postgres/store';
import { demoCustomers, demoSubscriptions } from '../../../src/store/demoIds';
import { demoPartnerCenter } from '../../support/demoWorld';
import { freePort, newTestDatabase } from '../../support/postgres';

/** The embedded Partner Center whose checkouts wait until the test lets them through, counting them. */
class HeldCheckouts extends LocalPartnerCenter {
  calls = 0;
  private release!: () => void;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));
  readonly reached: Promise<void>;
  private reachedNow!: () => void;

  constructor(pc: LocalPartnerCenter) {
    super(pc.db);
    this.reached = new Promise((resolve) => (this.reachedNow = resolve));
  }

  override async checkout(request: CheckoutRequest): Promise<CheckoutResponse> {
    this.calls++;
    this.reachedNow();
    await this.released;
    return super.checkout(request);
  }

  letThrough() {
    this.release();
  }
}

async function annasCart(service: PurchaseService): Promise<{ anna: Actor; cartId: string }> {
  const found = await service.resolveAgent('demo-anna');
  assert.ok(found, 'demo-anna is a demo agent');
  const anna: Actor = { ...found, conversationId: 'conversation-anna' };
  const customer = await service.selectCustomer(anna, demoCustomers.contosoRetail);
  assert.ok(customer.ok);
  const subscription = await service.selectSubscription(anna, customer.value, demoSubscriptions.contosoRetailProduction);
  assert.ok(subscription.ok);
  const cartId = await service.openCart(anna, customer.value, 'commercial', 'VirtualMachines', subscription.value);
  const page = await service.searchCatalog(anna, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0);
  assert.ok(page.ok && page.value.rows.length === 1);
  assert.ok((await service.addLine(anna, cartId, page.value.rows[0]!.catalogItemId, 2)).ok);
  return { anna, cartId };
}

describe('store on PostgreSQL: several instances on one database', () => {
  const stores: PostgresStore[] = [];
  const open = async (url: string) => {
    const store = await PostgresStore.open(url);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });

  it('the same Buy on two instances at once: one order; the second waits for the first one’s answer and shows the same order', async () => {
    const url = await newTestDatabase();
    const world = new HeldCheckouts(demoPartnerCenter());
    const first = new PurchaseService(await open(url), world);
    const second = new PurchaseService(await open(url), world);
    const { anna, cartId } = await annasCart(first);

    const buyOnFirst = first.checkout(anna, cartId);
    await world.reached;
    const buyOnSecond = second.checkout(anna, cartId);
    // The second instance is held at the cart's lock, not at Partner Center: one call so far.
    let secondAnswered = false;
    void buyOnSecond.then(() => (secondAnswered = true));
    const waiters = async () =>
      (await stores[0]!.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`)).rows[0].n as number;
    let waiting = 0;
    // Until the second instance's lock request reaches the server (each look is a query, not a sleep).
    for (let looks = 0; looks < 500 && waiting === 0; looks++) waiting = await waiters();
    assert.equal(waiting, 1, 'the second checkout waits for the cart’s advisory lock');
    assert.equal(secondAnswered, false, 'the second instance has not answered yet');
    world.letThrough();

    const [a, b] = await Promise.all([buyOnFirst, buyOnSecond]);
    assert.ok(a.ok && b.ok, 'both Buys answer with an order');
    assert.equal(a.value.replayed, false, 'the first one placed it');
    assert.equal(b.value.replayed, true, 'the second one found it placed');
    assert.deepEqual(b.value.orders.map((o) => o.id), a.value.orders.map((o) => o.id), 'the same order');
    assert.equal(world.calls, 1, 'Partner Center was asked once');
    assert.equal(world.orders.forRequest(cartId).length, 1, 'one order exists');
    const journal = await stores[1]!.pool.query('SELECT idempotency_key FROM checkouts');
    assert.deepEqual(journal.rows.map((r) => r.idempotency_key), [cartId], 'one journal entry');
    const created = (await stores[1]!.audit.list({ cartId })).filter((e) => e.type === 'order.created');
    assert.equal(created.length, 1, 'one order.created event');
  });

  it('the journal’s unique key is the last word: two records of one key at once write one', async () => {
    const url = await newTestDatabase();
    const [one, two] = [await open(url), await open(url)];
    const service = new PurchaseService(one, demoPartnerCenter());
    const { cartId } = await annasCart(service);
    const now = '2026-11-26T09:00:00.000Z';
    const results = await Promise.all([
      one.journal.record(cartId, cartId, ['order-a'], now, [{ type: 'order.created', cartId }]),
      two.journal.record(cartId, cartId, ['order-b'], now, [{ type: 'order.created', cartId }]),
    ]);
    assert.deepEqual([...results].sort(), [false, true], 'one record writes, the other writes nothing');
    assert.equal((await two.audit.list({ cartId })).filter((e) => e.type === 'order.created').length, 1, 'one order event');
  });

  it('the audit trail is append-only in the database: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const store = await open(await newTestDatabase());
    await store.audit.append({ type: 'checkout.attempt', cartId: 'cart-1' });
    for (const sql of ["UPDATE audit_events SET type = 'forged'", 'DELETE FROM audit_events', 'TRUNCATE audit_events']) {
      await assert.rejects(store.pool.query(sql), /audit events are append-only/, sql);
    }
    assert.deepEqual((await store.audit.list()).map((e) => e.type), ['checkout.attempt'], 'the event is unchanged');
  });

  it('a database of a later release (a newer schema version) is refused with a message saying so', async () => {
    const url = await newTestDatabase();
    await (await open(url)).pool.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', '2030-01-01')`);
    await assert.rejects(
      PostgresStore.open(url),
      /PostgreSQL at 127\.0\.0\.1:\d+\/test_\w+: The database's schema is at version 99, newer than this release knows \(13\)/,
    );
  });

  it('an unreachable server at start: a message naming the server, not a crash', async () => {
    const port = await freePort();
    await assert.rejects(PostgresStore.open(`postgres://bot:secret@127.0.0.1:${port}/bot`, { connectTimeoutMs: 2000 }), (error: Error) => {
      assert.match(error.message, new RegExp(`^PostgreSQL at 127\\.0\\.0\\.1:${port}/bot: connect ECONNREFUSED`));
      assert.doesNotMatch(error.message, /secret/, 'the password is not shown');
      return true;
    });
  });
});

// node-postgres is the client the store uses; this only checks that its pool is bounded as configured.
it('store on PostgreSQL: the pool is bounded', async () => {
  const store = await PostgresStore.open(await newTestDatabase(), { poolMax: 3 });
  try {
    assert.equal((store.pool as pg.Pool & { options: { max: number } }).options.max, 3);
  } finally {
    await store.close();
  }
});
