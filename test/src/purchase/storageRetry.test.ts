// A turn that failed on a storage fault is sent again by the agent with the same answer: what it wrote
// the first time must be whole (one transaction) and must not be written twice.
import assert from 'node:assert/strict';
import { PurchaseService, type Actor } from '../../../src/purchase/purchaseService';
import { storageFaultOf } from '../../../src/store/db';
import { ledgerProblems } from '../../../src/store/ledgerCheck';
import { demoCustomers, demoSubscriptions } from '../../../src/store/demoIds';
import { demoPartnerCenter, demoWorldStore } from '../../support/demoWorld';

async function setup() {
  const store = demoWorldStore();
  const world = demoPartnerCenter();
  const service = new PurchaseService(store, world);
  const found = await service.resolveAgent('demo-anna');
  assert.ok(found, 'demo-anna is a demo agent');
  const anna: Actor = { ...found, conversationId: 'c-anna' };
  const customer = await service.selectCustomer(anna, demoCustomers.contosoRetail);
  assert.ok(customer.ok, 'Contoso Retail');
  const subscription = await service.selectSubscription(anna, customer.value, demoSubscriptions.contosoRetailProduction);
  assert.ok(subscription.ok, 'Production');
  return { store, world, service, anna, customer: customer.value, subscription: subscription.value };
}

const count = (db: ReturnType<typeof demoWorldStore>['db'], table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('purchase: writes a retried turn can repeat', () => {
  it('opening a cart is one transaction: when its audit event cannot be written, no cart remains', async () => {
    const { store, world, service, anna, customer, subscription } = await setup();
    const carts = count(store.db, 'carts');
    store.db.exec(`CREATE TEMP TRIGGER no_audit BEFORE INSERT ON audit_events WHEN NEW.type = 'cart.opened' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await assert.rejects(service.openCart(anna, customer, 'commercial', 'VirtualMachines', subscription), /disk full/, 'the open fails');
    assert.equal(count(store.db, 'carts'), carts, 'no cart was left behind');
    assert.deepEqual(ledgerProblems(store.db, world.orders.idsByRequest()), [], 'no half-written cart');
  });

  it('adding a line twice for the same question (the turn retried) keeps one line, with the last quantity', async () => {
    const { service, anna, customer, subscription, store } = await setup();
    const cartId = await service.openCart(anna, customer, 'commercial', 'VirtualMachines', subscription);
    const page = await service.searchCatalog(anna, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0);
    assert.ok(page.ok && page.value.rows.length === 1, 'one D2s_v5 row');
    const item = page.value.rows[0]!.catalogItemId;
    const asked = await service.cartPosition(cartId, item);
    const first = await service.addLine(anna, cartId, item, 2, asked);
    const retried = await service.addLine(anna, cartId, item, 3, asked);
    assert.ok(first.ok && retried.ok, 'both answers are taken');
    assert.equal(retried.value.lineId, first.value.lineId, 'the retry finds the line of the first try');
    assert.deepEqual(store.carts.get(cartId)?.lineItems.map((l) => [l.catalogItemId, l.quantity]), [[item, 3]], 'one line, quantity of the retry');
    // The next question adds to the item's line (R12 holds per item); retried, it sets the same sum.
    const again = await service.cartPosition(cartId, item);
    const next = await service.addLine(anna, cartId, item, 1, again);
    const nextRetried = await service.addLine(anna, cartId, item, 1, again);
    assert.ok(next.ok && nextRetried.ok && next.value.lineId === first.value.lineId && next.value.raised, 'the same item raises its line');
    assert.deepEqual(store.carts.get(cartId)?.lineItems.map((l) => [l.catalogItemId, l.quantity]), [[item, 4]], 'one line of 3 + 1, once');
  });

  it('storage faults are recognised through botbuilder-dialogs\' wrapping, and nothing else is', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    assert.equal(storageFaultOf(busy), 'busy', 'SQLITE_BUSY');
    assert.equal(storageFaultOf({ error: { code: 'SQLITE_READONLY_DBMOVED' } }), 'readonly', 'wrapped in a DialogContextError');
    assert.equal(storageFaultOf({ cause: { code: 'SQLITE_FULL' } }), 'full', 'as a cause');
    assert.equal(storageFaultOf({ code: 'SQLITE_IOERR_WRITE' }), 'io', 'an I/O error');
    assert.equal(storageFaultOf({ code: 'SQLITE_CONSTRAINT_UNIQUE' }), undefined, 'a constraint is a bug, not a storage fault');
    assert.equal(storageFaultOf(new TypeError('x')), undefined, 'nor is a TypeError');
  });
});
