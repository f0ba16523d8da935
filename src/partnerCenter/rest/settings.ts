// Which Partner Center the bot talks to, from the environment: the embedded one (PARTNER_CENTER=local, the
// default) or the REST API (PARTNER_CENTER=rest) with the app registration that signs in to it. With `rest`
// and a missing setting the bot must not start: the error names every missing variable.
// Signing in is App+User (the secure application model: the app's secret or certificate and a Partner
// Center user's refresh token). App-only is not enough: the reference pages name App+User as the only
// credentials for the calls below, and without the price sheet no reservation has a price to sell at.
import fs from 'node:fs';
import { z } from 'zod';

export const defaultBaseUrl = 'https://api.partnercenter.microsoft.com/v1';
export const defaultAuthorityHost = 'https://login.microsoftonline.com';
export const defaultScope = 'https://api.partnercenter.microsoft.com/.default';
/** The Partner API's price sheets (a different host from the Partner Center API). */
export const defaultPriceSheetUrl = 'https://api.partner.microsoft.com/v1.0/sales';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const Env = z.object({
  PARTNER_CENTER: z.enum(['local', 'rest']).default('local'),
  PARTNER_CENTER_TENANT_ID: optionalText,
  PARTNER_CENTER_APP_ID: optionalText,
  PARTNER_CENTER_APP_SECRET: optionalText,
  PARTNER_CENTER_CERTIFICATE_PATH: optionalText,
  PARTNER_CENTER_REFRESH_TOKEN: optionalText,
  PARTNER_CENTER_PARTNER_ID: optionalText,
  PARTNER_CENTER_BASE_URL: z.url({ protocol: /^https?$/ }).default(defaultBaseUrl),
  PARTNER_CENTER_AUTHORITY_HOST: z.url({ protocol: /^https$/ }).default(defaultAuthorityHost),
  PARTNER_CENTER_SCOPE: z.string().min(1).default(defaultScope),
  PARTNER_CENTER_PRICE_SHEET_URL: z.url({ protocol: /^https?$/ }).default(defaultPriceSheetUrl),
  PARTNER_CENTER_CA_FILE: optionalText,
  PARTNER_CENTER_LOCALE: z.string().min(2).default('en-US'),
  PARTNER_CENTER_TIMEOUT_MS: positiveInt(10_000),
  // Just under the 10 s PurchaseService gives one checkout call (src/purchase/checkoutRetry.ts): the gateway
  // gives up (and records the outcome as unknown) before the service does.
  PARTNER_CENTER_CHECKOUT_TIMEOUT_MS: positiveInt(9_000),
  PARTNER_CENTER_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  PARTNER_CENTER_CATALOG_TTL_SECONDS: positiveInt(3600),
  PARTNER_CENTER_REGISTRATION_WAIT_MS: z.coerce.number().int().min(0).default(10_000),
});

export interface RestSettings {
  mode: 'rest';
  tenantId: string;
  appId: string;
  appSecret?: string;
  /** A PEM file with the app's certificate and its private key (used instead of the secret). */
  certificatePath?: string;
  /** App+User: a refresh token of a Partner Center user (Admin or Sales agent) for the secure application model. */
  refreshToken: string;
  /** The id of the partner in the bot's directory whose Partner Center account this is. */
  partnerId: string;
  baseUrl: string;
  authorityHost: string;
  scope: string;
  priceSheetUrl: string;
  /** Extra certificate authorities to trust (PEM), e.g. a TLS-inspecting proxy. */
  caFile?: string;
  /** X-Locale when the agent's own locale is unknown. */
  locale: string;
  timeoutMs: number;
  checkoutTimeoutMs: number;
  maxRetries: number;
  catalogTtlSeconds: number;
  registrationWaitMs: number;
}

export type PartnerCenterSettings = { mode: 'local' } | RestSettings;

/** What needs App+User credentials, by the reference page that says so. */
export const appUserOnlyFeatures = [
  'the price sheet ("Get a price sheet", also the Admin or Sales agent role): every reservation price, so without it nothing can be bought',
  'the customer\'s Microsoft Customer Agreement acceptance ("Get confirmation of customer acceptance of Microsoft Customer Agreement", "Get direct sign status")',
  'the indirect resellers of an indirect provider ("Retrieve a list of indirect resellers")',
];

/** The variables `rest` needs, in the order the error names them. */
export function missingRestSettings(env: Record<string, string | undefined>): string[] {
  const has = (name: string) => (env[name] ?? '').trim() !== '';
  const missing: string[] = [];
  if (!has('PARTNER_CENTER_TENANT_ID')) missing.push('PARTNER_CENTER_TENANT_ID');
  if (!has('PARTNER_CENTER_APP_ID')) missing.push('PARTNER_CENTER_APP_ID');
  if (!has('PARTNER_CENTER_APP_SECRET') && !has('PARTNER_CENTER_CERTIFICATE_PATH')) {
    missing.push('PARTNER_CENTER_APP_SECRET or PARTNER_CENTER_CERTIFICATE_PATH');
  }
  if (!has('PARTNER_CENTER_REFRESH_TOKEN')) {
    missing.push(`PARTNER_CENTER_REFRESH_TOKEN (App+User sign-in, needed for ${appUserOnlyFeatures.join('; ')})`);
  }
  return missing;
}

/** Reads the Partner Center settings; throws an Error naming what is missing or wrong. */
export function partnerCenterSettings(env: Record<string, string | undefined>): PartnerCenterSettings {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid Partner Center configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  if (e.PARTNER_CENTER === 'local') return { mode: 'local' };
  const missing = missingRestSettings(env);
  if (missing.length) {
    throw new Error(`PARTNER_CENTER=rest needs these settings, which are missing: ${missing.join(', ')}.`);
  }
  for (const [name, file] of [['PARTNER_CENTER_CERTIFICATE_PATH', e.PARTNER_CENTER_CERTIFICATE_PATH], ['PARTNER_CENTER_CA_FILE', e.PARTNER_CENTER_CA_FILE]] as const) {
    if (file && !fs.existsSync(file)) throw new Error(`${name}: no file at ${file}.`);
  }
  const trim = (url: string) => url.replace(/\/+$/, '');
  return {
    mode: 'rest',
    tenantId: e.PARTNER_CENTER_TENANT_ID!,
    appId: e.PARTNER_CENTER_APP_ID!,
    appSecret: e.PARTNER_CENTER_APP_SECRET,
    certificatePath: e.PARTNER_CENTER_CERTIFICATE_PATH,
    refreshToken: e.PARTNER_CENTER_REFRESH_TOKEN!,
    partnerId: e.PARTNER_CENTER_PARTNER_ID ?? e.PARTNER_CENTER_TENANT_ID!,
    baseUrl: trim(e.PARTNER_CENTER_BASE_URL),
    authorityHost: trim(e.PARTNER_CENTER_AUTHORITY_HOST),
    scope: e.PARTNER_CENTER_SCOPE,
    priceSheetUrl: trim(e.PARTNER_CENTER_PRICE_SHEET_URL),
    caFile: e.PARTNER_CENTER_CA_FILE,
    locale: e.PARTNER_CENTER_LOCALE,
    timeoutMs: e.PARTNER_CENTER_TIMEOUT_MS,
    checkoutTimeoutMs: e.PARTNER_CENTER_CHECKOUT_TIMEOUT_MS,
    maxRetries: e.PARTNER_CENTER_MAX_RETRIES,
    catalogTtlSeconds: e.PARTNER_CENTER_CATALOG_TTL_SECONDS,
    registrationWaitMs: e.PARTNER_CENTER_REGISTRATION_WAIT_MS,
  };
}
