// The PartnerCenter contract: the same cases against the embedded implementation (LocalPartnerCenter over
// the demo world) and the REST implementation pointed at the local test Partner Center (test/support),
// which serves the same demo world over the documented endpoints. Where the two answer in their own way
// (an error code for the same refusal), the verdict the agent reads is what must agree.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { CatalogItem } from '../../../src/domain/types';
import type { LocalPartnerCenter } from '../../../src/partnerCenter/local';
import { PartnerCenterError, type CartLineItemRequest, type PartnerCenter } from '../../../src/partnerCenter/partnerCenter';
import { partnerCenterVerdict } from '../../../src/purchase/partnerCenterErrors';
import { classifyFailure } from '../../../src/purchase/checkoutRetry';
import { checkAgreement } from '../../../src/rules/eligibility';
import type { CatalogSearch } from '../../../src/domain/types';
import { demoAgents, demoCustomers, demoPartners, demoSubscriptions } from '../../../src/store/demoIds';
import { demoPartnerCenter } from '../../support/demoWorld';
import { TestPartnerCenter } from '../../support/partnerCenterServer';
import { restGateway } from '../../support/restGateway';

interface World {
  /** The world behind the gateway (changed by a test to set a case up). */
  world: LocalPartnerCenter;
  gateway(partnerId: string): PartnerCenter;
  /** The id of a bot cart a checkout belongs to. */
  openCart(cart: { partnerId: string; agentId: string; customerId: string; subscriptionId: string; segment?: 'commercial' | 'education' }): string;
  /** Runs `change` when the next checkout reaches Partner Center, before it is carried out. */
  beforeNextCheckout(change: () => void): void;
  /**
   * The next checkout meets a fault: `throttle` is a 429 with Retry-After (not carried out); `inProgress`
   * is carried out, then answered 800060 "order in progress" (and, where Partner Center lists orders
   * late, not listed until releaseOrders).
   */
  failNextCheckout(fault: { kind: 'throttle'; retryAfterSeconds: number } | { kind: 'inProgress' }): void;
  /** Orders not listed yet are listed now (Partner Center's up to 15 minutes have passed). */
  releaseOrders(): void;
  /** Every Partner Center cart reaches its expirationTimestamp (the embedded gateway keeps none: nothing to do). */
  expireCarts(): void;
  /** The test Partner Center behind the REST gateway, for what only it can tell (requests, orders held). */
  server?: TestPartnerCenter;
  close(): Promise<void>;
}

/** The embedded gateway with the faults a contract case asks for, at checkout only. */
function withCheckoutFaults(inner: LocalPartnerCenter) {
  let before: (() => void) | undefined;
  let fault: Parameters<World['failNextCheckout']>[0] | undefined;
  const gateway: PartnerCenter = Object.create(inner) as PartnerCenter;
  gateway.checkout = async (request) => {
    const [change, f] = [before, fault];
    before = fault = undefined;
    change?.();
    if (f?.kind === 'throttle') throw new PartnerCenterError('429', 'Too many requests.', 429, f.retryAfterSeconds);
    const response = await inner.checkout(request);
    if (f?.kind === 'inProgress') throw new PartnerCenterError('800060', 'Order in progress.', 409);
    return response;
  };
  return {
    gateway,
    beforeNextCheckout: (change: () => void) => void (before = change),
    failNextCheckout: (f: Parameters<World['failNextCheckout']>[0]) => void (fault = f),
  };
}

const implementations: { name: string; world: () => Promise<World> }[] = [
  {
    name: 'embedded (LocalPartnerCenter)',
    world: async () => {
      const world = demoPartnerCenter();
      const faulty = withCheckoutFaults(world);
      const gateway = faulty.gateway;
      return {
        world,
        gateway: () => gateway,
        beforeNextCheckout: faulty.beforeNextCheckout,
        failNextCheckout: faulty.failNextCheckout,
        releaseOrders: () => undefined,
        expireCarts: () => undefined,
        openCart: () => randomUUID(),
        close: async () => world.close(),
      };
    },
  },
  {
    name: 'REST (RestPartnerCenter → test Partner Center over HTTPS)',
    world: async () => {
      const pc = await TestPartnerCenter.start();
      const gateways = new Map<string, PartnerCenter>();
      return {
        world: pc.world,
        gateway: (partnerId) => {
          let g = gateways.get(partnerId);
          if (!g) gateways.set(partnerId, (g = restGateway(pc, partnerId).gateway));
          return g;
        },
        openCart: () => randomUUID(),
        beforeNextCheckout: (change) => {
          pc.onRequest = (r) => {
            if (r.method !== 'POST' || !/\/carts\/[^/]+\/checkout$/.test(r.path)) return;
            pc.onRequest = undefined;
            change();
          };
        },
        failNextCheckout: (f) => {
          if (f.kind === 'throttle') {
            pc.fail({
              method: 'POST',
              path: /\/carts\/[^/]+\/checkout$/,
              action: { status: 429, headers: { 'Retry-After': String(f.retryAfterSeconds) }, body: { code: '429', description: 'Too many requests.' } },
            });
          } else {
            pc.hideNewOrders = true;
            pc.fail({ method: 'POST', path: /\/carts\/[^/]+\/checkout$/, action: { status: 409, body: { code: '800060', description: 'Order in progress.' }, process: true } });
          }
        },
        releaseOrders: () => pc.releaseOrders(),
        expireCarts: () => pc.expireCarts(),
        server: pc,
        close: async () => {
          await pc.close();
          pc.world.close();
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

      it('finds a customer whatever the accents and case typed: "cafe noel" and "CAFÉ NOËL" find Café Noël SARL', async () => {
        for (const query of ['cafe noel', 'CAFÉ NOËL', 'noel sarl']) {
          const found = await pc.searchCustomers(contoso, query, 10);
          assert.deepEqual(found.customers.map((c) => c.companyName), ['Café Noël SARL'], `"${query}"`);
          assert.equal(found.total, 1, `"${query}": one match`);
        }
      });

      it('pages past the first ten: the second page is the next customers by name, with the same total', async () => {
        const all = await pc.searchCustomers(contoso, '', 100);
        const second = await pc.searchCustomers(contoso, '', 10, 10);
        assert.deepEqual(second.customers.map((c) => c.companyName), all.customers.slice(10, 20).map((c) => c.companyName), 'customers 11–20');
        assert.equal(second.total, all.total, 'the total counts every match');
        assert.ok(second.customers.length > 0 && second.customers.length <= 10, `a page of at most ten: ${second.customers.length}`);
      });

      it('reads a customer with country, agreement, segments and reseller as the world has them', async () => {
        for (const id of [demoCustomers.contosoRetail, demoCustomers.alpineSki, demoCustomers.fourthCoffee, demoCustomers.universiteitZuid]) {
          assert.deepEqual(await pc.getCustomer(contoso, id), world.world.directory.customer(id), `customer ${id}`);
        }
        const padaria = await world.gateway(fabrikam).getCustomer(fabrikam, demoCustomers.padaria);
        assert.deepEqual(padaria, world.world.directory.customer(demoCustomers.padaria), 'an indirect provider’s customer with its reseller');
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
          assert.deepEqual(byId(await pc.getSubscriptions(id)), byId(world.world.directory.subscriptions(id)), `subscriptions of ${id}`);
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
        assert.deepEqual(await world.gateway(fabrikam).getResellers(fabrikam), world.world.directory.resellers(fabrikam));
        assert.deepEqual(await pc.getResellers(contoso), []);
      });

      it('offers the reservation types of the reference list, virtual machines first', async () => {
        assert.deepEqual(await pc.getReservationTypes(), world.world.catalog.reservationTypes());
      });
    });

    describe('catalog', () => {
      it('finds one item by size, region and term, with the market’s price and currency', async () => {
        const item = await itemFor(pc, 'Standard_D2s_v5');
        assert.deepEqual(item, world.world.catalog.item(item.catalogItemId), 'the item as the world has it');
        assert.equal(item.availability.defaultCurrency.code, 'EUR');
        assert.equal(item.availability.country, 'NL');
      });

      it('filters and pages a family like the embedded catalog', async () => {
        const q = search({ family: 'Dsv5', region: 'westeurope' });
        const first = await pc.searchCatalog(q);
        const expected = world.world.catalog.search(q);
        assert.equal(first.total, expected.total, 'the same total');
        assert.deepEqual(first.items.map((i) => i.catalogItemId), expected.items.map((i) => i.catalogItemId), 'the same first page, in order');
        const second = await pc.searchCatalog({ ...q, offset: 10 });
        assert.deepEqual(second.items.map((i) => i.catalogItemId), world.world.catalog.search({ ...q, offset: 10 }).items.map((i) => i.catalogItemId), 'page 2');
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
        assert.deepEqual(await pc.getCatalogVocabulary('NL', 'commercial', 'VirtualMachines'), world.world.catalog.vocabulary('NL', 'commercial', 'VirtualMachines'));
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
            const row = w.world.db
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
            w.world.db.prepare(`UPDATE subscriptions SET status = 'suspended' WHERE id = ?`).run(demoSubscriptions.contosoRetailProduction);
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

      // ---- issue 6: cart expiry, 13605, 800060, several orders from one cart, 429 ------------------

      const annasRequest = (cartId: string, lineItems: CartLineItemRequest[]) => ({
        customerId: demoCustomers.contosoRetail,
        cartId,
        requestId: cartId,
        agentId: demoAgents.anna,
        lineItems,
      });
      /** The orders Partner Center holds for Contoso Retail, each once, listed or not (REST: the server's own record). */
      const ordersHeld = async () =>
        world.server ? world.server.ordersOf(demoCustomers.contosoRetail).map((o) => o.id) : (await pc.getOrders(contoso, demoCustomers.contosoRetail)).map((o) => o.id);
      const serverCalls = (method: string, path: RegExp) => world.server?.calls(method, path).length;

      it('buys a cart whose Partner Center cart expired after a refused checkout: a new cart, one order', async () => {
        const item = await itemFor(pc, 'Standard_D2s_v5');
        const cartId = annasCart();
        const tooMany = await refusal(pc.checkout(annasRequest(cartId, [line(1, item, 100_000)])));
        assert.equal(tooMany.code, '800017', 'the first checkout is refused (quantity)');
        world.expireCarts();
        const bought = await pc.checkout(annasRequest(cartId, [line(1, item, 2)]));
        assert.equal(bought.replayed, false, 'a new purchase, not a replay');
        assert.equal(bought.orders.length, 1, 'one order');
        assert.equal(bought.orders[0]!.lineItems[0]!.quantity, 2, 'with the corrected quantity');
        assert.deepEqual(await ordersHeld(), bought.orders.map((o) => o.id), 'Partner Center holds exactly that order');
        if (world.server) {
          assert.equal(serverCalls('PUT', /\/carts\/[^/]+$/), 1, 'the expired cart was updated first (404)');
          assert.equal(serverCalls('POST', /\/carts$/), 2, 'then a new cart was created');
        }
      });

      it('recovers when Partner Center refuses the checkout of an expired cart (404 800002): the same lines in a new cart, one order, replayed after', async () => {
        const d2 = await itemFor(pc, 'Standard_D2s_v5');
        const d4 = await itemFor(pc, 'Standard_D4s_v5');
        const cartId = annasCart();
        const request = annasRequest(cartId, [line(1, d2, 3), line(2, d4, 1)]);
        world.beforeNextCheckout(() => world.expireCarts());
        const bought = await pc.checkout(request);
        assert.equal(bought.replayed, false, 'bought by this request');
        assert.equal(bought.orders.length, 1, 'one order');
        assert.deepEqual(bought.orders[0]!.lineItems.map((l) => [l.catalogItemId, l.quantity]), [[d2.catalogItemId, 3], [d4.catalogItemId, 1]], 'with the same lines');
        const again = await pc.checkout(request);
        assert.equal(again.replayed, true, 'the same request again is a replay');
        assert.deepEqual(again.orders.map((o) => o.id), bought.orders.map((o) => o.id), 'of the same order');
        assert.deepEqual((await pc.getOrdersForRequest(cartId)).map((o) => o.id), bought.orders.map((o) => o.id), 'found by request id');
        assert.deepEqual(await ordersHeld(), bought.orders.map((o) => o.id), 'Partner Center holds exactly one order');
        if (world.server) {
          const checkouts = world.server.calls('POST', /\/carts\/[^/]+\/checkout$/);
          assert.equal(checkouts.length, 2, 'the expired cart’s checkout, then the new cart’s');
          assert.notEqual(checkouts[0]!.path, checkouts[1]!.path, 'two different carts');
          // "Partner Center REST headers": a new MS-RequestId after an answer (the 404).
          assert.deepEqual(
            checkouts.map((c) => c.headers['ms-requestid'] === cartId),
            [true, false],
            'the first under the request id, the second under a new one',
          );
          assert.equal(serverCalls('POST', /\/carts$/), 2, 'two carts created in all');
        }
      });

      it('refuses a customer whose MCA acceptance is not confirmed (13605) with the verdict of the rules (R6_AGREEMENT), ordering nothing', async () => {
        const customer = world.world.directory.customer(demoCustomers.fourthCoffee)!;
        assert.equal(customer.agreement, 'notConfirmed', 'Fourth Coffee’s acceptance is not confirmed');
        const subscription = world.world.directory.subscriptions(customer.id)[0]!;
        const item = await itemFor(pc, 'Standard_D2s_v5', { country: 'GB' });
        const cartId = world.openCart({ partnerId: contoso, agentId: demoAgents.anna, customerId: customer.id, subscriptionId: subscription.id });
        const request = {
          customerId: customer.id,
          cartId,
          requestId: cartId,
          agentId: demoAgents.anna,
          lineItems: [line(1, item, 1, { provisioningContext: { subscriptionId: subscription.id, scope: 'shared', duration: '3Years' } })],
        };
        const error = await refusal(pc.checkout(request));
        assert.equal(error.code, '13605', 'Partner Center’s code');
        const rule = checkAgreement(customer);
        assert.equal(rule.ok, false, 'the embedded rule refuses too');
        assert.equal(partnerCenterVerdict(error).code, rule.code, 'the same rule code as the embedded rule');
        assert.equal(partnerCenterVerdict(error).code, 'R6_AGREEMENT', 'R6');
        assert.deepEqual(await pc.getOrders(contoso, customer.id), [], 'no order');
        assert.deepEqual(await pc.getOrdersForRequest(cartId), [], 'none for the request');
        if (world.server) {
          assert.equal(serverCalls('POST', /\/carts\/[^/]+\/checkout$/), 0, 'refused at cart creation, before any checkout');
          assert.deepEqual(world.server.ordersOf(customer.id), [], 'the server holds no order');
        }
      });

      it('refuses with 13605 at checkout when the MCA acceptance is withdrawn after the cart was made (R6_AGREEMENT), ordering nothing', async () => {
        const item = await itemFor(pc, 'Standard_D2s_v5');
        const cartId = annasCart();
        world.beforeNextCheckout(() => world.world.db.prepare(`UPDATE customers SET agreement = 'notConfirmed' WHERE id = ?`).run(demoCustomers.contosoRetail));
        const error = await refusal(pc.checkout(annasRequest(cartId, [line(1, item, 1)])));
        assert.equal(error.code, '13605', 'refused at checkout');
        assert.equal(partnerCenterVerdict(error).code, checkAgreement(world.world.directory.customer(demoCustomers.contosoRetail)!).code, 'the verdict of the embedded rule');
        assert.deepEqual(await ordersHeld(), [], 'no order');
        if (world.server) assert.equal(serverCalls('POST', /\/carts\/[^/]+\/checkout$/), 1, 'the checkout was sent, and refused');
      });

      it('on 800060 "order in progress" the order is not made twice: found by request id once listed, a repeat is a replay', async () => {
        const item = await itemFor(pc, 'Standard_D2s_v5');
        const cartId = annasCart();
        const request = annasRequest(cartId, [line(1, item, 2)]);
        world.failNextCheckout({ kind: 'inProgress' });
        const error = await refusal(pc.checkout(request));
        assert.equal(error.code, '800060', 'order in progress');
        assert.equal(partnerCenterVerdict(error).code, 'R15_ORDER_LISTING', 'explained as R15');
        world.releaseOrders();
        const found = await pc.getOrdersForRequest(cartId);
        assert.equal(found.length, 1, 'the order is found by request id');
        assert.equal(found[0]!.lineItems[0]!.quantity, 2, 'with its quantity');
        const again = await pc.checkout(request);
        assert.equal(again.replayed, true, 'a repeat is a replay');
        assert.deepEqual(again.orders.map((o) => o.id), found.map((o) => o.id), 'of the same order');
        assert.deepEqual(await ordersHeld(), found.map((o) => o.id), 'Partner Center holds exactly one order');
        if (world.server) assert.equal(serverCalls('POST', /\/carts\/[^/]+\/checkout$/), 1, 'the checkout was posted once');
      });

      it('makes several orders from one cart (one per billing cycle): all found by request id, replayed together, listed', async () => {
        const d2 = await itemFor(pc, 'Standard_D2s_v5');
        const d4 = await itemFor(pc, 'Standard_D4s_v5');
        const e2 = await itemFor(pc, 'Standard_E2s_v5');
        const cartId = annasCart();
        const request = annasRequest(cartId, [line(1, d2, 2), line(2, d4, 1, { billingCycle: 'monthly' }), line(3, e2, 4)]);
        const result = await pc.checkout(request);
        assert.deepEqual(result.orderErrors, [], 'no order group failed');
        assert.equal(result.orders.length, 2, 'two orders from one cart');
        const byCycle = Object.fromEntries(result.orders.map((o) => [o.billingCycle, o]));
        assert.deepEqual(byCycle.one_time?.lineItems.map((l) => [l.catalogItemId, l.quantity]), [[d2.catalogItemId, 2], [e2.catalogItemId, 4]], 'the one-time order’s lines');
        assert.deepEqual(byCycle.monthly?.lineItems.map((l) => [l.catalogItemId, l.quantity]), [[d4.catalogItemId, 1]], 'the monthly order’s line');
        for (const o of result.orders) assert.equal(o.cartId, cartId, `order ${o.id} belongs to the cart`);
        const ids = result.orders.map((o) => o.id).sort();
        assert.deepEqual((await pc.getOrdersForRequest(cartId)).map((o) => o.id).sort(), ids, 'both found by request id');
        const again = await pc.checkout(request);
        assert.equal(again.replayed, true, 'a repeat is a replay');
        assert.deepEqual(again.orders.map((o) => o.id).sort(), ids, 'of both orders');
        assert.deepEqual((await pc.getOrders(contoso, demoCustomers.contosoRetail)).map((o) => o.id).sort(), ids, 'both listed, each once');
        assert.deepEqual((await ordersHeld()).sort(), ids, 'Partner Center holds exactly these two');
      });

      it('on 429 hands back the Retry-After without ordering; the next checkout buys once', async () => {
        const item = await itemFor(pc, 'Standard_D2s_v5');
        const cartId = annasCart();
        const request = annasRequest(cartId, [line(1, item, 1)]);
        world.failNextCheckout({ kind: 'throttle', retryAfterSeconds: 7 });
        const error = await refusal(pc.checkout(request));
        assert.equal(error.status, 429, 'throttled');
        assert.equal(error.retryAfterSeconds, 7, 'with the wait Partner Center asked for');
        assert.equal(classifyFailure(error), 'throttled', 'the retry policy waits and posts again');
        assert.deepEqual(await pc.getOrdersForRequest(cartId), [], 'nothing was ordered');
        const bought = await pc.checkout(request);
        assert.equal(bought.replayed, false, 'the next attempt buys');
        assert.equal(bought.orders.length, 1, 'one order');
        assert.deepEqual(await ordersHeld(), bought.orders.map((o) => o.id), 'Partner Center holds exactly one order');
        if (world.server) {
          assert.equal(serverCalls('POST', /\/carts\/[^/]+\/checkout$/), 2, 'posted twice: the throttled one was not carried out');
          assert.equal(serverCalls('POST', /\/carts$/), 1, 'the same cart');
        }
      });
    });
  });
}
