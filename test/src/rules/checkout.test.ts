// The verdict list of a purchase (src/rules/checkout.ts) and the R9/R10 rules the purchase service used to
// decide itself: who names a reseller, what a month costs.
import assert from 'node:assert/strict';
import type { Customer, RuleCode, TermDuration, Verdict } from '../../../src/domain/types';
import {
  checkCartNotEmpty,
  checkSubscriptionChosen,
  checkoutVerdicts,
  customerVerdicts,
  lineVerdicts,
  mayBuyVerdicts,
  reviewBlockers,
  subscriptionVerdicts,
  type Purchase,
  type PurchaseLine,
} from '../../../src/rules/checkout';
import { monthlyPayment, mustNameReseller } from '../../../src/rules/order';
import { firstRefusal, refuseWith } from '../../../src/rules/verdict';
import { ruleText } from '../../../src/i18n';
import {
  english,
  makeAgent,
  makeCustomer,
  makeIndirectProvider,
  makePartner,
  makeReseller,
  makeSubscription,
} from './factories';

const codes = (verdicts: Verdict[]) => verdicts.map((v) => `${v.code}:${v.ok ? 'pass' : 'refused'}`);
const firstCode = (verdicts: Verdict[]) => firstRefusal(verdicts)?.code ?? 'none';

describe('mustNameReseller (R9): who names the partner of record', () => {
  const table: [string, ReturnType<typeof makePartner>, boolean][] = [
    ['a direct partner', makePartner(), false],
    ['an indirect provider', makeIndirectProvider(), true],
    ['an indirect provider located outside Brazil', makeIndirectProvider({ country: 'NL' }), true],
  ];
  for (const [who, partner, expected] of table) {
    it(`${who}: ${expected ? 'names one' : 'names none'}`, () => assert.equal(mustNameReseller(partner), expected));
  }
});

describe('monthlyPayment (R10): the term total in equal monthly parts', () => {
  const table: [number, TermDuration, number][] = [
    [1_200_00, 'P1Y', 100_00],
    [3_600_00, 'P3Y', 100_00],
    [6_000_00, 'P5Y', 100_00],
    [123456, 'P3Y', 3429], // 3429.33… rounds down
    [100, 'P1Y', 8], // 8.33… rounds down
    [6, 'P1Y', 1], // 0.5 rounds up
    [0, 'P3Y', 0],
  ];
  for (const [total, term, expected] of table) {
    it(`${total} over ${term} is ${expected} a month`, () => assert.equal(monthlyPayment(total, term), expected));
  }
});

describe('SUBSCRIPTION_CHOSEN and CART_NOT_EMPTY: codes of their own', () => {
  it('refuses a cart without a subscription as SUBSCRIPTION_CHOSEN, not R5', () => {
    const verdict = checkSubscriptionChosen(undefined);
    assert.equal(verdict.code, 'SUBSCRIPTION_CHOSEN');
    assert.deepEqual(english(verdict), { message: 'No subscription is chosen for this cart.', fix: 'Choose a subscription.' });
    assert.deepEqual(checkSubscriptionChosen(makeSubscription()), { ok: true, code: 'SUBSCRIPTION_CHOSEN' });
  });

  const table: [number, boolean][] = [
    [0, false],
    [1, true],
    [10, true],
  ];
  for (const [lines, passes] of table) {
    it(`a cart of ${lines} line(s) ${passes ? 'passes' : 'is refused as CART_NOT_EMPTY, not R12'}`, () => {
      const verdict = checkCartNotEmpty(lines);
      assert.equal(verdict.code, 'CART_NOT_EMPTY');
      assert.equal(verdict.ok, passes);
      if (!passes) assert.deepEqual(english(verdict), { message: 'The cart is empty.', fix: 'Add an item before buying.' });
    });
  }
});

describe('the verdicts of each step', () => {
  it('mayBuyVerdicts: R1 then R2', () => {
    assert.deepEqual(codes(mayBuyVerdicts(makePartner(), makeAgent())), ['R1_CSP_ONLY:pass', 'R2_ROLE:pass']);
    assert.deepEqual(codes(mayBuyVerdicts(makePartner({ isCsp: false }), makeAgent({ role: 'BillingAdmin' }))), ['R1_CSP_ONLY:refused', 'R2_ROLE:refused']);
  });

  const customers: [string, Customer | undefined, string, string[]][] = [
    ['its own customer', makeCustomer(), 'p-contoso-nl', ['CUSTOMER_ISOLATION:pass', 'R4_MARKET:pass', 'R6_AGREEMENT:pass']],
    ['an unknown customer', undefined, 'p-contoso-nl', ['CUSTOMER_ISOLATION:refused']],
    ["another partner's customer, in an unavailable market", makeCustomer({ country: 'XK' }), 'p-other', ['CUSTOMER_ISOLATION:refused']],
    ['a customer in an unavailable market', makeCustomer({ country: 'XK' }), 'p-contoso-nl', ['CUSTOMER_ISOLATION:pass', 'R4_MARKET:refused', 'R6_AGREEMENT:pass']],
    ['a customer whose MCA is not confirmed', makeCustomer({ agreement: 'notConfirmed' }), 'p-contoso-nl', ['CUSTOMER_ISOLATION:pass', 'R4_MARKET:pass', 'R6_AGREEMENT:refused']],
  ];
  for (const [which, customer, partnerId, expected] of customers) {
    it(`customerVerdicts for ${which}`, () => assert.deepEqual(codes(customerVerdicts(customer, partnerId)), expected));
  }

  it('subscriptionVerdicts: R5, R6, R3', () => {
    const suspended = makeSubscription({ status: 'suspended' });
    assert.deepEqual(codes(subscriptionVerdicts(makeAgent({ role: 'SalesAgent' }), makeCustomer(), suspended, new Set())), [
      'R5_ACTIVE_SUBSCRIPTION:refused',
      'R6_AGREEMENT:pass',
      'R3_SUBSCRIPTION_ACCESS:refused',
    ]);
  });

  const line: PurchaseLine = {
    catalogItemId: 'd2s-we-3y',
    quantity: 3,
    minimumQuantity: 1,
    maximumQuantity: 1000,
    billingCycle: 'one_time',
    monthlyBillingSupported: true,
    term: 'P3Y',
    family: 'Dsv5',
    title: 'Standard_D2s_v5',
  };
  const lines: [string, Partial<PurchaseLine>, string][] = [
    ['a valid line', {}, 'none'],
    ['a quantity out of range', { quantity: 1001 }, 'R12_QUANTITY'],
    ['a typed quantity that is not a number', { quantity: 'three' }, 'R12_QUANTITY'],
    ['monthly billing on an item without a billing plan', { billingCycle: 'monthly', monthlyBillingSupported: false }, 'R10_BILLING_FREQUENCY'],
    ['a 5-year term for Dsv5', { term: 'P5Y' }, 'R13_TERM'],
    ['a 5-year term for HBv2', { term: 'P5Y', family: 'HBv2' }, 'none'],
  ];
  for (const [what, change, expected] of lines) {
    it(`lineVerdicts: ${what} → ${expected}`, () => assert.equal(firstCode(lineVerdicts({ ...line, ...change })), expected));
  }

  it('reviewBlockers: withdrawn lines, then an empty cart, then the reseller; passes left out', () => {
    const withdrawn = refuseWith('CATALOG_AVAILABILITY', ruleText('itemNotInCatalog'), '800070');
    const noReseller = refuseWith('R9_RESELLER', ruleText('resellerRequired'));
    assert.deepEqual(codes(reviewBlockers([withdrawn], 1, noReseller)), ['CATALOG_AVAILABILITY:refused', 'R9_RESELLER:refused']);
    assert.deepEqual(codes(reviewBlockers([], 0, noReseller)), ['CART_NOT_EMPTY:refused', 'R9_RESELLER:refused']);
    assert.deepEqual(reviewBlockers([], 2, { ok: true, code: 'R9_RESELLER' }), []);
  });
});

describe('checkoutVerdicts: the one list checkout asks', () => {
  const subscription = makeSubscription();
  const purchase = (change: Partial<Purchase> = {}): Purchase => ({
    partner: makePartner(),
    agent: makeAgent(),
    customer: makeCustomer(),
    subscription,
    accessibleSubscriptionIds: new Set(),
    scope: 'shared',
    resellerMpnId: null,
    resellers: [],
    lines: [{ catalogItemId: 'd2s-we-3y', quantity: 3, minimumQuantity: 1, maximumQuantity: 1000, billingCycle: 'monthly', monthlyBillingSupported: true, term: 'P3Y', family: 'Dsv5', title: 'Standard_D2s_v5' }],
    reviewBlockers: [],
    inventory: [{ ok: true, code: 'CATALOG_AVAILABILITY' }],
    ...change,
  });

  it('asks every step again, in order', () => {
    assert.deepEqual(codes(checkoutVerdicts(purchase())), [
      'R1_CSP_ONLY:pass',
      'R2_ROLE:pass',
      'CUSTOMER_ISOLATION:pass',
      'R4_MARKET:pass',
      'R6_AGREEMENT:pass',
      'R5_ACTIVE_SUBSCRIPTION:pass',
      'R6_AGREEMENT:pass',
      'R3_SUBSCRIPTION_ACCESS:pass',
      'R8_SCOPE:pass',
      'R9_RESELLER:pass',
      'R9_RESELLER:pass',
      'R12_QUANTITY:pass',
      'R10_BILLING_FREQUENCY:pass',
      'R13_TERM:pass',
      'CATALOG_AVAILABILITY:pass',
    ]);
  });

  const provider = makeIndirectProvider();
  const table: [string, Partial<Purchase>, RuleCode | 'none'][] = [
    ['nothing changed', {}, 'none'],
    ['the role became Billing admin', { agent: makeAgent({ role: 'BillingAdmin' }) }, 'R2_ROLE'],
    ['the customer belongs to another partner', { customer: makeCustomer({ partnerId: 'p-other' }) }, 'CUSTOMER_ISOLATION'],
    ['the subscription was suspended', { subscription: makeSubscription({ status: 'suspended' }) }, 'R5_ACTIVE_SUBSCRIPTION'],
    ['single scope under the Azure plan', { scope: 'single' }, 'R7_AZURE_PLAN_SHARED_SCOPE'],
    ['an indirect provider without a reseller', { partner: provider, agent: makeAgent({ partnerId: provider.id }), customer: makeCustomer({ partnerId: provider.id }) }, 'R9_RESELLER'],
    [
      'an indirect provider with its own reseller',
      { partner: provider, agent: makeAgent({ partnerId: provider.id }), customer: makeCustomer({ partnerId: provider.id }), resellerMpnId: '5550001', confirmedResellerMpnId: '5550001', resellers: [makeReseller()] },
      'none',
    ],
    [
      "an indirect provider's Buy that did not confirm the cart's reseller",
      { partner: provider, agent: makeAgent({ partnerId: provider.id }), customer: makeCustomer({ partnerId: provider.id }), resellerMpnId: '5550001', resellers: [makeReseller()] },
      'R9_RESELLER',
    ],
    [
      "an indirect provider's Buy that confirmed another reseller than the cart's",
      { partner: provider, agent: makeAgent({ partnerId: provider.id }), customer: makeCustomer({ partnerId: provider.id }), resellerMpnId: '5550001', confirmedResellerMpnId: '5550002', resellers: [makeReseller()] },
      'R9_RESELLER',
    ],
    ['a review blocker (the cart emptied)', { lines: [], reviewBlockers: [refuseWith('CART_NOT_EMPTY', ruleText('cartEmpty'))] }, 'CART_NOT_EMPTY'],
    ['a quantity above the maximum', { lines: [{ ...purchase().lines[0]!, quantity: 100_000 }] }, 'R12_QUANTITY'],
    ['two lines of one item above its maximum together (1,000 + 1,000)', { lines: [{ ...purchase().lines[0]!, quantity: 1000 }, { ...purchase().lines[0]!, quantity: 1000 }] }, 'R12_QUANTITY'],
    ['two lines of one item within its maximum together (500 + 500)', { lines: [{ ...purchase().lines[0]!, quantity: 500 }, { ...purchase().lines[0]!, quantity: 500 }] }, 'none'],
    ['two items at their maximum each', { lines: [{ ...purchase().lines[0]!, quantity: 1000 }, { ...purchase().lines[0]!, catalogItemId: 'd4s-we-3y', quantity: 1000 }] }, 'none'],
    ['Partner Center reports no capacity', { inventory: [refuseWith('CATALOG_AVAILABILITY', ruleText('inventoryRestricted', { item: 'D2s', reasons: 'No capacity now.' }), '800010')] }, 'CATALOG_AVAILABILITY'],
  ];
  for (const [what, change, expected] of table) {
    it(`${what} → ${expected}`, () => assert.equal(firstCode(checkoutVerdicts(purchase(change))), expected));
  }
});
