// Understands a typed search such as "D4s v5 west europe 3 years": region, size or family, and term.
import type { TermDuration } from '../domain/types';
import type { CatalogFilter } from './types';

export interface CatalogVocabulary {
  regions: { armName: string; displayName: string }[];
  families: string[];
  skuNames: string[];
}

/** "Standard_D4s_v5", "D4s v5", "d4sv5" all become "d4sv5". */
const compact = (s: string) => s.toLowerCase().replace(/^standard[\s_-]*/, '').replace(/[\s_-]+/g, '');

const termPattern = /\b(?:p?([135])\s*(?:years?|yrs?|y|jaar|jaren)|p([135])y)\b/i;
const noiseWords = new Set(['in', 'for', 'the', 'a', 'an', 'term', 'region', 'size', 'series', 'reservation', 'reservations', 'voor', 'de', 'het']);

/**
 * The longest search read, in code points: the catalog card's filter form allows as much. The free text
 * goes back on the card and into the dialog state, so a pasted essay must not make the card too big.
 */
export const maxCatalogQueryLength = 200;

export function parseCatalogQuery(input: string, vocabulary: CatalogVocabulary): CatalogFilter {
  const typed = Array.from(input).slice(0, maxCatalogQueryLength).join('');
  let rest = ` ${typed.toLowerCase().replace(/[,;]/g, ' ')} `;
  const filter: CatalogFilter = {};

  const term = rest.match(termPattern);
  if (term) {
    filter.term = `P${term[1] ?? term[2]}Y` as TermDuration;
    rest = rest.replace(term[0], ' ');
  }

  // Longest display names first, so "West Europe" does not match inside "North West Europe".
  const regions = [...vocabulary.regions].sort((a, b) => b.displayName.length - a.displayName.length);
  for (const r of regions) {
    const names = [r.displayName.toLowerCase(), r.armName.toLowerCase(), r.displayName.toLowerCase().replace(/\s+/g, '')];
    const hit = names.find((n) => new RegExp(`(^|\\s)${escapeRegExp(n)}(\\s|$)`).test(rest));
    if (hit) {
      filter.region = r.armName;
      rest = rest.replace(hit, ' ');
      break;
    }
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

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
