// The language a conversation table runs in, and matchers for what a turn showed. What the agent types and
// what the bot must answer are written out in both languages by the tables and test/dialogs/steps.ts; none
// of it comes from the bot's own catalogue or formatter, so a wrong sentence or number format fails.

export interface Lang {
  locale: 'en-US' | 'nl-NL';
  /** What the agent types: the English words in an en-US run, the Dutch ones in an nl-NL run. */
  type(en: string, nl: string): string;
  /** What the bot must show: the English text in an en-US run, the Dutch one in an nl-NL run. */
  text(en: string, nl: string): string;
}

const lang = (locale: Lang['locale']): Lang => {
  const pick = (en: string, nl: string) => (locale === 'nl-NL' ? nl : en);
  return { locale, type: pick, text: pick };
};

export const english = lang('en-US');
export const dutch = lang('nl-NL');
/** Every conversation table runs once per language. */
export const languages: readonly Lang[] = [english, dutch];

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
