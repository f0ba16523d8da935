// Verdict helpers (src/rules/verdict.ts) and a guard that every rule code has a passing and, except the
// informational R11 and R14, a refused case.
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
import { firstRefusal, pass, refuse } from '../../../src/rules/verdict';
import { makeAgent, makeCatalogItem, makeCustomer, makeIndirectProvider, makePartner, makeSubscription } from './factories';
import { enUS, nlNL, wordRuleText } from '../../../src/i18n';

describe('pass and refuse', () => {
  it('pass carries only the code and the optional message and warning', () => {
    assert.deepEqual(pass('R1_CSP_ONLY'), { ok: true, code: 'R1_CSP_ONLY' });
    assert.deepEqual(pass('R8_SCOPE', { warning: 'w' }), { ok: true, code: 'R8_SCOPE', warning: 'w' });
  });

  it('refuse leaves out an absent fix and Partner Center code', () => {
    assert.deepEqual(refuse('R13_TERM', 'm'), { ok: false, code: 'R13_TERM', message: 'm' });
    assert.deepEqual(refuse('R2_ROLE', 'm', 'f', '900150'), {
      ok: false,
      code: 'R2_ROLE',
      message: 'm',
      fix: 'f',
      partnerCenterCode: '900150',
    });
    assert.ok(!('fix' in refuse('R13_TERM', 'm')));
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

describe('every rule code has a passing and a refused case', () => {
  const customer = makeCustomer();
  const azurePlan = makeSubscription();
  const legacy = makeSubscription({ kind: 'legacyAzure' });
  const range = { minimumQuantity: 1, maximumQuantity: 1000 };
  const dutchVmMarket = { country: 'NL', segment: 'commercial', reservationType: 'VirtualMachines' } as const;

  // `passCode`: the code a passing verdict reports when it is not the rule's own.
  const cases: Record<RuleCode, { passes: Verdict; passCode?: RuleCode; refused?: Verdict }> = {
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
  };

  it('covers exactly the rule codes of the domain', () => {
    assert.deepEqual(Object.keys(cases).sort(), [...ruleCodes].sort());
  });

  for (const code of ruleCodes) {
    it(`${code}`, () => {
      const { passes, passCode, refused } = cases[code];
      assert.equal(passes.ok, true);
      assert.equal(passes.code, passCode ?? code);
      if (refused) {
        assert.equal(refused.ok, false);
        assert.equal(refused.code, code);
        assert.ok(!refused.ok && refused.message.length > 0 && refused.fix);
        // The English message and fix (the audit trail) are the en-US wording of the refusal's rule text,
        // which the dialogs word again in the agent's locale.
        assert.ok(refused.text, `${code}: the refusal carries its rule text`);
        const english = wordRuleText(enUS.rules, refused.text!);
        assert.deepEqual({ message: refused.message, fix: refused.fix }, { message: english.message, fix: english.fix }, `${code}: message and fix are the English wording`);
        assert.notEqual(wordRuleText(nlNL.rules, refused.text!).message, refused.message, `${code}: the refusal has a Dutch wording`);
      }
      if (passes.message ?? passes.warning) {
        assert.ok(passes.text, `${code}: a passing verdict with a note carries its rule text`);
        assert.equal(wordRuleText(enUS.rules, passes.text!).message, passes.message ?? passes.warning, `${code}: the note is the English wording`);
      }
    });
  }

  it('only R8 (refused as R7), R11 and R14 (informational) have no refusal', () => {
    const withoutRefusal = ruleCodes.filter((c) => !cases[c].refused);
    assert.deepEqual(withoutRefusal, ['R8_SCOPE', 'R11_PRICE_NOTES', 'R14_TRANSFER']);
  });
});
