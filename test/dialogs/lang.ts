// The language a conversation table runs in: the catalogue its expected texts come from (src/i18n), what
// the agent types in it, and helpers that build exact expectations from the catalogue's own words.
import { formatInteger, formatMinor } from '../../cards/format';
import { sayIn, type Say } from '../../dialogs/messages';
import { enUS, nlNL, ruleText, wordRuleText, type Catalogue, type RuleText, type RuleTextKey, type RuleTextParams } from '../../src/i18n';
import type { RuleCode, TermDuration } from '../../src/domain/types';

/** The English display names of the regions the tables use (the catalog's own; Dutch comes from the catalogue). */
const regionDisplayNames: Record<string, string> = {
  westeurope: 'West Europe',
  northeurope: 'North Europe',
  brazilsouth: 'Brazil South',
  germanywestcentral: 'Germany West Central',
};

export interface Lang {
  locale: 'en-US' | 'nl-NL';
  t: Catalogue;
  /** What the dialogs say in this language (dialogs/messages.ts). */
  say: Say;
  /** What the agent types: the English words in an en-US run, the Dutch ones in an nl-NL run. */
  type(en: string, nl: string): string;
  money(minor: number, currency: string): string;
  int(n: number): string;
  region(armName: string): string;
  term(term: TermDuration): string;
  /** A refusal exactly as the dialogs word it in this language. */
  refusal<K extends RuleTextKey>(code: RuleCode, key: K, params: RuleTextParams[K], partnerCenterCode?: string): string;
  /** A rule text's message (and fix), as one sentence. */
  sentence(text: RuleText): string;
}

function lang(t: Catalogue): Lang {
  const locale = t.locale as Lang['locale'];
  return {
    locale,
    t,
    say: sayIn(t),
    type: (en, nl) => (locale === 'nl-NL' ? nl : en),
    money: (minor, currency) => formatMinor(minor, currency, locale),
    int: (n) => formatInteger(n, locale),
    region: (armName) => t.names.region(armName, regionDisplayNames[armName] ?? armName),
    term: (term) => t.names.terms[term],
    refusal: (code, key, params, partnerCenterCode) => {
      const { message, fix } = wordRuleText(t.rules, { key, params } as RuleText);
      return t.say.refusal(message, fix, code, partnerCenterCode);
    },
    sentence: (text) => {
      const { message, fix } = wordRuleText(t.rules, text);
      return fix ? `${message} ${fix}` : message;
    },
  };
}

export const english = lang(enUS);
export const dutch = lang(nlNL);
/** Every conversation table runs once per language. */
export const languages: readonly Lang[] = [english, dutch];

export { ruleText };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Exactly these texts, one after another on consecutive lines of what the turn showed. */
export const lines = (...texts: string[]): RegExp => new RegExp(texts.map(escape).join('\n'));

/** This text somewhere in what the turn showed. */
export const shows = (text: string): RegExp => new RegExp(escape(text));

/** This text as a whole line of what the turn showed. */
export const line = (text: string): RegExp => new RegExp(`^${escape(text)}$`, 'm');

/** This text at the very start of what the turn showed. */
export const starts = (text: string): RegExp => new RegExp(`^${escape(text)}`);

/** None of these texts in what the turn showed (for `not`). */
export const anyOf = (...texts: string[]): RegExp => new RegExp(texts.map(escape).join('|'));

/** A pattern of literal texts (escaped) and patterns (as they are), one after another. */
export const re = (...parts: (string | RegExp)[]): RegExp =>
  new RegExp(parts.map((p) => (typeof p === 'string' ? escape(p) : p.source)).join(''), 'm');
