// Understands a typed search such as "D4s v5 west europe 3 years" (or "D4s v5 west-europa 3 jaar"):
// region, size or family, and term. The words come from every message catalogue (src/i18n), so a search
// is understood in any language whatever the agent's locale.
import type { CatalogVocabulary, TermDuration } from '../domain/types';
import { allWords, catalogues } from '../i18n';
import type { CatalogFilter } from './types';

/** "Standard_D4s_v5", "D4s v5", "d4sv5" all become "d4sv5". */
export const compact = (s: string) => s.toLowerCase().replace(/^standard[\s_-]*/, '').replace(/[\s_-]+/g, '');

const byLength = (a: string, b: string) => b.length - a.length;
const yearWords = allWords('years').sort(byLength).map(escapeRegExp).join('|');
export const termPattern = new RegExp(`\\b(?:p?([135])\\s*(?:${yearWords})|p([135])y)\\b`, 'i');
const noiseWords = new Set(allWords('searchNoise'));

/** How a region may be typed: its ARM name and its display name in every language, with or without spaces and hyphens. */
function regionAliases(r: { armName: string; displayName: string }): string[] {
  const names = catalogues.flatMap((c) => {
    const name = c.names.region(r.armName, r.displayName).toLowerCase();
    return [name, name.normalize('NFD').replace(/[\u0300-\u036f]/g, '')];
  });
  const variants = names.flatMap((n) => [
    n,
    n.replace(/\s+-\s+/g, ' '), // "vs - oost" → "vs oost", "duitsland - west-centraal" → "duitsland west-centraal"
    n.replace(/\s*-\s*/g, ' '), // "west-europa" → "west europa"
    n.replace(/\s*-\s*/g, '-'), // "vs-oost"
    n.replace(/[\s-]+/g, ''), // "westeuropa", "westeurope"
  ]);
  return [...new Set([r.armName.toLowerCase(), ...variants])];
}

/**
 * The longest search read, in code points: the catalog card's filter form allows as much. The free text
 * goes back on the card and into the dialog state, so a pasted essay must not make the card too big.
 */
export const maxCatalogQueryLength = 200;

export function parseCatalogQuery(input: string, vocabulary: CatalogVocabulary): CatalogFilter {
  const typed = Array.from(input).slice(0, maxCatalogQueryLength).join('');
  let rest = ` ${typed.toLowerCase().replace(/[,;\s]+/g, ' ')} `;
  const filter: CatalogFilter = {};

  const term = rest.match(termPattern);
  if (term) {
    filter.term = `P${term[1] ?? term[2]}Y` as TermDuration;
    rest = rest.replace(term[0], ' ');
  }

  // Longest names first, so "West Europe" does not match inside "North West Europe", nor "East US" in "East US 2".
  const aliases = vocabulary.regions.flatMap((r) => regionAliases(r).map((alias) => ({ alias, armName: r.armName })));
  aliases.sort((a, b) => byLength(a.alias, b.alias));
  // `rest` is single-spaced with a space at each end: a whole-word match is " alias ".
  const hit = aliases.find(({ alias }) => rest.includes(` ${alias} `));
  if (hit) {
    filter.region = hit.armName;
    rest = rest.replace(` ${hit.alias} `, '  ');
  }

  const words = rest.split(/\s+/).filter((w) => w && !noiseWords.has(w));
  const skuByKey = new Map(vocabulary.skuNames.map((n) => [compact(n), n]));
  const familyByKey = new Map(vocabulary.families.map((f) => [compact(f), f]));
  // Try the longest run of adjacent words first: "d4s v5" is one size, "dsv5" one family.
  const used = new Set<number>();
  for (let len = Math.min(3, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      if ([...Array(len).keys()].some((k) => used.has(i + k))) continue;
      const key = compact(words.slice(i, i + len).join(''));
      const sku = skuByKey.get(key);
      const family = familyByKey.get(key);
      if (sku && !filter.armSkuName) filter.armSkuName = sku;
      else if (family && !filter.family) filter.family = family;
      else continue;
      for (let k = 0; k < len; k++) used.add(i + k);
    }
  }
  const leftover = words.filter((_, i) => !used.has(i)).join(' ').trim();
  if (leftover) filter.text = leftover;
  return filter;
}

/**
 * A filter refined by typed words: what they name replaces what was there, the rest is kept. A size and a
 * free text are one field (the form's "Size or name"): naming either replaces both.
 */
export function refineFilter(current: CatalogFilter, typed: CatalogFilter): CatalogFilter {
  const kept = { ...current };
  if (typed.armSkuName !== undefined || typed.text !== undefined) {
    delete kept.armSkuName;
    delete kept.text;
  }
  return { ...kept, ...typed };
}

export function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
