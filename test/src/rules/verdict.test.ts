// Verdict helpers (src/rules/verdict.ts) and a guard that every rule code has a passing and, except the
// informational R11 and R14, a refused case.
import { checkApprovalNeeded } from '../../../src/rules/approval';
import assert from 'node:assert/strict';
import { ruleCodes, type RuleCode, type Verdict } from '../../../src/domain/types';
import {
  checkAgreement,
  checkCspPartner,
  checkCustomerBelongsToPartner,
  checkHasActiveSubscription,
  checkMarket,
  checkRole,
  checkSegment,
  checkSubscriptionAccess,
} from '../../../src/rules/eligibility';
import {
  checkBillingCycle,
  checkNotResubmitted,
  checkQuantity,
  checkReseller,
  checkScope,
  checkTerm,
  priceNotes,
  transferNote,
} from '../../../src/rules/order';
import { checkSoldInMarket } from '../../../src/rules/catalog';
import { checkCartNotEmpty, checkSubscriptionChosen } from '../../../src/rules/checkout';
import { lineSavings } from '../../../src/rules/savings';
import { firstRefusal, pass, refuseWith } from '../../../src/rules/verdict';
import { makeAgent, makeCatalogItem, makeCustomer, makeIndirectProvider, makePartner, makeSubscription } from './factories';
import { enUS, nlNL, ruleText, wordRuleText } from '../../../src/i18n';

describe('pass and refuseWith', () => {
  it('pass carries the code and, when given, the rule text of its note', () => {
    assert.deepEqual(pass('R1_CSP_ONLY'), { ok: true, code: 'R1_CSP_ONLY' });
    assert.deepEqual(pass('R14_TRANSFER', ruleText('transferNote')), { ok: true, code: 'R14_TRANSFER', text: { key: 'transferNote', params: {} } });
  });

  it('refuseWith carries the code and the rule text, and leaves out an absent Partner Center code', () => {
    assert.deepEqual(refuseWith('R13_TERM', ruleText('fiveYearsOnlyHbv2')), { ok: false, code: 'R13_TERM', text: { key: 'fiveYearsOnlyHbv2', params: {} } });
    assert.deepEqual(refuseWith('R2_ROLE', ruleText('roleMayNotBuy', { role: 'BillingAdmin' }), '900150'), {
      ok: false,
      code: 'R2_ROLE',
      text: { key: 'roleMayNotBuy', params: { role: 'BillingAdmin' } },
      partnerCenterCode: '900150',
    });
  });
});

describe('firstRefusal', () => {
  it('is undefined when every verdict passes, or there are none', () => {
    assert.equal(firstRefusal([]), undefined);
    assert.equal(firstRefusal([checkCspPartner(makePartner()), checkRole(makeAgent())]), undefined);
  });

  it('returns the first refusal in order, skipping passes', () => {
    const customer = makeCustomer({ country: 'AW', agreement: 'notConfirmed' });
    const refusal = firstRefusal([
      checkCspPartner(makePartner()),
      checkRole(makeAgent()),
      checkMarket(customer),
      checkAgreement(customer),
    ]);
    assert.equal(refusal?.code, 'R4_MARKET');
    assert.equal(refusal?.partnerCenterCode, '800070');
    assert.equal(firstRefusal([checkAgreement(customer), checkMarket(customer)])?.code, 'R6_AGREEMENT');
  });
});

// Partner Center refusals that no rule of ours foresees (src/purchase/partnerCenterErrors.ts).
const partnerCenterOnly = ['INVALID_INPUT', 'CREDIT_LIMIT', 'PARTNER_CENTER_ERROR'] as const;
type OurCode = Exclude<RuleCode, (typeof partnerCenterOnly)[number]>;

describe('every rule code of ours has a passing and a refused case', () => {
  const customer = makeCustomer();
  const azurePlan = makeSubscription();
  const legacy = makeSubscription({ kind: 'legacyAzure' });
  const range = { minimumQuantity: 1, maximumQuantity: 1000 };
  const dutchVmMarket = { country: 'NL', segment: 'commercial', reservationType: 'VirtualMachines' } as const;

  // `passCode`: the code a passing verdict reports when it is not the rule's own.
  const cases: Record<OurCode, { passes: Verdict; passCode?: RuleCode; refused?: Verdict }> = {
    R1_CSP_ONLY: { passes: checkCspPartner(makePartner()), refused: checkCspPartner(makePartner({ isCsp: false })) },
    R2_ROLE: { passes: checkRole(makeAgent()), refused: checkRole(makeAgent({ role: 'BillingAdmin' })) },
    R3_SUBSCRIPTION_ACCESS: {
      passes: checkSubscriptionAccess(makeAgent({ role: 'SalesAgent' }), azurePlan, new Set([azurePlan.id])),
      refused: checkSubscriptionAccess(makeAgent({ role: 'SalesAgent' }), azurePlan, new Set()),
    },
    R4_MARKET: { passes: checkMarket(customer), refused: checkMarket(makeCustomer({ country: 'XK' })) },
    R5_ACTIVE_SUBSCRIPTION: {
      passes: checkHasActiveSubscription(customer, [azurePlan]),
      refused: checkHasActiveSubscription(customer, []),
    },
    R6_AGREEMENT: { passes: checkAgreement(customer), refused: checkAgreement(makeCustomer({ agreement: 'notConfirmed' })) },
    // Shared scope under the Azure plan passes R7 and reports what R8 says about the scope.
    R7_AZURE_PLAN_SHARED_SCOPE: {
      passes: checkScope(azurePlan, 'shared'),
      passCode: 'R8_SCOPE',
      refused: checkScope(azurePlan, 'single'),
    },
    // R8 only informs; refusing single scope is R7's job.
    R8_SCOPE: { passes: checkScope(legacy, 'single') },
    APPROVAL: {
      passes: checkApprovalNeeded({ amountMinor: 100, currency: 'EUR' }, { minor: 100, currency: 'EUR' }),
      refused: checkApprovalNeeded({ amountMinor: 100, currency: 'EUR' }, { minor: 101, currency: 'EUR' }),
    },
    R9_RESELLER: {
      passes: checkReseller(makePartner(), null, []),
      refused: checkReseller(makeIndirectProvider(), null, []),
    },
    R10_BILLING_FREQUENCY: {
      passes: checkBillingCycle('one_time', ['one_time'], 'SUSE'),
      refused: checkBillingCycle('monthly', ['one_time'], 'SUSE'),
    },
    R11_PRICE_NOTES: { passes: priceNotes(makePartner()) },
    R12_QUANTITY: { passes: checkQuantity('3', range), refused: checkQuantity('0', range) },
    R13_TERM: { passes: checkTerm('P3Y', 'Dsv5'), refused: checkTerm('P5Y', 'Dsv5') },
    R14_TRANSFER: { passes: transferNote() },
    R15_ORDER_LISTING: { passes: checkNotResubmitted('active'), refused: checkNotResubmitted('submitted') },
    SEGMENT: { passes: checkSegment(customer, 'commercial'), refused: checkSegment(customer, 'nonprofit') },
    CUSTOMER_ISOLATION: {
      passes: checkCustomerBelongsToPartner(customer, customer.partnerId),
      refused: checkCustomerBelongsToPartner(customer, 'p-other'),
    },
    CATALOG_AVAILABILITY: {
      passes: checkSoldInMarket(makeCatalogItem(), dutchVmMarket),
      refused: checkSoldInMarket(makeCatalogItem({ isPurchasable: false }), dutchVmMarket),
    },
    SUBSCRIPTION_CHOSEN: { passes: checkSubscriptionChosen(azurePlan), refused: checkSubscriptionChosen(undefined) },
    CART_NOT_EMPTY: { passes: checkCartNotEmpty(1), refused: checkCartNotEmpty(0) },
    // Savings only inform: an item without a pay-as-you-go price says so, and may be bought.
    SAVINGS: { passes: (lineSavings({ quantity: 1, term: 'P1Y', reservationMinor: 100, currency: 'EUR' }, undefined) as { verdict: Verdict }).verdict },
  };
  const ourCodes = ruleCodes.filter((c): c is OurCode => !partnerCenterOnly.includes(c as never));

  it('covers exactly the rule codes of the domain', () => {
    assert.deepEqual(Object.keys(cases).sort(), [...ourCodes].sort());
  });

  for (const code of ourCodes) {
    it(`${code}`, () => {
      const { passes, passCode, refused } = cases[code];
      assert.equal(passes.ok, true);
      assert.equal(passes.code, passCode ?? code);
      if (refused) {
        assert.equal(refused.ok, false);
        assert.equal(refused.code, code);
        // Every refusal says what it says as a rule text, worded with a fix in English (the audit trail) and Dutch.
        assert.ok(!refused.ok && refused.text, `${code}: the refusal carries its rule text`);
        const english = wordRuleText(enUS.rules, refused.text);
        const dutch = wordRuleText(nlNL.rules, refused.text);
        assert.ok(english.message.length > 0 && english.fix, `${code}: an English message and fix`);
        assert.ok(dutch.fix, `${code}: a Dutch fix`);
        assert.notEqual(dutch.message, english.message, `${code}: the refusal has a Dutch wording`);
      }
    });
  }

  it('only R8 (refused as R7), R11, R14 and the savings (informational) have no refusal', () => {
    const withoutRefusal = ourCodes.filter((c) => !cases[c].refused);
    assert.deepEqual(withoutRefusal, ['R8_SCOPE', 'R11_PRICE_NOTES', 'R14_TRANSFER', 'SAVINGS']);
  });
});
