// The REST gateway of one bot on two instances (PostgreSQL: both on one database) or across a restart
// (SQLite: the same file opened again). Instance A's checkout is carried out by Partner Center but its
// answer is lost; instance B, with new objects on the same database, does not send it again when the
// agent clicks Buy there, finds the order by the request id, and its follow-up tells the agent it was bought.
// A checkout A is still sending is not sent by B, and of two checkouts of one cart at once one is sent.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { restJournalIn } from '../../../src/partnerCenter/rest';
import { PurchaseService, type Actor } from '../../../src/purchase/purchaseService';
import { FollowUps, type FollowUpNotice } from '../../../src/purchase/followUp';
import { demoCustomers, demoPartners, demoSubscriptions } from '../../../src/store/demoIds';
import { Store } from '../../../src/store/store';
import { PostgresStore } from '../../../src/store/postgres/store';
import { newTestDatabase } from '../../support/postgres';
import { TestPartnerCenter } from '../../support/partnerCenterServer';
import { d2, rejection, request, restGateway } from '../../support/restGateway';

interface Engine {
  name: string;
  /** Opens the bot's store on the database: instance B's opens while A's is open (PostgreSQL) or after A's is closed (SQLite). */
  database(): Promise<{ open(): Promise<Store | PostgresStore>; concurrent: boolean; remove(): void }>;
}

const engines: Engine[] = [
  {
    name: 'PostgreSQL, two instances',
    database: async () => {
      const url = await newTestDatabase();
      return { open: () => PostgresStore.open(url), concurrent: true, remove: () => undefined };
    },
  },
  {
    name: 'SQLite, the file opened again',
    database: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-rest-instances-'));
      return { open: async () => Store.open(path.join(dir, 'bot.db')), concurrent: false, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
    },
  },
];

for (const engine of engines) {
  describe(`REST gateway on one database: ${engine.name}`, () => {
    let pc: TestPartnerCenter;
    const open: (Store | PostgresStore)[] = [];
    let removeDatabase = () => undefined as void;
    beforeEach(async () => {
      pc = await TestPartnerCenter.start();
    });
    afterEach(async () => {
      for (const s of open.splice(0)) await s.close();
      removeDatabase();
      await pc.close();
      pc.world.close();
    });
    const checkouts = () => pc.calls('POST', /\/carts\/[^/]+\/checkout$/);

    /** One instance of the bot: its store, its gateway (journal in the store), its service and its follow-ups. */
    async function instance(database: { open(): Promise<Store | PostgresStore> }, conversationId: string, clock?: () => Date) {
      const store = await database.open();
      open.push(store);
      const env = { PARTNER_CENTER_CHECKOUT_TIMEOUT_MS: '1000' };
      const gateway = restGateway(pc, demoPartners.contosoNl, { env, deps: { journal: restJournalIn(store), clock } }).gateway;
      const service = new PurchaseService(store, gateway, () => new Date(), { sleep: async () => undefined });
      const anna: Actor = { ...(await service.resolveAgent('demo-anna'))!, conversationId };
      const notices: FollowUpNotice[] = [];
      const followUps = new FollowUps(store, gateway, async (n) => (notices.push(n), true));
      return { store, gateway, service, anna, notices, followUps };
    }

    it('after A’s checkout answer is lost, B sends no second checkout, finds the order by the request id, and its follow-up says bought', async () => {
      const database = await engine.database();
      removeDatabase = database.remove;
      const a = await instance(database, 'conversation-a');
      const customer = await a.service.selectCustomer(a.anna, demoCustomers.contosoRetail);
      assert.ok(customer.ok);
      const subscription = await a.service.selectSubscription(a.anna, customer.value, demoSubscriptions.contosoRetailProduction);
      assert.ok(subscription.ok);
      const cartId = await a.service.openCart(a.anna, customer.value, 'commercial', 'VirtualMachines', subscription.value);
      const page = await a.service.searchCatalog(a.anna, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0);
      assert.ok(page.ok && (await a.service.addLine(a.anna, cartId, page.value.rows[0]!.catalogItemId, 2)).ok, 'a line is added');

      const earlier = new Set(pc.ordersOf(demoCustomers.contosoRetail).map((o) => o.id));
      const newOrders = () => pc.ordersOf(demoCustomers.contosoRetail).filter((o) => !earlier.has(o.id));
      // Partner Center makes the order, but its answer never reaches A, and does not list the order yet.
      pc.hideNewOrders = true;
      pc.fail({ method: 'POST', path: /\/checkout$/, action: { hang: true, process: true } });
      const lost = await a.service.checkout(a.anna, cartId);
      assert.equal(lost.ok, false, 'A cannot tell');
      assert.ok(!lost.ok && 'uncertain' in lost && lost.uncertain, 'unclear: followed up');
      assert.equal(checkouts().length, 1);
      const ordered = newOrders();
      assert.equal(ordered.length, 1, 'Partner Center has the order');
      const orderId = ordered[0]!.id;

      // Instance A goes away (SQLite: the process restarts); B has new objects on the same database.
      if (!database.concurrent) await open.shift()!.close();
      const b = await instance(database, 'conversation-b');
      // The agent's turns reach B too (a load balancer): B has listed the item as well.
      assert.ok((await b.service.searchCatalog(b.anna, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0)).ok);
      const retried = await b.service.checkout(b.anna, cartId);
      assert.equal(checkouts().length, 1, 'B sends no second checkout');
      assert.ok(!retried.ok && retried.verdict.code === 'R15_ORDER_LISTING', `not listed yet, so B says it is in progress: ${JSON.stringify(retried)}`);

      pc.releaseOrders();
      assert.deepEqual((await b.gateway.getOrdersForRequest(cartId)).map((o) => o.id), [orderId], 'B finds A’s order by the request id');
      assert.equal(await b.followUps.runDue(new Date(Date.now() + 3 * 60_000)), 1, 'the unclear checkout is looked at again');
      assert.deepEqual(
        b.notices.map((n) => [n.conversationId, n.message]),
        [['conversation-a', { kind: 'checkoutBought', customer: 'Contoso Retail B.V.', orderIds: [orderId] }]],
        'bought, with the order number, told where the agent bought',
      );
      assert.deepEqual(await b.store.journal.orderIds(cartId), [orderId], 'the bot’s journal has it');
      assert.equal(checkouts().length, 1, 'one checkout in all');
      assert.equal(newOrders().length, 1, 'one order in all');
    });

    it('a checkout A is sending is not sent by B: B is told it is in progress; once A’s call has given up, B sends it', async () => {
      const database = await engine.database();
      removeDatabase = database.remove;
      // Time stands still for both gateways: A's call is still under way when B looks, however slow the machine.
      const now = new Date();
      const a = await instance(database, 'conversation-a', () => now);
      const b = await instance(database, 'conversation-b', () => now);
      const r = request([{ item: await d2(a.gateway), quantity: 1 }]);
      const earlier = new Set(pc.ordersOf(demoCustomers.contosoRetail).map((o) => o.id));
      // A's checkout reaches Partner Center and hangs there, not carried out yet.
      pc.fail({ method: 'POST', path: /\/checkout$/, action: { hang: true } });
      const arrived = new Promise<void>((resolve) => {
        pc.onRequest = (q) => q.method === 'POST' && q.path.endsWith('/checkout') && resolve();
      });
      const sending = a.gateway.checkout(r);
      sending.catch(() => undefined);
      await arrived;

      const error = await rejection(b.gateway.checkout(r));
      assert.equal(error.code, '800060', 'in progress');
      assert.equal(checkouts().length, 1, 'B sends nothing while A may still be sending');

      const gaveUp = await rejection(sending);
      assert.equal(gaveUp.code, 'timeout', 'A gives up without an answer');
      const bought = await b.gateway.checkout(r);
      assert.equal(checkouts().length, 2, 'the cart is still active: A’s checkout was never carried out, so B sends it');
      assert.deepEqual(bought.orders.map((o) => o.id), pc.ordersOf(demoCustomers.contosoRetail).filter((o) => !earlier.has(o.id)).map((o) => o.id), 'one order');
    });

    it('the same prepared cart checked out by A and B at once: one checkout is sent, the other is told it is in progress or replays it', async () => {
      const database = await engine.database();
      removeDatabase = database.remove;
      const a = await instance(database, 'conversation-a');
      const b = await instance(database, 'conversation-b');
      const r = request([{ item: await d2(a.gateway), quantity: 1 }]);
      await d2(b.gateway);
      await a.gateway.prepareCheckout(r);
      const outcomes = await Promise.allSettled([a.gateway.checkout(r), b.gateway.checkout(r)]);
      assert.equal(checkouts().length, 1, 'one checkout sent');
      const bought = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      assert.ok(bought.length >= 1 && bought.every((x) => x.orders.length === 1), 'bought once');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { code?: string }).code] : []));
      assert.deepEqual(refused, refused.length ? ['800060'] : [], 'the other one is told the order is in progress');
    });
  });
}
