// The REST gateway pointed at the local test Partner Center, as the bot builds it from its settings
// (MSAL against the test server's token endpoint, the test CA trusted through PARTNER_CENTER_CA_FILE).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { createRestPartnerCenter, type RestDependencies } from '../../src/partnerCenter/rest';
import { SqliteJournal } from '../../src/partnerCenter/rest/journal';
import { openStoreDatabase } from '../../src/store/store';
import type { RestPartnerCenter } from '../../src/partnerCenter/rest/restPartnerCenter';
import { PartnerCenterError, type CheckoutRequest } from '../../src/partnerCenter/partnerCenter';
import type { CatalogItem } from '../../src/domain/types';
import { demoAgents, demoCustomers, demoSubscriptions } from '../../src/store/demoIds';
import { partnerCenterSettings, type RestSettings } from '../../src/partnerCenter/rest/settings';
import { tenantOf, testAppId, testAppSecret, testRefreshToken, type TestPartnerCenter } from './partnerCenterServer';

export const testCaFile = path.join(__dirname, 'fixtures', 'partner-center-test.crt');

/** The environment a partner would set, pointed at the test server. */
export function restEnv(pc: TestPartnerCenter, partnerId: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PARTNER_CENTER: 'rest',
    PARTNER_CENTER_TENANT_ID: tenantOf(partnerId),
    PARTNER_CENTER_APP_ID: testAppId,
    PARTNER_CENTER_APP_SECRET: testAppSecret,
    PARTNER_CENTER_REFRESH_TOKEN: testRefreshToken,
    PARTNER_CENTER_PARTNER_ID: partnerId,
    PARTNER_CENTER_BASE_URL: pc.baseUrl,
    PARTNER_CENTER_AUTHORITY_HOST: pc.url,
    PARTNER_CENTER_PRICE_SHEET_URL: pc.priceSheetUrl,
    PARTNER_CENTER_CA_FILE: testCaFile,
    PARTNER_CENTER_TIMEOUT_MS: '5000',
    PARTNER_CENTER_CHECKOUT_TIMEOUT_MS: '5000',
    PARTNER_CENTER_REGISTRATION_WAIT_MS: '5000',
    ...extra,
  };
}

export interface TestGateway {
  gateway: RestPartnerCenter;
  settings: RestSettings;
  /** Every line the gateway logged. */
  logs: string[];
  /** Every wait the gateway asked for (retries, registration polls); none is actually waited. */
  sleeps: number[];
}

export function restGateway(
  pc: TestPartnerCenter,
  partnerId: string,
  options: { env?: Record<string, string>; deps?: Partial<RestDependencies>; realSleep?: boolean } = {},
): TestGateway {
  const settings = partnerCenterSettings(restEnv(pc, partnerId, options.env));
  if (settings.mode !== 'rest') throw new Error('rest settings expected');
  const logs: string[] = [];
  const sleeps: number[] = [];
  const gateway = createRestPartnerCenter(settings, {
    // A database of its own unless the test gives one: what one bot (one store) would keep.
    journal: options.deps?.journal ?? new SqliteJournal(openStoreDatabase(':memory:')),
    log: (line) => logs.push(line),
    sleep: options.realSleep
      ? undefined
      : async (ms) => {
          sleeps.push(ms);
        },
    ...options.deps,
  });
  return { gateway, settings, logs, sleeps };
}

/** The PartnerCenterError a call is refused with (fails when it is answered or fails otherwise). */
export async function rejection(promise: Promise<unknown>): Promise<PartnerCenterError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof PartnerCenterError, `a PartnerCenterError, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a rejection');
}

/** The D2s v5 (or another size's) 3-year reservation in West Europe, from the gateway's catalog search. */
export async function d2(gateway: RestPartnerCenter, armSkuName = 'Standard_D2s_v5'): Promise<CatalogItem> {
  const { items } = await gateway.searchCatalog({
    country: 'NL',
    segment: 'commercial',
    reservationType: 'VirtualMachines',
    filter: { armSkuName, region: 'westeurope', term: 'P3Y' },
    offset: 0,
    limit: 10,
  });
  assert.equal(items.length, 1);
  return items[0]!;
}

/** A checkout of these items for Contoso Retail's production subscription, by Anna; the request id is the cart id. */
export function request(items: { item: CatalogItem; quantity: number; billingCycle?: 'one_time' | 'monthly' }[], cartId = randomUUID()): CheckoutRequest {
  return {
    customerId: demoCustomers.contosoRetail,
    cartId,
    requestId: cartId,
    agentId: demoAgents.anna,
    lineItems: items.map(({ item, quantity, billingCycle }, i) => ({
      id: i + 1,
      catalogItemId: item.catalogItemId,
      quantity,
      billingCycle: billingCycle ?? 'one_time',
      termDuration: item.availability.terms[0]!.duration,
      provisioningContext: { subscriptionId: demoSubscriptions.contosoRetailProduction, scope: 'shared', duration: '3Years' },
      participants: [],
    })),
  };
}
