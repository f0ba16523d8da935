// The REST gateway assembled from its settings: transport (trusted CAs), Entra ID tokens (MSAL), the
// Partner Center client, the price sheet, and the journal in the bot's database.
import fs from 'node:fs';
import { MsalTokenProvider } from './auth';
import { PartnerCenterRestClient } from './client';
import { nodeTransport, type Transport } from './http';
import { Store } from '../../store/store';
import type { PostgresStore } from '../../store/postgres/store';
import { PostgresRestJournal, SqliteJournal, type RestJournal } from './journal';
import { PriceSheet } from './priceSheet';
import { RestPartnerCenter } from './restPartnerCenter';
import type { RestSettings } from './settings';

export { RestPartnerCenter } from './restPartnerCenter';
export { partnerCenterSettings, type PartnerCenterSettings, type RestSettings } from './settings';
export { withPartnerCenterContext } from './callContext';

export interface RestDependencies {
  /** In the bot's database (SqliteJournal, PostgresRestJournal): what a restart or another instance must find. */
  journal: RestJournal;
  log?: (line: string) => void;
  /** Replaces the HTTPS transport (tests). */
  transport?: Transport;
  sleep?: (ms: number) => Promise<void>;
  clock?: () => Date;
}

/** The journal in the bot's store: its SQLite file, or the PostgreSQL database its instances share. */
export function restJournalIn(store: Store | PostgresStore): RestJournal {
  return store instanceof Store ? new SqliteJournal(store.db) : new PostgresRestJournal(store.pool);
}

/** The Partner Center price sheets are served by the Partner API, which has its own token audience. */
export const priceSheetScope = 'https://api.partner.microsoft.com/.default';

export function createRestPartnerCenter(settings: RestSettings, deps: RestDependencies): RestPartnerCenter {
  const log = deps.log ?? console.log;
  const transport = deps.transport ?? nodeTransport({ ca: settings.caFile ? fs.readFileSync(settings.caFile) : undefined });
  const clockMs = deps.clock ? () => deps.clock!().getTime() : Date.now;
  const tokens = new MsalTokenProvider(settings, transport, clockMs);
  const clientOptions = {
    transport,
    defaultLocale: settings.locale,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    log,
    sleep: deps.sleep,
  };
  const client = new PartnerCenterRestClient({ ...clientOptions, baseUrl: settings.baseUrl, tokens });
  const priceHost = new URL(settings.priceSheetUrl).origin;
  const priceTokens =
    priceHost === new URL(settings.baseUrl).origin
      ? tokens
      : new MsalTokenProvider({ ...settings, scope: priceHost === 'https://api.partner.microsoft.com' ? priceSheetScope : settings.scope }, transport, clockMs);
  const priceClient = new PartnerCenterRestClient({ ...clientOptions, baseUrl: settings.priceSheetUrl, tokens: priceTokens });
  const ttlMs = settings.catalogTtlSeconds * 1000;
  return new RestPartnerCenter({
    partnerId: settings.partnerId,
    client,
    prices: new PriceSheet(priceClient, settings.priceSheetUrl, ttlMs, clockMs),
    journal: deps.journal,
    log,
    clock: deps.clock,
    sleep: deps.sleep,
    catalogTtlMs: ttlMs,
    checkoutTimeoutMs: settings.checkoutTimeoutMs,
    registrationWaitMs: settings.registrationWaitMs,
  });
}
