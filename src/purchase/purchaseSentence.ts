// Reads a purchase said in one sentence: "buy 3 D4s v5 west europe 3 years for Contoso" (or "koop 3 D4s v5
// West-Europa 3 jaar voor Contoso"). It says what the sentence names, which sizes a size typed without its
// version may be, and what it could not read; what it leaves out is for the purchase to ask. Whether any of
// it may be bought is not decided here: the purchase checks every part with the rules, as a typed answer.
// The sizes are catalog-reference.json's VM sizes; regions and terms are read as the catalog search reads
// them (catalogQuery.ts), in every catalogue's language whatever the agent's locale.
import catalogReference from '../data/catalog-reference.json';
import type { BillingCycle, CatalogVocabulary, TermDuration } from '../domain/types';
import { allWords, alternatives } from '../i18n';
import { compact, escapeRegExp, parseCatalogQuery, termPattern } from './catalogQuery';

/** The item a sentence asks for; a part it does not name is not there. */
export interface WantedItem {
  /** Implied by a VM size or series: catalog-reference's sizes are all virtual machines. */
  reservationType?: string;
  quantity?: number;
  /** One size, e.g. "Standard_D4s_v5". */
  armSkuName?: string;
  /** A size typed without its version ("D4s"): every size it may be, e.g. Standard_D4s_v3, _v4, _v5. */
  sizeChoices?: string[];
  /** A series, e.g. "Dsv5". */
  family?: string;
  /** An ARM region name, e.g. "westeurope". */
  region?: string;
  term?: TermDuration;
  /** "monthly" or "one-time". */
  billingCycle?: BillingCycle;
}

export interface PurchaseSentence {
  /** What follows "for" ("voor"): searched among the partner's customers as the customer question searches. */
  customer?: string;
  /** Absent when the sentence names no part of an item ("buy for Contoso"): the purchase asks step by step. */
  item?: WantedItem;
  /** Words of the sentence that are none of the above, as typed (lower case). */
  unread?: string;
}

const vocabulary: CatalogVocabulary = {
  regions: catalogReference.regions.map(({ armName, displayName }) => ({ armName, displayName })),
  families: [...new Set(catalogReference.vmSizes.map((v) => v.series))],
  skuNames: catalogReference.vmSizes.map((v) => v.armSkuName),
};
const vmReservationType = 'VirtualMachines';

const buyWords = new RegExp(`^(?:${alternatives(allWords('buy'))})(?=\\s|$)`, 'i');
// The first "for" not followed by a term: "for 3 years for Contoso" and "voor Stichting voor Zorg" name the customer after it.
const forCustomer = new RegExp(`^(.*?)\\s(?:${alternatives(allWords('forCustomer'))})\\s+(?!${termPattern.source})(.+)$`, 'is');
const quantityWord = /^(\d{1,9})[x×]?$/;
const billingWords = new RegExp(`(?:^|\\s)(${alternatives([...allWords('monthly'), ...allWords('oneTime')])})(?=\\s|$)`, 'i');

/** The sizes a size typed without its version may be ("d4s": d4s_v3, d4s_v4, d4s_v5). */
function sizesOfUnversioned(word: string): string[] {
  const versions = new RegExp(`^${escapeRegExp(compact(word))}v\\d+$`);
  return vocabulary.skuNames.filter((name) => versions.test(compact(name)));
}

/**
 * The purchase a sentence starting with "buy" ("kopen", "koop", …) asks for, or nothing when it does not
 * start so, or when it names nothing the purchase understands beside words it cannot read ("buy something").
 */
export function parsePurchaseSentence(text: string): PurchaseSentence | undefined {
  const verb = buyWords.exec(text.trim());
  if (!verb) return undefined;
  const rest = ` ${text.trim().slice(verb[0].length)}`;
  // The bare verb names nothing: the purchase asks step by step.
  if (!rest.trim()) return {};
  const split = forCustomer.exec(rest);
  // The customer is the last group (the term's own groups come before it).
  const customer = split?.at(-1)?.trim();
  const item: WantedItem = {};
  let itemWords = split ? split[1]! : rest;
  const billing = billingWords.exec(itemWords);
  if (billing) {
    item.billingCycle = allWords('monthly').includes(billing[1]!.toLowerCase()) ? 'monthly' : 'one_time';
    itemWords = itemWords.replace(billing[0], ' ');
  }
  const filter = parseCatalogQuery(itemWords, vocabulary);
  if (filter.armSkuName) item.armSkuName = filter.armSkuName;
  if (filter.family) item.family = filter.family;
  if (filter.region) item.region = filter.region;
  if (filter.term) item.term = filter.term;
  const unread: string[] = [];
  for (const word of (filter.text ?? '').split(/\s+/).filter(Boolean)) {
    // "3 x D4s v5": the "x" belongs to the quantity.
    if (/^[x×]$/.test(word) && item.quantity !== undefined) continue;
    const quantity = quantityWord.exec(word);
    const sizes = quantity ? [] : sizesOfUnversioned(word);
    if (quantity && item.quantity === undefined) item.quantity = Number(quantity[1]);
    else if (sizes.length === 1 && !item.armSkuName) item.armSkuName = sizes[0];
    else if (sizes.length > 1 && !item.armSkuName && !item.sizeChoices) item.sizeChoices = sizes;
    else unread.push(word);
  }
  if (item.armSkuName || item.sizeChoices || item.family) item.reservationType = vmReservationType;
  const named = Object.keys(item).length > 0;
  if (unread.length && !named) return undefined;
  return { ...(customer ? { customer } : {}), ...(named ? { item } : {}), ...(unread.length ? { unread: unread.join(' ') } : {}) };
}
