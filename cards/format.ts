// Small, pure formatting helpers for the cards: money, numbers, dates, markdown escaping.
// No user-facing English here: sentences and labels live in the templates and in render.ts.
import type { Money } from '../src/purchase/types';

export const DEFAULT_LOCALE = 'en-US';

/**
 * Intl objects are slow to build (a review card formats dozens of amounts): each locale resolution and
 * each formatter is made once and reused. The locale comes from the activity, so the caches are bounded.
 */
const maxCached = 200;
const canonicalLocales = new Map<string, string>();
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function remember<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make(); // may throw: nothing is cached then
    if (cache.size >= maxCached) cache.clear();
    cache.set(key, value);
  }
  return value;
}

const numberFormat = (locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat =>
  remember(formatters, `n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options)) as Intl.NumberFormat;

/** A usable BCP 47 locale: the given one when Intl accepts it, else DEFAULT_LOCALE. */
export function resolveLocale(locale?: string): string {
  if (!locale) return DEFAULT_LOCALE;
  return remember(canonicalLocales, locale, () => {
    try {
      const [canonical] = Intl.getCanonicalLocales(locale);
      return canonical ?? DEFAULT_LOCALE;
    } catch {
      return DEFAULT_LOCALE;
    }
  });
}

/**
 * Formats an amount given in minor units (cents: divided by 100) with the locale's currency format,
 * e.g. 123456 EUR → "€1,234.56" (en-US), "€ 1.234,56" (nl-NL). An unknown currency code falls back to
 * "1,234.56 XYZ" instead of throwing.
 */
export function formatMinor(minor: number, currency: string, locale?: string): string {
  const loc = resolveLocale(locale);
  const amount = minor / 100;
  try {
    return numberFormat(loc, { style: 'currency', currency }).format(amount);
  } catch {
    const number = numberFormat(loc, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
    return `${number} ${currency}`;
  }
}

export function formatMoney(money: Money, locale?: string): string {
  return formatMinor(money.minor, money.currency, locale);
}

/** A whole number with the locale's grouping, e.g. 1234 → "1,234" (en-US), "1.234" (nl-NL). */
export function formatInteger(value: number, locale?: string): string {
  return numberFormat(resolveLocale(locale), { maximumFractionDigits: 0 }).format(value);
}

/** A number with up to 2 decimals (RAM in GB can be 0.75), e.g. "1.5" / "1,5". */
export function formatDecimal(value: number, locale?: string): string {
  return numberFormat(resolveLocale(locale), { maximumFractionDigits: 2 }).format(value);
}

/** A percentage given as a number of percent, to one decimal, e.g. 59.7 → "59.7%" (en-US), "59,7%" (nl-NL). */
export function formatPercent(percent: number, locale?: string): string {
  return numberFormat(resolveLocale(locale), { style: 'percent', maximumFractionDigits: 1 }).format(percent / 100);
}

/**
 * An ISO timestamp as a medium date and short time in `timeZone` (UTC by default, with the zone shown:
 * the bot does not know the agent's zone). An unparsable value is returned unchanged.
 */
export function formatDateTime(iso: string, locale?: string, timeZone = 'UTC'): string {
  const formatted = formatInstant(iso, locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  return formatted === iso ? iso : formatted.concat(timeZone === 'UTC' ? ' UTC' : '');
}

/** An ISO timestamp's day in UTC, in words ("January 2, 2030", "2 januari 2030"); an unparsable value unchanged. */
export function formatDate(iso: string, locale?: string): string {
  return formatInstant(iso, locale, { dateStyle: 'long', timeZone: 'UTC' });
}

function formatInstant(iso: string, locale: string | undefined, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const loc = resolveLocale(locale);
  return (remember(formatters, `d|${loc}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(loc, options)) as Intl.DateTimeFormat).format(date);
}

/** Whatever one of escapeMarkdown's replacements would change. */
const markdownSyntax = /[\\`*_~[\]#<>|{}]|^\s*[-+=]|^\s*\d+[.)]/m;

/**
 * Backslash-escapes the characters that the Adaptive Card markdown subset (and the CommonMark renderers
 * behind it in Web Chat and Teams) would interpret, so a data string shows literally in a TextBlock or a
 * Fact: emphasis `*` `_` `~`, links and images `[` `]` (without them `(` `)` and `!` are plain), code
 * `` ` ``, headings `#`, HTML `<` `>`, tables `|`, the `{{DATE()}}`/`{{TIME()}}` functions `{` `}`, the
 * escape character itself, and list markers at the start of a line (`-`, `+`, `=`, `1.`).
 */
export function escapeMarkdown(text: string): string {
  // Most names need nothing: one test instead of three replacements (every string of every card).
  if (!markdownSyntax.test(text)) return text;
  return text
    .replace(/[\\`*_~[\]#<>|{}]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+=])/gm, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/gm, '$1\\$2');
}

/**
 * The same escapes for data placed inside a sentence (a chat message), where line-start markers cannot
 * occur unless the data brings its own line break: breaks become spaces, so "2.5" and "-1" stay as typed.
 */
export function escapeInlineMarkdown(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ').replace(/[\\`*_~[\]#<>|{}]/g, (c) => `\\${c}`);
}

/** Cuts a string to at most `max` code points (never inside a surrogate pair), marking the cut with "…". */
export function truncate(text: string, max: number): string {
  if (!Number.isFinite(max) || text.length <= max) return text;
  const codePoints = Array.from(text);
  if (codePoints.length <= max) return text;
  return codePoints.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/** Size in bytes of a value serialised as compact JSON (what goes over the wire). */
export function jsonByteLength(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}
