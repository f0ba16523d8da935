// The message catalogues (src/i18n): which one a locale gets, that nl-NL says everything en-US says (and
// says it in Dutch, with the glossary's terms), region and market names in both languages, and typed
// answers understood in both languages whatever the locale.
import assert from 'node:assert/strict';
import catalogReference from '../../src/data/catalog-reference.json';
import regionNames from '../../src/data/region-names.json';
import marketData from '../../src/data/unavailable-markets.json';
import { allWords, catalogueFor, enUS, nlNL, ruleText, wordRuleText, type Catalogue, type RuleText, type RuleTextKey, type RuleTextParams } from '../../src/i18n';
import { commandWords, isCommand } from '../../dialogs/turn';
import { parseCatalogQuery } from '../../src/purchase/catalogQuery';
import { checkMarket, checkRole } from '../../src/rules/eligibility';
import { roles } from '../../src/domain/types';

/** A sample of every rule text's parameters: typed, so a new key without a sample does not compile. */
const reason = ruleText('quantityInvalid', { shown: 'x', min: 1, max: 1000 });
const failures = [{ call: 'checkout' as const, kind: 'serverError' as const, code: '500', status: 500 }];
const samples: { [K in RuleTextKey]: RuleTextParams[K] } = {
  notCsp: { partner: 'Northwind' },
  roleMayNotBuy: { role: 'BillingAdmin' },
  noSubscriptionAccess: { role: 'SalesAgent', subscription: 'Dev' },
  marketUnavailable: { country: 'AS', customer: 'Pago Resort' },
  noActiveSubscriptionAddPlan: { customer: 'C', inactive: [] },
  noActiveSubscriptionReactivate: { customer: 'C', inactive: [{ name: 'Prod', status: 'suspended' }] },
  subscriptionNotActive: { subscription: 'Prod', status: 'deleted' },
  noSubscriptionChosen: {},
  agreementNotConfirmed: { customer: 'C' },
  legacySubscriptionUnderMca: { customer: 'C', subscription: 'Legacy' },
  cannotAddAzurePlan: { customer: 'C' },
  segmentNotQualified: { customer: 'C', segment: 'nonprofit', qualified: ['commercial', 'education'] },
  notYourCustomer: {},
  notCustomersSubscription: { customer: 'C' },
  notYourCart: {},
  approvalNeeded: {},
  approverRole: { role: 'SalesAgent' },
  approverIsBuyer: {},
  notYourApproval: {},
  noApprover: {},
  approvalLimitRole: { role: 'HelpdeskAgent' },
  approvalClosed: { state: 'rejected' },
  approvalExpired: {},
  approvalAlreadyWaiting: {},
  itemNotInCatalog: {},
  itemNotPurchasable: { item: 'D2s' },
  itemNotSoldHere: { item: 'D2s' },
  inventoryQuota: { item: 'D2s', reasons: 'No quota.' },
  inventoryRestricted: { item: 'D2s', reasons: 'No capacity.' },
  azurePlanSharedScope: {},
  singleScopeWarning: { subscription: 'Prod' },
  sharedScopeNote: {},
  azurePlanScopeNote: {},
  resellerOnlyIndirect: {},
  resellerNotConfirmed: { name: 'Tailspin', mpnId: '5520101' },
  resellerRequired: {},
  resellerUnknown: { mpnId: '123' },
  resellerFixedWarning: {},
  resellerFixedNote: {},
  noMonthlyBilling: { item: 'SUSE' },
  billingFixedNote: {},
  pricesExcludeTaxes: {},
  pricesIncludeTaxes: {},
  quantityInvalid: { shown: 'abc', min: 1, max: 1000 },
  quantityOutOfRange: { quantity: 0, min: 1, max: 1000 },
  quantityOverCartMaximum: { item: 'D2s', inCart: 600, max: 1000 },
  cartEmpty: {},
  termFixedNote: {},
  fiveYearsOnlyHbv2: {},
  transferNote: {},
  orderListingNote: {},
  cartAlreadySubmitted: {},
  noPaygPrice: {},
  lineWithdrawn: { line: 2, reason },
  lineRefused: { line: 2, item: 'D2s', reason },
  pcRoleNoRights: {},
  pcOfferNotInCountry: {},
  pcSubscriptionNotActive: {},
  pcSubscriptionNotRegistered: {},
  pcSubscriptionNotEnabled: {},
  pcAgreementNotConfirmed: {},
  pcResellerInvalid: {},
  pcNoBillingPlan: {},
  pcQuantityNotAvailable: {},
  pcInventoryNotAvailable: {},
  pcOrderInProgress: {},
  pcCartBeingProcessed: {},
  pcCartSubmitted: {},
  pcInvalidInput: {},
  pcCartLineErrors: {},
  pcQuotaNotAvailable: {},
  pcCreditLimit: {},
  pcUnknown: { code: '999', description: 'Something.' },
  checkoutNotBought: { failures, attempts: 4, code: '500' },
  checkoutUnknown: { failures, attempts: 2, code: 'timeout' },
};
const sampleTexts = (Object.keys(samples) as RuleTextKey[]).map((key) => ({ key, params: samples[key] }) as RuleText);

/** Every string a catalogue holds, and every sentence its functions say for some sample arguments. */
function allStrings(c: Catalogue): string[] {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'function' && v.length === 0) visit((v as () => unknown)());
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit({ ...c, rules: undefined });
  for (const text of sampleTexts) visit(wordRuleText(c.rules, text));
  return out;
}

/** The shape of a value: nested keys, with "function/<arity>", "string" or "array" at the leaves. */
function shape(v: unknown, at = ''): string[] {
  if (typeof v === 'function') return [`${at}: function/${v.length}`];
  if (Array.isArray(v)) return [`${at}: array`];
  if (v && typeof v === 'object') return Object.keys(v).sort().flatMap((k) => shape((v as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
  return [`${at}: ${typeof v}`];
}

describe('i18n: the message catalogues', () => {
  it('picks nl-NL for Dutch locales and en-US for everything else', () => {
    for (const locale of ['nl', 'nl-NL', 'nl-BE', 'NL-nl', 'nl_NL']) assert.equal(catalogueFor(locale), nlNL, `${locale} is Dutch`);
    for (const locale of ['en-US', 'en-GB', 'de-DE', 'fr', '', undefined, null, 'not a locale!']) assert.equal(catalogueFor(locale), enUS, `${String(locale)} falls back to English`);
  });

  it('nl-NL has every entry of en-US, with the same parameters (the types already require it)', () => {
    const missing = shape(enUS).filter((s) => !shape(nlNL).includes(s));
    const extra = shape(nlNL).filter((s) => !shape(enUS).includes(s));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, 'the two catalogues have the same entries');
  });

  it('every rule text is worded in both languages, with a fix in both or in neither, and translated', () => {
    for (const text of sampleTexts) {
      const en = wordRuleText(enUS.rules, text);
      const nl = wordRuleText(nlNL.rules, text);
      assert.ok(en.message.length > 0 && nl.message.length > 0, `${text.key} has a message in both languages`);
      assert.equal(nl.fix === undefined, en.fix === undefined, `${text.key}: a fix in both languages or in neither`);
      assert.notEqual(nl.message, en.message, `${text.key}: the Dutch message is not the English one`);
      if (en.fix) assert.notEqual(nl.fix, en.fix, `${text.key}: the Dutch fix is not the English one`);
    }
  });

  it('the Dutch dialog texts and card labels are not left in English', () => {
    // Texts that are the same in both languages: punctuation, product names, "Filters", "Status".
    const same = new Set(['listSeparator', 'orderLineSeparator', 'filters', 'activeFilters', 'status']);
    const untranslated: string[] = [];
    for (const section of ['say', 'cards'] as const) {
      for (const [key, value] of Object.entries(enUS[section])) {
        const nl = (nlNL[section] as Record<string, unknown>)[key];
        const words = (v: unknown) => (typeof v === 'function' && v.length === 0 ? (v as () => unknown)() : v);
        if (typeof words(value) === 'string' && words(value) === words(nl) && !same.has(key)) untranslated.push(`${section}.${key}`);
      }
    }
    assert.deepEqual(untranslated, [], 'every Dutch text without parameters differs from the English one');
  });

  it('nl-NL uses the glossary, not the seed article\'s machine translation', () => {
    const nl = allStrings(nlNL).join('\n');
    for (const wrong of ['reserve ring', 'micro soft', 'belang rijke', 'bestel nummer', 'winkel wagen', 'facturerings abonnement', 'facturerings context', 'partner van record', 'één tijd', 'Juiste rollen', 'Beheer agent', 'Verkoop agent', 'Helpdesk medewerker', 'order geschiedenis', 'niet-beschik bare', 'Niet beschikbare markten']) {
      assert.ok(!nl.includes(wrong), `the Dutch catalogue never says "${wrong}"`);
    }
    assert.deepEqual(nlNL.names.roles, {
      AdminAgent: 'Beheeragent',
      GlobalAdmin: 'Globale beheerder',
      HelpdeskAgent: 'Helpdeskmedewerker',
      SalesAgent: 'Verkoopagent',
      UserManagementAdmin: 'Beheerder gebruikersbeheer',
      BillingAdmin: 'Factureringsbeheerder',
    }, 'role names as in the glossary');
    assert.deepEqual(nlNL.names.segments, { commercial: 'Commercieel', education: 'Onderwijs', government: 'Overheid', nonprofit: 'Non-profit' }, 'segment names');
    assert.deepEqual(nlNL.names.terms, { P1Y: '1 jaar', P3Y: '3 jaar', P5Y: '5 jaar' }, 'terms');
    assert.deepEqual(nlNL.names.billingCycles, { one_time: 'Eenmalig', monthly: 'Maandelijks' }, 'billing frequencies');
    assert.deepEqual(nlNL.names.scopes, { single: 'Eén abonnement', shared: 'Gedeeld' }, 'scopes');
    // "Azure-abonnement" is a subscription; the Azure plan is the "Azure-plan" (the seed's MT confuses them).
    assert.match(nlNL.say.subscriptionSubtitle({ kind: 'azurePlan', id: 'x', offerId: '' } as never), /^Azure-plan$/, 'an Azure plan is an Azure-plan');
    assert.match(nlNL.say.subscriptionSubtitle({ kind: 'legacyAzure', id: 'x', offerId: 'MS-AZR-0145P' } as never), /^Azure-abonnement \(MS-AZR-0145P\)$/, 'a subscription is an Azure-abonnement');
    assert.ok(!/Azure-abonnement/.test(nlNL.say.offerAzurePlan('C') + nlNL.say.yes()), 'offering an Azure plan says Azure-plan');
    for (const term of ['Azure-reserveringen', 'Microsoft-klantovereenkomst', 'wederverkoper', 'Partner of Record', 'optie voor een betalingsplan', 'Ordernummer', 'Ordergeschiedenis', 'Toevoegen aan winkelwagen', 'Uw bestelling controleren', 'Kopen', 'Gereed', 'vCPU-quotum', 'ondersteuningsaanvraag', 'factureringscontext', 'reserveringskorting', 'belastingen (btw)']) {
      assert.ok(nl.toLowerCase().includes(term.toLowerCase()), `the Dutch catalogue uses the glossary's "${term}"`);
    }
  });

  it('names every region of the catalog in Dutch: West-Europa, Noord-Europa, ...', () => {
    const nl = regionNames.nl as Record<string, string>;
    for (const r of catalogReference.regions) {
      assert.ok(nl[r.armName], `${r.armName} (${r.displayName}) has a Dutch name`);
      assert.equal(enUS.names.region(r.armName, r.displayName), r.displayName, `${r.armName}: English keeps the catalog's display name`);
      assert.equal(nlNL.names.region(r.armName, r.displayName), nl[r.armName], `${r.armName}: Dutch uses region-names.json`);
    }
    assert.equal(nlNL.names.region('westeurope', 'West Europe'), 'West-Europa', 'West Europe in Dutch');
    assert.equal(nlNL.names.region('northeurope', 'North Europe'), 'Noord-Europa', 'North Europe in Dutch');
    assert.equal(nlNL.names.region('unknownregion', 'Unknown Region'), 'Unknown Region', 'a region without a Dutch name keeps its display name');
  });

  it('names unavailable markets from the data, in both languages (R4)', () => {
    const samoa = marketData.markets.find((m) => m.code === 'AS')!;
    assert.notEqual(samoa.en, samoa.nl, 'American Samoa has its own Dutch name');
    const refusal = checkMarket({ companyName: 'Pago Resort', country: 'AS' } as never);
    assert.ok(!refusal.ok && refusal.text, 'the R4 refusal carries its rule text');
    assert.ok(wordRuleText(enUS.rules, refusal.text!).message.includes(samoa.en), 'English names the market in English');
    assert.ok(wordRuleText(nlNL.rules, refusal.text!).message.includes(samoa.nl), 'Dutch names the market in Dutch');
    assert.equal(nlNL.names.market('SJ'), 'Jan Mayen, Spitsbergen', 'Svalbard is Spitsbergen, never "Jan" (the seed\'s MT error)');
  });

  it('words a verdict\'s rule text in English (the audit trail) and in the agent\'s language', () => {
    for (const role of roles.filter((r) => r === 'BillingAdmin')) {
      const refusal = checkRole({ role } as never);
      assert.ok(!refusal.ok, 'a Billing admin is refused');
      assert.deepEqual(refusal.text, ruleText('roleMayNotBuy', { role }), 'the refusal says roleMayNotBuy for the role');
      assert.match(wordRuleText(enUS.rules, refusal.text).message, /^Your role \(Billing admin\) may not buy Azure reservations\.$/, 'the audit trail reads it in English');
      assert.match(wordRuleText(nlNL.rules, refusal.text!).message, /^Uw rol \(Factureringsbeheerder\) mag geen Azure-reserveringen kopen\.$/, 'the agent reads it in Dutch');
    }
  });

  it('understands typed answers in both languages whatever the locale', () => {
    for (const word of ['kopen', 'buy']) assert.ok(allWords('buy').includes(word), `"${word}" starts a purchase`);
    for (const [command, words] of [['cancel', ['cancel', 'annuleren', 'Annuleren.', 'stop']], ['back', ['back', 'terug']], ['help', ['help', 'hulp', '?']]] as const) {
      for (const text of words) assert.ok(isCommand({ text }, command), `"${text}" means ${command}`);
    }
    assert.deepEqual([...commandWords.cancel].sort(), [...new Set([...enUS.words.cancel, ...nlNL.words.cancel])].sort(), 'cancel words come from both catalogues');
    for (const word of ['klaar', 'controleren', 'review', 'done']) assert.ok(allWords('review').includes(word), `"${word}" goes to the review`);
    const vocabulary = { regions: [{ armName: 'westeurope', displayName: 'West Europe' }], families: [], skuNames: ['Standard_D2s_v5'] };
    for (const typed of ['D2s_v5 West-Europa 3 jaar', 'D2s_v5 west europe 3 years', 'd2s v5 westeuropa 3 jaren', 'D2s_v5 West Europe 3 jaar']) {
      assert.deepEqual(parseCatalogQuery(typed, vocabulary), { armSkuName: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' }, `"${typed}"`);
    }
  });
});
