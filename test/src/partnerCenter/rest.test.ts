// The REST gateway on the wire, against the local test Partner Center: headers (MS-RequestId kept across
// retries, a new MS-CorrelationId per request, X-Locale from the agent), retries of idempotent calls only
// (429 with Retry-After, 5xx, timeouts), a checkout that is never re-posted blindly (timeout, 800060, 5xx:
// looked up), cart line errors and orderErrors, cart updates, tokens (cached, renewed, secret, certificate,
// app+user), the catalog cache, and the settings the bot refuses to start without.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PartnerCenterError, PartnerCenterTimeoutError } from '../../../src/partnerCenter/partnerCenter';
import { withPartnerCenterContext } from '../../../src/partnerCenter/rest/callContext';
import { familyOf } from '../../../src/partnerCenter/rest/catalogMapping';
import { retryAfterMs } from '../../../src/partnerCenter/rest/client';
import { SqliteJournal } from '../../../src/partnerCenter/rest/journal';
import { parseConsumptionSheet, parsePriceSheet } from '../../../src/partnerCenter/rest/priceSheet';
import { lineSavings } from '../../../src/rules/savings';
import { partnerCenterSettings } from '../../../src/partnerCenter/rest/settings';
import { partnerCenterVerdict } from '../../../src/purchase/partnerCenterErrors';
import { english } from '../rules/factories';
import { PurchaseService, type Actor } from '../../../src/purchase/purchaseService';
import { demoCustomers, demoPartners, demoSubscriptions } from '../../../src/store/demoIds';
import { loadConfig } from '../../../bot/config';
import { demoPartnerCenter, demoWorldStore } from '../../support/demoWorld';
import { TestPartnerCenter, testCa } from '../../support/partnerCenterServer';
import { d2, rejection, request, restGateway, testCaFile, type TestGateway } from '../../support/restGateway';

const contoso = demoPartners.contosoNl;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('Partner Center REST gateway on the wire', () => {
  let pc: TestPartnerCenter;
  let t: TestGateway;
  beforeEach(async () => {
    pc = await TestPartnerCenter.start();
    t = restGateway(pc, contoso);
  });
  afterEach(async () => {
    await pc.close();
    pc.world.close();
  });
  const checkouts = () => pc.calls('POST', /\/carts\/[^/]+\/checkout$/);

  describe('headers', () => {
    it('sends a bearer token, a request id and a new correlation id on every request, and logs them', async () => {
      await t.gateway.getCustomer(contoso, demoCustomers.contosoRetail);
      await t.gateway.getSubscriptions(demoCustomers.contosoRetail);
      assert.ok(pc.requests.length >= 5);
      for (const r of pc.requests) {
        assert.match(r.headers.authorization ?? '', /^Bearer at-/, `${r.path} has a bearer token`);
        assert.match(r.headers['ms-requestid'] ?? '', GUID, `${r.path} has an MS-RequestId`);
        assert.match(r.headers['ms-correlationid'] ?? '', GUID, `${r.path} has an MS-CorrelationId`);
        assert.equal(r.headers['x-locale'], 'en-US', 'the default locale');
        assert.ok(t.logs.some((l) => l.includes(r.headers['ms-correlationid']!)), 'the correlation id is logged');
      }
      const correlationIds = new Set(pc.requests.map((r) => r.headers['ms-correlationid']));
      assert.equal(correlationIds.size, pc.requests.length, 'a new correlation id per request');
      assert.ok(!t.logs.some((l) => /at-[0-9a-f]{8}-/.test(l)), 'the token is never logged');
    });

    it('sends the agent’s locale as X-Locale', async () => {
      await withPartnerCenterContext({ locale: 'nl_nl' }, () => t.gateway.getCustomer(contoso, demoCustomers.contosoRetail));
      assert.ok(pc.requests.every((r) => r.headers['x-locale'] === 'nl-NL'), 'nl-NL on every request of the turn');
      pc.requests.length = 0;
      await withPartnerCenterContext({ locale: 'not a locale' }, () => t.gateway.getSubscriptions(demoCustomers.alpineSki));
      assert.ok(pc.requests.every((r) => r.headers['x-locale'] === 'en-US'), 'an unusable locale falls back to the default');
    });
  });

  describe('retries', () => {
    it('waits as 429 Retry-After asks, then retries with the same MS-RequestId and a new MS-CorrelationId', async () => {
      pc.fail({ method: 'GET', path: /^\/v1\/customers\/[^/]+$/, action: { status: 429, headers: { 'Retry-After': '2' }, body: { code: '429', description: 'Too many requests' } } });
      const customer = await t.gateway.getCustomer(contoso, demoCustomers.contosoRetail);
      assert.equal(customer?.id, demoCustomers.contosoRetail, 'the call succeeds');
      const tries = pc.calls('GET', /^\/v1\/customers\/[^/]+$/);
      assert.equal(tries.length, 2, 'tried twice');
      assert.equal(tries[0]!.headers['ms-requestid'], tries[1]!.headers['ms-requestid'], 'the same request id');
      assert.notEqual(tries[0]!.headers['ms-correlationid'], tries[1]!.headers['ms-correlationid'], 'a new correlation id');
      assert.deepEqual(t.sleeps, [2000], 'waited the 2 seconds asked');
    });

    it('reads Retry-After as seconds or as an HTTP date', () => {
      assert.equal(retryAfterMs('3'), 3000);
      assert.equal(retryAfterMs(new Date(10_000 + 5000).toUTCString(), 10_000), 5000);
      assert.equal(retryAfterMs('soon'), undefined);
    });

    it('retries a 5xx with growing backoff, then gives up with the error', async () => {
      pc.fail({ method: 'GET', path: /\/subscriptions$/, times: 2, action: { status: 503, body: { code: '503', description: 'Unavailable' } } });
      const subscriptions = await t.gateway.getSubscriptions(demoCustomers.contosoRetail);
      assert.equal(subscriptions.length, 2, 'the third attempt succeeds');
      assert.equal(t.sleeps.length, 2);
      assert.ok(t.sleeps[1]! > t.sleeps[0]!, `backoff grows: ${t.sleeps.join(', ')}`);

      pc.fail({ method: 'GET', path: /\/subscriptions$/, times: 10, action: { status: 502, body: { code: '502', description: 'Bad gateway' } } });
      // Another gateway: this one reuses the subscriptions it just read.
      const error = await rejection(restGateway(pc, contoso).gateway.getSubscriptions(demoCustomers.contosoRetail));
      assert.equal(error.status, 502);
      assert.equal(pc.calls('GET', /\/subscriptions$/).length, 3 + 4, 'three before; then one call and the 3 retries of the setting, no more');
    });

    it('times a call out and retries it when it is idempotent', async () => {
      const quick = restGateway(pc, contoso, { env: { PARTNER_CENTER_TIMEOUT_MS: '1000' } });
      pc.fail({ method: 'GET', path: /^\/v1\/customers\/[^/]+\/subscriptions$/, action: { hang: true } });
      const subscriptions = await quick.gateway.getSubscriptions(demoCustomers.contosoRetail);
      assert.equal(subscriptions.length, 2, 'the retry succeeds');
      assert.ok(quick.logs.some((l) => /getSubscriptions GET .* → timeout/.test(l)), 'the timeout is logged');
    });

    it('re-sends a cart creation with the same MS-RequestId, and Partner Center makes one cart', async () => {
      pc.fail({ method: 'POST', path: /\/carts$/, action: { status: 503, body: { code: '503', description: 'Unavailable' }, process: true } });
      const result = await t.gateway.checkout(request([{ item: await d2(t.gateway), quantity: 1 }]));
      assert.equal(result.orders.length, 1);
      const creations = pc.calls('POST', /\/carts$/);
      assert.equal(creations.length, 2, 'sent twice');
      assert.equal(creations[0]!.headers['ms-requestid'], creations[1]!.headers['ms-requestid'], 'under one request id');
    });
  });

  describe('checkout', () => {
    it('is never re-sent by the client: a 429 is handed back with its Retry-After; the next checkout sends it', async () => {
      const item = await d2(t.gateway);
      const r = request([{ item, quantity: 2 }]);
      pc.fail({ method: 'POST', path: /\/checkout$/, action: { status: 429, headers: { 'Retry-After': '7' }, body: { code: '429', description: 'Throttled' } } });
      const error = await rejection(t.gateway.checkout(r));
      assert.equal(error.status, 429);
      assert.equal(error.retryAfterSeconds, 7, 'the wait Partner Center asked for');
      assert.equal(checkouts().length, 1, 'posted once');
      assert.deepEqual(t.sleeps, [], 'no wait inside the gateway');
      const bought = await t.gateway.checkout(r);
      assert.equal(bought.orders.length, 1, 'the caller’s next attempt buys');
      assert.equal(pc.calls('POST', /\/carts$/).length, 1, 'the same Partner Center cart');
      assert.equal(checkouts().length, 2);
      assert.equal(checkouts()[0]!.headers['ms-requestid'], r.requestId, 'MS-RequestId is the request id');
      // "Partner Center REST headers": reset after any answer, the 429 included.
      assert.notEqual(checkouts()[1]!.headers['ms-requestid'], r.requestId, 'a new one after the answer');
    });

    it('after a timeout, looks the order up instead of re-posting it', async () => {
      const quick = restGateway(pc, contoso, { env: { PARTNER_CENTER_CHECKOUT_TIMEOUT_MS: '1000' } });
      const r = request([{ item: await d2(quick.gateway), quantity: 3 }]);
      pc.fail({ method: 'POST', path: /\/checkout$/, action: { hang: true, process: true } });
      const error = await rejection(quick.gateway.checkout(r));
      assert.ok(error instanceof PartnerCenterTimeoutError, 'a timeout: the outcome is unknown');
      const found = await quick.gateway.getOrdersForRequest(r.requestId);
      assert.equal(found.length, 1, 'the order is found among the customer’s orders');
      assert.equal(found[0]!.lineItems[0]!.quantity, 3);
      assert.equal(found[0]!.cartId, r.cartId, 'attributed to the cart');
      const again = await quick.gateway.checkout(r);
      assert.equal(again.replayed, true, 'a new checkout returns it');
      assert.deepEqual(again.orders.map((o) => o.id), found.map((o) => o.id));
      assert.equal(checkouts().length, 1, 'posted once in all');
    });

    it('on 800060 "order in progress" never posts again; the order is found once Partner Center lists it', async () => {
      const r = request([{ item: await d2(t.gateway), quantity: 1 }]);
      pc.hideNewOrders = true;
      pc.fail({ method: 'POST', path: /\/checkout$/, action: { status: 409, body: { code: '800060', description: 'Order in progress' }, process: true } });
      const error = await rejection(t.gateway.checkout(r));
      assert.equal(error.code, '800060');
      assert.equal(partnerCenterVerdict(error).code, 'R15_ORDER_LISTING');
      assert.deepEqual(await t.gateway.getOrdersForRequest(r.requestId), [], 'not listed yet');
      const stillInProgress = await rejection(t.gateway.checkout(r));
      assert.equal(stillInProgress.code, '800060', 'a repeat is told "in progress" again');
      assert.equal(checkouts().length, 1, 'and not posted');
      pc.releaseOrders();
      const orders = await t.gateway.getOrdersForRequest(r.requestId);
      assert.equal(orders.length, 1, 'listed now');
      const replay = await t.gateway.checkout(r);
      assert.equal(replay.replayed, true);
      assert.equal(checkouts().length, 1, 'still posted once');
    });

    it('after a 5xx whose checkout was not carried out, the next attempt posts the same cart again', async () => {
      const r = request([{ item: await d2(t.gateway), quantity: 1 }]);
      pc.fail({ method: 'POST', path: /\/checkout$/, action: { status: 500, body: { code: '500', description: 'Internal error' } } });
      const error = await rejection(t.gateway.checkout(r));
      assert.equal(error.status, 500);
      assert.equal(checkouts().length, 1, 'a 5xx checkout is not retried by the client');
      assert.deepEqual(await t.gateway.getOrdersForRequest(r.requestId), [], 'no order');
      const bought = await t.gateway.checkout(r);
      assert.equal(bought.orders.length, 1);
      assert.equal(pc.calls('GET', /\/carts\/[^/]+$/).length, 1, 'the cart was read first: still active, so never checked out');
      assert.equal(checkouts().length, 2);
    });

    it('returns the orders and the orderErrors of a cart split into order groups', async () => {
      pc.failOrderGroups.set('1', { code: '800010', description: 'Inventory not available' });
      const d4 = await d2(t.gateway, 'Standard_D4s_v5');
      const result = await t.gateway.checkout(request([{ item: await d2(t.gateway), quantity: 1 }, { item: d4, quantity: 1, billingCycle: 'monthly' }]));
      assert.deepEqual(result.orders.map((o) => o.billingCycle), ['one_time'], 'the one-time group was ordered');
      assert.deepEqual(result.orderErrors, [{ orderGroupId: '1', code: '800010', description: 'Inventory not available' }]);
      assert.equal(partnerCenterVerdict(new PartnerCenterError('800010', '')).code, 'CATALOG_AVAILABILITY', 'explained as the inventory rule');
    });

    it('refuses on a cart line error before any checkout (10013), and maps 800009 from the checkout', async () => {
      const row = pc.world.db
        .prepare(
          `SELECT s.arm_sku_name AS sku, s.arm_region_name AS region, a.term, a.reservation_type AS type FROM availabilities a
           JOIN skus s ON s.product_id = a.product_id AND s.id = a.sku_id
           WHERE a.country = 'NL' AND a.segment = 'commercial' AND s.billing_cycles = '["one_time"]' LIMIT 1`,
        )
        .get() as { sku: string; region: string; term: 'P1Y' | 'P3Y'; type: string };
      const { items } = await t.gateway.searchCatalog({ country: 'NL', segment: 'commercial', reservationType: row.type, filter: { armSkuName: row.sku, region: row.region, term: row.term }, offset: 0, limit: 10 });
      const lineError = await rejection(t.gateway.checkout(request([{ item: items[0]!, quantity: 1, billingCycle: 'monthly' }])));
      assert.equal(lineError.code, '10013');
      assert.equal(partnerCenterVerdict(lineError).code, 'R10_BILLING_FREQUENCY');
      assert.equal(checkouts().length, 0, 'no checkout was sent');

      pc.fail({ method: 'POST', path: /\/checkout$/, action: { status: 400, body: { code: 800009, description: 'Error in cart items' } } });
      const cartError = await rejection(t.gateway.checkout(request([{ item: await d2(t.gateway), quantity: 1 }])));
      assert.equal(cartError.code, '800009', 'a numeric code is read as its string');
      assert.equal(partnerCenterVerdict(cartError).code, 'CATALOG_AVAILABILITY');
    });

    it('after a refusal, updates the same Partner Center cart (PUT) and checks it out', async () => {
      const item = await d2(t.gateway);
      const cartId = randomUUID();
      const tooMany = await rejection(t.gateway.checkout(request([{ item, quantity: 5000 }], cartId)));
      assert.equal(tooMany.code, '800017');
      const bought = await t.gateway.checkout(request([{ item, quantity: 5 }], cartId));
      assert.equal(bought.orders[0]!.lineItems[0]!.quantity, 5, 'the corrected quantity is bought');
      assert.equal(pc.calls('POST', /\/carts$/).length, 1, 'one cart created');
      assert.equal(pc.calls('PUT', /\/carts\/[^/]+$/).length, 1, 'then updated');
      assert.equal(checkouts().length, 2);
    });

    it('makes the cart while the review is read: Buy with the same lines sends the checkout alone, changed lines update the cart first', async () => {
      const item = await d2(t.gateway);
      const cartId = randomUUID();
      await t.gateway.prepareCheckout(request([{ item, quantity: 2 }], cartId));
      await t.gateway.prepareCheckout(request([{ item, quantity: 2 }], cartId));
      assert.equal(pc.calls('POST', /\/carts$/).length, 1, 'one cart made ahead, once for the same lines');
      assert.equal(checkouts().length, 0, 'nothing is checked out ahead');
      const before = pc.requests.length;
      const bought = await t.gateway.checkout(request([{ item, quantity: 2 }], cartId));
      assert.equal(bought.orders[0]!.lineItems[0]!.quantity, 2);
      assert.deepEqual(pc.requests.slice(before).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/g, '{id}')}`).filter((r) => /carts/.test(r)), ['POST /v1/customers/{id}/carts/{id}/checkout'], 'Buy sends the checkout alone');

      const other = randomUUID();
      await t.gateway.prepareCheckout(request([{ item, quantity: 2 }], other));
      const changed = await t.gateway.checkout(request([{ item, quantity: 4 }], other));
      assert.equal(changed.orders[0]!.lineItems[0]!.quantity, 4, 'the lines as they are at Buy are bought');
      assert.equal(pc.calls('PUT', /\/carts\/[^/]+$/).length, 1, 'the cart made ahead was updated first');
    });

    it('polls the registration status until the subscription is registered', async () => {
      await pc.close();
      pc.world.close();
      pc = await TestPartnerCenter.start({ registrationPolls: 3 });
      t = restGateway(pc, contoso);
      await t.gateway.registerSubscription(demoCustomers.contosoRetail, demoSubscriptions.contosoRetailDevTest);
      assert.equal(pc.calls('GET', /\/registrationstatus$/).length, 4, 'three "registering", then "registered"');
      assert.deepEqual(t.sleeps, [1000, 1000, 1000]);
      assert.equal(await t.gateway.getRegistrationStatus(demoCustomers.contosoRetail, demoSubscriptions.contosoRetailDevTest), 'registered');
    });
  });

  describe('tokens', () => {
    it('signs in once as App+User (the user’s refresh token, the app’s secret) and reuses the token', async () => {
      await t.gateway.getCustomer(contoso, demoCustomers.contosoRetail);
      await t.gateway.getSubscriptions(demoCustomers.contosoRetail);
      assert.deepEqual(
        pc.tokenRequests.map((r) => [r.grantType, r.usedSecret, r.usedAssertion]),
        [['refresh_token', true, false]],
        'one token request',
      );
    });

    it('signs in again when Partner Center answers 401, and when the token is about to expire', async () => {
      await t.gateway.getCustomer(contoso, demoCustomers.contosoRetail);
      pc.revokeAllTokens();
      await t.gateway.getSubscriptions(demoCustomers.contosoRetail);
      assert.equal(pc.tokenRequests.length, 2, 'a 401 got a new token');

      pc.tokenLifetimeSeconds = 6 * 60;
      let now = Date.now();
      const clocked = restGateway(pc, contoso, { deps: { clock: () => new Date(now) } });
      await clocked.gateway.getSubscriptions(demoCustomers.alpineSki);
      now += 30_000;
      await clocked.gateway.getSubscriptions(demoCustomers.alpineSki);
      assert.equal(pc.tokenRequests.length, 3, 'a token valid for 5½ more minutes is reused');
      now += 31_000;
      await clocked.gateway.getSubscriptions(demoCustomers.alpineSki);
      assert.equal(pc.tokenRequests.length, 4, 'one expiring within 5 minutes is renewed');
    });

    it('signs in with a certificate instead of a secret', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pc-cert-'));
      try {
        const pem = path.join(dir, 'app.pem');
        fs.writeFileSync(pem, `${fs.readFileSync(path.join(path.dirname(testCaFile), 'partner-center-test.key'), 'utf8')}\n${testCa.toString()}`);
        const cert = restGateway(pc, contoso, { env: { PARTNER_CENTER_APP_SECRET: '', PARTNER_CENTER_CERTIFICATE_PATH: pem } });
        assert.equal((await cert.gateway.getCustomer(contoso, demoCustomers.contosoRetail))?.id, demoCustomers.contosoRetail);
        assert.deepEqual(pc.tokenRequests.map((r) => [r.usedSecret, r.usedAssertion]), [[false, true]], 'a signed client assertion');

        const { privateKey } = await import('node:crypto').then((c) => c.generateKeyPairSync('rsa', { modulusLength: 2048 }));
        fs.writeFileSync(pem, `${privateKey.export({ type: 'pkcs8', format: 'pem' })}\n${testCa.toString()}`);
        const wrong = restGateway(pc, contoso, { env: { PARTNER_CENTER_APP_SECRET: '', PARTNER_CENTER_CERTIFICATE_PATH: pem } });
        await assert.rejects(wrong.gateway.getCustomer(contoso, demoCustomers.contosoRetail), /Signing in to Partner Center failed \(invalid_client\)/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('round trips', () => {
    it('reuses a customer’s subscriptions for a minute, and reads them again after a registration', async () => {
      let now = Date.now();
      const clocked = restGateway(pc, contoso, { deps: { clock: () => new Date(now) } });
      const listed = () => pc.calls('GET', /\/customers\/[^/]+\/subscriptions$/).length;
      await clocked.gateway.getSubscriptions(demoCustomers.contosoRetail);
      now += 59_000;
      await clocked.gateway.getSubscriptions(demoCustomers.contosoRetail);
      assert.equal(listed(), 1, 'reused within the minute');
      await clocked.gateway.registerSubscription(demoCustomers.contosoRetail, demoSubscriptions.contosoRetailDevTest);
      const [devTest] = (await clocked.gateway.getSubscriptions(demoCustomers.contosoRetail)).filter((s) => s.id === demoSubscriptions.contosoRetailDevTest);
      assert.equal(devTest?.registrationStatus, 'registered', 'the registration shows at once');
      now += 61_000;
      await clocked.gateway.getSubscriptions(demoCustomers.contosoRetail);
      assert.equal(listed(), 3, 'read again after the registration and after the minute');
    });

    it('answers as late as the configured latency, a checkout later still', async () => {
      const waits: number[] = [];
      const slow = await TestPartnerCenter.start({ latency: { perCallMs: 300, checkoutMs: 3000, jitter: 0.2 }, wait: async (ms) => void waits.push(ms), random: () => 1 });
      try {
        const gateway = restGateway(slow, contoso).gateway;
        const { items } = await gateway.searchCatalog({ country: 'NL', segment: 'commercial', reservationType: 'VirtualMachines', filter: { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, offset: 0, limit: 1 });
        await gateway.checkout(request([{ item: items[0]!, quantity: 1 }]));
        assert.deepEqual([...new Set(waits)].sort((a, b) => a - b), [360, 3600], '300 ms and 3 s, each 20% late at the top of the jitter');
        assert.equal(waits.filter((w) => w === 3600).length, 1, 'the checkout only');
      } finally {
        await slow.close();
        slow.world.close();
      }
    });
  });

  describe('catalog', () => {
    it('reads the catalog from Partner Center once per market and segment until the TTL passes', async () => {
      let now = Date.now();
      const clocked = restGateway(pc, contoso, { env: { PARTNER_CENTER_CATALOG_TTL_SECONDS: '60' }, deps: { clock: () => new Date(now) } });
      await d2(clocked.gateway);
      await d2(clocked.gateway, 'Standard_D4s_v5');
      await clocked.gateway.getCatalogVocabulary('NL', 'commercial', 'VirtualMachines');
      assert.equal(pc.calls('GET', /^\/v1\/products$/).length, 1, 'products read once');
      assert.equal(pc.calls('GET', /PricesheetView='azure_reservations'/).length, 1, 'the price sheet read once');
      await clocked.gateway.searchCatalog({ country: 'NL', segment: 'education', reservationType: 'VirtualMachines', filter: { armSkuName: 'Standard_D2s_v5' }, offset: 0, limit: 10 });
      assert.equal(pc.calls('GET', /^\/v1\/products$/).length, 2, 'another segment is another catalog');
      now += 61_000;
      await d2(clocked.gateway);
      assert.equal(pc.calls('GET', /^\/v1\/products$/).length, 3, 'read again after the TTL');
      assert.ok(pc.calls('GET', /^\/v1\/products$/).every((r) => r.query.get('targetView') === 'AzureReservationsVM' && r.query.get('country') === 'NL'));
    });

    it('asks for the Azure plan catalog with reservationScope=AzurePlan', async () => {
      await t.gateway.searchCatalog({ country: 'DE', segment: 'commercial', reservationType: 'VirtualMachines', filter: { armSkuName: 'Standard_D2s_v5' }, offset: 0, limit: 10, reservationScope: 'AzurePlan' });
      const products = pc.calls('GET', /^\/v1\/products$/);
      assert.equal(products[0]!.query.get('reservationScope'), 'AzurePlan');
      assert.equal(products[0]!.query.get('targetSegment'), 'commercial');
    });

    it('checks several items in one inventory call, one answer each (an unknown one left out), and asks again only for items not answered within the minute', async () => {
      const d96 = await d2(t.gateway, 'Standard_D96s_v5');
      const d4 = await d2(t.gateway, 'Standard_D4s_v5');
      const d8 = await d2(t.gateway, 'Standard_D8s_v5');
      const check = (items: { productId: string; skuId: string }[]) =>
        t.gateway.checkInventory({
          country: 'NL',
          targetItems: items,
          inventoryContext: { customerId: demoCustomers.contosoRetail, azureSubscriptionId: demoSubscriptions.contosoRetailProduction, armRegionName: 'westeurope' },
        });
      const target = (item: typeof d96) => ({ productId: item.product.id, skuId: item.sku.id });
      const first = await check([target(d96), target(d4), { productId: 'DZH318Z0NONE', skuId: '0001' }]);
      assert.deepEqual(
        first.map((r) => [r.skuId, r.isRestricted, r.restrictions.map((x) => x.reasonCode)]),
        [[d96.sku.id, true, ['InventoryNotAvailable']], [d4.sku.id, false, []]],
        'D96s v5 has no capacity in West Europe, D4s v5 has; the unknown item is left out',
      );
      const again = await check([target(d4), target(d8)]);
      assert.deepEqual(again.map((r) => [r.skuId, r.isRestricted]), [[d4.sku.id, false], [d8.sku.id, false]]);
      const sent = pc.calls('POST', /\/checkInventory$/).map((r) => (r.body as { targetItems: { skuId: string }[] }).targetItems.map((i) => i.skuId));
      assert.deepEqual(sent, [[d96.sku.id, d4.sku.id, '0001'], [d8.sku.id]], 'two calls: the second asks for D8s v5 only');
    });

    it('derives a VM size family Partner Center does not send, and reads the price sheet by its headers', () => {
      assert.equal(familyOf({ armSkuName: 'Standard_D4s_v5' }), 'Dsv5');
      assert.equal(familyOf({ armSkuName: 'Standard_DS1_v2' }), 'DSv2');
      assert.equal(familyOf({ armSkuName: 'Standard_NC4as_T4_v3' }), 'NCasT4_v3');
      assert.equal(familyOf({ armSkuName: 'P30', category: 'Storage' }), 'Storage');
      const prices = parsePriceSheet('\uFEFFProduct Id,SkuId,TermDuration,Currency,UnitPrice\r\n"P1",0001,P1Y,EUR,"1,5"\r\nP1,0003,P3Y,eur,10.25\r\n');
      assert.equal(prices.get('P1|0003|P3Y')?.amount, 10.25);
      assert.equal(prices.get('P1|0003|P3Y')?.currency, 'EUR');
      assert.equal(prices.has('P1|0001|P1Y'), false, 'an unreadable price is left out');
    });
  });

  describe('pay-as-you-go prices (the price sheet, consumption view)', () => {
    const item = async (country: string, armSkuName: string, region: string, reservationType = 'VirtualMachines') => {
      const { items } = await t.gateway.searchCatalog({ country, segment: 'commercial', reservationType, filter: { armSkuName, region, term: 'P1Y' }, offset: 0, limit: 1 });
      return items[0]!.catalogItemId;
    };

    it('prices a reserved VM size by the Linux meter of its size and region, in the sheet’s USD, read once per market', async () => {
      // Served: 0.096 USD/h (reference, D2s v5) × 1.01248 (Brazil South) = 0.09719808, written as 0.097198 per "1 Hour".
      const price = await t.gateway.getPayAsYouGoPrice(await item('BR', 'Standard_D2s_v5', 'brazilsouth'));
      assert.equal(price?.currency, 'USD');
      assert.ok(Math.abs(price!.perHourMinor - 9.7198) < 1e-9, `9.7198 cents an hour, not the Windows meter's: ${price?.perHourMinor}`);
      await t.gateway.getPayAsYouGoPrice(await item('BR', 'Standard_D4s_v5', 'brazilsouth'));
      const reads = pc.calls('GET', /PricesheetView='azure_consumption'/);
      assert.equal(reads.length, 1, 'one read of the market’s consumption view, begun with its VM catalog');
      assert.match(reads[0]!.path, /\/v1\.0\/sales\/pricesheets\(Market='br',PricesheetView='azure_consumption'\)\/\$value$/);
    });

    it('gives a euro market’s VM the sheet’s USD price, which the savings do not convert; other reservation types have none', async () => {
      const nl = await d2(t.gateway);
      const price = await t.gateway.getPayAsYouGoPrice(nl.catalogItemId);
      assert.equal(price?.currency, 'USD');
      assert.equal(lineSavings({ quantity: 1, term: 'P3Y', reservationMinor: nl.availability.unitPriceMinor, currency: 'EUR' }, price).known, false);
      assert.equal(await t.gateway.getPayAsYouGoPrice(await item('NL', 'SQLDB_GP_Compute_Gen5', 'westeurope', 'SqlDatabase')), undefined);
    });

    it('reads only hourly, first-tier, pay-as-you-go rows without a licence, and nothing where rows disagree', () => {
      const header = 'ProductTitle,SkuTitle,UnitOfMeasure,TermDuration,Currency,UnitPrice,PricingTierRangeMin';
      const rows = [
        'Virtual Machines Dsv5 Series,Virtual Machines Dsv5 Series - D2s v5 - EU West,100 Hours,payG-1,usd,9.6,0',
        'Virtual Machines Dsv5 Series Windows,Virtual Machines Dsv5 Series Windows - D2s v5 - EU West,1 Hour,payG-1,USD,0.188,0',
        'Virtual Machines Dsv5 Series,Virtual Machines Dsv5 Series - D2s v5 - EU West,1 Hour,P1Y,USD,0.05,',
        'Virtual Machines Dsv5 Series,Virtual Machines Dsv5 Series - D2s v5 - EU West,1 Hour,,USD,0.09,100',
        'Virtual Machines Dsv5 Series,Virtual Machines Dsv5 Series - D4s v5 - EU West,1 Node/Month,payG-1,USD,70,',
        'Virtual Machines Dsv5 Series,Virtual Machines Dsv5 Series - D8s v5 - EU North,1 Hour,payG-1,USD,0.38,',
        'Virtual Machines Dsv5 Series,Virtual Machines Dsv5 Series - D8s v5 - EU North,1 Hour,payG-1,USD,0.39,',
      ];
      const prices = parseConsumptionSheet([header, ...rows].join('\n'));
      assert.deepEqual([...prices], [['d2s v5|eu west', { amount: 0.096, currency: 'USD' }]]);
    });
  });

  describe('the purchase service over the REST gateway', () => {
    it('buys for a customer only Partner Center knows, at Partner Center’s prices, once', async () => {
      // A customer and subscription in Partner Center only, and a price that differs from the demo catalog.
      const customerId = 'c0000000-0000-4000-8000-0000000000aa';
      const subscriptionId = 'b0000000-0000-4000-8000-0000000000aa';
      pc.world.db
        .prepare(
          `INSERT INTO customers (id, partner_id, company_name, domain, tenant_id, country, agreement, qualifications, reseller_mpn_id)
           VALUES (?, ?, 'Rest Only B.V.', 'restonly.onmicrosoft.com', ?, 'NL', 'notSigned', '["commercial"]', NULL)`,
        )
        .run(customerId, contoso, randomUUID());
      pc.world.directory.insertSubscription(
        { id: subscriptionId, customerId, offerId: 'MS-AZR-0145P', kind: 'legacyAzure', friendlyName: 'Rest Only Production', status: 'active', billingType: 'usage', registrationStatus: 'registered' },
        new Date().toISOString(),
      );
      pc.world.db.prepare(`UPDATE availabilities SET unit_price_minor = unit_price_minor + 100 WHERE country = 'NL' AND arm_sku_name = 'Standard_D2s_v5'`).run();

      const bot = demoWorldStore();
      try {
        const gateway = restGateway(pc, contoso, { deps: { journal: new SqliteJournal(bot.db) } }).gateway;
        const service = new PurchaseService(bot, gateway, () => new Date(), { sleep: async () => undefined });
        const found = (await service.resolveAgent('demo-anna'))!;
        const anna: Actor = { ...found, conversationId: 'conversation-rest' };
        const customers = await service.findCustomers(anna, 'Rest Only');
        assert.deepEqual(customers.customers.map((c) => c.id), [customerId], 'found in Partner Center');
        const customer = await service.selectCustomer(anna, customerId);
        assert.ok(customer.ok, 'chosen');
        const subscription = await service.selectSubscription(anna, customer.value, subscriptionId);
        assert.ok(subscription.ok, 'its subscription');
        const cartId = await service.openCart(anna, customer.value, 'commercial', 'VirtualMachines', subscription.value);
        const page = await service.searchCatalog(anna, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0);
        assert.ok(page.ok && page.value.rows.length === 1);
        const row = page.value.rows[0]!;
        const served = pc.world.catalog.item(row.catalogItemId)!;
        assert.equal(row.unitPrice.minor, served.availability.unitPriceMinor, 'Partner Center’s price');
        const demo = demoPartnerCenter();
        assert.notEqual(row.unitPrice.minor, demo.catalog.item(row.catalogItemId)!.availability.unitPriceMinor, 'not the demo catalog’s');
        demo.close();
        assert.ok((await service.addLine(anna, cartId, row.catalogItemId, 2)).ok, 'added');
        const bought = await service.checkout(anna, cartId);
        assert.ok(bought.ok, `bought: ${JSON.stringify(!bought.ok && bought.verdict)}`);
        assert.equal(bought.value.orders[0]!.totalMinor, served.availability.unitPriceMinor * 2);
        assert.equal(bot.carts.get(cartId)?.status, 'submitted', 'the bot’s cart is marked bought');
        const again = await service.checkout(anna, cartId);
        assert.ok(again.ok && again.value.replayed, 'a second Buy is a replay');
        assert.equal(checkouts().length, 1, 'Partner Center got one checkout');
        const history = await service.orderHistory(anna);
        assert.ok(history.ok && history.value.orders.some((o) => o.id === bought.value.orders[0]!.id), 'in the order history');
      } finally {
        bot.close();
      }
    });

    /** The purchase service over a gateway to `server`, and Anna's cart for Contoso Retail's Production subscription. */
    const contosoCart = async (server: TestPartnerCenter, gatewayOptions: { env?: Record<string, string>; clock?: () => Date } = {}) => {
      const bot = demoWorldStore();
      const clock = gatewayOptions.clock ?? (() => new Date());
      const gateway = restGateway(server, contoso, { env: gatewayOptions.env, deps: { journal: new SqliteJournal(bot.db), clock } }).gateway;
      const service = new PurchaseService(bot, gateway, clock, { sleep: async () => undefined });
      const anna: Actor = { ...(await service.resolveAgent('demo-anna'))!, conversationId: 'conversation-rest' };
      const customer = await service.selectCustomer(anna, demoCustomers.contosoRetail);
      assert.ok(customer.ok, 'Contoso Retail');
      const subscription = await service.selectSubscription(anna, customer.value, demoSubscriptions.contosoRetailProduction);
      assert.ok(subscription.ok, 'its Production subscription');
      return { bot, service, anna, cartId: await service.openCart(anna, customer.value, 'commercial', 'VirtualMachines', subscription.value) };
    };
    const inventoryCalls = (server: TestPartnerCenter) => server.calls('POST', /\/checkInventory$/);
    const shown = (row: { title: string; term: string; restriction?: string }) => `${row.title} ${row.term}${row.restriction ? ` ${row.restriction}` : ''}`;

    it('checks a catalog page’s 5 rows in one inventory call of 5 items, marks the size without capacity, and a pick of it reuses the answer', async () => {
      const { bot, service, anna, cartId } = await contosoCart(pc);
      try {
        const page = await service.searchCatalog(anna, cartId, { region: 'westeurope', family: 'Dsv5' }, 2);
        assert.ok(page.ok, 'the third page of Dsv5 in West Europe');
        assert.deepEqual(page.value.rows.map(shown), [
          'Standard_D48s_v5 P1Y',
          'Standard_D48s_v5 P3Y',
          'Standard_D64s_v5 P1Y',
          'Standard_D64s_v5 P3Y',
          'Standard_D96s_v5 P1Y noCapacity',
        ]);
        const calls = inventoryCalls(pc);
        assert.equal(calls.length, 1, 'one inventory call for the page');
        const body = calls[0]!.body as { targetItems: unknown[]; inventoryContext: unknown };
        assert.equal(body.targetItems.length, 5, 'carrying the page’s 5 rows');
        assert.deepEqual(body.inventoryContext, { customerId: demoCustomers.contosoRetail, azureSubscriptionId: demoSubscriptions.contosoRetailProduction, armRegionName: 'westeurope' });
        const picked = await service.catalogRow(anna, cartId, page.value.rows[4]!.catalogItemId);
        assert.ok(!picked.ok, 'picking D96s v5 is refused');
        assert.match(english(picked.verdict).message, /no capacity for Standard_D96s_v5 in West Europe/);
        assert.equal(inventoryCalls(pc).length, 1, 'by the page’s answer: no other call');
      } finally {
        bot.close();
      }
    });

    it('sends a page’s inventory check along with its availability reads: one round trip on the agent’s path', async () => {
      const slow = await TestPartnerCenter.start({ latency: { perCallMs: 200, checkoutMs: 200, jitter: 0 } });
      const { bot, service, anna, cartId } = await contosoCart(slow);
      try {
        const from = slow.requests.length;
        const page = await service.searchCatalog(anna, cartId, { region: 'northeurope', term: 'P3Y' }, 0);
        assert.ok(page.ok && page.value.rows.length === 5, 'a page of 5 rows');
        const sent = slow.requests.slice(from);
        const reads = sent.filter((r) => /\/availabilities$/.test(r.path));
        const checks = sent.filter((r) => /\/checkInventory$/.test(r.path));
        assert.equal(reads.length, 5, 'the availabilities of the page’s 5 SKUs');
        assert.equal(checks.length, 1, 'one inventory call');
        assert.ok(
          checks[0]!.at < Math.min(...reads.map((r) => r.answeredAt!)),
          `the check is sent before any read is answered (sent at ${checks[0]!.at}, first answer at ${Math.min(...reads.map((r) => r.answeredAt!))})`,
        );
      } finally {
        bot.close();
        await slow.close();
        slow.world.close();
      }
    });

    it('marks nothing when the page’s inventory check fails, and a pick checks again', async () => {
      const { bot, service, anna, cartId } = await contosoCart(pc);
      try {
        pc.fail({ method: 'POST', path: /\/checkInventory$/, times: 100, action: { status: 503, body: { code: '503', description: 'Unavailable' } } });
        const page = await service.searchCatalog(anna, cartId, { region: 'westeurope', armSkuName: 'Standard_D96s_v5' }, 0);
        assert.ok(page.ok, 'the page is shown');
        assert.deepEqual(page.value.rows.map(shown), ['Standard_D96s_v5 P1Y', 'Standard_D96s_v5 P3Y'], 'unmarked');
        pc.faults.length = 0;
        const failed = inventoryCalls(pc).length;
        const picked = await service.catalogRow(anna, cartId, page.value.rows[0]!.catalogItemId);
        assert.ok(!picked.ok, 'picking D96s v5 is refused');
        assert.match(english(picked.verdict).message, /no capacity for Standard_D96s_v5 in West Europe/);
        assert.equal(inventoryCalls(pc).length, failed + 1, 'by a new check');
      } finally {
        bot.close();
      }
    });

    it('offers the regions Partner Center sells now: the catalog’s region choices follow its catalog once the TTL passes', async () => {
      let now = Date.now();
      const { bot, service, anna, cartId } = await contosoCart(pc, { env: { PARTNER_CENTER_CATALOG_TTL_SECONDS: '60' }, clock: () => new Date(now) });
      try {
        const regionsShown = async () => {
          const page = await service.searchCatalog(anna, cartId, undefined, 0);
          assert.ok(page.ok, 'the catalog is shown');
          return page.value.vocabulary.regions.map((r) => r.displayName);
        };
        assert.ok((await regionsShown()).includes('West Europe'));
        assert.ok(!(await regionsShown()).includes('New Zealand North'), 'not sold there yet');
        // Partner Center now sells one of the market's SKUs in a region it did not before.
        const sku = pc.world.db
          .prepare(`SELECT product_id AS p, sku_id AS s FROM availabilities WHERE country = 'NL' AND segment = 'commercial' AND reservation_type = 'VirtualMachines' LIMIT 1`)
          .get() as { p: string; s: string };
        pc.skuAttributes.set(`${sku.p}:${sku.s}`, { armRegionName: 'newzealandnorth', region: 'New Zealand North' });
        now += 61_000;
        assert.ok((await regionsShown()).includes('New Zealand North'), 'offered once the catalog is read again');
      } finally {
        bot.close();
      }
    });

    it('checks the agreement at checkout as Partner Center has it then, and posts nothing when it is refused (R6)', async () => {
      let now = Date.now();
      const clock = () => new Date(now);
      const bot = demoWorldStore();
      try {
        const gateway = restGateway(pc, contoso, { deps: { journal: new SqliteJournal(bot.db), clock } }).gateway;
        const service = new PurchaseService(bot, gateway, clock, { sleep: async () => undefined });
        const anna: Actor = { ...(await service.resolveAgent('demo-anna'))!, conversationId: 'conversation-rest' };
        const customer = await service.selectCustomer(anna, demoCustomers.contosoRetail);
        assert.ok(customer.ok, 'Contoso Retail may be chosen');
        const subscription = await service.selectSubscription(anna, customer.value, demoSubscriptions.contosoRetailProduction);
        assert.ok(subscription.ok);
        const cartId = await service.openCart(anna, customer.value, 'commercial', 'VirtualMachines', subscription.value);
        const page = await service.searchCatalog(anna, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0);
        assert.ok(page.ok && (await service.addLine(anna, cartId, page.value.rows[0]!.catalogItemId, 1)).ok, 'a line is added');
        // In Partner Center the customer's agreement is no longer on record; the gateway reuses what it read for a minute.
        pc.world.db.prepare(`UPDATE customers SET agreement = 'notConfirmed' WHERE id = ?`).run(demoCustomers.contosoRetail);
        now += 61_000;
        const result = await service.checkout(anna, cartId);
        assert.equal(result.ok, false, 'refused');
        if (!result.ok) assert.equal(result.verdict.code, 'R6_AGREEMENT', `as R6: ${english(result.verdict).message}`);
        assert.equal(checkouts().length, 0, 'no checkout was posted');
        assert.equal(bot.carts.get(cartId)?.status, 'active', 'the cart is not bought');
      } finally {
        bot.close();
      }
    });

    it('tells the agent the order is in progress when Partner Center says so and does not list it yet', async () => {
      const bot = demoWorldStore();
      try {
        const gateway = restGateway(pc, contoso, { deps: { journal: new SqliteJournal(bot.db) } }).gateway;
        const service = new PurchaseService(bot, gateway, () => new Date(), { sleep: async () => undefined });
        const anna: Actor = { ...(await service.resolveAgent('demo-anna'))!, conversationId: 'conversation-rest' };
        const customer = await service.selectCustomer(anna, demoCustomers.contosoRetail);
        assert.ok(customer.ok);
        const subscription = await service.selectSubscription(anna, customer.value, demoSubscriptions.contosoRetailProduction);
        assert.ok(subscription.ok);
        const cartId = await service.openCart(anna, customer.value, 'commercial', 'VirtualMachines', subscription.value);
        const page = await service.searchCatalog(anna, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0);
        assert.ok(page.ok && (await service.addLine(anna, cartId, page.value.rows[0]!.catalogItemId, 1)).ok);
        pc.hideNewOrders = true;
        pc.fail({ method: 'POST', path: /\/checkout$/, action: { status: 409, body: { code: '800060', description: 'Order in progress' }, process: true } });
        const result = await service.checkout(anna, cartId);
        assert.equal(result.ok, false);
        if (!result.ok) assert.equal(result.verdict.code, 'R15_ORDER_LISTING', english(result.verdict).message);
        assert.equal(checkouts().length, 1, 'never posted again: only looked up');
        pc.releaseOrders();
        const later = await service.checkout(anna, cartId);
        assert.ok(later.ok && later.value.orders.length === 1, 'found once listed');
        assert.equal(checkouts().length, 1, 'still one checkout');
      } finally {
        bot.close();
      }
    });
  });
});

describe('Partner Center settings', () => {
  it('defaults to the embedded Partner Center', () => {
    assert.deepEqual(partnerCenterSettings({}), { mode: 'local' });
    assert.equal(loadConfig({}).partnerCenter.mode, 'local');
  });

  it('refuses to start with PARTNER_CENTER=rest and names every missing setting', () => {
    assert.throws(
      () => loadConfig({ PARTNER_CENTER: 'rest' }),
      /PARTNER_CENTER_TENANT_ID, PARTNER_CENTER_APP_ID, PARTNER_CENTER_APP_SECRET or PARTNER_CENTER_CERTIFICATE_PATH, PARTNER_CENTER_REFRESH_TOKEN/,
    );
    assert.throws(
      () => loadConfig({ PARTNER_CENTER: 'rest', PARTNER_CENTER_TENANT_ID: 't', PARTNER_CENTER_APP_ID: 'a', PARTNER_CENTER_REFRESH_TOKEN: 'r' }),
      /missing: PARTNER_CENTER_APP_SECRET or PARTNER_CENTER_CERTIFICATE_PATH\./,
    );
    assert.throws(
      () => loadConfig({ PARTNER_CENTER: 'rest', PARTNER_CENTER_TENANT_ID: 't', PARTNER_CENTER_APP_ID: 'a', PARTNER_CENTER_REFRESH_TOKEN: 'r', PARTNER_CENTER_CERTIFICATE_PATH: '/nonexistent/app.pem' }),
      /PARTNER_CENTER_CERTIFICATE_PATH: no file at \/nonexistent\/app\.pem/,
    );
    assert.throws(() => loadConfig({ PARTNER_CENTER: 'remote' }), /PARTNER_CENTER/);
  });

  it('fills in the public endpoints and limits', () => {
    const s = partnerCenterSettings({ PARTNER_CENTER: 'rest', PARTNER_CENTER_TENANT_ID: 'tenant', PARTNER_CENTER_APP_ID: 'app', PARTNER_CENTER_APP_SECRET: 's', PARTNER_CENTER_REFRESH_TOKEN: 'r' });
    assert.ok(s.mode === 'rest');
    assert.equal(s.baseUrl, 'https://api.partnercenter.microsoft.com/v1');
    assert.equal(s.authorityHost, 'https://login.microsoftonline.com');
    assert.equal(s.scope, 'https://api.partnercenter.microsoft.com/.default');
    assert.equal(s.partnerId, 'tenant', 'the partner is the tenant unless named');
    assert.equal(s.maxRetries, 3);
    assert.ok(s.checkoutTimeoutMs < 10_000, 'a checkout gives up before PurchaseService does');
    assert.throws(() => partnerCenterSettings({ PARTNER_CENTER: 'rest', PARTNER_CENTER_AUTHORITY_HOST: 'http://login.example' }), /PARTNER_CENTER_AUTHORITY_HOST/);
  });
});

