// The store contract for carts, on both engines: a cart reads back with its header and its lines in line
// order, whatever was changed since; its customer and catalog items are Partner Center's ids, kept as given.
import assert from 'node:assert/strict';
import type { BotStore } from '../../../src/store/botStore';
import { demoAgents, demoCustomers, demoPartners } from '../../../src/store/demoIds';
import { storeEngines } from '../../support/storeEngines';

const now = '2026-11-26T09:00:00.000Z';
const items = ['DZH318Z0BQ4L:0001:DZH318Z0BQ4M', 'DZH318Z0BQ4L:0002:DZH318Z0BQ4N', 'DZH318Z0BQ4L:0003:DZH318Z0BQ4P', 'DZH318Z0BQ4L:0004:DZH318Z0BQ4Q'];
const lineAdded = { type: 'cart.lineAdded', cartId: 'cart-1' };

for (const engine of storeEngines) {
  describe(`store/carts: a cart and its lines (${engine.name})`, () => {
    let store: BotStore;

    before(async function () {
      this.timeout(60_000);
      store = await engine.open();
      await store.carts.open(
        {
          id: 'cart-1',
          partnerId: demoPartners.contosoNl,
          agentId: demoAgents.anna,
          customerId: demoCustomers.contosoRetail,
          conversationId: 'conv-1',
          segment: 'commercial',
          reservationType: 'VirtualMachines',
          scope: 'single',
          resellerMpnId: null,
          now,
        },
        'sub-1',
        { type: 'cart.opened', cartId: 'cart-1' },
      );
    });
    after(() => store.close());

    it('reads an unknown cart as undefined and a new cart with no lines', async () => {
      assert.equal(await store.carts.get('no-such-cart'), undefined, 'an unknown id reads as no cart');
      const cart = await store.carts.get('cart-1');
      assert.ok(cart, 'the new cart reads back');
      assert.deepEqual(cart.lineItems, [], 'a new cart has no lines');
      assert.equal(cart.customerId, demoCustomers.contosoRetail, 'the header reads back');
      assert.equal(cart.subscriptionId, 'sub-1', 'with the subscription it was opened for');
      assert.equal(cart.status, 'active', 'a new cart is active');
      assert.deepEqual((await store.audit.list({ cartId: 'cart-1' })).map((e) => e.type), ['cart.opened'], 'its audit event is written with it');
    });

    it('reads the lines in line order with their quantities and billing after adds, a change and a removal', async () => {
      const ids: number[] = [];
      for (const [i, item] of items.entries()) ids.push(await store.carts.addLine('cart-1', { catalogItemId: item, quantity: i + 1, billingCycle: 'one_time' }, now, lineAdded));
      assert.deepEqual(ids, [1, 2, 3, 4], 'line ids count up from 1');
      await store.carts.removeLine('cart-1', 2);
      await store.carts.setLine('cart-1', 3, 7, 'monthly');
      const fifth = await store.carts.addLine('cart-1', { catalogItemId: items[1]!, quantity: 2, billingCycle: 'one_time' }, now, lineAdded);
      assert.equal(fifth, 5, 'a line added after a removal gets a new id');
      // The same answer delivered again (asked after line 4): line 5 takes its quantity, no sixth line.
      const again = await store.carts.addLine('cart-1', { catalogItemId: items[1]!, quantity: 3, billingCycle: 'one_time', askedAfterLineId: 4 }, now, lineAdded);
      assert.equal(again, 5, 'a redelivered add finds the line its first delivery added');
      assert.deepEqual(
        (await store.carts.get('cart-1'))!.lineItems,
        [
          { id: 1, catalogItemId: items[0], quantity: 1, billingCycle: 'one_time' },
          { id: 3, catalogItemId: items[2], quantity: 7, billingCycle: 'monthly' },
          { id: 4, catalogItemId: items[3], quantity: 4, billingCycle: 'one_time' },
          { id: 5, catalogItemId: items[1], quantity: 3, billingCycle: 'one_time' },
        ],
        'the lines as they are now, in line order',
      );
      assert.equal((await store.audit.list({ cartId: 'cart-1' })).filter((e) => e.type === 'cart.lineAdded').length, 5, 'one event per line added');
    });

    it('updates only an active cart, and records its checkout once', async () => {
      assert.equal(await store.carts.update('cart-1', { scope: 'shared' }, now), true, 'an active cart changes');
      const recorded = await store.journal.record('cart-1', 'cart-1', ['order-1', 'order-2'], now, [{ type: 'order.created', cartId: 'cart-1' }]);
      assert.equal(recorded, true, 'the first record writes');
      assert.equal(await store.journal.record('cart-1', 'cart-1', ['order-3'], now, [{ type: 'order.created', cartId: 'cart-1' }]), false, 'a second record of the same key writes nothing');
      assert.deepEqual(await store.journal.orderIds('cart-1'), ['order-1', 'order-2'], 'the first orders stand');
      assert.equal(await store.journal.orderIds('cart-2'), undefined, 'an unknown key has no orders');
      const cart = await store.carts.get('cart-1');
      assert.equal(cart?.status, 'submitted', 'the cart is marked bought');
      assert.equal(cart?.scope, 'shared', 'with the scope it was bought with');
      assert.equal(await store.carts.update('cart-1', { scope: 'single' }, now), false, 'a bought cart does not change');
      assert.equal((await store.audit.list({ cartId: 'cart-1' })).filter((e) => e.type === 'order.created').length, 1, 'the order events are written once');
    });
  });
}
