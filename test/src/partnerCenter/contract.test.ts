// The PartnerCenter contract: the same cases against the embedded implementation (LocalPartnerCenter over
// the demo world) and the REST implementation pointed at the local test Partner Center (test/support),
// which serves the same demo world over the documented endpoints. Where the two answer in their own way
// (an error code for the same refusal), the verdict the agent reads is what must agree.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { CatalogItem } from '../../../src/domain/types';
import { LocalPartnerCenter } from '../../../src/partnerCenter/local';
import { PartnerCenterError, type CartLineItemRequest, type PartnerCenter } from '../../../src/partnerCenter/partnerCenter';
import { partnerCenterVerdict } from '../../../src/purchase/partnerCenterErrors';
import type { CatalogSearch } from '../../../src/purchase/types';
import { demoAgents, demoCustomers, demoPartners, demoSubscriptions } from '../../../src/store/demoIds';
import type { Store } from '../../../src/store/store';
import { demoWorldStore } from '../../support/demoWorld';
import { TestPartnerCenter } from '../../support/partnerCenterServer';
import { restGateway } from '../../support/restGateway';

interface World {
  /** The world behind the gateway (changed by a test to set a case up). */
  store: Store;
  gateway(partnerId: string): PartnerCenter;
  /** The bot's cart a checkout belongs to (the embedded gateway keeps carts in its own store). */
  openCart(cart: { partnerId: string; agentId: string; customerId: string; subscriptionId: string; segment?: 'commercial' | 'education' }): string;
  close(): Promise<void>;
}

const implementations: { name: string; world: () => Promise<World> }[] = [
  {
    name: 'embedded (LocalPartnerCenter)',
    world: async () => {
      const store = demoWorldStore();
      const gateway = new LocalPartnerCenter(store);
      return {
        store,
        gateway: () => gateway,
        openCart: (c) => {
          const id = randomUUID();
          const now = new Date().toISOString();
          store.carts.create({
            id,
            partnerId: c.partnerId,
            agentId: c.agentId,
            customerId: c.customerId,
            conversationId: 'contract',
            segment: c.segment ?? 'commercial',
            reservationType: 'VirtualMachines',
            scope: 'shared',
            resellerMpnId: null,
            now,
          });
          store.carts.update(id, { subscriptionId: c.subscriptionId }, now);
          return id;
        },
        close: async () => store.close(),
      };
    },
  },
  {
    name: 'REST (RestPartnerCenter → test Partner Center over HTTPS)',
    world: async () => {
      const pc = await TestPartnerCenter.start();
      const gateways = new Map<string, PartnerCenter>();
      return {
        store: pc.store,
        gateway: (partnerId) => {
          let g = gateways.get(partnerId);
          if (!g) gateways.set(partnerId, (g = restGateway(pc, partnerId).gateway));
          return g;
        },
        openCart: () => randomUUID(),
        close: async () => {
          await pc.close();
          pc.store.close();
        },
      };
    },
  },
];

const contoso = demoPartners.contosoNl;
const fabrikam = demoPartners.fabrikamBr;

function search(filter: CatalogSearch['filter'], extra: Partial<CatalogSearch> = {}): CatalogSearch {
  return { country: 'NL', segment: 'commercial', reservationType: 'VirtualMachines', filter, offset: 0, limit: 10, ...extra };
}

/** The one catalog item of a size in West Europe for three years (Contoso Retail's market). */
async function itemFor(gateway: PartnerCenter, armSkuName: string, extra: Partial<CatalogSearch> = {}): Promise<CatalogItem> {
  const { items } = await gateway.searchCatalog(search({ armSkuName, region: 'westeurope', term: 'P3Y' }, extra));
  assert.equal(items.length, 1, `one ${armSkuName} item in West Europe for 3 years`);
  return items[0]!;
}

function line(id: number, item: CatalogItem, quantity: number, overrides: Partial<CartLineItemRequest> = {}): CartLineItemRequest {
  const term = item.availability.terms[0]!.duration;
  return {
    id,
    catalogItemId: item.catalogItemId,
    quantity,
    billingCycle: 'one_time',
    termDuration: term,
    provisioningContext: {
      subscriptionId: demoSubscriptions.contosoRetailProduction,
      scope: 'shared',
      duration: term === 'P1Y' ? '1Year' : term === 'P3Y' ? '3Years' : '5Years',
    },
    participants: [],
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<PartnerCenterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PartnerCenterError, `a PartnerCenterError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a refusal');
}

for (const impl of implementations) {
  describe(`PartnerCenter contract: ${impl.name}`, () => {
    let world: World;
    let pc: PartnerCenter;
    beforeEach(async () => {
      world = await impl.world();
      pc = world.gateway(contoso);
    });
    afterEach(async () => world.close());

    describe('customers', () => {
      it('finds a customer by the start of its name or domain, only among the partner’s own', async () => {
        const byName = await pc.searchCustomers(contoso, 'Contoso', 10);
        assert.ok(byName.customers.some((c) => c.id === demoCustomers.contosoRetail), 'Contoso Retail by name');
        const byDomain = await pc.searchCustomers(contoso, 'alpineski', 10);
        assert.deepEqual(byDomain.customers.map((c) => c.id), [demoCustomers.alpineSki], 'Alpine Ski House by domain');
        for (const c of [...byName.customers, ...byDomain.customers]) assert.equal(c.partnerId, contoso, 'only Contoso’s customers');
        const other = await world.gateway(fabrikam).searchCustomers(fabrikam, 'Contoso', 10);
        assert.deepEqual(other.customers, [], 'Fabrikam does not see Contoso’s customers');
        const nobody = await pc.searchCustomers(contoso, 'Zzz no such customer', 10);
        assert.deepEqual(nobody, { customers: [], total: 0 }, 'no match, no customer');
      });

      it('honours the limit and reports the total', async () => {
        const all = await pc.searchCustomers(contoso, '', 100);
        assert.ok(all.customers.length > 3, 'an empty query lists the customers');
        const two = await pc.searchCustomers(contoso, '', 2);
        assert.equal(two.customers.length, 2, 'at most the limit');
        assert.equal(two.total, all.total, 'the total counts every match');
      });

      it('reads a customer with country, agreement, segments and reseller as the world has them', async () => {
        for (const id of [demoCustomers.contosoRetail, demoCustomers.alpineSki, demoCustomers.fourthCoffee, demoCustomers.universiteitZuid]) {
          assert.deepEqual(await pc.getCustomer(contoso, id), world.store.directory.customer(id), `customer ${id}`);
        }
        const padaria = await world.gateway(fabrikam).getCustomer(fabrikam, demoCustomers.padaria);
        assert.deepEqual(padaria, world.store.directory.customer(demoCustomers.padaria), 'an indirect provider’s customer with its reseller');
        assert.ok(padaria?.resellerMpnId, 'sold through a reseller');
      });

      it('does not show another partner’s customer, nor an unknown one', async () => {
        assert.equal(await pc.getCustomer(contoso, demoCustomers.padaria), undefined, 'Fabrikam’s customer is not Contoso’s');
        assert.equal(await pc.getCustomer(fabrikam, demoCustomers.contosoRetail), undefined, 'asked for another partner');
        assert.equal(await pc.getCustomer(contoso, 'c0000000-0000-4000-8000-00000000dead'), undefined, 'unknown');
      });
    });

    describe('subscriptions and registration', () => {
      it('lists the Azure subscriptions with status and registration (Azure plan entitlements included)', async () => {
        const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
        for (const id of [demoCustomers.contosoRetail, demoCustomers.alpineSki, demoCustomers.oudeHaven, demoCustomers.brouwerij]) {
          assert.deepEqual(byId(await pc.getSubscriptions(id)), byId(world.store.directory.subscriptions(id)), `subscriptions of ${id}`);
        }
        const [plan] = await pc.getSubscriptions(demoCustomers.alpineSki);
        assert.equal(plan?.kind, 'azurePlan', 'the Azure plan’s subscription');
        assert.equal(plan?.id, demoSubscriptions.alpineSkiPlan, 'the Azure subscription reservations are bought against');
      });

      it('registers a subscription and reports it registered', async () => {
        const devTest = demoSubscriptions.contosoRetailDevTest;
        assert.equal(await pc.getRegistrationStatus(demoCustomers.contosoRetail, devTest), 'notregistered');
        await pc.registerSubscription(demoCustomers.contosoRetail, devTest);
        assert.equal(await pc.getRegistrationStatus(demoCustomers.contosoRetail, devTest), 'registered');
      });

      it('refuses the registration status of an unknown subscription with 800002', async () => {
        const error = await refusal(pc.getRegistrationStatus(demoCustomers.contosoRetail, 'b0000000-0000-4000-8000-00000000dead'));
        assert.equal(error.code, '800002');
      });

      it('adds an Azure plan once per request id', async () => {
        const requestId = randomUUID();
        const plan = await pc.createAzurePlan(demoCustomers.nieuweKlant, requestId);
        assert.equal(plan.kind, 'azurePlan');
        assert.equal(plan.status, 'active');
        assert.equal(plan.customerId, demoCustomers.nieuweKlant);
        const again = await pc.createAzurePlan(demoCustomers.nieuweKlant, requestId);
        assert.equal(again.id, plan.id, 'the same request id, the same subscription');
        const listed = await pc.getSubscriptions(demoCustomers.nieuweKlant);
        assert.deepEqual(listed.map((s) => s.id), [plan.id], 'one Azure subscription, listed');
      });
    });

    describe('resellers and reservation types', () => {
      it('lists an indirect provider’s resellers, and none for a direct partner', async () => {
        assert.deepEqual(await world.gateway(fabrikam).getResellers(fabrikam), world.store.directory.resellers(fabrikam));
        assert.deepEqual(await pc.getResellers(contoso), []);
      });

      it('offers the reservation types of the reference list, virtual machines first', async () => {
        assert.deepEqual(await pc.getReservationTypes(), world.store.catalog.reservationTypes());
      });
    });

    describe('catalog', () => {
      it('finds one item by size, region and term, with the market’s price and currency', async () => {
        const item = await itemFor(pc, 'Standard_D2s_v5');
        assert.deepEqual(item, world.store.catalog.item(item.catalogItemId), 'the item as the world has it');
        assert.equal(item.availability.defaultCurrency.code, 'EUR');
        assert.equal(item.availability.country, 'NL');
      });

      it('filters and pages a family like the embedded catalog', async () => {
        const q = search({ family: 'Dsv5', region: 'westeurope' });
        const first = await pc.searchCatalog(q);
        const expected = world.store.catalog.search(q);
        assert.equal(first.total, expected.total, 'the same total');
        assert.deepEqual(first.items.map((i) => i.catalogItemId), expected.items.map((i) => i.catalogItemId), 'the same first page, in order');
        const second = await pc.searchCatalog({ ...q, offset: 10 });
        assert.deepEqual(second.items.map((i) => i.catalogItemId), world.store.catalog.search({ ...q, offset: 10 }).items.map((i) => i.catalogItemId), 'page 2');
        const none = await pc.searchCatalog(search({ region: 'nowhere' }));
        assert.deepEqual(none, { items: [], total: 0 }, 'an unknown region finds nothing');
      });

      it('keeps segments and markets apart', async () => {
        const commercial = await itemFor(pc, 'Standard_D2s_v5');
        const education = await itemFor(pc, 'Standard_D2s_v5', { segment: 'education' });
        assert.equal(education.availability.segment, 'education');
        assert.notEqual(education.catalogItemId, commercial.catalogItemId, 'another availability');
        const brazil = await pc.searchCatalog(search({ armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, { country: 'BR' }));
        assert.ok(brazil.items.every((i) => i.availability.country === 'BR' && i.availability.defaultCurrency.code === 'USD'), 'Brazil in USD');
        assert.ok(!brazil.items.some((i) => i.catalogItemId === commercial.catalogItemId), 'the Dutch item is not sold in Brazil');
      });

      it('names the regions, families and sizes a typed filter may use', async () => {
        assert.deepEqual(await pc.getCatalogVocabulary('NL', 'commercial', 'VirtualMachines'), world.store.catalog.vocabulary('NL', 'commercial', 'VirtualMachines'));
      });

      it('reads an item again by its catalog item id, and nothing for an unknown id', async () => {
        const item = await itemFor(pc, 'Standard_D4s_v5');
        assert.deepEqual(await pc.getCatalogItem(item.catalogItemId), item);
        assert.equal(await pc.getCatalogItem('DZH318Z0XXXX:0001:DZH318Z0YYYY'), undefined);
      });

      it('checks inventory where a SKU requires it', async () => {
        const restricted = await itemFor(pc, 'Standard_D96s_v5');
        const free = await itemFor(pc, 'Standard_D2s_v5');
        assert.ok(restricted.sku.purchasePrerequisites.includes('InventoryCheck'));
        const results = await pc.checkInventory({
          country: 'NL',
          targetItems: [restricted, free].map((i) => ({ productId: i.product.id, skuId: i.sku.id })),
          inventoryContext: { customerId: demoCustomers.contosoRetail, azureSubscriptionId: demoSubscriptions.contosoRetailProduction, armRegionName: 'westeurope' },
        });
        assert.deepEqual(results.map((r) => [r.skuId, r.isRestricted]), [[restricted.sku.id, true], [free.sku.id, false]]);
        assert.equal(results[0]!.restrictions[0]!.reasonCode, 'InventoryNotAvailable');
      });
    });

    describe('checkout and orders', () => {
      const annasCart = () =>
        world.openCart({ partnerId: contoso, agentId: demoAgents.anna, customerId: demoCustomers.contosoRetail, subscriptionId: demoSubscriptions.contosoRetailProduction });

      it('buys a cart once per request id: the same orders again, looked up by request id and listed', async () => {
        const d2 = await itemFor(pc, 'Standard_D2s_v5');
        const d4 = await itemFor(pc, 'Standard_D4s_v5');
        const cartId = annasCart();
        const request = { customerId: demoCustomers.contosoRetail, cartId, requestId: cartId, agentId: demoAgents.anna, lineItems: [line(1, d2, 3), line(2, d4, 1)] };
        const first = await pc.checkout(request);
        assert.equal(first.replayed, false);
        assert.deepEqual(first.orderErrors, []);
        assert.equal(first.orders.length, 1, 'one billing cycle, one order');
        const order = first.orders[0]!;
        assert.deepEqual(order.lineItems.map((l) => [l.catalogItemId, l.quantity]), [[d2.catalogItemId, 3], [d4.catalogItemId, 1]]);
        assert.equal(order.totalMinor, d2.availability.unitPriceMinor * 3 + d4.availability.unitPriceMinor, 'priced from the catalog');
        assert.equal(order.currencyCode, 'EUR');
        assert.equal(order.cartId, cartId);
        assert.equal(order.agentId, demoAgents.anna);
        assert.equal(order.status, 'pending');

        const again = await pc.checkout(request);
        assert.equal(again.replayed, true, 'the same request id is a replay');
        assert.deepEqual(again.orders.map((o) => o.id), [order.id], 'with the same order');
        assert.deepEqual((await pc.getOrdersForRequest(cartId)).map((o) => o.id), [order.id], 'found by request id');
        assert.deepEqual(await pc.getOrdersForRequest(randomUUID()), [], 'an unknown request id has no orders');
        const listed = await pc.getOrders(contoso, demoCustomers.contosoRetail);
        assert.equal(listed[0]?.id, order.id, 'the customer’s newest order');
        assert.equal(listed[0]?.totalMinor, order.totalMinor, 'with its total');
        assert.ok((await pc.getOrders(contoso)).some((o) => o.id === order.id), 'in the partner’s order history');
        assert.deepEqual(await world.gateway(fabrikam).getOrders(fabrikam, demoCustomers.contosoRetail), [], 'not in another partner’s');
        const provisioning = await pc.getProvisioningStatus(demoCustomers.contosoRetail, order.id);
        assert.deepEqual(provisioning.map((p) => p.lineItemNumber), order.lineItems.map((l) => l.lineItemNumber), 'a status per line');
        assert.ok(provisioning.every((p) => p.status === 'PrefulfillmentPending'), 'not fulfilled yet');
      });

      it('makes one order per billing cycle', async () => {
        const d2 = await itemFor(pc, 'Standard_D2s_v5');
        const d4 = await itemFor(pc, 'Standard_D4s_v5');
        const cartId = annasCart();
        const result = await pc.checkout({
          customerId: demoCustomers.contosoRetail,
          cartId,
          requestId: cartId,
          agentId: demoAgents.anna,
          lineItems: [line(1, d2, 2), line(2, d4, 1, { billingCycle: 'monthly' })],
        });
        assert.deepEqual(result.orders.map((o) => o.billingCycle).sort(), ['monthly', 'one_time']);
      });

      const refusals: { name: string; verdict: string; build: (w: World, g: PartnerCenter) => Promise<CartLineItemRequest[]> }[] = [
        { name: 'a quantity above the SKU’s maximum', verdict: 'R12_QUANTITY', build: async (_w, g) => [line(1, await itemFor(g, 'Standard_D2s_v5'), 100_000)] },
        {
          name: 'monthly billing of an item without a billing plan',
          verdict: 'R10_BILLING_FREQUENCY',
          build: async (w, g) => {
            const row = w.store.db
              .prepare(
                `SELECT a.catalog_item_id AS id, a.reservation_type AS type, s.arm_sku_name AS sku, s.arm_region_name AS region, a.term FROM availabilities a
                 JOIN skus s ON s.product_id = a.product_id AND s.id = a.sku_id
                 WHERE a.country = 'NL' AND a.segment = 'commercial' AND a.is_purchasable = 1 AND s.billing_cycles = '["one_time"]' LIMIT 1`,
              )
              .get() as { id: string; type: string; sku: string; region: string; term: 'P1Y' | 'P3Y' };
            const { items } = await g.searchCatalog(search({ armSkuName: row.sku, region: row.region, term: row.term }, { reservationType: row.type }));
            const item = items.find((i) => i.catalogItemId === row.id)!;
            return [line(1, item, 1, { billingCycle: 'monthly' })];
          },
        },
        {
          name: 'a subscription that is not registered for reservations',
          verdict: 'R5_ACTIVE_SUBSCRIPTION',
          build: async (_w, g) => {
            const item = await itemFor(g, 'Standard_D2s_v5');
            return [line(1, item, 1, { provisioningContext: { subscriptionId: demoSubscriptions.contosoRetailDevTest, scope: 'shared', duration: '3Years' } })];
          },
        },
        {
          name: 'a subscription suspended since the items were chosen',
          verdict: 'R5_ACTIVE_SUBSCRIPTION',
          build: async (w, g) => {
            const item = await itemFor(g, 'Standard_D2s_v5');
            w.store.db.prepare(`UPDATE subscriptions SET status = 'suspended' WHERE id = ?`).run(demoSubscriptions.contosoRetailProduction);
            return [line(1, item, 1)];
          },
        },
        {
          name: 'an item of another market',
          verdict: 'R4_MARKET',
          build: async (_w, g) => {
            const { items } = await g.searchCatalog(search({ armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, { country: 'BR' }));
            return [line(1, items[0]!, 1)];
          },
        },
      ];
      for (const r of refusals) {
        it(`refuses ${r.name} as the rules do (${r.verdict}) and orders nothing`, async () => {
          const lineItems = await r.build(world, pc);
          const cartId = annasCart();
          const error = await refusal(pc.checkout({ customerId: demoCustomers.contosoRetail, cartId, requestId: cartId, agentId: demoAgents.anna, lineItems }));
          assert.equal(partnerCenterVerdict(error).code, r.verdict, `${error.code} → ${r.verdict}`);
          assert.deepEqual(await pc.getOrders(contoso, demoCustomers.contosoRetail), [], 'no order');
          assert.deepEqual(await pc.getOrdersForRequest(cartId), [], 'none for the request');
        });
      }

      it('refuses a second checkout of a bought cart under another request id (800065)', async () => {
        const item = await itemFor(pc, 'Standard_D2s_v5');
        const cartId = annasCart();
        await pc.checkout({ customerId: demoCustomers.contosoRetail, cartId, requestId: cartId, agentId: demoAgents.anna, lineItems: [line(1, item, 1)] });
        const error = await refusal(
          pc.checkout({ customerId: demoCustomers.contosoRetail, cartId, requestId: randomUUID(), agentId: demoAgents.anna, lineItems: [line(1, item, 1)] }),
        );
        assert.equal(error.code, '800065');
        assert.equal(partnerCenterVerdict(error).code, 'R15_ORDER_LISTING');
        assert.equal((await pc.getOrders(contoso, demoCustomers.contosoRetail)).length, 1, 'still one order');
      });
    });
  });
}
