// Small factories and assertions shared by the rules tests. Every factory validates its result with the
// domain's zod schema, so a test can never build an object the rest of the bot would reject.
import assert from 'node:assert/strict';
import {
  Agent,
  CatalogItem,
  Customer,
  Partner,
  Reseller,
  Subscription,
  azurePlanOfferId,
  legacyAzureOfferId,
  type RuleCode,
  type Verdict,
} from '../../../src/domain/types';
import type { Refusal } from '../../../src/rules/verdict';
import { enUS, verdictWording } from '../../../src/i18n';

export const NL_PARTNER_ID = 'p-contoso-nl';
export const BR_PROVIDER_ID = 'p-adatum-br';

/** A direct CSP partner located in the Netherlands. */
export function makePartner(overrides: Partial<Partner> = {}): Partner {
  return Partner.parse({
    id: NL_PARTNER_ID,
    name: 'Contoso Cloud BV',
    kind: 'direct',
    country: 'NL',
    isCsp: true,
    mpnId: '1234567',
    ...overrides,
  });
}

/** An indirect provider located in Brazil. */
export function makeIndirectProvider(overrides: Partial<Partner> = {}): Partner {
  return makePartner({
    id: BR_PROVIDER_ID,
    name: 'Adatum Distribuidora Ltda',
    kind: 'indirectProvider',
    country: 'BR',
    mpnId: '7654321',
    ...overrides,
  });
}

export function makeReseller(overrides: Partial<Reseller> = {}): Reseller {
  return Reseller.parse({ mpnId: '5550001', partnerId: BR_PROVIDER_ID, name: 'Revenda Sul', ...overrides });
}

export function makeAgent(overrides: Partial<Agent> = {}): Agent {
  return Agent.parse({
    id: 'a-anna',
    partnerId: NL_PARTNER_ID,
    displayName: 'Anna de Vries',
    email: 'anna@contoso.example',
    role: 'AdminAgent',
    ...overrides,
  });
}

export function makeCustomer(overrides: Partial<Customer> = {}): Customer {
  return Customer.parse({
    id: 'c-fabrikam',
    partnerId: NL_PARTNER_ID,
    companyName: 'Fabrikam Zorg BV',
    domain: 'fabrikamzorg.example',
    tenantId: '00000000-0000-0000-0000-00000000f4b1',
    country: 'NL',
    agreement: 'confirmed',
    qualifications: ['commercial'],
    resellerMpnId: null,
    ...overrides,
  });
}

/** An Azure plan subscription by default; `kind: 'legacyAzure'` gives the MS-AZR-0145P offer. */
export function makeSubscription(overrides: Partial<Subscription> = {}): Subscription {
  const kind = overrides.kind ?? 'azurePlan';
  return Subscription.parse({
    id: `s-${kind}-${overrides.status ?? 'active'}`,
    customerId: 'c-fabrikam',
    offerId: kind === 'azurePlan' ? azurePlanOfferId : legacyAzureOfferId,
    kind,
    friendlyName: kind === 'azurePlan' ? 'Azure plan Fabrikam' : 'Fabrikam Productie',
    status: 'active',
    billingType: kind === 'azurePlan' ? 'usage' : 'license',
    registrationStatus: 'registered',
    ...overrides,
  });
}

/** Reserved VM Instance Standard_D2s_v5 in West Europe, 3 years, sold commercially in the Netherlands. */
export function makeCatalogItem(availability: Partial<CatalogItem['availability']> = {}, reservationType = 'VirtualMachines'): CatalogItem {
  const [productId, skuId, availabilityId] = ['DZH318Z0BQ4V', '00G1', 'DZH222X3XLWK'];
  return CatalogItem.parse({
    catalogItemId: `${productId}:${skuId}:${availabilityId}`,
    product: {
      id: productId,
      title: 'Reserved VM Instance, Dsv5 Series',
      description: 'Dsv5 series virtual machines',
      reservationType,
      productType: { id: 'Azure', subType: { id: 'Reservations' } },
    },
    sku: {
      id: skuId,
      productId,
      title: 'Reserved VM Instance, Standard_D2s_v5, West Europe, 3 Years',
      minimumQuantity: 1,
      maximumQuantity: 1000,
      supportedBillingCycles: ['one_time', 'monthly'],
      purchasePrerequisites: ['AzureSubscriptionRegistration', 'InventoryCheck'],
      dynamicAttributes: {
        armSkuName: 'Standard_D2s_v5',
        armRegionName: 'westeurope',
        region: 'West Europe',
        duration: '3Years',
        cores: 2,
        ram: 8,
        category: 'General purpose',
        family: 'Dsv5',
        skuDisplayName: 'Standard_D2s_v5',
      },
    },
    availability: {
      id: availabilityId,
      productId,
      skuId,
      catalogItemId: `${productId}:${skuId}:${availabilityId}`,
      country: 'NL',
      segment: 'commercial',
      defaultCurrency: { code: 'EUR', symbol: '€' },
      isPurchasable: true,
      terms: [{ duration: 'P3Y', description: '3 years' }],
      unitPriceMinor: 123456,
      ...availability,
    },
  });
}

/** What a verdict says in English: the en-US catalogue's words, which the audit trail keeps too. */
export function english(verdict: Verdict): { message: string; fix?: string } {
  return verdictWording(enUS, verdict);
}

export function assertPassed(verdict: Verdict, code: RuleCode): void {
  assert.equal(verdict.ok, true, `expected ${code} to pass, got: ${english(verdict).message}`);
  assert.equal(verdict.code, code);
}

export interface RefusalExpectation {
  /** Strings or patterns the message must contain: the customer, role, market, range... */
  mentions?: (string | RegExp)[];
  /** The fix must exist; a pattern also checks its content. `false`: the rule has no fix. */
  fix?: RegExp | true | false;
  /** The Partner Center error code, or undefined when the rule has none. */
  partnerCenterCode?: string;
}

export function assertRefused(verdict: Verdict, code: RuleCode, expected: RefusalExpectation = {}): Refusal {
  assert.equal(verdict.ok, false, `expected ${code} to refuse`);
  const refusal = verdict as Refusal;
  assert.equal(refusal.code, code);
  const { message, fix: fixText } = english(refusal);
  assert.ok(message.trim().length > 0, 'a refusal has a message');
  for (const m of expected.mentions ?? []) {
    if (typeof m === 'string') assert.ok(message.includes(m), `message ${JSON.stringify(message)} should name ${JSON.stringify(m)}`);
    else assert.match(message, m);
  }
  const fix = expected.fix ?? true;
  if (fix === false) {
    assert.equal(fixText, undefined);
  } else {
    assert.equal(typeof fixText, 'string', `${code} refusal should say how to fix it`);
    assert.ok(fixText!.trim().length > 0);
    if (fix instanceof RegExp) assert.match(fixText!, fix);
  }
  assert.equal(refusal.partnerCenterCode, expected.partnerCenterCode);
  return refusal;
}
