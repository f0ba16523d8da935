// One message catalogue per locale, chosen from the activity's `locale` (Teams and Web Chat send it,
// e.g. "nl-NL", "nl-BE", "en-US"), with English as the fallback. Free of botbuilder: src/ words its
// verdicts in English with it for the audit trail, cards/ and dialogs/ word everything the agent reads.
import type { Verdict } from '../domain/types';
import { enUS, type Catalogue } from './en-US';
import { nlNL } from './nl-NL';
import { wordRuleText, type RuleText } from './ruleTexts';

export type { Catalogue } from './en-US';
export { enUS } from './en-US';
export { nlNL } from './nl-NL';
export { ruleText, wordRuleText, type RuleText, type RuleTextKey, type RuleTextParams, type RuleTexts } from './ruleTexts';

/** Every catalogue, the fallback first. */
export const catalogues: readonly Catalogue[] = [enUS, nlNL];

export const fallbackLocale = enUS.locale;

/**
 * The catalogue for a BCP 47 locale: nl-NL for any Dutch locale (nl, nl-NL, nl-BE, "nl_nl"), en-US for
 * everything else, including no locale at all.
 */
export function catalogueFor(locale: string | undefined | null): Catalogue {
  const language = String(locale ?? '')
    .trim()
    .toLowerCase()
    .split(/[-_]/)[0];
  return language === 'nl' ? nlNL : enUS;
}

/** The words for `key` of every catalogue: what an agent types is understood whatever the locale. */
export function allWords(key: Exclude<keyof Catalogue['words'], 'reservationTypes'>): string[] {
  return [...new Set(catalogues.flatMap((c) => c.words[key]))];
}

/** A regular-expression alternation of `words`, longest first (so "east us 2" wins over "east us"), escaped. */
export function alternatives(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** What a verdict says in `catalogue`: its rule text when it has one, else its (English) message and fix. */
export function verdictWording(catalogue: Catalogue, verdict: Verdict): { message: string; fix?: string } {
  if (verdict.text) return wordRuleText(catalogue.rules, verdict.text);
  if (!verdict.ok) return { message: verdict.message, ...(verdict.fix ? { fix: verdict.fix } : {}) };
  return { message: verdict.message ?? verdict.warning ?? '' };
}

/** A rule text in `catalogue`, message and fix in one sentence (notes and blockers on the cards). */
export function ruleSentence(catalogue: Catalogue, text: RuleText): string {
  const { message, fix } = wordRuleText(catalogue.rules, text);
  return fix ? `${message} ${fix}` : message;
}
