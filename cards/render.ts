// Adaptive Cards of the purchase flow: one typed function per card. Each builds its card's view model and
// expands the card's JSON template (./templates) with adaptivecards-templating, returning a botbuilder
// Attachment.
//
// The library places data as it is and never evaluates it (a name "${customer.id}" stays that text), but
// it cannot know how the host reads a property. The view models do: each string they hold is written for
// where its template places it (Place): escaped where the host reads Markdown (TextBlock.text, Fact.title,
// Fact.value), as typed where it shows plain text (TextRun, input labels, choice and action titles), and
// untouched where a program reads it (ids, input values, action data, URLs). Templates only place values
// and test booleans prepared here; test/cards checks that no template leaves a `${` unresolved.
//
// The templates hold no words: every label and sentence comes from the message catalogue of the card's
// locale (src/i18n), as data under `t` (labels: our own words, free of Markdown syntax, placed as they are)
// or as sentences prepared here with numbers, money and dates formatted for that locale (format.ts).
import { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import type { CatalogPage, CatalogRow, CheckoutResult, Quote, QuoteLine } from '../src/purchase/types';
import type { Order, Verdict } from '../src/domain/types';
import { catalogueFor, ruleSentence, verdictWording, type Catalogue } from '../src/i18n';
import { offeredTerms } from '../src/rules/catalog';
import {
  escapeMarkdown,
  formatDateTime,
  formatDecimal,
  formatInteger,
  formatMinor,
  formatMoney,
  truncate,
} from './format';
import catalogJson from './templates/catalog.json';
import choiceJson from './templates/choice.json';
import confirmationJson from './templates/confirmation.json';
import orderHistoryJson from './templates/orderHistory.json';
import quantityJson from './templates/quantity.json';
import reviewJson from './templates/review.json';

/**
 * The value of the "Any" choice of the catalog's filter lists. Not empty: the Adaptive Cards renderer of
 * Web Chat and Teams refuses a whole card when a choice has an empty value (the card shows as an empty bubble).
 */
export const ANY_FILTER = 'any';

/** Teams refuses messages over ~28 KB; above this budget long display strings are shortened. */
export const CARD_SIZE_BUDGET = 24 * 1024;
export const CARD_SIZE_LIMIT = 28 * 1024;
/** Successive caps (in code points) on display strings when a card exceeds the budget. */
const SHRINK_STEPS = [Infinity, 1000, 200, 60];
/** The most orders one history card lists. */
export const ORDER_HISTORY_MAX = 10;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Thrown when a card cannot be rendered: a prompt card without a nonce, or a card too big for Teams. */
export class CardRenderError extends Error {
  constructor(
    readonly card: string,
    message: string,
  ) {
    super(`card ${card}: ${message}`);
    this.name = 'CardRenderError';
  }
}

const templates = {
  choice: new Template(choiceJson),
  catalog: new Template(catalogJson),
  quantity: new Template(quantityJson),
  review: new Template(reviewJson),
  confirmation: new Template(confirmationJson),
  orderHistory: new Template(orderHistoryJson),
};
type CardName = keyof typeof templates;

/**
 * How a view model writes a string the user reads, for the kind of property its template places it in.
 * Both shorten it to the current cap (see attachment); labels and values a program reads are never written
 * through Place, so they are never shortened.
 */
interface Place {
  /** Shown as typed: TextRun, input labels, placeholders and error messages, choice and action titles. */
  plain(text: string): string;
  /** Read as Markdown by Teams and Web Chat: TextBlock.text, Fact.title, Fact.value. */
  markdown(text: string): string;
}

function placeWithin(maxLength: number): Place {
  return {
    plain: (text) => truncate(text, maxLength),
    markdown: (text) => escapeMarkdown(truncate(text, maxLength)),
  };
}

/**
 * The card expanded from its view model, built again with ever shorter display strings (SHRINK_STEPS)
 * until it fits CARD_SIZE_BUDGET (or, at the last step, CARD_SIZE_LIMIT).
 */
function attachment(name: CardName, viewModel: (place: Place) => object): Attachment {
  for (const maxLength of SHRINK_STEPS) {
    const card = templates[name].expand({ $root: viewModel(placeWithin(maxLength)) }) as JsonObject;
    const size = Buffer.byteLength(JSON.stringify(card), 'utf8');
    if (size <= CARD_SIZE_BUDGET || (maxLength === SHRINK_STEPS[SHRINK_STEPS.length - 1] && size <= CARD_SIZE_LIMIT)) {
      return CardFactory.adaptiveCard(card);
    }
  }
  throw new CardRenderError(name, `the card is larger than ${CARD_SIZE_LIMIT} bytes`);
}

function requireNonce(card: CardName, nonce: string): string {
  if (typeof nonce !== 'string' || nonce.trim() === '') {
    throw new CardRenderError(card, 'a prompt card needs a non-empty nonce');
  }
  return nonce;
}

// ---------------------------------------------------------------------------------------------------
// Shared view-model pieces

/**
 * The catalogue of `locale` and the locale its numbers, money and dates are formatted in: the
 * catalogue's own, so a sentence never mixes two languages' number formats.
 */
function localeOf(locale: string | undefined): { t: Catalogue; loc: string } {
  const t = catalogueFor(locale);
  return { t, loc: t.locale };
}

/** The catalogue's card labels that are plain strings: the template places them as `${$root.t.<key>}`. */
function labels(t: Catalogue): Record<string, string> {
  const plain = Object.fromEntries(Object.entries(t.cards).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
  return { ...plain, oneTime: t.names.billingCycles.one_time, monthly: t.names.billingCycles.monthly };
}

function sizeText(row: Pick<CatalogRow, 'cores' | 'ram'>, t: Catalogue, locale: string): string {
  return t.cards.size(
    row.cores === null ? null : formatDecimal(row.cores, locale),
    row.ram === null ? null : formatDecimal(row.ram, locale),
  );
}

/** A catalog item as the catalog, quantity and review cards show it: names in TextRuns, the rest in facts. */
function rowModel(row: CatalogRow, t: Catalogue, locale: string, place: Place) {
  const size = sizeText(row, t, locale);
  const term = t.names.terms[row.term] ?? row.term;
  const unitPrice = formatMoney(row.unitPrice, locale);
  return {
    catalogItemId: row.catalogItemId,
    title: place.plain(row.title),
    productTitle: place.plain(row.productTitle),
    region: place.markdown(t.names.region(row.armRegionName, row.region)),
    term: place.markdown(term),
    hasSize: size !== '',
    size: place.markdown(size),
    priceForTerm: place.markdown(t.cards.priceForTerm(unitPrice, term)),
    priceForTermInCurrency: place.markdown(t.cards.priceForTermInCurrency(unitPrice, term, row.unitPrice.currency)),
    monthlyBillingSupported: row.monthlyBillingSupported,
    minimumQuantity: row.minimumQuantity,
    maximumQuantity: row.maximumQuantity,
  };
}

/** A verdict as one sentence, message then fix, in the catalogue's language. */
function verdictText(verdict: Verdict, t: Catalogue): string {
  const { message, fix } = verdictWording(t, verdict);
  return (fix ? `${message} ${fix}` : message) || verdict.code;
}

// ---------------------------------------------------------------------------------------------------
// 1. Generic choice card

export interface Choice {
  title: string;
  /** Shown small under the title, e.g. the customer's domain and country. */
  subtitle?: string;
  value: string;
}

export interface ChoiceCardInput {
  title: string;
  text?: string;
  choices: Choice[];
  /** The discriminator sent back with the chosen value: {action, value, nonce}. */
  action: string;
  nonce: string;
  locale?: string;
}

/** A list of buttons, one per choice (customers, segment, reservation type, subscription, ...). */
export function renderChoiceCard({ title, text, choices, action, nonce, locale }: ChoiceCardInput): Attachment {
  requireNonce('choice', nonce);
  if (!action) throw new CardRenderError('choice', 'a choice card needs an action');
  const loc = localeOf(locale).loc;
  return attachment('choice', (place) => ({
    locale: loc,
    nonce,
    action,
    title: place.plain(title),
    hasText: Boolean(text),
    text: place.plain(text ?? ''),
    choices: choices.map((c) => ({
      title: place.plain(c.title),
      value: c.value,
      hasSubtitle: Boolean(c.subtitle),
      subtitle: place.plain(c.subtitle ?? ''),
    })),
  }));
}

// ---------------------------------------------------------------------------------------------------
// 2. Catalog page with filters and paging

export interface CatalogCardInput {
  page: CatalogPage;
  /** E.g. "Virtual machines", already in the card's language. */
  reservationTypeTitle: string;
  /** The regions to filter by; their names are shown in the card's language. */
  regions: { armName: string; displayName: string }[];
  families: string[];
  nonce: string;
  locale?: string;
}

export function renderCatalogPage({
  page,
  reservationTypeTitle,
  regions,
  families,
  nonce,
  locale,
}: CatalogCardInput): Attachment {
  requireNonce('catalog', nonce);
  const { t, loc } = localeOf(locale);
  const filter = page.filter;
  const regionName = (arm: string) => t.names.region(arm, regions.find((r) => r.armName === arm)?.displayName ?? arm);

  const summary = [
    filter.region ? regionName(filter.region) : null,
    filter.family ?? null,
    filter.armSkuName ?? null,
    filter.term ? t.names.terms[filter.term] : null,
    filter.text ? t.cards.searchText(filter.text) : null,
  ].filter((p): p is string => Boolean(p));

  // The current filter values must be among the choices, or a compact ChoiceSet shows nothing.
  const regionChoices = [...regions];
  if (filter.region && !regions.some((r) => r.armName === filter.region)) {
    regionChoices.push({ armName: filter.region, displayName: filter.region });
  }
  const familyChoices = [...families];
  if (filter.family && !families.includes(filter.family)) familyChoices.push(filter.family);
  const terms = offeredTerms(filter.term, page.rows.map((r) => r.term));

  const first = page.page * page.pageSize;
  const hasRows = page.rows.length > 0;
  return attachment('catalog', (place) => ({
    locale: loc,
    t: labels(t),
    nonce,
    reservationTypeTitle: place.plain(reservationTypeTitle),
    hasFilter: summary.length > 0,
    filterSummary: place.plain(summary.join(t.cards.listSeparator)),
    hasRows,
    showing: place.markdown(
      t.cards.showing(
        formatInteger(first + 1, loc),
        formatInteger(first + page.rows.length, loc),
        page.totalCapped ? t.cards.atLeast(formatInteger(page.total, loc)) : formatInteger(page.total, loc),
      ),
    ),
    rows: page.rows.map((row) => rowModel(row, t, loc, place)),
    hasPrevious: page.page > 0,
    previousPage: Math.max(0, page.page - 1),
    hasNext: (first + page.rows.length < page.total || page.totalCapped === true) && hasRows,
    nextPage: page.page + 1,
    filter: {
      region: filter.region ?? ANY_FILTER,
      family: filter.family ?? ANY_FILTER,
      term: filter.term ?? ANY_FILTER,
      text: filter.text ?? '',
    },
    regions: regionChoices.map((r) => ({ title: place.plain(t.names.region(r.armName, r.displayName)), value: r.armName })),
    families: familyChoices.map((name) => ({ title: place.plain(name), value: name })),
    terms: terms.map((term) => ({ title: place.plain(t.names.terms[term]), value: term })),
  }));
}

// ---------------------------------------------------------------------------------------------------
// 3. Quantity

export interface QuantityCardInput {
  row: CatalogRow;
  nonce: string;
  locale?: string;
}

export function renderQuantityCard({ row, nonce, locale }: QuantityCardInput): Attachment {
  requireNonce('quantity', nonce);
  const { t, loc } = localeOf(locale);
  const [min, max] = [formatInteger(row.minimumQuantity, loc), formatInteger(row.maximumQuantity, loc)];
  return attachment('quantity', (place) => ({
    locale: loc,
    t: labels(t),
    nonce,
    row: rowModel(row, t, loc, place),
    min: place.plain(min),
    quantityLabel: place.plain(t.cards.quantityLabel(min, max)),
    quantityError: place.plain(t.cards.quantityError(min, max)),
  }));
}

// ---------------------------------------------------------------------------------------------------
// 4. Review

export interface ReviewCardInput {
  quote: Quote;
  nonce: string;
  locale?: string;
}

function lineModel(line: QuoteLine, t: Catalogue, locale: string, place: Place) {
  const [min, max] = [formatInteger(line.minimumQuantity, locale), formatInteger(line.maximumQuantity, locale)];
  const monthlyPayment = line.monthlyPayment ? formatMoney(line.monthlyPayment, locale) : '';
  return {
    ...rowModel(line, t, locale, place),
    lineId: line.lineId,
    quantity: line.quantity,
    quantityLabel: place.plain(t.cards.quantityLabel(min, max)),
    quantityError: place.plain(t.cards.quantityError(min, max)),
    billingCycle: line.monthlyBillingSupported ? line.billingCycle : 'one_time',
    lineTotal: place.markdown(formatMoney(line.lineTotal, locale)),
    currency: place.markdown(line.lineTotal.currency),
    hasMonthlyPayment: line.billingCycle === 'monthly' && line.monthlyPayment !== null,
    monthlyPaymentText: place.markdown(monthlyPayment ? t.cards.perMonth(monthlyPayment) : ''),
  };
}

/**
 * The review card. Its inputs: `qty_<lineId>` per line, `billing_<lineId>` for lines with monthly
 * billing, `scope` when more than one scope is allowed, `reseller` when a reseller is required. Every
 * Action.Submit except Cancel sends them merged with its data.
 */
export function renderReviewCard({ quote, nonce, locale }: ReviewCardInput): Attachment {
  requireNonce('review', nonce);
  const { t, loc } = localeOf(locale);
  const allowed = quote.scopeOptions.filter((o) => o.allowed);
  const scopeChoosable = allowed.length > 1;
  const fixedScope = allowed.length === 1 ? allowed[0]!.scope : quote.scope;
  return attachment('review', (place) => ({
    locale: loc,
    t: labels(t),
    nonce,
    cartId: quote.cartId,
    customerName: place.plain(quote.customer.companyName),
    subscriptionName: place.plain(quote.subscription.friendlyName),
    subscriptionId: place.plain(quote.subscription.id),
    hasBlockers: quote.blockers.length > 0,
    blockers: quote.blockers.map((b) => ({ text: place.markdown(verdictText(b, t)) })),
    lines: quote.lines.map((line) => lineModel(line, t, loc, place)),
    scopeChoosable,
    scope: quote.scope,
    scopeChoices: allowed.map((o) => ({ title: place.plain(t.names.scopes[o.scope]), value: o.scope })),
    scopeNotes: allowed.flatMap((o) =>
      o.note ? [{ text: place.markdown(t.cards.scopeNote(t.names.scopes[o.scope], ruleSentence(t, o.note))) }] : [],
    ),
    fixedScope: place.markdown(t.names.scopes[fixedScope]),
    fixedScopeReasons: quote.scopeOptions.flatMap((o) => (!o.allowed && o.note ? [{ note: place.markdown(ruleSentence(t, o.note)) }] : [])),
    resellerRequired: quote.resellerRequired,
    resellerMpnId: quote.resellerMpnId ?? '',
    resellers: quote.resellers.map((r) => ({ title: place.plain(t.cards.resellerChoice(r.name, r.mpnId)), mpnId: r.mpnId })),
    totalText: place.markdown(t.cards.total(formatMoney(quote.total, loc))),
    notes: quote.notes.map((note) => ({ text: place.markdown(t.cards.note(ruleSentence(t, note))) })),
  }));
}

// ---------------------------------------------------------------------------------------------------
// 5. Confirmation and 6. order history: an order's words, placed by each card as it shows them

function orderWords(order: Order, t: Catalogue, locale: string) {
  const created = formatDateTime(order.creationDate, locale);
  const total = formatMinor(order.totalMinor, order.currencyCode, locale);
  return {
    status: t.names.orderStatus[order.status] ?? order.status,
    billingCycle: t.names.billingCycles[order.billingCycle] ?? order.billingCycle,
    created,
    total,
    lines: order.lineItems.map((l) => ({
      friendlyName: l.friendlyName,
      armRegionName: l.armRegionName,
      term: t.names.terms[l.termDuration] ?? l.termDuration,
      quantity: formatInteger(l.quantity, locale),
      total: formatMinor(l.totalMinor, order.currencyCode, locale),
    })),
  };
}

export interface ConfirmationCardInput {
  result: CheckoutResult;
  customerName: string;
  locale?: string;
}

export function renderConfirmationCard({ result, customerName, locale }: ConfirmationCardInput): Attachment {
  const { t, loc } = localeOf(locale);
  const hasOrders = result.orders.length > 0;
  return attachment('confirmation', (place) => ({
    locale: loc,
    t: labels(t),
    placed: hasOrders && !result.replayed,
    replayed: result.replayed,
    nothingOrdered: !hasOrders && !result.replayed,
    customerName: place.plain(customerName),
    orders: result.orders.map((order) => {
      const words = orderWords(order, t, loc);
      return {
        id: place.markdown(order.id),
        status: place.markdown(words.status),
        billingCycle: place.markdown(words.billingCycle),
        created: place.markdown(words.created),
        orderTotal: place.markdown(t.cards.orderTotal(words.total)),
        lines: words.lines.map((l) => ({
          friendlyName: place.plain(l.friendlyName),
          summary: place.markdown(t.cards.orderLine(l.armRegionName, l.term, l.quantity, l.total)),
        })),
      };
    }),
    hasErrors: result.orderErrors.length > 0,
    // The description is Partner Center's own text.
    errors: result.orderErrors.map((e) => ({ text: place.markdown(t.cards.orderError(e.description, e.code, e.orderGroupId)) })),
    // Only web links: never a javascript: or other scheme in an OpenUrl action.
    hasPortalUrl: /^https:\/\//i.test(result.portalUrl),
    portalUrl: result.portalUrl,
  }));
}

export interface OrderHistoryCardInput {
  /** Newest first; the card lists them in the given order. */
  orders: Order[];
  /** customerId → company name; the id is shown when missing. */
  customerNames: Record<string, string>;
  title: string;
  locale?: string;
  /** At most this many orders are listed (default ORDER_HISTORY_MAX), with a "showing N of M" line. */
  maxOrders?: number;
}

export function renderOrderHistoryCard({
  orders,
  customerNames,
  title,
  locale,
  maxOrders = ORDER_HISTORY_MAX,
}: OrderHistoryCardInput): Attachment {
  const { t, loc } = localeOf(locale);
  const shown = orders.slice(0, Math.max(0, maxOrders));
  const customerName = (id: string) => (Object.prototype.hasOwnProperty.call(customerNames, id) ? customerNames[id]! : id);
  return attachment('orderHistory', (place) => ({
    locale: loc,
    t: labels(t),
    title: place.plain(title),
    hasOrders: orders.length > 0,
    hasMore: orders.length > shown.length,
    showingRecent: place.markdown(t.cards.showingRecent(formatInteger(shown.length, loc), formatInteger(orders.length, loc))),
    orders: shown.map((order) => {
      const words = orderWords(order, t, loc);
      return {
        id: place.plain(order.id),
        customerName: place.plain(customerName(order.customerId)),
        summary: place.markdown([words.created, words.status, words.total].join(t.cards.listSeparator)),
        lines: words.lines.map((l, i) => ({
          text: place.plain(
            t.cards.historyLine(l.quantity, l.friendlyName, l.armRegionName, l.term) + (i < words.lines.length - 1 ? t.cards.orderLineSeparator : ''),
          ),
        })),
      };
    }),
  }));
}
