// The checkout contract of PurchaseService over the embedded Partner Center: one order set per cart
// whatever happens (repeats, races, a failure halfway), prices from the catalog, every rule re-checked.
import assert from 'node:assert/strict';
import { PurchaseService, type Actor } from '../../../src/purchase/purchaseService';
import { fulfilmentDelayMs, type LocalPartnerCenter } from '../../../src/partnerCenter/local';
import type { Store } from '../../../src/store/store';
import type { Db } from '../../../src/store/db';
import { demoCustomers, demoSubscriptions } from '../../../src/store/demoIds';
import { demoPartnerCenter, demoWorldStore } from '../../support/demoWorld';
import { english } from '../rules/factories';

interface Fixture {
  store: Store;
  /** The embedded Partner Center the service buys from. */
  world: LocalPartnerCenter;
  service: PurchaseService;
  anna: Actor;
  cartId: string;
  /** Catalog item ids of the two lines, with their quantities. */
  lines: { catalogItemId: string; quantity: number }[];
}

async function actorFor(service: PurchaseService, userId: string): Promise<Actor> {
  const found = await service.resolveAgent(userId);
  assert.ok(found, `${userId} is a demo agent`);
  return { ...found, conversationId: `conversation-${userId}` };
}

/** Anna's cart for Contoso Retail (Production): 3 × D2s_v5 and 1 × D4s_v5 in West Europe, 3 years. */
async function annasCart(clock: () => Date = () => new Date()): Promise<Fixture> {
  const store = demoWorldStore();
  const world = demoPartnerCenter(clock);
  const service = new PurchaseService(store, world, clock);
  const anna = await actorFor(service, 'demo-anna');
  const customer = await service.selectCustomer(anna, demoCustomers.contosoRetail);
  assert.ok(customer.ok, 'Anna may choose Contoso Retail');
  const subscription = await service.selectSubscription(anna, customer.value, demoSubscriptions.contosoRetailProduction);
  assert.ok(subscription.ok, 'Anna may use the Production subscription');
  const cartId = await service.openCart(anna, customer.value, 'commercial', 'VirtualMachines', subscription.value);
  const lines: Fixture['lines'] = [];
  for (const [size, quantity] of [['Standard_D2s_v5', 3], ['Standard_D4s_v5', 1]] as const) {
    const page = await service.searchCatalog(anna, cartId, { armSkuName: size, region: 'westeurope', term: 'P3Y' }, 0);
    assert.ok(page.ok && page.value.rows.length === 1, `exactly one ${size} row in West Europe for 3 years`);
    const catalogItemId = page.value.rows[0]!.catalogItemId;
    const added = await service.addLine(anna, cartId, catalogItemId, quantity);
    assert.ok(added.ok, `${size} is added`);
    lines.push({ catalogItemId, quantity });
  }
  return { store, world, service, anna, cartId, lines };
}

/** Rows of a table: the bot's (carts, checkouts) or the embedded Partner Center's (orders, order lines). */
const count = (of: { db: Db }, table: string) => (of.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

function unitPrice(world: LocalPartnerCenter, catalogItemId: string): number {
  const availabilityId = catalogItemId.split(':')[2];
  const row = world.db.prepare('SELECT unit_price_minor AS p FROM availabilities WHERE id = ?').get(availabilityId) as { p: number } | undefined;
  assert.ok(row, `availability ${availabilityId} exists`);
  return row.p;
}

describe('purchase/checkout: one order set per cart', () => {
  it('buys the cart at catalog prices and records who bought what', async () => {
    const { store, world, service, anna, cartId, lines } = await annasCart();
    const result = await service.checkout(anna, cartId);
    assert.ok(result.ok, `checkout succeeds: ${JSON.stringify(!result.ok && result.verdict)}`);
    assert.equal(result.value.replayed, false, 'a first checkout is not a replay');
    assert.equal(result.value.orders.length, 1, 'both lines are billed one-time, so one order');
    const order = result.value.orders[0]!;
    assert.equal(order.customerId, demoCustomers.contosoRetail, 'the order is for Contoso Retail');
    assert.equal(order.currencyCode, 'EUR', 'a Dutch customer pays in euros');
    const expected = lines.reduce((sum, l) => sum + unitPrice(world, l.catalogItemId) * l.quantity, 0);
    assert.equal(order.totalMinor, expected, 'the total is the catalog unit price times the quantity, summed');
    assert.deepEqual(
      order.lineItems.map((l) => [l.catalogItemId, l.quantity]),
      lines.map((l) => [l.catalogItemId, l.quantity]),
      'the order lines are the cart lines',
    );
    const events = store.db.prepare('SELECT type FROM audit_events WHERE cart_id = ? ORDER BY seq').all(cartId) as { type: string }[];
    for (const type of ['cart.opened', 'checkout.attempt', 'order.created', 'checkout.completed']) {
      assert.ok(events.some((e) => e.type === type), `the audit trail has ${type}`);
    }
  });

  it('a second checkout of the same cart returns the same orders and writes none', async () => {
    const { store, world, service, anna, cartId } = await annasCart();
    const first = await service.checkout(anna, cartId);
    assert.ok(first.ok, 'the first checkout succeeds');
    const before = [count(world, 'orders'), count(world, 'order_lines'), count(store, 'checkouts')];
    const second = await service.checkout(anna, cartId);
    assert.ok(second.ok, 'the second checkout answers with the orders');
    assert.equal(second.value.replayed, true, 'the second checkout is a replay');
    assert.deepEqual(second.value.orders.map((o) => o.id), first.value.orders.map((o) => o.id), 'the same order ids');
    assert.deepEqual([count(world, 'orders'), count(world, 'order_lines'), count(store, 'checkouts')], before, 'nothing new written');
  });

  it('ten concurrent checkouts of one cart make one order set', async () => {
    const { world, service, anna, cartId } = await annasCart();
    const results = await Promise.all(Array.from({ length: 10 }, () => service.checkout(anna, cartId)));
    const ids = new Set(results.flatMap((r) => (r.ok ? r.value.orders.map((o) => o.id) : [`refused:${r.verdict.code}`])));
    assert.equal(ids.size, 1, `every checkout names the same single order: ${[...ids].join(', ')}`);
    assert.equal(count(world, 'orders'), 1, 'one order in the ledger');
    assert.equal(results.filter((r) => r.ok && !r.value.replayed).length, 1, 'exactly one checkout did the buying');
  });

  it('a failure halfway through writing leaves no order and the cart buyable', async () => {
    const { store, world, service, anna, cartId } = await annasCart();
    // A disk error or crash while the order lines are written, simulated by a trigger that aborts.
    world.db.exec(`CREATE TEMP TRIGGER fail_second_line BEFORE INSERT ON order_lines WHEN NEW.line_item_number = 1
      BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    await assert.rejects(service.checkout(anna, cartId), /simulated failure/, 'the checkout fails');
    assert.equal(count(world, 'orders'), 0, 'no order survives the failed transaction');
    assert.equal(count(world, 'order_lines'), 0, 'no order line survives');
    assert.equal(count(store, 'checkouts'), 0, 'the idempotency key is not taken');
    assert.equal(store.carts.get(cartId)?.status, 'active', 'the cart is still active');
    world.db.exec('DROP TRIGGER fail_second_line');
    const retry = await service.checkout(anna, cartId);
    assert.ok(retry.ok && !retry.value.replayed, 'the retry buys');
    assert.equal(count(world, 'order_lines'), 2, 'both lines are bought once');
  });

  it('a cart priced on the review at an old price is bought at the catalog price of the moment', async () => {
    const { world, service, anna, cartId, lines } = await annasCart();
    const quote = await service.quote(anna, cartId);
    assert.ok(quote.ok, 'the cart can be quoted');
    const availabilityId = lines[0]!.catalogItemId.split(':')[2];
    world.db.prepare('UPDATE availabilities SET unit_price_minor = unit_price_minor + 100 WHERE id = ?').run(availabilityId);
    const result = await service.checkout(anna, cartId);
    assert.ok(result.ok, 'checkout succeeds');
    const line = result.value.orders[0]!.lineItems.find((l) => l.catalogItemId === lines[0]!.catalogItemId)!;
    assert.equal(line.unitPriceMinor, unitPrice(world, lines[0]!.catalogItemId), 'the unit price is read at checkout');
    assert.notEqual(line.unitPriceMinor, quote.value.lines[0]!.unitPrice.minor, 'not the quoted one');
  });
});

describe('purchase/checkout: every rule is checked again at checkout', () => {
  const cases: { name: string; code: string; change: (f: Fixture) => void }[] = [
    {
      name: 'the subscription was suspended after the items were added',
      code: 'R5_ACTIVE_SUBSCRIPTION',
      change: ({ world }) => world.db.prepare(`UPDATE subscriptions SET status = 'suspended' WHERE id = ?`).run(demoSubscriptions.contosoRetailProduction),
    },
    {
      name: "Anna's role became Billing admin",
      code: 'R2_ROLE',
      change: ({ store, anna }) => {
        store.db.prepare(`UPDATE agents SET role = 'BillingAdmin' WHERE id = ?`).run(anna.agent.id);
        anna.agent = { ...anna.agent, role: 'BillingAdmin' };
      },
    },
    {
      name: 'an item was withdrawn from sale',
      code: 'CATALOG_AVAILABILITY',
      change: ({ world, lines }) =>
        world.db.prepare('UPDATE availabilities SET is_purchasable = 0 WHERE id = ?').run(lines[1]!.catalogItemId.split(':')[2]),
    },
    {
      name: 'the single scope was forced into the cart of an Azure plan',
      code: 'R7_AZURE_PLAN_SHARED_SCOPE',
      change: ({ store, world, cartId }) => {
        world.db.prepare(`UPDATE subscriptions SET kind = 'azurePlan' WHERE id = ?`).run(demoSubscriptions.contosoRetailProduction);
        store.db.prepare(`UPDATE carts SET scope = 'single' WHERE id = ?`).run(cartId);
      },
    },
    {
      name: 'a quantity above the maximum was written into the cart',
      code: 'R12_QUANTITY',
      change: ({ store, cartId }) => store.db.prepare('UPDATE cart_lines SET quantity = 100000 WHERE cart_id = ?').run(cartId),
    },
  ];
  for (const c of cases) {
    it(`refuses when ${c.name}, and writes no order`, async () => {
      const fixture = await annasCart();
      c.change(fixture);
      const result = await fixture.service.checkout(fixture.anna, fixture.cartId);
      assert.equal(result.ok, false, 'the checkout is refused');
      if (!result.ok) assert.equal(result.verdict.code, c.code, `refused as ${c.code}: ${english(result.verdict).message}`);
      assert.equal(count(fixture.world, 'orders'), 0, 'no order');
      assert.equal(fixture.store.carts.get(fixture.cartId)?.status, 'active', 'the cart stays active');
    });
  }

  it('names a withdrawn line on the review, and buys after it is removed', async () => {
    const { world, service, anna, cartId, lines } = await annasCart();
    world.db.prepare('UPDATE availabilities SET is_purchasable = 0 WHERE id = ?').run(lines[1]!.catalogItemId.split(':')[2]);
    const quote = await service.quote(anna, cartId);
    assert.ok(quote.ok, 'the cart can still be reviewed');
    assert.equal(quote.value.lines.length, 1, 'the review prices only the line still for sale');
    const blocker = quote.value.blockers.find((b) => b.code === 'CATALOG_AVAILABILITY');
    assert.ok(blocker && !blocker.ok, 'the withdrawn line blocks the purchase');
    assert.match(english(blocker).message, /^Line 2: .*Standard_D4s_v5.* cannot be bought at the moment/, 'it names the line and the size');
    assert.equal(english(blocker).fix, 'Remove it with "remove 2".', 'it says how to go on');
    assert.ok((await service.removeLine(anna, cartId, 2)).ok, 'line 2 is removed');
    const result = await service.checkout(anna, cartId);
    assert.ok(result.ok, 'the rest is bought');
    assert.equal(count(world, 'order_lines'), 1, 'one line bought');
  });

  it('refuses at checkout an item the inventory check restricts since it was added', async () => {
    const { world, service, anna, cartId } = await annasCart();
    world.db
      .prepare(`INSERT INTO inventory_restrictions VALUES ('Standard_D4s_v5', 'westeurope', 'InventoryNotAvailable', 'No capacity now.')`)
      .run();
    const result = await service.checkout(anna, cartId);
    assert.equal(result.ok, false, 'the checkout is refused');
    if (!result.ok) {
      assert.equal(result.verdict.partnerCenterCode, '800010', 'as Partner Center inventory not available');
      assert.match(english(result.verdict).message, /Standard_D4s_v5.*No capacity now\./, 'naming the size and the reason');
    }
    assert.equal(count(world, 'orders'), 0, 'no order');
  });

  it("refuses another agent's cart, even of the same partner", async () => {
    const { world, service, cartId } = await annasCart();
    const gijs = await actorFor(service, 'demo-gijs');
    const result = await service.checkout(gijs, cartId);
    assert.equal(result.ok, false, "Gijs cannot buy Anna's cart");
    if (!result.ok) assert.equal(result.verdict.code, 'CUSTOMER_ISOLATION', 'refused as isolation');
    assert.equal(count(world, 'orders'), 0, 'no order');
  });
});

describe('purchase: inventory and fulfilment as Partner Center reports them', () => {
  it('refuses to add a size the region has no capacity for, before the quantity is asked', async () => {
    const { store, service, anna, cartId } = await annasCart();
    const page = await service.searchCatalog(anna, cartId, { armSkuName: 'Standard_D96s_v5', region: 'westeurope', term: 'P1Y' }, 0);
    assert.ok(page.ok && page.value.rows.length === 1, 'D96s_v5 is listed in West Europe');
    assert.equal(page.value.rows[0]!.restriction, 'noCapacity', 'marked: no capacity there now');
    const picked = await service.catalogRow(anna, cartId, page.value.rows[0]!.catalogItemId);
    assert.equal(picked.ok, false, 'picking it is refused');
    if (!picked.ok) assert.match(english(picked.verdict).message, /no capacity for Standard_D96s_v5 in West Europe/, 'with the reason');
    const added = await service.addLine(anna, cartId, page.value.rows[0]!.catalogItemId, 1);
    assert.equal(added.ok, false, 'adding it anyway (a forged submit) is refused too');
    assert.equal(store.carts.get(cartId)?.lineItems.length, 2, 'the cart keeps its two lines only');
  });

  it("starts a first page at the customer's region and marks only the restricted rows of it", async () => {
    const { service, anna, cartId } = await annasCart();
    const first = await service.searchCatalog(anna, cartId, undefined, 0);
    assert.ok(first.ok, 'listed');
    assert.deepEqual(first.value.filter, { region: 'westeurope' }, 'Contoso Retail is Dutch: West Europe');
    assert.ok(first.value.rows.every((r) => r.armRegionName === 'westeurope' && r.restriction === undefined), 'West Europe rows, none restricted');
    const cleared = await service.searchCatalog(anna, cartId, {}, 0);
    assert.ok(cleared.ok && cleared.value.filter.region === undefined, 'a filter cleared by the agent stays cleared');
  });

  it('shows an order pending right after the purchase and completed once Partner Center has fulfilled it', async () => {
    let now = new Date('2026-11-26T10:00:00Z');
    const { service, anna, cartId } = await annasCart(() => now);
    const bought = await service.checkout(anna, cartId);
    assert.ok(bought.ok, 'bought');
    assert.equal(bought.value.orders[0]!.status, 'pending', 'the confirmation shows the order pending');
    const early = await service.orderHistory(anna, demoCustomers.contosoRetail);
    assert.ok(early.ok, 'the history can be read');
    assert.equal(early.value.orders[0]!.status, 'pending', 'still pending a moment later');
    assert.ok(early.value.orders[0]!.lineItems.every((l) => l.provisioningStatus === 'PrefulfillmentPending'), 'lines not yet fulfilled');
    now = new Date(now.getTime() + fulfilmentDelayMs);
    const later = await service.orderHistory(anna, demoCustomers.contosoRetail);
    assert.ok(later.ok, 'the history can be read again');
    assert.equal(later.value.orders[0]!.status, 'completed', 'completed once every line is fulfilled');
    assert.ok(later.value.orders[0]!.lineItems.every((l) => l.provisioningStatus === 'Fulfilled'), 'every line fulfilled');
  });
});
