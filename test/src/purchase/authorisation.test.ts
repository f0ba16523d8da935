// Authorisation at the service, the one door the dialogs use: another partner's agent reaches none of a
// cart, customer or order history through any method, whatever id it passes; rules that change after the
// items were added (subscription access, CSP enrolment, the customer's partner, market, agreement) are
// checked again at checkout; and every refusal is in the audit trail with its rule code.
import assert from 'node:assert/strict';
import { PurchaseService, type Actor } from '../../../src/purchase/purchaseService';
import type { LocalPartnerCenter } from '../../../src/partnerCenter/local';
import type { Store } from '../../../src/store/store';
import { demoAgents, demoCustomers, demoPartners, demoSubscriptions } from '../../../src/store/demoIds';
import { demoPartnerCenter, demoWorldStore } from '../../support/demoWorld';

interface Fixture {
  store: Store;
  world: LocalPartnerCenter;
  service: PurchaseService;
  actor: Actor;
  cartId: string;
  catalogItemId: string;
}

async function actorFor(service: PurchaseService, userId: string): Promise<Actor> {
  const found = await service.resolveAgent(userId);
  assert.ok(found, `${userId} is a demo agent`);
  return { ...found, conversationId: `conversation-${userId}` };
}

/** `userId`'s cart for Contoso Retail (Production) with 2 × D2s_v5, West Europe, 3 years. */
async function cartOf(userId: string): Promise<Fixture> {
  const store = demoWorldStore();
  const world = demoPartnerCenter();
  const service = new PurchaseService(store, world);
  const actor = await actorFor(service, userId);
  const customer = await service.selectCustomer(actor, demoCustomers.contosoRetail);
  assert.ok(customer.ok, `${userId} may choose Contoso Retail`);
  const subscription = await service.selectSubscription(actor, customer.value, demoSubscriptions.contosoRetailProduction);
  assert.ok(subscription.ok, `${userId} may use the Production subscription`);
  const cartId = await service.openCart(actor, customer.value, 'commercial', 'VirtualMachines', subscription.value);
  const page = await service.searchCatalog(actor, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0);
  assert.ok(page.ok && page.value.rows.length === 1, 'one D2s_v5 row');
  const catalogItemId = page.value.rows[0]!.catalogItemId;
  const added = await service.addLine(actor, cartId, catalogItemId, 2);
  assert.ok(added.ok, 'the line is added');
  return { store, world, service, actor, cartId, catalogItemId };
}

/** What a purchase writes: the bot's carts, lines and journal, and Partner Center's orders, lines and subscriptions. */
const counts = ({ store, world }: Pick<Fixture, 'store' | 'world'>) => [
  ...['carts', 'cart_lines', 'checkouts'].map((t) => (store.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n),
  ...['orders', 'order_lines', 'subscriptions'].map((t) => (world.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n),
];
const cartRow = (store: Store, cartId: string) => JSON.stringify(store.carts.get(cartId));

describe('purchase/authorisation: another partner reaches nothing through the service', () => {
  it("refuses every cart method on a Contoso cart to a Fabrikam agent, audits it, and changes nothing", async () => {
    const fixture = await cartOf('demo-anna');
    const { store, service, cartId, catalogItemId } = fixture;
    const lucas = await actorFor(service, 'demo-lucas');
    const before = counts(fixture);
    const cartBefore = cartRow(store, cartId);
    const refusals: [string, Promise<{ ok: boolean; verdict?: { code: string } } | undefined> | { ok: boolean; verdict?: { code: string } }][] = [
      ['catalog.search', service.searchCatalog(lucas, cartId, {}, 0)],
      ['item.select', service.catalogRow(lucas, cartId, catalogItemId)],
      ['cart.addLine', service.addLine(lucas, cartId, catalogItemId, 5)],
      ['quote', service.quote(lucas, cartId)],
      ['cart.removeLine', service.removeLine(lucas, cartId, 1)],
      ['checkout', service.checkout(lucas, cartId)],
    ];
    for (const [step, pending] of refusals) {
      const outcome = await pending;
      assert.equal(outcome?.ok, false, `${step} is refused`);
      assert.equal(outcome?.verdict?.code, 'CUSTOMER_ISOLATION', `${step} is refused as isolation`);
    }
    const review = await service.applyReview(lucas, cartId, { quantities: { 1: 50 }, scope: 'single' });
    assert.deepEqual(review.refusals.map((r) => r.code), ['CUSTOMER_ISOLATION'], 'a review change is refused as isolation');
    assert.equal(await service.ordersForCart(lucas, cartId), undefined, 'no orders are shown for the cart');

    assert.deepEqual(counts(fixture), before, 'nothing is written');
    assert.equal(cartRow(store, cartId), cartBefore, 'the cart is unchanged');
    const events = store.audit.list().filter((e) => e.agentId === demoAgents.lucas);
    const types = events.map((e) => e.type).sort();
    assert.deepEqual(
      types,
      ['cart.addLine.refused', 'cart.removeLine.refused', 'catalog.search.refused', 'checkout.refused', 'item.select.refused', 'orders.forCart.refused', 'quote.refused', 'review.refused'],
      'every attempt is in the audit trail as a refusal',
    );
    assert.ok(events.every((e) => e.code === 'CUSTOMER_ISOLATION' && e.cartId === cartId && e.partnerId === demoPartners.fabrikamBr), 'with the rule code, the cart and the partner who tried');
  });

  it("refuses another partner's customer by id, at selection and in the order history", async () => {
    const { store, service, actor: anna, cartId } = await cartOf('demo-anna');
    const bought = await service.checkout(anna, cartId);
    assert.ok(bought.ok, 'Anna buys');
    const lucas = await actorFor(service, 'demo-lucas');
    const chosen = await service.selectCustomer(lucas, demoCustomers.contosoRetail);
    assert.ok(!chosen.ok && chosen.verdict.code === 'CUSTOMER_ISOLATION', 'Lucas cannot choose Contoso Retail');
    await assert.rejects(service.customer(lucas, demoCustomers.contosoRetail), /not a customer of/, 'nor load it');
    const history = await service.orderHistory(lucas, demoCustomers.contosoRetail);
    assert.ok(!history.ok && history.verdict.code === 'CUSTOMER_ISOLATION', "Lucas cannot read Contoso Retail's order history");
    const all = await service.orderHistory(lucas);
    assert.ok(all.ok, "Lucas's own history");
    assert.deepEqual(all.value.orders.filter((o) => o.partnerId !== demoPartners.fabrikamBr), [], "with no other partner's order");
    const found = await service.findCustomers(lucas, 'contoso');
    assert.equal(found.total, 0, 'a search for "contoso" finds nothing for Lucas');
    const byDomain = await service.findCustomers(lucas, 'contosoretail.onmicrosoft.com');
    assert.equal(byDomain.total, 0, "nor a search for Contoso Retail's domain");
    assert.equal(store.audit.list().filter((e) => e.agentId === demoAgents.lucas && e.code === 'CUSTOMER_ISOLATION').length >= 1, true, 'the refused selection is audited');
  });
});

describe('purchase/authorisation: rules that changed since the items were added are checked at checkout', () => {
  const cases: { name: string; user: string; code: string; change: (f: Fixture) => unknown }[] = [
    {
      name: "Sam's access to the subscription was revoked",
      user: 'demo-sam',
      code: 'R3_SUBSCRIPTION_ACCESS',
      change: ({ store }) =>
        store.db.prepare('DELETE FROM agent_subscription_access WHERE agent_id = ? AND subscription_id = ?').run(demoAgents.sam, demoSubscriptions.contosoRetailProduction),
    },
    {
      name: "Hanna's access to the subscription was revoked",
      user: 'demo-hanna',
      code: 'R3_SUBSCRIPTION_ACCESS',
      change: ({ store }) =>
        store.db.prepare('DELETE FROM agent_subscription_access WHERE agent_id = ? AND subscription_id = ?').run(demoAgents.hanna, demoSubscriptions.contosoRetailProduction),
    },
    {
      name: 'the partner left CSP',
      user: 'demo-anna',
      code: 'R1_CSP_ONLY',
      change: async (f) => {
        f.store.db.prepare('UPDATE partners SET is_csp = 0 WHERE id = ?').run(demoPartners.contosoNl);
        f.actor = await actorFor(f.service, 'demo-anna'); // the next turn resolves the agent and partner again
      },
    },
    {
      name: 'the customer moved to another partner',
      user: 'demo-anna',
      code: 'CUSTOMER_ISOLATION',
      change: ({ world }) => world.db.prepare('UPDATE customers SET partner_id = ? WHERE id = ?').run(demoPartners.fabrikamBr, demoCustomers.contosoRetail),
    },
    {
      name: "the customer's agreement is no longer confirmed",
      user: 'demo-anna',
      code: 'R6_AGREEMENT',
      change: ({ world }) => world.db.prepare(`UPDATE customers SET agreement = 'notConfirmed' WHERE id = ?`).run(demoCustomers.contosoRetail),
    },
    {
      name: 'the customer is now in a market without reservations',
      user: 'demo-anna',
      code: 'R4_MARKET',
      change: ({ world }) => world.db.prepare(`UPDATE customers SET country = 'AW' WHERE id = ?`).run(demoCustomers.contosoRetail),
    },
  ];
  for (const c of cases) {
    it(`refuses when ${c.name}, writes no order, and audits the refusal with ${c.code}`, async () => {
      const fixture = await cartOf(c.user);
      await c.change(fixture);
      const result = await fixture.service.checkout(fixture.actor, fixture.cartId);
      assert.equal(result.ok, false, 'the checkout is refused');
      if (!result.ok) assert.equal(result.verdict.code, c.code, `refused as ${c.code}: ${result.verdict.code}`);
      assert.deepEqual(counts(fixture).slice(2, 5), [0, 0, 0], 'no checkout, order or order line');
      const refused = fixture.store.audit.list({ cartId: fixture.cartId }).filter((e) => e.type === 'checkout.refused');
      assert.equal(refused.length, 1, `one checkout.refused event: ${fixture.store.audit.list({ cartId: fixture.cartId }).map((e) => e.type).join(', ')}`);
      assert.equal(refused[0]!.code, c.code, 'with the rule code');
      assert.equal(refused[0]!.agentId, fixture.actor.agent.id, 'naming the agent');
      assert.equal(refused[0]!.conversationId, fixture.actor.conversationId, 'and the conversation');
    });
  }
});
