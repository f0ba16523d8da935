// One message catalogue per locale, chosen from the activity's `locale` (Teams and Web Chat send it,
// e.g. "nl-NL", "nl-BE", "en-US"), with English as the fallback. It sits above the rules, which say
// things as rule texts only: cards/ and dialogs/ word what the agent reads, the purchase service words
// refusals in English for the audit trail. Free of botbuilder.
import type { RuleText, Verdict } from '../domain/types';
import { enUS, type Catalogue } from './en-US';
import { nlNL } from './nl-NL';
import { wordRuleText } from './ruleTexts';

export type { AnsweredQuestion, Catalogue, QuestionName } from './en-US';
export { enUS } from './en-US';
export { nlNL } from './nl-NL';
export { ruleText, type RuleText, type RuleTextKey, type RuleTextParams } from '../domain/types';
export { wordRuleText, type RuleTexts } from './ruleTexts';

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

/** What a verdict says in `catalogue`; a pass without a note or warning says nothing. */
export function verdictWording(catalogue: Catalogue, verdict: Verdict): { message: string; fix?: string } {
  return verdict.text ? wordRuleText(catalogue.rules, verdict.text) : { message: '' };
}

/** A rule text in `catalogue`, message and fix in one sentence (notes and blockers on the cards). */
export function ruleSentence(catalogue: Catalogue, text: RuleText): string {
  const { message, fix } = wordRuleText(catalogue.rules, text);
  return fix ? `${message} ${fix}` : message;
}
