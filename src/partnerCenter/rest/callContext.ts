// What a Partner Center call needs to know about the turn it serves, without threading it through every
// PurchaseService method: the agent's locale (sent as X-Locale). The bot sets it around each turn.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface PartnerCenterCallContext {
  /** The agent's locale, e.g. "nl-NL" (the activity's locale). */
  locale?: string;
}

const storage = new AsyncLocalStorage<PartnerCenterCallContext>();

export function withPartnerCenterContext<T>(context: PartnerCenterCallContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentPartnerCenterContext(): PartnerCenterCallContext {
  return storage.getStore() ?? {};
}

/** A locale Partner Center accepts in X-Locale ("nl-NL"), or undefined for anything else. */
export function normaliseLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  const m = /^([a-z]{2,3})(?:[-_]([a-z]{2}|\d{3}))?$/i.exec(locale.trim());
  if (!m) return undefined;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].toUpperCase()}` : m[1].toLowerCase();
}
