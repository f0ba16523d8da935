// The REST gateway's checkout journal (src/partnerCenter/rest/journal.ts) on both engines: what one
// journal object writes, another on the same database reads (a restart, another instance), and every
// write is conditional on the version it read: of two writers of one version, one writes.
import assert from 'node:assert/strict';
import { PostgresRestJournal, SqliteJournal, type CheckoutRecord, type RestJournal } from '../../../src/partnerCenter/rest/journal';
import { openStoreDatabase } from '../../../src/store/store';
import { PostgresStore } from '../../../src/store/postgres/store';
import { newTestDatabase } from '../../support/postgres';

interface JournalEngine {
  name: string;
  /** A database with the store's tables; `journal()` makes a new journal object on it each time (an instance). */
  open(): Promise<{ journal(): RestJournal; close(): Promise<void> }>;
}

const engines: JournalEngine[] = [
  {
    name: 'SqliteJournal',
    open: async () => {
      const db = openStoreDatabase(':memory:');
      return {
        journal: () => new SqliteJournal(db),
        close: async () => {
          db.close();
        },
      };
    },
  },
  {
    name: 'PostgresRestJournal',
    open: async () => {
      const url = await newTestDatabase();
      // Two stores on the database: two instances, each with connections of its own.
      const stores = [await PostgresStore.open(url), await PostgresStore.open(url)];
      let next = 0;
      return {
        journal: () => new PostgresRestJournal(stores[next++ % 2]!.pool),
        close: async () => {
          await Promise.all(stores.map((s) => s.close()));
        },
      };
    },
  },
];

function record(fields: Partial<CheckoutRecord> = {}): CheckoutRecord {
  return {
    requestId: 'request-1',
    purpose: 'reservation',
    cartId: 'cart-1',
    customerId: 'customer-1',
    partnerId: 'partner-1',
    agentId: 'agent-1',
    pcCartId: 'pc-cart-1',
    pcCartCreatedAt: '2026-12-03T09:00:00.000Z',
    pcRequestId: null,
    pcCartLines: null,
    state: 'cart',
    lines: [
      {
        id: 1,
        catalogItemId: 'DZH318Z0BQ4L:00JW:0001',
        quantity: 2,
        billingCycle: 'one_time',
        termDuration: 'P3Y',
        subscriptionId: 'subscription-1',
        scope: 'shared',
        partnerIdOnRecord: '',
        unitPriceMinor: 123_45,
        currency: 'EUR',
        friendlyName: 'Standard_D2s_v5 West Europe',
        armRegionName: 'westeurope',
      },
    ],
    orderIds: [],
    createdAt: '2026-12-03T09:00:00.000Z',
    updatedAt: '2026-12-03T09:00:00.000Z',
    version: 0,
    ...fields,
  };
}

for (const engine of engines) {
  describe(`REST checkout journal: ${engine.name}`, () => {
    let db: Awaited<ReturnType<JournalEngine['open']>>;
    beforeEach(async () => {
      db = await engine.open();
    });
    afterEach(() => db.close());

    it('keeps a checkout for another journal object on the database: by request id, by cart, by order; its customer and claimed orders', async () => {
      const a = db.journal();
      await a.saveCheckout(record({ state: 'ordered', orderIds: ['order-1', 'order-2'], updatedAt: '2026-12-03T09:01:00.000Z' }));
      await a.saveCheckout(record({ requestId: 'request-0', orderIds: [], updatedAt: '2026-12-03T08:00:00.000Z' }));
      const b = db.journal();
      const stored = await b.checkout('request-1');
      assert.deepEqual(stored, record({ state: 'ordered', orderIds: ['order-1', 'order-2'], updatedAt: '2026-12-03T09:01:00.000Z', version: 1 }));
      assert.equal(await b.checkout('request-unknown'), undefined, 'an unknown request id: never checked out');
      assert.equal((await b.checkoutForCart('cart-1'))?.requestId, 'request-1', 'the cart’s latest record');
      const byOrder = await b.checkoutsForOrders(['order-2', 'order-elsewhere']);
      assert.deepEqual([...byOrder.keys()], ['order-2'], 'only the orders this bot placed');
      assert.equal(byOrder.get('order-2')?.requestId, 'request-1');
      assert.deepEqual(await b.customersWithOrders('partner-1'), ['customer-1']);
      assert.deepEqual(await b.customersWithOrders('partner-2'), []);
      assert.deepEqual(await b.claimedOrderIds('customer-1'), new Set(['order-1', 'order-2']));
    });

    it('moves a checkout to submitted for one of two instances that read the same record; the other writes nothing', async () => {
      const a = db.journal();
      const b = db.journal();
      const first = record();
      assert.equal(await a.saveCheckout(first), true, 'a new record is written');
      assert.equal(first.version, 1, 'at version 1');
      assert.equal(await b.saveCheckout(record({ agentId: 'agent-2' })), false, 'a second new record of the same request id is not');

      const readByA = (await a.checkout('request-1'))!;
      const readByB = (await b.checkout('request-1'))!;
      readByA.state = 'submitted';
      readByA.pcRequestId = 'sent-by-a';
      readByB.state = 'submitted';
      readByB.pcRequestId = 'sent-by-b';
      const moved = await Promise.all([a.saveCheckout(readByA), b.saveCheckout(readByB)]);
      assert.deepEqual([...moved].sort(), [false, true], 'one of them moves it');
      const [winner, loser] = moved[0] ? [readByA, readByB] : [readByB, readByA];
      const stored = (await b.checkout('request-1'))!;
      assert.equal(stored.state, 'submitted');
      assert.equal(stored.pcRequestId, winner.pcRequestId, 'as the one that moved it wrote it');
      assert.equal(stored.version, 2);

      loser.state = 'cart';
      assert.equal(await b.saveCheckout(loser), false, 'nor back to cart from the version it read');
      assert.equal((await a.checkout('request-1'))!.state, 'submitted');
    });

    it('writes a record’s orders with it, and none with a write over a stale version', async () => {
      const a = db.journal();
      const stale = record();
      assert.equal(await a.saveCheckout(stale), true);
      const current = (await a.checkout('request-1'))!;
      current.state = 'submitted';
      assert.equal(await a.saveCheckout(current), true);
      assert.equal(await db.journal().saveCheckout({ ...stale, state: 'ordered', orderIds: ['order-8'] }), false, 'over version 1, now 2');
      assert.deepEqual(await a.claimedOrderIds('customer-1'), new Set(), 'its orders are not written either');
      assert.equal(await db.journal().saveCheckout({ ...current, state: 'ordered', orderIds: ['order-9'] }), true);
      const stored = (await a.checkout('request-1'))!;
      assert.equal(stored.state, 'ordered');
      assert.deepEqual(stored.orderIds, ['order-9']);
      assert.equal(stored.version, 3);
      assert.equal((await a.checkoutsForOrders(['order-9'])).get('order-9')?.requestId, 'request-1');
      assert.deepEqual(await a.claimedOrderIds('customer-1'), new Set(['order-9']));
    });

    it('remembers the market a search listed items in', async () => {
      const a = db.journal();
      await a.rememberMarket(['P1:S1:A1', 'P1:S2:A1'], { country: 'NL', segment: 'commercial' });
      await a.rememberMarket(['P1:S2:A1'], { country: 'DE', segment: 'commercial', reservationScope: 'AzurePlan' });
      await a.rememberMarket([], { country: 'US', segment: 'commercial' });
      const b = db.journal();
      assert.deepEqual(await b.market('P1:S1:A1'), { country: 'NL', segment: 'commercial' });
      assert.deepEqual(await b.market('P1:S2:A1'), { country: 'DE', segment: 'commercial', reservationScope: 'AzurePlan' }, 'the latest search’s');
      assert.equal(await b.market('P1:S3:A1'), undefined, 'never listed');
    });
  });
}
