// CartStore: a cart reads back with its header and its lines in line order, whatever was changed since.
// Its customer and catalog items are Partner Center's ids, kept as given.
import assert from 'node:assert/strict';
import type { Db } from '../../../src/store/db';
import { openStoreDatabase } from '../../../src/store/store';
import { seedDemoAgents } from '../../../src/store/seed';
import { CartStore } from '../../../src/store/carts';
import { demoAgents, demoCustomers, demoPartners } from '../../../src/store/demoIds';

describe('store/carts: a cart and its lines', () => {
  let db: Db;
  let carts: CartStore;
  let items: string[];
  const now = '2026-11-26T09:00:00.000Z';

  before(() => {
    db = openStoreDatabase(':memory:');
    assert.equal(seedDemoAgents(db), true, 'the demo agents are seeded');
    carts = new CartStore(db);
    items = ['DZH318Z0BQ4L:0001:DZH318Z0BQ4M', 'DZH318Z0BQ4L:0002:DZH318Z0BQ4N', 'DZH318Z0BQ4L:0003:DZH318Z0BQ4P', 'DZH318Z0BQ4L:0004:DZH318Z0BQ4Q'];
    carts.create({
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
    });
  });
  after(() => db.close());

  it('reads an unknown cart as undefined and a new cart with no lines', () => {
    assert.equal(carts.get('no-such-cart'), undefined, 'an unknown id reads as no cart');
    const cart = carts.get('cart-1');
    assert.ok(cart, 'the new cart reads back');
    assert.deepEqual(cart.lineItems, [], 'a new cart has no lines');
    assert.equal(cart.customerId, demoCustomers.contosoRetail, 'the header reads back');
    assert.equal(cart.status, 'active', 'a new cart is active');
  });

  it('reads the lines in line order with their quantities and billing after adds, a change and a removal', () => {
    const ids = items.map((item, i) => carts.addLine('cart-1', item, i + 1, 'one_time', now));
    assert.deepEqual(ids, [1, 2, 3, 4], 'line ids count up from 1');
    carts.removeLine('cart-1', 2);
    carts.setLine('cart-1', 3, 7, 'monthly');
    const fifth = carts.addLine('cart-1', items[1]!, 2, 'one_time', now);
    assert.equal(fifth, 5, 'a line added after a removal gets a new id');
    assert.deepEqual(
      carts.get('cart-1')!.lineItems,
      [
        { id: 1, catalogItemId: items[0], quantity: 1, billingCycle: 'one_time' },
        { id: 3, catalogItemId: items[2], quantity: 7, billingCycle: 'monthly' },
        { id: 4, catalogItemId: items[3], quantity: 4, billingCycle: 'one_time' },
        { id: 5, catalogItemId: items[1], quantity: 2, billingCycle: 'one_time' },
      ],
      'the lines as they are now, in line order',
    );
  });
});
