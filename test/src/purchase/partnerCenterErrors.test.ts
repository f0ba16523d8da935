// Every error code of shared/domain/README.md §3 gets an explanation of its own, under the code of the rule
// that refuses the same thing: the agent reads the same rule whether the embedded rules or Partner Center
// (REST) refused.
import assert from 'node:assert/strict';
import { PartnerCenterError } from '../../../src/partnerCenter/partnerCenter';
import { partnerCenterErrorCodes, partnerCenterVerdict } from '../../../src/purchase/partnerCenterErrors';
import { checkAgreement, checkMarket, checkRole, checkSubscriptionActive } from '../../../src/rules/eligibility';
import { checkBillingCycle, checkNotResubmitted, checkQuantity, checkReseller } from '../../../src/rules/order';
import { checkInventory } from '../../../src/rules/catalog';
import { enUS, nlNL, verdictWording } from '../../../src/i18n';
import type { Verdict } from '../../../src/domain/types';
import { english, makeAgent, makeCatalogItem, makeCustomer, makeIndirectProvider, makeSubscription } from '../rules/factories';

/** The codes §3 lists: errors worth a tailored message, and the cart line errors. */
const documented = [
  '800002', '800009', '800010', '800012', '800013', '800016', '800017', '800030', '800060', '800064', '800065', '800070',
  '900150', '13605', '800023', '800025', '900121', '10002', '10003', '10008', '10011', '10013',
];

describe('Partner Center error codes → verdicts', () => {
  it('has a tailored explanation for every documented code, in every language', () => {
    for (const code of documented) {
      assert.ok(partnerCenterErrorCodes[code], `${code} is mapped`);
      const verdict = partnerCenterVerdict(new PartnerCenterError(code, 'Partner Center’s own words'));
      assert.equal(verdict.partnerCenterCode, code, `${code} is named`);
      assert.doesNotMatch(english(verdict).message, /Partner Center’s own words/, `${code} is explained, not echoed`);
      assert.ok(english(verdict).fix, `${code} says what to do`);
      for (const catalogue of [enUS, nlNL]) {
        const { message, fix } = verdictWording(catalogue, verdict);
        assert.ok(message && fix, `${code} is worded in ${catalogue.locale}`);
      }
    }
  });

  const rules: { name: string; code: string; refusal: Verdict }[] = [
    { name: 'R2 role (checkRole)', code: '900150', refusal: checkRole(makeAgent({ role: 'BillingAdmin' })) },
    { name: 'R4 market (checkMarket)', code: '800070', refusal: checkMarket(makeCustomer({ country: 'AW' })) },
    { name: 'R5 active subscription (checkSubscriptionActive)', code: '800012', refusal: checkSubscriptionActive(makeSubscription({ status: 'suspended' })) },
    { name: 'R6 agreement (checkAgreement)', code: '13605', refusal: checkAgreement(makeCustomer({ agreement: 'notConfirmed' })) },
    { name: 'R9 reseller (checkReseller)', code: '800016', refusal: checkReseller(makeIndirectProvider(), '9999999', []) },
    { name: 'R10 billing frequency (checkBillingCycle)', code: '10013', refusal: checkBillingCycle('monthly', ['one_time'], 'SUSE plan') },
    { name: 'R12 quantity (checkQuantity)', code: '800017', refusal: checkQuantity(0, { minimumQuantity: 1, maximumQuantity: 10 }) },
    {
      name: 'inventory (checkInventory)',
      code: '800010',
      refusal: checkInventory(makeCatalogItem(), [{ reasonCode: 'InventoryNotAvailable', description: 'No capacity.' }]),
    },
    { name: 'R15 resubmission (checkNotResubmitted)', code: '800065', refusal: checkNotResubmitted('submitted') },
  ];
  for (const r of rules) {
    it(`${r.code} is refused under the same rule as ${r.name}`, () => {
      assert.equal(r.refusal.ok, false, 'the rule refuses');
      if (r.refusal.ok) return;
      assert.equal(r.refusal.partnerCenterCode, r.code, 'the rule names this Partner Center code');
      assert.equal(partnerCenterVerdict(new PartnerCenterError(r.code, '')).code, r.refusal.code);
    });
  }

  it('refuses a cart line error as its checkout counterpart', () => {
    const same = (a: string, b: string) => assert.equal(partnerCenterVerdict(new PartnerCenterError(a, '')).code, partnerCenterVerdict(new PartnerCenterError(b, '')).code, `${a} ~ ${b}`);
    same('10003', '800010');
    same('10002', '800010');
    same('10008', '800013');
    same('10011', '800030');
    same('10013', '10013');
  });

  const ownCodes: [string, string, string, string][] = [
    ['800002', 'INVALID_INPUT', 'Partner Center could not accept the purchase as sent: something in it no longer matches (a subscription, term or item changed).', 'Partner Center kon de aankoop niet aannemen zoals die is verzonden: er klopt iets niet meer (een abonnement, looptijd of item is gewijzigd).'],
    ['800023', 'CREDIT_LIMIT', 'This purchase would exceed the credit limit Microsoft set for your partner account.', 'Deze aankoop zou de kredietlimiet overschrijden die Microsoft voor uw partneraccount heeft ingesteld.'],
    ['800025', 'CREDIT_LIMIT', 'This purchase would exceed the credit limit Microsoft set for your partner account.', 'Deze aankoop zou de kredietlimiet overschrijden die Microsoft voor uw partneraccount heeft ingesteld.'],
    ['900121', 'CREDIT_LIMIT', 'This purchase would exceed the credit limit Microsoft set for your partner account.', 'Deze aankoop zou de kredietlimiet overschrijden die Microsoft voor uw partneraccount heeft ingesteld.'],
  ];
  for (const [pcCode, code, en, nl] of ownCodes) {
    it(`refuses ${pcCode} under a code of its own, ${code}, not a rule's`, () => {
      const verdict = partnerCenterVerdict(new PartnerCenterError(pcCode, 'Partner Center’s own words'));
      assert.equal(verdict.code, code);
      assert.equal(verdict.partnerCenterCode, pcCode);
      assert.equal(verdictWording(enUS, verdict).message, en);
      assert.equal(verdictWording(nlNL, verdict).message, nl);
    });
  }

  it('tells an unknown code with Partner Center’s description, and never as bought', () => {
    const verdict = partnerCenterVerdict(new PartnerCenterError('999999', 'Something odd.'));
    assert.equal(verdict.code, 'PARTNER_CENTER_ERROR');
    assert.match(english(verdict).message, /999999.*Something odd\./);
  });
});
