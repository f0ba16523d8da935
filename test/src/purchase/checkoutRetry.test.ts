// Checkout through a failing Partner Center: every post carries the cart id as request id, waits honour
// Retry-After, an ambiguous failure is looked up before anything is posted again, and the outcome is
// bought (once), not bought (nothing made) or unknown (told so) — never a second order.
import assert from 'node:assert/strict';
import { PurchaseService, type Actor } from '../../../src/purchase/purchaseService';
import type { LocalPartnerCenter } from '../../../src/partnerCenter/local';
import { FaultyPartnerCenter, type PartnerCenterMethod } from '../../support/faultyPartnerCenter';
import type { CheckoutRequest } from '../../../src/partnerCenter/partnerCenter';
import type { CheckoutRetryPolicy } from '../../../src/purchase/checkoutRetry';
import type { Store } from '../../../src/store/store';
import { demoCustomers, demoSubscriptions } from '../../../src/store/demoIds';
import { demoPartnerCenter, demoWorldStore } from '../../support/demoWorld';
import { english } from '../rules/factories';

interface Fixture {
  store: Store;
  local: LocalPartnerCenter;
  faulty: FaultyPartnerCenter;
  service: PurchaseService;
  anna: Actor;
  cartId: string;
  /** The waits the retry policy asked for, in ms (nothing really sleeps). */
  sleeps: number[];
}

/** Anna's cart for Contoso Retail (Production), 3 × D2s_v5 West Europe 3 years, behind a scripted gateway. */
async function faultyCart(
  scripts: Partial<Record<PartnerCenterMethod, string>>,
  policy: Partial<CheckoutRetryPolicy> = {},
  onSleep?: (ms: number, f: Fixture) => Promise<void>,
): Promise<Fixture> {
  const store = demoWorldStore();
  const local = demoPartnerCenter();
  const faulty = new FaultyPartnerCenter(local);
  const sleeps: number[] = [];
  let clock = 0;
  const fixture = { store, local, faulty, sleeps } as Fixture;
  const service = new PurchaseService(store, faulty, () => new Date(), {
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
      await onSleep?.(ms, fixture);
    },
    now: () => clock,
    ...policy,
  });
  const found = await service.resolveAgent('demo-anna');
  assert.ok(found, 'demo-anna is a demo agent');
  const anna: Actor = { ...found, conversationId: 'conversation-anna' };
  const customer = await service.selectCustomer(anna, demoCustomers.contosoRetail);
  assert.ok(customer.ok, 'Anna may choose Contoso Retail');
  const subscription = await service.selectSubscription(anna, customer.value, demoSubscriptions.contosoRetailProduction);
  assert.ok(subscription.ok, 'Anna may use the Production subscription');
  const cartId = await service.openCart(anna, customer.value, 'commercial', 'VirtualMachines', subscription.value);
  const page = await service.searchCatalog(anna, cartId, { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, 0);
  assert.ok(page.ok && page.value.rows.length === 1, 'one D2s_v5 row');
  assert.ok((await service.addLine(anna, cartId, page.value.rows[0]!.catalogItemId, 3)).ok, 'the line is added');
  // Only now the script starts: the calls above went through untouched.
  for (const [method, script] of Object.entries(scripts)) faulty.script(method as PartnerCenterMethod, script!);
  faulty.calls.length = 0;
  return Object.assign(fixture, { service, anna, cartId });
}

const orders = (f: Fixture) => (f.local.db.prepare('SELECT COUNT(*) AS n FROM orders WHERE cart_id = ?').get(f.cartId) as { n: number }).n;
/** The gateway calls of the checkout, as "checkout:fault" and "lookup:fault", in order. */
const trail = (f: Fixture) =>
  f.faulty.calls.filter((c) => c.method === 'checkout' || c.method === 'getOrdersForRequest').map((c) => `${c.method === 'checkout' ? 'checkout' : 'lookup'}:${c.fault}`);
const requestIds = (f: Fixture) => [...new Set(f.faulty.calls.filter((c) => c.method === 'checkout' || c.method === 'getOrdersForRequest').map((c) => c.requestId))];

describe('purchase/checkout through a failing Partner Center', () => {
  it('429 Retry-After 1, then 500, then ok: bought once, same request id, waited as asked, looked up before the re-post', async () => {
    const f = await faultyCart({ checkout: '429:1, 500, ok' });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.ok(result.ok, `bought: ${JSON.stringify(!result.ok && result.verdict)}`);
    assert.equal(result.value.replayed, false, 'a purchase, not a replay');
    assert.equal(result.value.attempts, 3, 'three posts');
    assert.deepEqual(result.value.failures?.map((x) => x.kind), ['throttled', 'serverError'], 'the result names what went wrong');
    assert.deepEqual(trail(f), ['checkout:429:1', 'checkout:500', 'lookup:ok', 'checkout:ok'], 'after the 500 the order is looked up before posting again');
    assert.deepEqual(requestIds(f), [f.cartId], 'every post and lookup carries the cart id as request id');
    assert.equal(f.sleeps[0], 1000, 'the first wait is the Retry-After');
    assert.equal(orders(f), 1, 'one order');
    const events = f.store.audit.list({ cartId: f.cartId }).map((e) => e.type);
    assert.ok(events.includes('checkout.gatewayFailures') && events.includes('checkout.completed'), `the audit trail records the failures and the purchase: ${events.join(', ')}`);
  });

  it('commit then time out: the order is found by its request id, never posted again', async () => {
    const f = await faultyCart({ checkout: 'commit+timeout' });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.ok(result.ok, 'bought');
    assert.equal(result.value.foundByLookup, true, 'found by the lookup');
    assert.equal(result.value.replayed, false, 'it is this purchase, not an earlier one');
    assert.deepEqual(trail(f), ['checkout:commit+timeout', 'lookup:ok'], 'one post, then a lookup');
    assert.equal(orders(f), 1, 'exactly one order');
    assert.equal(result.value.orders.length, 1, 'the result shows it');
  });

  it('commit then time out, the lookup finds nothing yet, the re-post is answered as a replay: told as this purchase, one order', async () => {
    const f = await faultyCart({ checkout: 'commit+timeout', getOrdersForRequest: 'ok' });
    // The first lookup answers "no order yet" (Partner Center lists orders late), so the policy posts again.
    const lookup = f.local.getOrdersForRequest.bind(f.local);
    let first = true;
    f.local.getOrdersForRequest = async (id) => (first ? ((first = false), []) : lookup(id));
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.ok(result.ok, `bought: ${JSON.stringify(!result.ok && result.verdict)}`);
    assert.deepEqual(trail(f), ['checkout:commit+timeout', 'lookup:ok', 'checkout:ok'], 'posted again after an empty lookup');
    assert.equal(result.value.replayed, false, 'the replay is of this purchase’s own unanswered post, not an earlier purchase');
    assert.equal(result.value.attempts, 2, 'two posts');
    assert.equal(orders(f), 1, 'exactly one order');
  });

  it('a call that never answers counts as a timeout after callTimeoutMs; not carried out, so the re-post buys once', async () => {
    const f = await faultyCart({ checkout: 'hang' }, { callTimeoutMs: 30 });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.ok(result.ok, 'bought');
    assert.deepEqual(trail(f), ['checkout:hang', 'lookup:ok', 'checkout:ok'], 'looked up (nothing), then posted again');
    assert.deepEqual(result.value.failures?.map((x) => x.kind), ['noAnswer'], 'the hang is reported as no answer');
    assert.equal(orders(f), 1, 'one order');
  });

  it('800060 order in progress: never posted again, only looked up; unknown when no order appears (R15)', async () => {
    const f = await faultyCart({ checkout: '800060' });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.equal(result.ok, false, 'not confirmed');
    assert.ok(!result.ok && 'uncertain' in result && result.uncertain, 'the outcome is marked uncertain');
    if (!result.ok) {
      assert.match(english(result.verdict).message, /could not confirm the purchase.*order in progress \(800060\).*15 minutes/, `the message says why and R15: ${english(result.verdict).message}`);
      assert.match(english(result.verdict).fix ?? '', /Do not buy again.*orders/, 'and what to do');
    }
    assert.equal(f.faulty.callsOf('checkout').length, 1, 'posted once');
    assert.ok(f.faulty.callsOf('getOrdersForRequest').length >= 2, 'looked up more than once');
    assert.equal(orders(f), 0, 'no order was made');
    assert.equal(f.store.carts.get(f.cartId)?.status, 'active', 'the cart is not marked bought');
  });

  it('800060 while Partner Center finishes the order: found by a later lookup, bought once', async () => {
    let request: CheckoutRequest | undefined;
    const f = await faultyCart({ checkout: '800060' }, {}, async (_ms, fx) => {
      // Partner Center completes the order in progress while the bot waits.
      if (request && !fx.local.orders.forRequest(request.requestId).length) await fx.local.checkout(request);
    });
    const original = f.faulty.checkout.bind(f.faulty);
    f.faulty.checkout = (r) => ((request = r), original(r));
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.ok(result.ok, 'bought');
    assert.equal(result.value.foundByLookup, true, 'by a lookup');
    assert.equal(f.faulty.callsOf('checkout').length, 1, 'posted once');
    assert.equal(orders(f), 1, 'one order');
  });

  it('500 on every post: not bought, nothing made, told so; Buy again later buys once with the same request id', async () => {
    const f = await faultyCart({ checkout: '500*' });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.equal(result.ok, false, 'not bought');
    assert.ok(!result.ok && !('uncertain' in result), 'and that is certain');
    if (!result.ok) {
      assert.match(english(result.verdict).message, /HTTP 500; 4 attempts with the same request id\)\. Nothing was bought and nothing was charged/, `the message: ${english(result.verdict).message}`);
      assert.match(english(result.verdict).fix ?? '', /Buy again .* same request id/, 'the fix says Buy again is safe');
    }
    assert.deepEqual(trail(f), ['checkout:500', 'lookup:ok', 'checkout:500', 'lookup:ok', 'checkout:500', 'lookup:ok', 'checkout:500', 'lookup:ok'], 'four posts, each followed by a lookup');
    assert.deepEqual(f.sleeps, [250, 500, 1000], 'exponential backoff between posts');
    assert.equal(orders(f), 0, 'no order');
    f.faulty.script('checkout', 'ok');
    const again = await f.service.checkout(f.anna, f.cartId);
    assert.ok(again.ok, 'Buy again buys');
    assert.deepEqual(requestIds(f), [f.cartId], 'with the same request id');
    assert.equal(orders(f), 1, 'once');
  });

  it('a Retry-After longer than the budget is not waited for: not bought, said so at once', async () => {
    const f = await faultyCart({ checkout: '429:600' });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.equal(result.ok, false, 'not bought');
    if (!result.ok) assert.match(english(result.verdict).message, /throttled \(429, asked to wait 600 s\)/, `the message names the wait: ${english(result.verdict).message}`);
    assert.deepEqual(f.sleeps, [], 'nothing waited');
    assert.equal(orders(f), 0, 'no order');
  });

  it('no answer on every post: unknown, not "not bought"', async () => {
    const f = await faultyCart({ checkout: 'timeout*' });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.ok(!result.ok && 'uncertain' in result, 'uncertain');
    assert.equal(f.faulty.callsOf('checkout').length, 4, 'bounded: four posts');
    assert.equal(orders(f), 0, 'no order (these timeouts carried nothing out)');
  });

  it('an ambiguous failure whose lookup fails too: unknown, and never posted blind', async () => {
    const f = await faultyCart({ checkout: 'commit+timeout', getOrdersForRequest: '500*' });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.ok(!result.ok && 'uncertain' in result, 'uncertain');
    if (!result.ok) assert.match(english(result.verdict).message, /order lookup: HTTP 500/, `the lookup failure is named: ${english(result.verdict).message}`);
    assert.equal(f.faulty.callsOf('checkout').length, 1, 'posted once only');
    assert.equal(orders(f), 1, 'the order the lost answer made exists, once');
    f.faulty.script('getOrdersForRequest', []);
    const later = await f.service.ordersForCart(f.anna, f.cartId);
    assert.ok(later?.ok && later.value.replayed, 'a later look shows the order as already bought');
    assert.equal(orders(f), 1, 'still one order');
  });

  it('a refusal is not retried', async () => {
    const f = await faultyCart({ checkout: '800017' });
    const result = await f.service.checkout(f.anna, f.cartId);
    assert.equal(result.ok, false, 'refused');
    if (!result.ok) assert.equal(result.verdict.partnerCenterCode, '800017', 'as Partner Center said');
    assert.equal(f.faulty.callsOf('checkout').length, 1, 'one post');
    assert.equal(orders(f), 0, 'no order');
  });

  it('two concurrent checkouts whose answers are lost make one order', async () => {
    const f = await faultyCart({ checkout: 'commit+timeout*' });
    const results = await Promise.all([f.service.checkout(f.anna, f.cartId), f.service.checkout(f.anna, f.cartId)]);
    assert.ok(results.every((r) => r.ok), 'both end bought');
    const ids = new Set(results.flatMap((r) => (r.ok ? r.value.orders.map((o) => o.id) : [])));
    assert.equal(ids.size, 1, 'both show the same order');
    assert.equal(orders(f), 1, 'one order');
  });

  it('a database error of the embedded gateway is not retried: it fails the turn', async () => {
    const f = await faultyCart({});
    f.local.db.exec(`CREATE TEMP TRIGGER full BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    await assert.rejects(f.service.checkout(f.anna, f.cartId), /disk full/, 'the error propagates');
    assert.equal(f.faulty.callsOf('checkout').length, 1, 'one post');
    assert.equal(orders(f), 0, 'no order');
  });
});
