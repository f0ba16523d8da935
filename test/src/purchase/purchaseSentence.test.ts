// parsePurchaseSentence (src/purchase/purchaseSentence.ts): a purchase typed as one sentence, in English
// or Dutch whatever the locale. It reads what the sentence names and nothing more: eligibility is the
// purchase's to check (test/dialogs/purchaseSentence.test.ts).
import assert from 'node:assert/strict';
import { parsePurchaseSentence, type PurchaseSentence } from '../../../src/purchase/purchaseSentence';

const vm = 'VirtualMachines';

const table: [typed: string, read: PurchaseSentence | undefined][] = [
  // The whole sentence, in both languages.
  [
    'buy 3 D4s v5 west europe 3 years for Contoso',
    { customer: 'Contoso', item: { reservationType: vm, quantity: 3, armSkuName: 'Standard_D4s_v5', region: 'westeurope', term: 'P3Y' } },
  ],
  [
    'koop 3 D4s v5 West-Europa 3 jaar voor Contoso',
    { customer: 'Contoso', item: { reservationType: vm, quantity: 3, armSkuName: 'Standard_D4s_v5', region: 'westeurope', term: 'P3Y' } },
  ],
  // Words in another order, the ARM names, "3 x", "1 year" and a region whose name ends in a number.
  [
    'Buy Standard_D2s_v5 1 year eastus2 3 x for contoso retail',
    { customer: 'contoso retail', item: { reservationType: vm, quantity: 3, armSkuName: 'Standard_D2s_v5', region: 'eastus2', term: 'P1Y' } },
  ],
  ['kopen 2 d4sv5 noord-europa 1 jaar voor Café Noël', { customer: 'Café Noël', item: { reservationType: vm, quantity: 2, armSkuName: 'Standard_D4s_v5', region: 'northeurope', term: 'P1Y' } }],
  // Billing, in either language.
  [
    'buy 3 D4s v5 west europe 3 years monthly for Contoso',
    { customer: 'Contoso', item: { reservationType: vm, quantity: 3, armSkuName: 'Standard_D4s_v5', region: 'westeurope', term: 'P3Y', billingCycle: 'monthly' } },
  ],
  ['koop 2 D2s v5 eenmalig voor Contoso', { customer: 'Contoso', item: { reservationType: vm, quantity: 2, armSkuName: 'Standard_D2s_v5', billingCycle: 'one_time' } }],
  ['buy 2 D2s v5 one time', { item: { reservationType: vm, quantity: 2, armSkuName: 'Standard_D2s_v5', billingCycle: 'one_time' } }],
  // The customer is what follows the first "for" that is not "for 3 years".
  ['buy 2 Dsv5 for 3 years for Fourth Coffee', { customer: 'Fourth Coffee', item: { reservationType: vm, quantity: 2, family: 'Dsv5', term: 'P3Y' } }],
  ['koop 2 D2s v5 voor Stichting voor Zorg', { customer: 'Stichting voor Zorg', item: { reservationType: vm, quantity: 2, armSkuName: 'Standard_D2s_v5' } }],
  ['buy 2 D2s v5 for Society for Science for 1 year', { customer: 'Society for Science for 1 year', item: { reservationType: vm, quantity: 2, armSkuName: 'Standard_D2s_v5' } }],
  // A size without its version: every version catalog-reference lists.
  [
    'buy 3 D4s west europe 3 years for Contoso',
    { customer: 'Contoso', item: { reservationType: vm, quantity: 3, sizeChoices: ['Standard_D4s_v3', 'Standard_D4s_v4', 'Standard_D4s_v5'], region: 'westeurope', term: 'P3Y' } },
  ],
  // A version-less name of exactly one size is that size.
  ['buy NC4as_T4 for Contoso', { customer: 'Contoso', item: { reservationType: vm, armSkuName: 'Standard_NC4as_T4_v3' } }],
  // Missing parts are simply absent: the purchase asks for them.
  ['buy D4s v5 west europe for Contoso', { customer: 'Contoso', item: { reservationType: vm, armSkuName: 'Standard_D4s_v5', region: 'westeurope' } }],
  ['buy 3 west europe 3 years', { item: { quantity: 3, region: 'westeurope', term: 'P3Y' } }],
  // What was not understood is said, with what was.
  [
    'buy 3 D4s v5 westeurop 3 years for Contoso',
    { customer: 'Contoso', item: { reservationType: vm, quantity: 3, armSkuName: 'Standard_D4s_v5', term: 'P3Y' }, unread: 'westeurop' },
  ],
  // No item: the step-by-step purchase, as "buy for Contoso" always was.
  ['buy', {}],
  ['buy reservations', {}],
  ['buy for Contoso', { customer: 'Contoso' }],
  ['kopen voor De Oude Haven', { customer: 'De Oude Haven' }],
  // Not a purchase: another command, or nothing a purchase could use.
  ['orders', undefined],
  ['buyer 3 D4s v5', undefined],
  ['buy something', undefined],
];

describe('parsePurchaseSentence', () => {
  for (const [typed, read] of table) {
    it(`"${typed}"`, () => {
      assert.deepEqual(parsePurchaseSentence(typed), read);
    });
  }
});
