// R1–R6, the segment qualification and customer isolation (src/rules/eligibility.ts, src/rules/markets.ts).
import assert from 'node:assert/strict';
import marketData from '../../../src/data/unavailable-markets.json';
import { roles, type Role } from '../../../src/domain/types';
import {
  checkAgreement,
  checkCanAddAzurePlan,
  checkCspPartner,
  checkCustomerBelongsToPartner,
  checkHasActiveSubscription,
  checkMarket,
  checkRole,
  checkSegment,
  checkSubscriptionAccess,
  checkSubscriptionActive,
  checkSubscriptionOffer,
  purchasingRoles,
  usableSubscriptions,
} from '../../../src/rules/eligibility';
import { unavailableMarkets } from '../../../src/rules/markets';
import {
  assertPassed,
  assertRefused,
  english,
  makeAgent,
  makeCustomer,
  makePartner,
  makeSubscription,
} from './factories';

/** The roles as the English refusals name them. */
const roleNames: Record<Role, string> = {
  AdminAgent: 'Admin agent',
  GlobalAdmin: 'Global admin',
  HelpdeskAgent: 'Helpdesk agent',
  SalesAgent: 'Sales agent',
  UserManagementAdmin: 'User management admin',
  BillingAdmin: 'Billing admin',
};

describe('R1_CSP_ONLY: only CSP partners', () => {
  it('passes a partner enrolled in CSP', () => {
    assertPassed(checkCspPartner(makePartner()), 'R1_CSP_ONLY');
  });

  it('refuses a partner that is not in CSP, naming it and pointing to the Azure portal', () => {
    const partner = makePartner({ name: 'Northwind Consultancy', isCsp: false });
    assertRefused(checkCspPartner(partner), 'R1_CSP_ONLY', {
      mentions: ['Northwind Consultancy', 'Cloud Solution Provider'],
      fix: /Azure portal/,
      partnerCenterCode: undefined,
    });
  });
});

describe('R2_ROLE: roles that may buy', () => {
  const buyers: Role[] = ['AdminAgent', 'GlobalAdmin', 'HelpdeskAgent', 'SalesAgent', 'UserManagementAdmin'];

  for (const role of buyers) {
    it(`passes the ${roleNames[role]} role`, () => {
      assertPassed(checkRole(makeAgent({ role })), 'R2_ROLE');
    });
  }

  it('refuses a Billing admin with 900150, naming the role and listing the roles that may buy', () => {
    const refusal = assertRefused(checkRole(makeAgent({ role: 'BillingAdmin' })), 'R2_ROLE', {
      mentions: ['Billing admin'],
      fix: /Admin agent, Global admin, Helpdesk agent, Sales agent or User management admin/,
      partnerCenterCode: '900150',
    });
    assert.doesNotMatch(english(refusal).fix!, /Billing admin/);
  });

  it('the purchasing roles are exactly the five of the article; every other role is refused', () => {
    assert.deepEqual([...purchasingRoles].sort(), [...buyers].sort());
    for (const role of roles) {
      assert.equal(checkRole(makeAgent({ role })).ok, buyers.includes(role), role);
    }
  });
});

describe('R3_SUBSCRIPTION_ACCESS: Sales and Helpdesk agents need access to the subscription', () => {
  const subscription = makeSubscription({ id: 's-plan-1', friendlyName: 'Fabrikam Azure plan' });

  for (const role of ['SalesAgent', 'HelpdeskAgent'] as const) {
    it(`refuses a ${roleNames[role]} without access, naming the role and the subscription`, () => {
      assertRefused(checkSubscriptionAccess(makeAgent({ role }), subscription, new Set()), 'R3_SUBSCRIPTION_ACCESS', {
        mentions: [roleNames[role], '"Fabrikam Azure plan"'],
        fix: /access/,
        partnerCenterCode: '900150',
      });
    });

    it(`refuses a ${roleNames[role]} with access to another subscription only`, () => {
      const verdict = checkSubscriptionAccess(makeAgent({ role }), subscription, new Set(['s-other']));
      assertRefused(verdict, 'R3_SUBSCRIPTION_ACCESS', { mentions: ['Fabrikam Azure plan'], partnerCenterCode: '900150' });
    });

    it(`passes a ${roleNames[role]} with explicit access to the subscription`, () => {
      const verdict = checkSubscriptionAccess(makeAgent({ role }), subscription, new Set(['s-plan-1']));
      assertPassed(verdict, 'R3_SUBSCRIPTION_ACCESS');
    });
  }

  for (const role of ['AdminAgent', 'GlobalAdmin', 'UserManagementAdmin'] as const) {
    it(`passes the ${roleNames[role]} role without explicit access`, () => {
      assertPassed(checkSubscriptionAccess(makeAgent({ role }), subscription, new Set()), 'R3_SUBSCRIPTION_ACCESS');
    });
  }
});

describe('R4_MARKET: unavailable markets', () => {
  const cases: [string, string][] = [
    ['AW', 'Aruba'],
    ['AQ', 'Antarctica'],
    ['XK', 'Kosovo'],
  ];
  for (const [country, name] of cases) {
    it(`refuses a customer in ${country} with 800070, naming ${name} and the customer`, () => {
      const customer = makeCustomer({ country, companyName: `Fabrikam ${name} Ltd` });
      assertRefused(checkMarket(customer), 'R4_MARKET', {
        mentions: [name, `Fabrikam ${name} Ltd`],
        fix: /pay-as-you-go/,
        partnerCenterCode: '800070',
      });
    });
  }

  for (const country of ['NL', 'BR', 'US']) {
    it(`passes a customer in ${country}`, () => {
      assertPassed(checkMarket(makeCustomer({ country })), 'R4_MARKET');
    });
  }

  it('loads all 109 entries of the data file (BQ and SJ are each shared by several places)', () => {
    const entries = marketData.markets as { code: string; en: string; nl: string }[];
    assert.equal(entries.length, 109);
    const distinct = new Set(entries.map((m) => m.code));
    assert.equal(unavailableMarkets.size, distinct.size);
    assert.equal(distinct.size, 106);
    for (const entry of entries) {
      assert.match(entry.code, /^[A-Z]{2}$/, entry.en);
      assert.ok(unavailableMarkets.has(entry.code), `${entry.code} (${entry.en}) is loaded`);
      assert.ok(entry.en && entry.nl, `${entry.code} has an English and a Dutch name`);
      const verdict = checkMarket(makeCustomer({ country: entry.code }));
      assert.equal(verdict.ok, false, `${entry.code} (${entry.en}) is refused`);
      assert.equal(verdict.code, 'R4_MARKET');
      assert.ok(english(verdict).message.includes(entry.en), `${entry.code} refusal names ${entry.en}`);
    }
  });
});

describe('R5_ACTIVE_SUBSCRIPTION: an active Azure subscription is needed', () => {
  it('passes a customer with one active subscription among inactive ones', () => {
    const subs = [makeSubscription({ status: 'suspended' }), makeSubscription({ status: 'active' })];
    assertPassed(checkHasActiveSubscription(makeCustomer(), subs), 'R5_ACTIVE_SUBSCRIPTION');
  });

  it('refuses a customer without subscriptions with 800012, naming the customer', () => {
    const refusal = assertRefused(checkHasActiveSubscription(makeCustomer(), []), 'R5_ACTIVE_SUBSCRIPTION', {
      mentions: ['Fabrikam Zorg BV'],
      partnerCenterCode: '800012',
    });
    assert.equal(english(refusal).message, 'Fabrikam Zorg BV has no active Azure subscription.');
  });

  it('refuses a customer with only suspended and deleted subscriptions, naming each and its status', () => {
    const subs = [
      makeSubscription({ kind: 'legacyAzure', friendlyName: 'Productie', status: 'suspended' }),
      makeSubscription({ friendlyName: 'Test', status: 'deleted' }),
    ];
    assertRefused(checkHasActiveSubscription(makeCustomer(), subs), 'R5_ACTIVE_SUBSCRIPTION', {
      mentions: ['Fabrikam Zorg BV', '"Productie" is suspended', '"Test" is deleted'],
      partnerCenterCode: '800012',
    });
  });

  it('offers to add an Azure plan when the agreement is confirmed, and something else when it is not', () => {
    const confirmed = assertRefused(checkHasActiveSubscription(makeCustomer({ agreement: 'confirmed' }), []), 'R5_ACTIVE_SUBSCRIPTION', {
      fix: /Add an Azure plan/,
      partnerCenterCode: '800012',
    });
    for (const agreement of ['notConfirmed', 'notSigned'] as const) {
      const other = assertRefused(checkHasActiveSubscription(makeCustomer({ agreement }), []), 'R5_ACTIVE_SUBSCRIPTION', {
        fix: /Reactivate.*Microsoft Customer Agreement/,
        partnerCenterCode: '800012',
      });
      assert.notEqual(english(other).fix, english(confirmed).fix, agreement);
      assert.doesNotMatch(english(other).fix!, /^Add an Azure plan/);
    }
  });

  it('checkSubscriptionActive passes an active subscription and refuses a suspended, deleted or pending one', () => {
    assertPassed(checkSubscriptionActive(makeSubscription()), 'R5_ACTIVE_SUBSCRIPTION');
    for (const status of ['suspended', 'deleted', 'pending'] as const) {
      assertRefused(checkSubscriptionActive(makeSubscription({ status, friendlyName: 'Fabrikam Test' })), 'R5_ACTIVE_SUBSCRIPTION', {
        mentions: ['"Fabrikam Test"', status],
        fix: /active subscription/,
        partnerCenterCode: '800012',
      });
    }
  });
});

describe('R6_AGREEMENT: Microsoft Customer Agreement and the Azure plan', () => {
  it('refuses a customer whose MCA acceptance is not confirmed with 13605, naming the customer', () => {
    assertRefused(checkAgreement(makeCustomer({ agreement: 'notConfirmed' })), 'R6_AGREEMENT', {
      mentions: ['Fabrikam Zorg BV', 'Microsoft Customer Agreement', 'not confirmed'],
      fix: /Partner Center/,
      partnerCenterCode: '13605',
    });
  });

  it('passes a customer with a confirmed agreement, and a legacy customer that never signed the MCA', () => {
    assertPassed(checkAgreement(makeCustomer({ agreement: 'confirmed' })), 'R6_AGREEMENT');
    assertPassed(checkAgreement(makeCustomer({ agreement: 'notSigned' })), 'R6_AGREEMENT');
  });

  it('refuses a confirmed customer on a legacy MS-AZR-0145P subscription, naming customer and subscription', () => {
    const legacy = makeSubscription({ kind: 'legacyAzure', friendlyName: 'Fabrikam Productie' });
    assert.equal(legacy.offerId, 'MS-AZR-0145P');
    assertRefused(checkSubscriptionOffer(makeCustomer(), legacy), 'R6_AGREEMENT', {
      mentions: ['Fabrikam Zorg BV', 'Azure plan', '"Fabrikam Productie"'],
      fix: /Azure plan/,
      partnerCenterCode: undefined,
    });
  });

  it('passes a confirmed customer on its Azure plan', () => {
    assertPassed(checkSubscriptionOffer(makeCustomer(), makeSubscription({ kind: 'azurePlan' })), 'R6_AGREEMENT');
  });

  it('passes a customer without the MCA on its legacy subscription', () => {
    const verdict = checkSubscriptionOffer(makeCustomer({ agreement: 'notSigned' }), makeSubscription({ kind: 'legacyAzure' }));
    assertPassed(verdict, 'R6_AGREEMENT');
  });

  it('checkCanAddAzurePlan: only for a confirmed customer; otherwise 13605 naming the customer', () => {
    assertPassed(checkCanAddAzurePlan(makeCustomer({ agreement: 'confirmed' })), 'R6_AGREEMENT');
    for (const agreement of ['notConfirmed', 'notSigned'] as const) {
      assertRefused(checkCanAddAzurePlan(makeCustomer({ agreement })), 'R6_AGREEMENT', {
        mentions: ['Fabrikam Zorg BV', 'Azure plan'],
        fix: /Microsoft Customer Agreement/,
        partnerCenterCode: '13605',
      });
    }
  });
});

describe('usableSubscriptions (R5 + R6)', () => {
  const planActive = makeSubscription({ id: 'plan-active', kind: 'azurePlan' });
  const planActive2 = makeSubscription({ id: 'plan-active-2', kind: 'azurePlan' });
  const planSuspended = makeSubscription({ id: 'plan-suspended', kind: 'azurePlan', status: 'suspended' });
  const planPending = makeSubscription({ id: 'plan-pending', kind: 'azurePlan', status: 'pending' });
  const legacyActive = makeSubscription({ id: 'legacy-active', kind: 'legacyAzure' });
  const legacyDeleted = makeSubscription({ id: 'legacy-deleted', kind: 'legacyAzure', status: 'deleted' });
  const all = [legacyActive, planSuspended, planActive, legacyDeleted, planPending, planActive2];

  it('offers a confirmed customer only its active Azure plans, in order', () => {
    assert.deepEqual(
      usableSubscriptions(makeCustomer({ agreement: 'confirmed' }), all).map((s) => s.id),
      ['plan-active', 'plan-active-2'],
    );
  });

  it('offers a customer without the MCA every active subscription', () => {
    assert.deepEqual(
      usableSubscriptions(makeCustomer({ agreement: 'notSigned' }), all).map((s) => s.id),
      ['legacy-active', 'plan-active', 'plan-active-2'],
    );
  });

  it('offers nothing when nothing is active', () => {
    assert.deepEqual(usableSubscriptions(makeCustomer(), [planSuspended, legacyDeleted, planPending]), []);
    assert.deepEqual(usableSubscriptions(makeCustomer(), []), []);
  });
});

describe('SEGMENT: the customer must be qualified for the segment', () => {
  const customer = makeCustomer({ companyName: 'Hogeschool Fabrikam', qualifications: ['commercial', 'education'] });

  it('passes a segment the customer is qualified for', () => {
    assertPassed(checkSegment(customer, 'education'), 'SEGMENT');
    assertPassed(checkSegment(customer, 'commercial'), 'SEGMENT');
  });

  it('refuses another segment, naming customer and segment and offering the qualified ones', () => {
    assertRefused(checkSegment(customer, 'government'), 'SEGMENT', {
      mentions: ['Hogeschool Fabrikam', 'Government'],
      fix: /Choose Commercial or Education/,
      partnerCenterCode: undefined,
    });
  });
});

describe("CUSTOMER_ISOLATION: an agent only acts for its own partner's customers", () => {
  it("passes the partner's own customer", () => {
    assertPassed(checkCustomerBelongsToPartner(makeCustomer(), makePartner().id), 'CUSTOMER_ISOLATION');
  });

  it("refuses another partner's customer without revealing who it is", () => {
    const foreign = makeCustomer({ partnerId: 'p-other', companyName: 'Secret Holding NV' });
    const refusal = assertRefused(checkCustomerBelongsToPartner(foreign, makePartner().id), 'CUSTOMER_ISOLATION', {
      mentions: ['not one of your customers'],
      fix: /Search for the customer/,
      partnerCenterCode: undefined,
    });
    assert.doesNotMatch(`${english(refusal).message} ${english(refusal).fix}`, /Secret Holding/);
  });

  it('refuses an unknown customer', () => {
    assertRefused(checkCustomerBelongsToPartner(undefined, makePartner().id), 'CUSTOMER_ISOLATION', {
      mentions: ['not one of your customers'],
    });
  });
});
