// The REST gateway against the test Partner Center where the reference documents something our client
// used to assume otherwise (issue 14): each case names the reference page it follows.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { CatalogItem } from '../../../src/domain/types';
import type { CheckoutRequest } from '../../../src/partnerCenter/partnerCenter';
import { parsePriceSheet } from '../../../src/partnerCenter/rest/priceSheet';
import type { RestPartnerCenter } from '../../../src/partnerCenter/rest/restPartnerCenter';
import { partnerCenterSettings } from '../../../src/partnerCenter/rest/settings';
import { demoAgents, demoCustomers, demoPartners, demoSubscriptions } from '../../../src/store/demoIds';
import { nodeTransport } from '../../../src/partnerCenter/rest/http';
import { TestPartnerCenter, tenantOf, testAppId, testAppSecret, testCa } from '../../support/partnerCenterServer';
import { rejection, restGateway } from '../../support/restGateway';

const contoso = demoPartners.contosoNl;
const fabrikam = demoPartners.fabrikamBr;

async function d2(gateway: RestPartnerCenter, filter: Record<string, string> = {}): Promise<CatalogItem> {
  const { items } = await gateway.searchCatalog({
    country: 'NL',
    segment: 'commercial',
    reservationType: 'VirtualMachines',
    filter: { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y', ...filter },
    offset: 0,
    limit: 10,
  });
  assert.equal(items.length, 1, 'Standard_D2s_v5 in West Europe for 3 years');
  return items[0]!;
}

function purchase(item: CatalogItem, quantity: number, cartId = randomUUID()): CheckoutRequest {
  return {
    customerId: demoCustomers.contosoRetail,
    cartId,
    requestId: cartId,
    agentId: demoAgents.anna,
    lineItems: [
      {
        id: 1,
        catalogItemId: item.catalogItemId,
        quantity,
        billingCycle: 'one_time',
        termDuration: item.availability.terms[0]!.duration,
        provisioningContext: { subscriptionId: demoSubscriptions.contosoRetailProduction, scope: 'shared', duration: '3Years' },
        participants: [],
      },
    ],
  };
}

describe('Partner Center REST as the reference documents it', () => {
  let pc: TestPartnerCenter;
  let gateway: RestPartnerCenter;
  beforeEach(async () => {
    pc = await TestPartnerCenter.start();
    gateway = restGateway(pc, contoso).gateway;
  });
  afterEach(async () => {
    await pc.close();
    pc.world.close();
  });
  const checkouts = () => pc.calls('POST', /\/carts\/[^/]+\/checkout$/);

  // "Get confirmation of customer acceptance of Microsoft Customer Agreement": without agreementType the
  // answer holds Microsoft Cloud Agreement records only. "Get direct sign status": a customer who accepted
  // the MCA itself has no partner attestation.
  it('reads the MCA acceptance by agreementType, and a direct-signed customer’s by its own status', async () => {
    assert.equal((await gateway.getCustomer(contoso, demoCustomers.alpineSki))?.agreement, 'confirmed', 'attested by the partner');
    assert.equal((await gateway.getCustomer(contoso, demoCustomers.oudeHaven))?.agreement, 'notSigned', 'a Microsoft Cloud Agreement customer');
    assert.equal((await gateway.getCustomer(contoso, demoCustomers.fourthCoffee))?.agreement, 'notConfirmed', 'nothing on record');
    pc.directSigned.add(demoCustomers.nieuweKlant);
    assert.equal((await gateway.getCustomer(contoso, demoCustomers.nieuweKlant))?.agreement, 'confirmed', 'signed by the customer itself');
  });

  // "Retrieve a list of indirect resellers", "Get a price sheet", the MCA pages: App+User only.
  it('reads what only App+User may read with the settings a partner sets', async () => {
    const padaria = await restGateway(pc, fabrikam).gateway.getCustomer(fabrikam, demoCustomers.padaria);
    assert.ok(padaria?.resellerMpnId, 'the reseller of record is read from the indirect resellers list');
    assert.ok((await d2(gateway)).availability.unitPriceMinor > 0, 'priced from the price sheet');
    const appOnly = pc.calls('GET', /./).filter((r) => r.query.get('agreementType') === 'MicrosoftCustomerAgreement');
    assert.ok(appOnly.length > 0, 'the MCA is asked for by its type');
  });

  it('is refused App+User-only calls with an app-only token', async () => {
    const transport = nodeTransport({ ca: testCa });
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: testAppId, client_secret: testAppSecret, scope: 'https://api.partnercenter.microsoft.com/.default' });
    const signIn = await transport({ method: 'POST', url: `${pc.url}/${tenantOf(contoso)}/oauth2/v2.0/token`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString(), timeoutMs: 5000 });
    const token = (JSON.parse(signIn.body) as { access_token: string }).access_token;
    const get = (url: string) =>
      transport({ method: 'GET', url, timeoutMs: 5000, headers: { Authorization: `Bearer ${token}`, 'MS-RequestId': randomUUID(), 'MS-CorrelationId': randomUUID() } });
    const customer = `${pc.baseUrl}/customers/${demoCustomers.alpineSki}`;
    assert.equal((await get(`${pc.priceSheetUrl}/pricesheets(Market='nl',PricesheetView='azure_reservations')/$value`)).status, 403, 'the price sheet');
    assert.equal((await get(`${customer}/agreements?agreementType=MicrosoftCustomerAgreement`)).status, 403, 'the MCA acceptance');
    assert.equal((await get(`${customer}/directSignedMicrosoftCustomerAgreementStatus`)).status, 403, 'the direct sign status');
    assert.equal((await get(`${pc.baseUrl}/relationships?relationship_type=IsIndirectCloudSolutionProviderOf`)).status, 403, 'the indirect resellers');
    assert.equal((await get(customer)).status, 200, 'a customer: either kind of credentials');
  });

  it('refuses to start in REST mode without App+User credentials, naming the setting and what needs it', () => {
    const env = {
      PARTNER_CENTER: 'rest',
      PARTNER_CENTER_TENANT_ID: tenantOf(contoso),
      PARTNER_CENTER_APP_ID: testAppId,
      PARTNER_CENTER_APP_SECRET: testAppSecret,
    };
    assert.throws(() => partnerCenterSettings(env), /PARTNER_CENTER_REFRESH_TOKEN.*price sheet.*Microsoft Customer Agreement.*indirect resellers/s);
  });

  // "Purchase Azure reservations": under an Azure plan, the Azure plan is registered (same call).
  it('registers an Azure plan’s subscription by registering the plan', async () => {
    const plan = (await gateway.getSubscriptions(demoCustomers.alpineSki)).find((s) => s.kind === 'azurePlan');
    assert.ok(plan, 'Alpine Ski House has an Azure plan');
    pc.world.directory.setRegistrationStatus(plan.id, 'notregistered');
    await gateway.registerSubscription(demoCustomers.alpineSki, plan.id);
    assert.equal(await gateway.getRegistrationStatus(demoCustomers.alpineSki, plan.id), 'registered');
    const posted = pc.calls('POST', /\/registrations$/).map((r) => r.path);
    assert.deepEqual(posted, [`/v1/customers/${demoCustomers.alpineSki}/subscriptions/plan-${plan.id}/registrations`], 'the plan’s own id');
  });

  // "Purchase Azure reservations": the Azure plan's SKU supports the one_time billing cycle only.
  it('adds an Azure plan billed one_time', async () => {
    const plan = await gateway.createAzurePlan(demoCustomers.nieuweKlant, randomUUID());
    assert.equal(plan.kind, 'azurePlan');
    const [cart] = pc.calls('POST', /\/carts$/);
    assert.equal((cart!.body as { lineItems: { billingCycle: string }[] }).lineItems[0]!.billingCycle, 'one_time');
  });

  // "Get a price sheet": the documented columns have no billing plan or segment; the reservations view's
  // term format is not documented.
  it('prices from a sheet with the documented columns only, and never from one of two differing rows', async () => {
    const item = await d2(gateway);
    assert.equal(item.availability.unitPriceMinor, pc.world.catalog.item(item.catalogItemId)!.availability.unitPriceMinor, 'the sheet’s price');
    const header = 'ProductId,SkuId,TermDuration,Market,Currency,UnitPrice';
    const prices = parsePriceSheet(`${header}\r\nP1,0001,3 Years,NL,EUR,100\r\nP1,0001,3 Years,NL,EUR,2.78\r\nP1,0002,1 Year,NL,EUR,50\r\nP1,0003,P1Y,NL,EUR,7\r\n`);
    assert.equal(prices.get('P1|0002|P1Y')?.amount, 50, '"1 Year" is P1Y');
    assert.equal(prices.get('P1|0003|P1Y')?.amount, 7, 'P1Y as it is');
    assert.equal(prices.has('P1|0001|P3Y'), false, 'two rows that disagree (upfront and monthly?) price nothing');
  });

  // "Get a customer's qualifications": only a qualification whose vettingStatus is Approved counts.
  it('counts an education qualification only once it is approved', async () => {
    const customer = demoCustomers.universiteitZuid;
    pc.vetting.set(customer, new Map([['Education', 'InReview']]));
    assert.deepEqual((await gateway.getCustomer(contoso, customer))?.qualifications, ['commercial'], 'in review');
    pc.vetting.set(demoCustomers.contosoRetail, new Map([['Education', 'Denied']]));
    assert.deepEqual((await gateway.getCustomer(contoso, demoCustomers.contosoRetail))?.qualifications, ['commercial'], 'denied');
  });

  // "Partner Center REST headers": MS-RequestId stays the same on a retry after a timeout, and is new after
  // any answer (a reused one gets the earlier answer back).
  it('checks a corrected cart out under a new MS-RequestId after a refusal', async () => {
    const item = await d2(gateway);
    const cartId = randomUUID();
    assert.equal((await rejection(gateway.checkout(purchase(item, 5000, cartId)))).code, '800017');
    const bought = await gateway.checkout(purchase(item, 5, cartId));
    assert.equal(bought.orders[0]!.lineItems[0]!.quantity, 5, 'the corrected quantity is bought');
    const [first, second] = checkouts().map((r) => r.headers['ms-requestid']);
    assert.equal(first, cartId, 'the first checkout goes under the cart id');
    assert.notEqual(second, first, 'the second under a new one');
  });

  it('checks the lines out of a new cart under a new MS-RequestId when the cart expired', async () => {
    const item = await d2(gateway);
    const cartId = randomUUID();
    assert.equal((await rejection(gateway.checkout(purchase(item, 5000, cartId)))).code, '800017');
    pc.expireCarts();
    const bought = await gateway.checkout(purchase(item, 2, cartId));
    assert.equal(bought.orders.length, 1);
    const ids = checkouts().map((r) => r.headers['ms-requestid']);
    assert.equal(new Set(ids).size, ids.length, `every checkout under its own MS-RequestId: ${ids.join(', ')}`);
  });

  // "Get a list of SKUs for a product": dynamic attributes can change without notice. "Get a list of
  // products": productType.subType says what kind of reservation a product is.
  it('leaves out a SKU without the attributes it needs instead of failing its product’s list', async () => {
    const item = pc.world.catalog.search({
      country: 'NL',
      segment: 'commercial',
      reservationType: 'VirtualMachines',
      filter: { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' },
      offset: 0,
      limit: 1,
    }).items[0]!;
    const sibling = pc.world.db
      .prepare(`SELECT product_id AS p, sku_id AS s FROM availabilities WHERE product_id = ? AND sku_id <> ? AND country = 'NL' LIMIT 1`)
      .get(item.product.id, item.sku.id) as { p: string; s: string };
    pc.skuAttributes.set(`${sibling.p}:${sibling.s}`, { armRegionName: undefined, duration: undefined, newKey: 'new' });
    assert.equal((await d2(gateway)).catalogItemId, item.catalogItemId, 'found beside a SKU without region and duration');
  });

  it('tells a product’s reservation type by its subType, whatever its title', async () => {
    const item = await d2(gateway);
    pc.world.db.prepare('UPDATE products SET title = ? WHERE id = ?').run('Dsv5 Series', item.product.id);
    const found = await d2(restGateway(pc, contoso).gateway);
    assert.equal(found.catalogItemId, item.catalogItemId);
    assert.equal(found.product.reservationType, 'VirtualMachines');
  });

  // Partner Center REST error codes: 800065 is a 400.
  it('refuses a second checkout of a bought cart with 800065 as a 400', async () => {
    const item = await d2(gateway);
    const cartId = randomUUID();
    await gateway.checkout(purchase(item, 1, cartId));
    const again = await rejection(gateway.checkout({ ...purchase(item, 1, cartId), requestId: randomUUID() }));
    assert.deepEqual([again.code, again.status], ['800065', 400]);
  });
});
