// Adaptive Cards of the purchase flow: one typed function per card, each expanding a JSON template of
// ./templates with adaptivecards-templating and returning a botbuilder Attachment.
//
// Safety model (see expandTemplate):
// - Every non-empty string of the data is replaced by an opaque token before expansion, so the template
//   engine only ever sees tokens: a data value like "${customer.id}" is never evaluated, and the check
//   "no ${ left" runs on the expanded template alone (it catches a misspelt or missing binding).
// - After expansion the tokens are replaced by the real strings, escaped for markdown where the host
//   interprets markdown (TextBlock.text, Fact.title, Fact.value) and raw everywhere else (TextRun, input
//   labels and values, choice titles, action titles and data, URLs).
// - Templates must therefore only *place* data strings, never compute on them (no length(), toUpper(),
//   comparisons): conditions use booleans prepared here.
//
// User-facing English lives in the templates (sentences, titles, labels) and in LABELS below (names of
// enum values shared by several cards); format.ts only formats numbers, money and dates.
import { randomBytes } from 'node:crypto';
import { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import type { CatalogPage, CatalogRow, CheckoutResult, Quote, QuoteLine } from '../src/purchase/types';
import type { BillingCycle, Order, Scope, TermDuration, Verdict } from '../src/domain/types';
import {
  escapeMarkdown,
  formatDateTime,
  formatDecimal,
  formatInteger,
  formatMinor,
  formatMoney,
  jsonByteLength,
  resolveLocale,
  truncate,
} from './format';
import catalogJson from './templates/catalog.json';
import choiceJson from './templates/choice.json';
import confirmationJson from './templates/confirmation.json';
import orderHistoryJson from './templates/orderHistory.json';
import quantityJson from './templates/quantity.json';
import reviewJson from './templates/review.json';

/** Display names of enum values, shared by the cards. */
export const LABELS = {
  term: { P1Y: '1 year', P3Y: '3 years', P5Y: '5 years' } satisfies Record<TermDuration, string>,
  billingCycle: { one_time: 'One-time', monthly: 'Monthly' } satisfies Record<BillingCycle, string>,
  scope: { single: 'Single subscription', shared: 'Shared' } satisfies Record<Scope, string>,
  orderStatus: { pending: 'Pending', completed: 'Completed', cancelled: 'Cancelled' } satisfies Record<Order['status'], string>,
  size: (cores: string | null, ram: string | null): string =>
    [cores === null ? null : `${cores} vCPU`, ram === null ? null : `${ram} GB RAM`].filter(Boolean).join(' · '),
  filterPart: { search: (text: string) => `“${text}”` },
  listSeparator: ' · ',
  orderLineSeparator: '; ',
} as const;

/** Teams refuses messages over ~28 KB; above this budget long display strings are shortened. */
export const CARD_SIZE_BUDGET = 24 * 1024;
export const CARD_SIZE_LIMIT = 28 * 1024;
/** Successive caps (in code points) on display strings when a card exceeds the budget. */
const SHRINK_STEPS = [Infinity, 1000, 200, 60];
/** The most orders one history card lists. */
export const ORDER_HISTORY_MAX = 10;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** Thrown when a template cannot be expanded safely (an unresolved `${...}` or an oversized card). */
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

// ---------------------------------------------------------------------------------------------------
// Expansion with tokenised data

interface Tokens {
  pattern: RegExp;
  values: string[];
}

function tokenize(value: unknown, tokens: Tokens, salt: string): Json {
  if (typeof value === 'string') {
    if (value === '') return '';
    tokens.values.push(value);
    return `\u27e6${salt}:${tokens.values.length - 1}\u27e7`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => tokenize(v, tokens, salt));
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = tokenize(v, tokens, salt);
    return out;
  }
  throw new TypeError(`unsupported card data value of type ${typeof value}`);
}

/** Where a string sits in the card decides how data inside it is written. */
interface Slot {
  markdown: boolean; // the host interprets markdown here: escape data
  display: boolean; // text the user reads: may be shortened when the card is too big
  machine?: boolean; // ids, values, action data, URLs: written exactly as given
}

const MACHINE: Slot = { markdown: false, display: false, machine: true };

const DISPLAY_KEYS = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText']);

function fill(node: Json, slot: Slot, tokens: Tokens, maxLength: number): Json {
  if (typeof node === 'string') {
    return node.replace(tokens.pattern, (_m, index: string) => {
      let value = tokens.values[Number(index)]!;
      if (slot.display) value = truncate(value, maxLength);
      return slot.markdown ? escapeMarkdown(value) : value;
    });
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, slot, tokens, maxLength));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  const type = node['type'];
  for (const [key, value] of Object.entries(node)) {
    let child: Slot;
    if (slot.machine) {
      child = MACHINE;
    } else if (slot.markdown && (key === 'title' || key === 'value')) {
      child = slot; // a Fact of a FactSet
    } else if (key === 'data' || key === 'value' || key === 'id' || key === 'url') {
      child = MACHINE;
    } else if (type === 'FactSet' && key === 'facts') {
      child = { markdown: true, display: true }; // Fact.title and Fact.value are markdown
    } else if (type === 'TextBlock' && key === 'text') {
      child = { markdown: true, display: true };
    } else {
      child = { markdown: false, display: DISPLAY_KEYS.has(key) };
    }
    out[key] = fill(value, child, tokens, maxLength);
  }
  return out;
}

/**
 * Expands a template with `model` and checks the result: throws CardRenderError when a `${` is left
 * by the template (checked before the data strings are put back, so data may contain `${`), or when
 * the card stays over CARD_SIZE_LIMIT even with shortened display strings.
 */
export function expandTemplate(template: Template | object, model: object, name = 'template'): JsonObject {
  const compiled = template instanceof Template ? template : new Template(template);
  const salt = randomBytes(6).toString('hex');
  const tokens: Tokens = { pattern: new RegExp(`\u27e6${salt}:(\\d+)\u27e7`, 'g'), values: [] };
  const data = tokenize(model, tokens, salt);
  let expanded: Json;
  try {
    expanded = compiled.expand({ $root: data }) as Json;
  } catch (err) {
    throw new CardRenderError(name, `template expansion failed: ${(err as Error).message}`);
  }
  const serialized = JSON.stringify(expanded);
  const leftovers = serialized.match(/\$\{[^}]*\}?/g);
  if (leftovers) {
    throw new CardRenderError(name, `unresolved template expression(s): ${[...new Set(leftovers)].join(', ')}`);
  }
  if (expanded === null || typeof expanded !== 'object' || Array.isArray(expanded)) {
    throw new CardRenderError(name, 'the template did not expand to an object');
  }
  for (const maxLength of SHRINK_STEPS) {
    const card = fill(expanded, { markdown: false, display: false }, tokens, maxLength) as JsonObject;
    if (JSON.stringify(card).includes(`\u27e6${salt}:`)) {
      throw new CardRenderError(name, 'a data placeholder was altered by the template');
    }
    const size = jsonByteLength(card);
    if (size <= CARD_SIZE_BUDGET || (maxLength === SHRINK_STEPS[SHRINK_STEPS.length - 1] && size <= CARD_SIZE_LIMIT)) {
      return card;
    }
  }
  throw new CardRenderError(name, `the card is larger than ${CARD_SIZE_LIMIT} bytes`);
}

function attachment(name: CardName, model: object): Attachment {
  return CardFactory.adaptiveCard(expandTemplate(templates[name], model, name));
}

function requireNonce(card: CardName, nonce: string): string {
  if (typeof nonce !== 'string' || nonce.trim() === '') {
    throw new CardRenderError(card, 'a prompt card needs a non-empty nonce');
  }
  return nonce;
}

// ---------------------------------------------------------------------------------------------------
// Shared view-model pieces

function sizeText(row: Pick<CatalogRow, 'cores' | 'ram'>, locale: string): string {
  return LABELS.size(
    row.cores === null ? null : formatDecimal(row.cores, locale),
    row.ram === null ? null : formatDecimal(row.ram, locale),
  );
}

function rowModel(row: CatalogRow, locale: string) {
  const size = sizeText(row, locale);
  return {
    catalogItemId: row.catalogItemId,
    title: row.title,
    productTitle: row.productTitle,
    region: row.region,
    term: LABELS.term[row.term] ?? row.term,
    hasSize: size !== '',
    size,
    unitPrice: formatMoney(row.unitPrice, locale),
    currency: row.unitPrice.currency,
    monthlyBillingSupported: row.monthlyBillingSupported,
    minimumQuantity: row.minimumQuantity,
    maximumQuantity: row.maximumQuantity,
  };
}

function verdictText(verdict: Verdict): string {
  if (!verdict.ok) return verdict.fix ? `${verdict.message} ${verdict.fix}` : verdict.message;
  return verdict.message ?? verdict.warning ?? verdict.code;
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
  return attachment('choice', {
    locale: resolveLocale(locale),
    nonce,
    action,
    title,
    hasText: Boolean(text),
    text: text ?? '',
    choices: choices.map((c) => ({
      title: c.title,
      value: c.value,
      hasSubtitle: Boolean(c.subtitle),
      subtitle: c.subtitle ?? '',
    })),
  });
}

// ---------------------------------------------------------------------------------------------------
// 2. Catalog page with filters and paging

export interface CatalogCardInput {
  page: CatalogPage;
  /** E.g. "Virtual machines". */
  reservationTypeTitle: string;
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
  const loc = resolveLocale(locale);
  const filter = page.filter;
  const regionName = (arm: string) => regions.find((r) => r.armName === arm)?.displayName ?? arm;

  const summary = [
    filter.region ? regionName(filter.region) : null,
    filter.family ?? null,
    filter.armSkuName ?? null,
    filter.term ? LABELS.term[filter.term] : null,
    filter.text ? LABELS.filterPart.search(filter.text) : null,
  ].filter((p): p is string => Boolean(p));

  // The current filter values must be among the choices, or a compact ChoiceSet shows nothing.
  const regionChoices = [...regions];
  if (filter.region && !regions.some((r) => r.armName === filter.region)) {
    regionChoices.push({ armName: filter.region, displayName: filter.region });
  }
  const familyChoices = [...families];
  if (filter.family && !families.includes(filter.family)) familyChoices.push(filter.family);
  const terms: TermDuration[] = ['P1Y', 'P3Y'];
  if (filter.term === 'P5Y' || page.rows.some((r) => r.term === 'P5Y')) terms.push('P5Y');

  const first = page.page * page.pageSize;
  const hasRows = page.rows.length > 0;
  return attachment('catalog', {
    locale: loc,
    nonce,
    reservationTypeTitle,
    hasFilter: summary.length > 0,
    filterSummary: summary.join(LABELS.listSeparator),
    hasRows,
    from: formatInteger(first + 1, loc),
    to: formatInteger(first + page.rows.length, loc),
    total: formatInteger(page.total, loc),
    rows: page.rows.map((row) => rowModel(row, loc)),
    hasPrevious: page.page > 0,
    previousPage: Math.max(0, page.page - 1),
    hasNext: first + page.rows.length < page.total && hasRows,
    nextPage: page.page + 1,
    filter: {
      region: filter.region ?? '',
      family: filter.family ?? '',
      term: filter.term ?? '',
      text: filter.text ?? '',
    },
    regions: regionChoices.map((r) => ({ armName: r.armName, displayName: r.displayName })),
    families: familyChoices.map((name) => ({ name })),
    terms: terms.map((t) => ({ title: LABELS.term[t], value: t })),
  });
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
  const loc = resolveLocale(locale);
  return attachment('quantity', {
    locale: loc,
    nonce,
    row: rowModel(row, loc),
    min: formatInteger(row.minimumQuantity, loc),
    max: formatInteger(row.maximumQuantity, loc),
  });
}

// ---------------------------------------------------------------------------------------------------
// 4. Review

export interface ReviewCardInput {
  quote: Quote;
  nonce: string;
  locale?: string;
}

function lineModel(line: QuoteLine, locale: string) {
  return {
    ...rowModel(line, locale),
    lineId: line.lineId,
    quantity: line.quantity,
    minText: formatInteger(line.minimumQuantity, locale),
    maxText: formatInteger(line.maximumQuantity, locale),
    billingCycle: line.monthlyBillingSupported ? line.billingCycle : 'one_time',
    lineTotal: formatMoney(line.lineTotal, locale),
    currency: line.lineTotal.currency,
    hasMonthlyPayment: line.billingCycle === 'monthly' && line.monthlyPayment !== null,
    monthlyPayment: line.monthlyPayment ? formatMoney(line.monthlyPayment, locale) : '',
  };
}

/**
 * The review card. Its inputs: `qty_<lineId>` per line, `billing_<lineId>` for lines with monthly
 * billing, `scope` when more than one scope is allowed, `reseller` when a reseller is required. Every
 * Action.Submit except Cancel sends them merged with its data.
 */
export function renderReviewCard({ quote, nonce, locale }: ReviewCardInput): Attachment {
  requireNonce('review', nonce);
  const loc = resolveLocale(locale);
  const allowed = quote.scopeOptions.filter((o) => o.allowed);
  const scopeChoosable = allowed.length > 1;
  const fixedScope = allowed.length === 1 ? allowed[0]!.scope : quote.scope;
  return attachment('review', {
    locale: loc,
    nonce,
    cartId: quote.cartId,
    customerName: quote.customer.companyName,
    subscriptionName: quote.subscription.friendlyName,
    subscriptionId: quote.subscription.id,
    hasBlockers: quote.blockers.length > 0,
    blockers: quote.blockers.map((b) => ({ text: verdictText(b) })),
    lines: quote.lines.map((line) => lineModel(line, loc)),
    scopeChoosable,
    scope: quote.scope,
    scopeChoices: allowed.map((o) => ({ title: LABELS.scope[o.scope], value: o.scope })),
    scopeNotes: allowed.filter((o) => o.note).map((o) => ({ title: LABELS.scope[o.scope], note: o.note })),
    fixedScope: LABELS.scope[fixedScope],
    fixedScopeReasons: quote.scopeOptions.filter((o) => !o.allowed && o.note).map((o) => ({ note: o.note })),
    resellerRequired: quote.resellerRequired,
    resellerMpnId: quote.resellerMpnId ?? '',
    resellers: quote.resellers.map((r) => ({ name: r.name, mpnId: r.mpnId })),
    total: formatMoney(quote.total, loc),
    notes: quote.notes.map((text) => ({ text })),
  });
}

// ---------------------------------------------------------------------------------------------------
// 5. Confirmation

export interface ConfirmationCardInput {
  result: CheckoutResult;
  customerName: string;
  locale?: string;
}

function orderModel(order: Order, locale: string) {
  return {
    id: order.id,
    status: LABELS.orderStatus[order.status] ?? order.status,
    billingCycle: LABELS.billingCycle[order.billingCycle] ?? order.billingCycle,
    created: formatDateTime(order.creationDate, locale),
    total: formatMinor(order.totalMinor, order.currencyCode, locale),
    lines: order.lineItems.map((l, i) => ({
      friendlyName: l.friendlyName,
      name: l.friendlyName,
      region: l.armRegionName,
      term: LABELS.term[l.termDuration] ?? l.termDuration,
      quantity: formatInteger(l.quantity, locale),
      total: formatMinor(l.totalMinor, order.currencyCode, locale),
      separator: i < order.lineItems.length - 1 ? LABELS.orderLineSeparator : '',
    })),
  };
}

export function renderConfirmationCard({ result, customerName, locale }: ConfirmationCardInput): Attachment {
  const loc = resolveLocale(locale);
  const hasOrders = result.orders.length > 0;
  return attachment('confirmation', {
    locale: loc,
    placed: hasOrders && !result.replayed,
    replayed: result.replayed,
    nothingOrdered: !hasOrders && !result.replayed,
    customerName,
    orders: result.orders.map((o) => orderModel(o, loc)),
    hasErrors: result.orderErrors.length > 0,
    errors: result.orderErrors.map((e) => ({
      orderGroupId: e.orderGroupId,
      code: e.code,
      description: e.description,
    })),
    // Only web links: never a javascript: or other scheme in an OpenUrl action.
    hasPortalUrl: /^https:\/\//i.test(result.portalUrl),
    portalUrl: result.portalUrl,
  });
}

// ---------------------------------------------------------------------------------------------------
// 6. Order history

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
  const loc = resolveLocale(locale);
  const shown = orders.slice(0, Math.max(0, maxOrders));
  return attachment('orderHistory', {
    locale: loc,
    title,
    hasOrders: orders.length > 0,
    hasMore: orders.length > shown.length,
    shown: formatInteger(shown.length, loc),
    count: formatInteger(orders.length, loc),
    orders: shown.map((o) => ({
      ...orderModel(o, loc),
      customerName: Object.prototype.hasOwnProperty.call(customerNames, o.customerId)
        ? customerNames[o.customerId]!
        : o.customerId,
    })),
  });
}
