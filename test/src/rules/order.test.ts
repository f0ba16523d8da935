// R7–R15 and the review notes (src/rules/order.ts).
import assert from 'node:assert/strict';
import {
  checkBillingCycle,
  checkNotResubmitted,
  checkQuantity,
  checkQuantityWithCart,
  checkReseller,
  checkScope,
  checkTerm,
  defaultScope,
  priceNotes,
  reviewNoteTexts,
  scopeOptions,
  transferNote,
} from '../../../src/rules/order';
import {
  BR_PROVIDER_ID,
  assertPassed,
  assertRefused,
  english,
  makeIndirectProvider,
  makePartner,
  makeReseller,
  makeSubscription,
} from './factories';
import { enUS, wordRuleText } from '../../../src/i18n';
import type { Partner, Scope, Subscription } from '../../../src/domain/types';

/** The review notes as the agent reads them in English. */
const reviewNotes = (partner: Partner, subscription: Subscription, scope: Scope): string[] =>
  reviewNoteTexts(partner, subscription, scope).map((text) => wordRuleText(enUS.rules, text).message);

const azurePlan = makeSubscription({ kind: 'azurePlan', friendlyName: 'Azure plan Fabrikam' });
const legacy = makeSubscription({ kind: 'legacyAzure', friendlyName: 'Fabrikam Productie' });

describe('R7_AZURE_PLAN_SHARED_SCOPE: Shared scope under the Azure plan', () => {
  it('refuses single scope under the Azure plan, pointing to the Azure portal to narrow it later', () => {
    assertRefused(checkScope(azurePlan, 'single'), 'R7_AZURE_PLAN_SHARED_SCOPE', {
      mentions: ['Azure plan', 'Shared'],
      fix: /Shared scope.*single subscription later in the Azure portal/,
      partnerCenterCode: undefined,
    });
  });

  it('passes shared scope under the Azure plan', () => {
    const verdict = checkScope(azurePlan, 'shared');
    assertPassed(verdict, 'R8_SCOPE');
    assert.equal(verdict.text?.key, 'sharedScopeNote');
  });

  it('scopeOptions for an Azure plan: shared allowed, single refused; a new cart starts Shared', () => {
    const options = scopeOptions(azurePlan);
    assert.deepEqual(options.map((o) => [o.scope, o.verdict.ok, o.verdict.code]), [
      ['shared', true, 'R8_SCOPE'],
      ['single', false, 'R7_AZURE_PLAN_SHARED_SCOPE'],
    ]);
    assert.equal(defaultScope, 'shared');
  });
});

describe('R8_SCOPE: what each scope implies (never refused: the refusal of single scope is R7)', () => {
  it('passes single scope on a legacy subscription with a vCPU quota warning naming the subscription', () => {
    const verdict = checkScope(legacy, 'single');
    assertPassed(verdict, 'R8_SCOPE');
    assert.ok(verdict.ok);
    assert.match(english(verdict).message, /applies only to "Fabrikam Productie"/);
    assert.match(english(verdict).message, /vCPU quota increase/);
    assert.match(english(verdict).message, /support request in the Azure portal/);
  });

  it("passes shared scope, explaining it covers the customer's billing context, without a warning", () => {
    const verdict = checkScope(legacy, 'shared');
    assertPassed(verdict, 'R8_SCOPE');
    assert.ok(verdict.ok);
    assert.match(english(verdict).message, /any subscription in the customer's billing context/);
    assert.doesNotMatch(english(verdict).message, /vCPU/);
  });

  it('scopeOptions for a legacy subscription: both scopes allowed', () => {
    assert.deepEqual(scopeOptions(legacy).map((o) => [o.scope, o.verdict.ok]), [
      ['shared', true],
      ['single', true],
    ]);
  });
});

describe('R9_RESELLER: the partner of record for an indirect provider', () => {
  const provider = makeIndirectProvider();
  const own = makeReseller({ mpnId: '5550001', partnerId: BR_PROVIDER_ID });
  const foreign = makeReseller({ mpnId: '5559999', partnerId: 'p-someone-else', name: 'Revenda Norte' });
  const resellers = [own, foreign];

  it('refuses an indirect provider without a reseller, saying it cannot be changed later', () => {
    assertRefused(checkReseller(provider, null, resellers), 'R9_RESELLER', {
      mentions: ['reseller', 'partner of record'],
      fix: /cannot be changed after purchase/,
      partnerCenterCode: undefined,
    });
  });

  it("refuses another partner's reseller with 800016, naming the MPN ID", () => {
    assertRefused(checkReseller(provider, '5559999', resellers), 'R9_RESELLER', {
      mentions: ['MPN ID 5559999'],
      fix: /Pick one of your resellers/,
      partnerCenterCode: '800016',
    });
  });

  it('refuses an unknown MPN ID with 800016', () => {
    assertRefused(checkReseller(provider, '0000000', resellers), 'R9_RESELLER', {
      mentions: ['0000000'],
      partnerCenterCode: '800016',
    });
  });

  it('passes one of its own resellers, warning that the partner of record cannot be changed', () => {
    const verdict = checkReseller(provider, '5550001', resellers);
    assertPassed(verdict, 'R9_RESELLER');
    assert.ok(verdict.ok);
    assert.match(english(verdict).message, /cannot be changed after purchase/);
  });

  it('passes a direct partner without a reseller', () => {
    assertPassed(checkReseller(makePartner(), null, resellers), 'R9_RESELLER');
  });

  it('refuses a direct partner that names a reseller', () => {
    assertRefused(checkReseller(makePartner(), '5550001', resellers), 'R9_RESELLER', {
      mentions: ['indirect provider'],
      fix: /Leave the reseller empty/,
      partnerCenterCode: '800016',
    });
  });
});

describe('R10_BILLING_FREQUENCY: monthly only with a billing plan', () => {
  it('refuses monthly for an item billed one-time only with 10013, naming the item', () => {
    assertRefused(checkBillingCycle('monthly', ['one_time'], 'Azure Databricks pre-purchase'), 'R10_BILLING_FREQUENCY', {
      mentions: ['Azure Databricks pre-purchase', 'monthly'],
      fix: /one-time/,
      partnerCenterCode: '10013',
    });
  });

  it('passes monthly for an item with a billing plan', () => {
    assertPassed(checkBillingCycle('monthly', ['one_time', 'monthly'], 'Standard_D4s_v5'), 'R10_BILLING_FREQUENCY');
  });

  it('passes one-time for either kind of item', () => {
    assertPassed(checkBillingCycle('one_time', ['one_time'], 'SUSE Linux'), 'R10_BILLING_FREQUENCY');
    assertPassed(checkBillingCycle('one_time', ['one_time', 'monthly'], 'Standard_D4s_v5'), 'R10_BILLING_FREQUENCY');
  });
});

describe('R11_PRICE_NOTES: taxes and software costs (informational)', () => {
  it('a partner outside Brazil: prices exclude taxes; software costs are not included', () => {
    const verdict = priceNotes(makePartner({ country: 'NL' }));
    assertPassed(verdict, 'R11_PRICE_NOTES');
    assert.ok(verdict.ok);
    const message = english(verdict).message;
    assert.match(message, /Prices exclude taxes\./);
    assert.doesNotMatch(message, /include taxes/);
    assert.match(message, /Software costs \(Windows, SQL Server licences, SUSE and others\) are not included in reservation prices/);
  });

  it('a partner in Brazil: prices include taxes; software costs are still not included', () => {
    const verdict = priceNotes(makeIndirectProvider({ country: 'BR' }));
    assertPassed(verdict, 'R11_PRICE_NOTES');
    assert.ok(verdict.ok);
    const message = english(verdict).message;
    assert.match(message, /Prices include taxes \(partner located in Brazil\)\./);
    assert.doesNotMatch(message, /exclude taxes/);
    assert.match(message, /Software costs .* are not included in reservation prices/);
  });

  it('only the partner location decides: a direct partner in Brazil also sees taxes included', () => {
    const verdict = priceNotes(makePartner({ country: 'BR' }));
    assert.match(english(verdict).message, /include taxes/);
  });
});

describe('R12_QUANTITY: a whole number within the SKU range', () => {
  const range = { minimumQuantity: 1, maximumQuantity: 1000 };
  const label = (raw: unknown) =>
    typeof raw === 'string' || (typeof raw === 'object' && raw !== null) ? JSON.stringify(raw) : String(raw);

  const refused: [unknown, string][] = [
    ['0', 'outside the allowed range'],
    ['-1', 'outside the allowed range'],
    ['1001', 'outside the allowed range'],
    ['1000000000000', 'outside the allowed range'],
    ['2.5', 'not a valid quantity'],
    ['abc', 'not a valid quantity'],
    ['', 'not a valid quantity'],
    ['   ', 'not a valid quantity'],
    ['1e3', 'not a valid quantity'],
    ['12abc', 'not a valid quantity'],
    [0, 'outside the allowed range'],
    [2.5, 'not a valid quantity'],
    [Number.NaN, 'not a valid quantity'],
    [Number.POSITIVE_INFINITY, 'not a valid quantity'],
    [null, 'not a valid quantity'],
    [undefined, 'not a valid quantity'],
    [{ quantity: 3 }, 'not a valid quantity'],
  ];
  for (const [raw, why] of refused) {
    it(`refuses ${label(raw)} (${why}) with 800017 and the range`, () => {
      const verdict = checkQuantity(raw, range);
      assertRefused(verdict, 'R12_QUANTITY', {
        // The range as en-US writes numbers (the agent's own locale words it again: src/i18n).
        mentions: [why],
        fix: /^Enter a whole number from 1 to 1,000\.$/,
        partnerCenterCode: '800017',
      });
      assert.equal(verdict.quantity, undefined);
    });
  }

  it('names the number it refused for being out of range', () => {
    assert.match(english(checkQuantity('1000000000000', range)).message, /^1000000000000 is outside/);
    assert.match(english(checkQuantity('-1', range)).message, /^-1 is outside/);
  });

  const accepted: [unknown, number][] = [
    ['1', 1],
    ['7', 7],
    [' 7 ', 7],
    ['1000', 1000],
    ['+5', 5],
    [1, 1],
    [1000, 1000],
    [42, 42],
  ];
  for (const [raw, quantity] of accepted) {
    it(`accepts ${label(raw)} as ${quantity}`, () => {
      const verdict = checkQuantity(raw, range);
      assertPassed(verdict, 'R12_QUANTITY');
      assert.equal(verdict.quantity, quantity);
    });
  }

  it("uses the SKU's own range", () => {
    const narrow = { minimumQuantity: 5, maximumQuantity: 10 };
    assertRefused(checkQuantity('4', narrow), 'R12_QUANTITY', { fix: /5 to 10/, partnerCenterCode: '800017' });
    assert.equal(checkQuantity('5', narrow).quantity, 5);
    assert.equal(checkQuantity('10', narrow).quantity, 10);
    assertRefused(checkQuantity('11', narrow), 'R12_QUANTITY', { fix: /5 to 10/, partnerCenterCode: '800017' });
  });

  it('says the range once: in the fix, not in the message too', () => {
    assert.deepEqual(english(checkQuantity('1001', range)), { message: '1001 is outside the allowed range.', fix: 'Enter a whole number from 1 to 1,000.' });
  });

  it('across the cart: adding an item the cart holds stays within its maximum, counting the line', () => {
    assertPassed(checkQuantityWithCart(400, 600, range, 'Standard_D2s_v5'), 'R12_QUANTITY');
    const refused = assertRefused(checkQuantityWithCart(1000, 1000, range, 'Standard_D2s_v5'), 'R12_QUANTITY', { partnerCenterCode: '800017' });
    assert.deepEqual(english(refused), {
      message: 'The cart already holds 1,000 × Standard_D2s_v5, and one order takes at most 1,000 of it.',
      fix: 'Change the quantity on the review instead.',
    });
    assert.deepEqual(english(checkQuantityWithCart(401, 600, range, 'Standard_D2s_v5')), {
      message: 'The cart already holds 600 × Standard_D2s_v5, and one order takes at most 1,000 of it.',
      fix: 'Add at most 400 more, or change the quantity on the review.',
    });
  });

  it('does not echo more than 40 characters of what was typed', () => {
    const verdict = checkQuantity('x'.repeat(500), range);
    assert.equal(verdict.ok, false);
    assert.ok(!english(verdict).message.includes('x'.repeat(41)));
  });
});

describe('R13_TERM: 1 or 3 years; 5 years only for HBv2', () => {
  for (const term of ['P1Y', 'P3Y'] as const) {
    it(`passes ${term} with the note that it is fixed after purchase`, () => {
      const verdict = checkTerm(term, 'Dsv5');
      assertPassed(verdict, 'R13_TERM');
      assert.match(english(verdict).message, /cannot be changed after purchase, except by an exchange/);
    });
  }

  it('passes P5Y for HBv2', () => {
    assertPassed(checkTerm('P5Y', 'HBv2'), 'R13_TERM');
  });

  for (const family of ['Dsv5', 'HBv3', 'HB']) {
    it(`refuses P5Y for ${family}, naming HBv2 and offering 1 or 3 years`, () => {
      assertRefused(checkTerm('P5Y', family), 'R13_TERM', {
        mentions: ['5-year', 'HBv2'],
        fix: /1-year or 3-year/,
        partnerCenterCode: undefined,
      });
    });
  }
});

describe('R14_TRANSFER: reservations do not move (informational)', () => {
  it('says reservations do not move on a transfer from Direct/EA to CSP or between partners', () => {
    const verdict = transferNote();
    assertPassed(verdict, 'R14_TRANSFER');
    const message = english(verdict).message;
    assert.match(message, /Reservations do not move/);
    assert.match(message, /transferred from Direct\/EA to CSP/);
    assert.match(message, /between partners/);
  });
});

describe('R15_ORDER_LISTING: never resubmit a submitted cart', () => {
  it('passes an active cart, saying orders can take up to 15 minutes to be listed', () => {
    const verdict = checkNotResubmitted('active');
    assertPassed(verdict, 'R15_ORDER_LISTING');
    const message = english(verdict).message;
    assert.match(message, /up to 15 minutes/);
    assert.match(message, /do not buy again/);
  });

  it('refuses a submitted cart with 800065, pointing to the order history', () => {
    assertRefused(checkNotResubmitted('submitted'), 'R15_ORDER_LISTING', {
      mentions: ['already been submitted'],
      fix: /order history.*15 minutes/,
      partnerCenterCode: '800065',
    });
  });
});

describe('reviewNotes: the notes on the review card', () => {
  const common = [
    'Region, size, quantity and term cannot be changed after purchase, except by an exchange.',
    'Billing frequency cannot be changed after purchase.',
    english(transferNote()).message,
    english(checkNotResubmitted('active')).message,
  ];

  const sharedNote = english(checkScope(azurePlan, 'shared')).message;
  const azurePlanNote =
    'Under the Azure plan the scope is Shared when you buy; the customer can narrow it later in the Azure portal.';

  it('a direct partner in the Netherlands, shared scope: taxes excluded, what shared means, no reseller note, no quota warning', () => {
    const notes = reviewNotes(makePartner({ country: 'NL' }), azurePlan, 'shared');
    assert.deepEqual(notes, [english(priceNotes(makePartner())).message, sharedNote, azurePlanNote, ...common]);
    assert.match(sharedNote, /any subscription in the customer's billing context/);
    assert.match(notes[0]!, /Prices exclude taxes/);
    assert.ok(!notes.some((n) => /reseller|partner of record/.test(n)));
    assert.ok(!notes.some((n) => /vCPU/.test(n)));
  });

  it('the indirect provider in Brazil: taxes included and the partner of record cannot be changed', () => {
    const notes = reviewNotes(makeIndirectProvider(), azurePlan, 'shared');
    assert.match(notes[0]!, /Prices include taxes \(partner located in Brazil\)/);
    assert.equal(notes[1], 'The reseller (partner of record) cannot be changed after purchase (only by cancelling and buying again).');
    assert.deepEqual(notes.slice(2), [sharedNote, azurePlanNote, ...common]);
  });

  it('single scope on a legacy subscription adds the vCPU quota warning naming the subscription', () => {
    const notes = reviewNotes(makePartner(), legacy, 'single');
    const warning = english(checkScope(legacy, 'single')).message;
    assert.deepEqual(notes, [english(priceNotes(makePartner())).message, warning, ...common]);
    assert.ok(notes.some((n) => n.includes('"Fabrikam Productie"') && n.includes('vCPU quota')));
  });

  it('shared scope on the same legacy subscription explains shared, without quota warning or Azure plan note', () => {
    const notes = reviewNotes(makePartner(), legacy, 'shared');
    assert.deepEqual(notes, [english(priceNotes(makePartner())).message, sharedNote, ...common]);
    assert.ok(!notes.some((n) => /vCPU/.test(n)));
  });

  it('every note is a non-empty string and none repeats', () => {
    for (const notes of [
      reviewNotes(makePartner(), azurePlan, 'shared'),
      reviewNotes(makeIndirectProvider(), legacy, 'single'),
    ]) {
      assert.ok(notes.every((n) => typeof n === 'string' && n.length > 0));
      assert.equal(new Set(notes).size, notes.length);
    }
  });
});
