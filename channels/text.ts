// What the local channels show a person (the Web Chat page, the terminal chat, the Teams app package).
// The words live in the message catalogues (src/i18n/en-US.ts, nl-NL.ts, section `channels`); these
// exports are the English ones, and channelTexts(locale) gives a locale's.
import { catalogueFor, enUS, type Catalogue } from '../src/i18n';

export type ChannelTexts = Catalogue['channels'];

/** The channels' texts in a locale (English when it has no catalogue). */
export const channelTexts = (locale?: string | null): ChannelTexts => catalogueFor(locale).channels;

/**
 * The language of the terminal the chat runs in, as a BCP 47 locale: LC_ALL, LC_MESSAGES or LANG
 * ("nl_NL.UTF-8" → "nl-NL"); en-US when none names a language ("C", "POSIX", unset).
 */
export function systemLocale(env: NodeJS.ProcessEnv = process.env): string {
  const raw = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  const m = /^([a-z]{2,3})(?:[_-]([a-z]{2}))?(?:[.@]|$)/i.exec(raw);
  if (!m) return 'en-US';
  return m[2] ? `${m[1]!.toLowerCase()}-${m[2].toUpperCase()}` : m[1]!.toLowerCase();
}

export const webChatPage = enUS.channels.webChatPage;
export const terminal = enUS.channels.terminal;
/** The Teams app package's texts (manifest.json). */
export const teamsApp = enUS.channels.teamsApp;
