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
// The templates hold no words: every label and sentence comes from the message catalogue of the card's
// locale (src/i18n), as data under `t` (labels, never shortened) or as sentences prepared here with
// numbers, money and dates formatted for that locale (format.ts).
import { randomBytes } from 'node:crypto';
import type { Template } from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import type { CatalogFilter, CatalogPage, CatalogRow, CheckoutResult, Quote, QuoteLine } from '../src/purchase/types';
import type { CartSavings, Savings } from '../src/rules/savings';
import type { Order, TermDuration, Verdict } from '../src/domain/types';
import { monthlyPayment } from '../src/rules/order';
import { catalogueFor, ruleSentence, verdictWording, type Catalogue } from '../src/i18n';
import {
  escapeMarkdown,
  formatDateTime,
  formatDecimal,
  formatInteger,
  formatMinor,
  formatMoney,
  formatPercent,
  truncate,
} from './format';
import catalogJson from './templates/catalog.json';
import choiceJson from './templates/choice.json';
import confirmationJson from './templates/confirmation.json';
import orderHistoryJson from './templates/orderHistory.json';
import quantityJson from './templates/quantity.json';
import reviewJson from './templates/review.json';
import approvalJson from './templates/approval.json';


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

const templateJson = {
  choice: choiceJson,
  catalog: catalogJson,
  quantity: quantityJson,
  review: reviewJson,
  approval: approvalJson,
  confirmation: confirmationJson,
  orderHistory: orderHistoryJson,
};
type CardName = keyof typeof templateJson;

/**
 * adaptivecards-templating (with adaptive-expressions, about 400 modules and 0.1 s) is loaded the first
 * time a card needs the library path (see Precompiled expansion): with the compiled templates, never at
 * start, so a first start answers sooner (bench/README.md, cold start).
 */
let templatingModule: typeof import('adaptivecards-templating') | undefined;
function templating(): typeof import('adaptivecards-templating') {
  return (templatingModule ??= require('adaptivecards-templating') as typeof import('adaptivecards-templating'));
}
/** Only the library makes Templates: none exists before it is loaded. */
const isTemplate = (t: object): t is Template => templatingModule !== undefined && t instanceof templatingModule.Template;

/**
 * Each template is parsed by the library (every `${…}` through the expression parser, ~140 ms for the
 * six) when its card first needs it, not when the module loads.
 */
const templates = new Map<CardName, Template>();
function template(name: CardName): Template {
  let t = templates.get(name);
  if (!t) templates.set(name, (t = new (templating().Template)(templateJson[name])));
  return t;
}

// ---------------------------------------------------------------------------------------------------
// Where a string sits in the card decides how data inside it is written.

interface Slot {
  markdown: boolean; // the host interprets markdown here: escape data
  display: boolean; // text the user reads: may be shortened when the card is too big
  machine?: boolean; // ids, values, action data, URLs: written exactly as given
}

const PLAIN: Slot = { markdown: false, display: false };
const DISPLAY: Slot = { markdown: false, display: true };
const MARKDOWN: Slot = { markdown: true, display: true };
const MACHINE: Slot = { markdown: false, display: false, machine: true };

const DISPLAY_KEYS = new Set(['text', 'title', 'label', 'placeholder', 'errorMessage', 'altText']);

/** The slot of `key` inside an element of `type` that sits in `slot`. */
function childSlot(slot: Slot, key: string, type: unknown): Slot {
  if (slot.machine) return MACHINE;
  if (slot.markdown && (key === 'title' || key === 'value')) return slot; // a Fact of a FactSet
  if (key === 'data' || key === 'value' || key === 'id' || key === 'url') return MACHINE;
  if (type === 'FactSet' && key === 'facts') return MARKDOWN; // Fact.title and Fact.value are markdown
  if (type === 'TextBlock' && key === 'text') return MARKDOWN;
  return DISPLAY_KEYS.has(key) ? DISPLAY : PLAIN;
}

/** A data string as written in `slot`: shortened to `maxLength` if it is display text (never a label), escaped where markdown. */
function place(value: string, slot: Slot, label: boolean, maxLength: number): string {
  const shown = slot.display && !label ? truncate(value, maxLength) : value;
  return slot.markdown ? escapeMarkdown(shown) : shown;
}

// ---------------------------------------------------------------------------------------------------
// Precompiled expansion
//
// adaptivecards-templating evaluates every `${…}` through adaptive-expressions on every render (a fifth
// of the product's CPU), and its safety needs the data tokenised first (below). The templates only use
// a small subset: a property path (`${title}`, `${$root.t.region}`), its negation (`${!$root.hasRows}`)
// and an or of those (`${$root.a || $root.b}`), in `$data` (repeat or rescope) and `$when` (keep the
// element when true). Each template is walked once into closures that do what the library does for
// that subset (same object shapes, same dropping and splicing of array items, typed values for a
// whole-string expression, string concatenation otherwise) and that place each data string directly as
// its slot wants it (known from the template: the same rules as `fill`). Nothing is ever evaluated on
// data, so data needs no tokens. Anything outside the subset falls back to the library: at compile time
// (an unknown expression form, `$index`, a computed `type`, …) for the whole template, at render time
// (a path that does not resolve to a value, a non-boolean operand of `!`/`||`, a value that is not
// JSON) for that render, so an error or an unresolved `${…}` is reported exactly as before. The card
// tests render every card both ways and compare (withLibraryExpansion).

/** Thrown when a template or a render leaves the subset the compiled renderer handles. */
class Unsupported extends Error {}

type Value = (data: unknown, root: unknown) => unknown;
type Compiled = (data: unknown, root: unknown, maxLength: number) => unknown;

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = /^\$?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const hasOwn = Object.prototype.hasOwnProperty;

/** A path's value; `label` when it reads the catalogue's labels (`$root.t.…`), which are never shortened. */
function compilePath(text: string): { value: Value; label: boolean } {
  if (!PATH.test(text)) throw new Unsupported(text);
  const parts = text.split('.');
  let fromRoot = false;
  if (parts[0] === '$root') (fromRoot = true), parts.shift();
  else if (parts[0] === '$data') parts.shift();
  else if (parts[0]!.startsWith('$')) throw new Unsupported(text);
  // `t` of a scope that may be the root: whether it reads labels is only known at render time.
  if (!fromRoot && parts[0] === 't') throw new Unsupported(text);
  const value: Value = (data, root) => {
    let v: unknown = fromRoot ? root : data;
    for (const p of parts) {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || !hasOwn.call(v, p)) throw new Unsupported(text);
      v = (v as Record<string, unknown>)[p];
    }
    if (v === null || v === undefined) throw new Unsupported(text);
    return v;
  };
  return { value, label: fromRoot && parts[0] === 't' };
}

function compileOperand(text: string): { value: Value; label: boolean } {
  const t = text.trim();
  if (t.startsWith('!')) {
    const inner = compilePath(t.slice(1).trim()).value;
    return {
      value: (data, root) => {
        const v = inner(data, root);
        if (typeof v !== 'boolean') throw new Unsupported(t);
        return !v;
      },
      label: false,
    };
  }
  return compilePath(t);
}

function compileExpression(text: string): { value: Value; label: boolean } {
  const operands = text.split('||');
  if (operands.length === 1) return compileOperand(text);
  const compiled = operands.map((o) => compileOperand(o).value);
  return {
    value: (data, root) => {
      let result = false;
      for (const c of compiled) {
        const v = c(data, root);
        if (typeof v !== 'boolean') throw new Unsupported(text);
        result ||= v;
      }
      return result;
    },
    label: false,
  };
}

/** A value of the data placed whole (a whole-string expression): its strings written as their slots want. */
function placeData(value: unknown, slot: Slot, label: boolean, maxLength: number): unknown {
  if (typeof value === 'string') return place(value, slot, label, maxLength);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (Array.isArray(value)) return value.map((item) => placeData(item, slot, label, maxLength));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const type = (value as Record<string, unknown>)['type'];
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = placeData(v, childSlot(slot, k, type), label, maxLength);
    return out;
  }
  throw new Unsupported(typeof value); // non-finite numbers, functions, …: the library path reports them
}

/** A template string: itself, a typed value (one whole `${…}`), or a concatenation. */
function compileString(node: string, slot: Slot): Compiled | string {
  if (!node.includes('${')) return node;
  const parts: (string | { value: Value; label: boolean })[] = [];
  let last = 0;
  for (const m of node.matchAll(/\$\{([^{}]*)\}/g)) {
    if (m.index! > last) parts.push(node.slice(last, m.index));
    parts.push(compileExpression(m[1]!));
    last = m.index! + m[0].length;
  }
  if (last < node.length) parts.push(node.slice(last));
  // Text around the expressions is parsed by the library as a template string literal: keep it plain.
  for (const p of parts) if (typeof p === 'string' && /[`\\$]/.test(p)) throw new Unsupported(node);
  if (parts.length === 1 && typeof parts[0] !== 'string') {
    const { value, label } = parts[0]!;
    return (data, root, maxLength) => placeData(value(data, root), slot, label, maxLength);
  }
  return (data, root, maxLength) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const v = p.value(data, root);
        if (typeof v === 'string') out += place(v, slot, p.label, maxLength);
        else if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) out += String(v);
        else throw new Unsupported(node);
      }
    }
    return out;
  };
}

/** A condition (`$when`) or a scope (`$data`): evaluated, never placed. */
function compileValue(node: unknown): Value {
  if (typeof node !== 'string' || !node.includes('${')) return () => node;
  const m = /^\$\{([^{}]*)\}$/.exec(node);
  if (!m) throw new Unsupported(node);
  return compileExpression(m[1]!).value;
}

function compileNode(node: unknown, slot: Slot): Compiled {
  if (typeof node === 'string') {
    const c = compileString(node, slot);
    return typeof c === 'string' ? () => c : c;
  }
  if (Array.isArray(node)) {
    const items = node.map((item) => compileNode(item, slot));
    return (data, root, maxLength) => {
      const out: unknown[] = [];
      for (const item of items) {
        const v = item(data, root, maxLength);
        if (v === null) continue;
        if (Array.isArray(v)) out.push(...v);
        else out.push(v);
      }
      return out;
    };
  }
  if (node === null || typeof node !== 'object') return () => node;
  const obj = node as Record<string, unknown>;
  if ('$index' in obj || '$host' in obj) throw new Unsupported('$index/$host');
  const type = obj['type'];
  if (typeof type === 'string' && type.includes('${')) throw new Unsupported('a computed type');
  const entries: [string, Compiled][] = Object.keys(obj)
    .filter((k) => !RESERVED.has(k))
    .map((k) => [k, compileNode(obj[k], childSlot(slot, k, type))]);
  let when: Value | undefined;
  let dropAlways = false;
  if (hasOwn.call(obj, '$when')) {
    const w = obj['$when'];
    if (typeof w === 'string' && w.includes('${')) when = compileValue(w);
    else dropAlways = Boolean(w); // the library drops an element whose $when is not an expression
  }
  const dataOf = hasOwn.call(obj, '$data') ? compileValue(obj['$data']) : undefined;
  const build = (scope: unknown, root: unknown, maxLength: number) => {
    const o: Record<string, unknown> = {};
    for (const [k, f] of entries) {
      const v = f(scope, root, maxLength);
      if (v !== undefined) o[k] = v;
    }
    return o;
  };
  if (dropAlways) return () => null;
  // Most elements have no `$data`: one scope, no arrays to build (a card renders hundreds of elements).
  if (!dataOf) return (data, root, maxLength) => (when && when(data, root) !== true ? null : build(data, root, maxLength));
  return (data, root, maxLength) => {
    const d = dataOf(data, root);
    const out: Record<string, unknown>[] = [];
    for (const c of Array.isArray(d) ? d : [d]) {
      const scope = c === undefined ? data : c;
      if (when && when(scope, root) !== true) continue;
      out.push(build(scope, root, maxLength));
    }
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  };
}

/** Compiled renderers of template objects; null when a template needs the library. */
const compiledTemplates = new WeakMap<object, Compiled | null>();
function compiledFor(template: object): Compiled | null {
  let c = compiledTemplates.get(template);
  if (c === undefined) {
    try {
      c = compileNode(template, PLAIN);
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
      c = null;
    }
    compiledTemplates.set(template, c);
  }
  return c;
}

/** Set while withLibraryExpansion runs: every card is expanded by adaptivecards-templating. */
let libraryOnly = false;

/**
 * Runs `render` with the reference expansion (adaptivecards-templating over tokenised data) instead of
 * the compiled one, so tests can check that both give the same card.
 */
export function withLibraryExpansion<T>(render: () => T): T {
  libraryOnly = true;
  try {
    return render();
  } finally {
    libraryOnly = false;
  }
}

// ---------------------------------------------------------------------------------------------------
// Expansion with tokenised data (the library path)

interface Tokens {
  pattern: RegExp;
  values: string[];
  /** Tokens of the catalogue's labels (the model's root `t`): never shortened. */
  labels: Set<number>;
}

function tokenize(value: unknown, tokens: Tokens, salt: string, label = false, root = false): Json {
  if (typeof value === 'string') {
    if (value === '') return '';
    tokens.values.push(value);
    if (label) tokens.labels.add(tokens.values.length - 1);
    return `\u27e6${salt}:${tokens.values.length - 1}\u27e7`;
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => tokenize(v, tokens, salt, label));
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = tokenize(v, tokens, salt, label || (root && k === 't'));
    return out;
  }
  throw new TypeError(`unsupported card data value of type ${typeof value}`);
}

function fill(node: Json, slot: Slot, tokens: Tokens, maxLength: number): Json {
  if (typeof node === 'string') {
    if (!node.includes('\u27e6')) return node; // the template's own text: no data in it
    return node.replace(tokens.pattern, (_m, index: string) => place(tokens.values[Number(index)]!, slot, tokens.labels.has(Number(index)), maxLength));
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, slot, tokens, maxLength));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  const type = node['type'];
  for (const [key, value] of Object.entries(node)) out[key] = fill(value, childSlot(slot, key, type), tokens, maxLength);
  return out;
}

/**
 * Expands a template with `model` and checks the result: throws CardRenderError when a `${` is left
 * by the template (checked before the data strings are put back, so data may contain `${`), or when
 * the card stays over CARD_SIZE_LIMIT even with shortened display strings.
 */
export function expandTemplate(template: Template | object, model: object, name = 'template'): JsonObject {
  return expandWith(template, () => (isTemplate(template) ? template : new (templating().Template)(template)), model, name);
}

/**
 * Expands with the template's compiled renderer when it has one (see Precompiled expansion), else, or
 * when a render leaves the compiled subset, with adaptivecards-templating (`library`, made on demand).
 */
function expandWith(template: Template | object, library: () => Template, model: object, name: string): JsonObject {
  const fast = isTemplate(template) || libraryOnly ? null : compiledFor(template);
  if (fast) {
    try {
      return shrinkToFit(name, (maxLength) => {
        const card = fast(model, model, maxLength);
        if (card === null || typeof card !== 'object' || Array.isArray(card)) throw new Unsupported('not an object');
        return card as JsonObject;
      });
    } catch (err) {
      if (!(err instanceof Unsupported)) throw err;
    }
  }
  const salt = randomBytes(6).toString('hex');
  const tokens: Tokens = { pattern: new RegExp(`\u27e6${salt}:(\\d+)\u27e7`, 'g'), values: [], labels: new Set() };
  const data = tokenize(model, tokens, salt, false, true);
  let expanded: Json;
  try {
    expanded = library().expand({ $root: data }) as Json;
  } catch (err) {
    throw new CardRenderError(name, `template expansion failed: ${(err as Error).message}`);
  }
  const leftovers = JSON.stringify(expanded).match(/\$\{[^}]*\}?/g);
  if (leftovers) {
    throw new CardRenderError(name, `unresolved template expression(s): ${[...new Set(leftovers)].join(', ')}`);
  }
  if (expanded === null || typeof expanded !== 'object' || Array.isArray(expanded)) {
    throw new CardRenderError(name, 'the template did not expand to an object');
  }
  const tree = expanded;
  return shrinkToFit(name, (maxLength) => fill(tree, PLAIN, tokens, maxLength) as JsonObject, (json) => {
    if (json.includes(`\u27e6${salt}:`)) throw new CardRenderError(name, 'a data placeholder was altered by the template');
  });
}

/**
 * The card rendered with ever shorter display strings (SHRINK_STEPS) until it fits CARD_SIZE_BUDGET
 * (or, at the last step, CARD_SIZE_LIMIT); `check` sees each serialised attempt.
 */
function shrinkToFit(name: string, render: (maxLength: number) => JsonObject, check: (json: string) => void = () => undefined): JsonObject {
  for (const maxLength of SHRINK_STEPS) {
    const card = render(maxLength);
    const json = JSON.stringify(card);
    check(json);
    const size = Buffer.byteLength(json, 'utf8');
    if (size <= CARD_SIZE_BUDGET || (maxLength === SHRINK_STEPS[SHRINK_STEPS.length - 1] && size <= CARD_SIZE_LIMIT)) {
      return card;
    }
  }
  throw new CardRenderError(name, `the card is larger than ${CARD_SIZE_LIMIT} bytes`);
}

function attachment(name: CardName, model: object): Attachment {
  return CardFactory.adaptiveCard(expandWith(templateJson[name], () => template(name), model, name));
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

/** A card's `lang`: the Adaptive Cards schema wants an ISO 639 language code ("nl"), not a locale ("nl-NL"). */
const languageOf = (locale: string): string => locale.split('-')[0]!;

/** The catalogue's card labels that are plain strings: the template places them as `${$root.t.<key>}`. */
function labels(t: Catalogue) {
  let cached = labelsByCatalogue.get(t);
  if (!cached) {
    const names = t.names;
    const plain = Object.fromEntries(Object.entries(t.cards).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    cached = { ...plain, oneTime: names.billingCycles.one_time, monthly: names.billingCycles.monthly };
    labelsByCatalogue.set(t, cached);
  }
  return cached;
}
/** The catalogues are constants: their labels are collected once per catalogue, not once per card. */
const labelsByCatalogue = new WeakMap<Catalogue, Record<string, string>>();

function sizeText(row: Pick<CatalogRow, 'cores' | 'ram'>, t: Catalogue, locale: string): string {
  return t.cards.size(
    row.cores === null ? null : formatDecimal(row.cores, locale),
    row.ram === null ? null : formatDecimal(row.ram, locale),
  );
}

function rowModel(row: CatalogRow, t: Catalogue, locale: string) {
  const size = sizeText(row, t, locale);
  const term = t.names.terms[row.term] ?? row.term;
  const unitPrice = formatMoney(row.unitPrice, locale);
  return {
    catalogItemId: row.catalogItemId,
    title: row.title,
    productTitle: row.productTitle,
    region: t.names.region(row.armRegionName, row.region),
    term,
    hasSize: size !== '',
    size,
    unitPrice,
    priceForTerm: t.cards.priceForTerm(unitPrice, term),
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
  return attachment('choice', {
    locale: languageOf(localeOf(locale).loc),
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
  /** E.g. "Virtual machines", already in the card's language. */
  reservationTypeTitle: string;
  /** The regions to filter by; their names are shown in the card's language. */
  regions: { armName: string; displayName: string }[];
  families: string[];
  nonce: string;
  locale?: string;
}

/** The characters of a typed text its remove button shows. */
const TYPED_FILTER_SHOWN = 20;
/**
 * Buttons in one row at 450 px: at most three, and no wider together than the card. Teams' bold button
 * text takes about 9.5 px a character and a button's padding about two characters: 36 of those fill the
 * 418 px inside the card with room to spare for wide letters.
 */
const BUTTONS_PER_ROW = 3;
const BUTTON_ROW_WIDTH = 36;
const BUTTON_PADDING = 2;

/** Buttons laid out in rows (ActionSets) that fit Teams' width, in their order. */
function buttonRows<B extends { title: string }>(buttons: B[]): { chips: B[] }[] {
  const rows: { chips: B[] }[] = [];
  let width = 0;
  for (const button of buttons) {
    const last = rows[rows.length - 1];
    const length = Array.from(button.title).length + BUTTON_PADDING;
    if (last && last.chips.length < BUTTONS_PER_ROW && width + length <= BUTTON_ROW_WIDTH) {
      last.chips.push(button);
      width += length;
    } else {
      rows.push({ chips: [button] });
      width = length;
    }
  }
  return rows;
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

  // Each active filter is a button that removes it; the form below holds the same values.
  const active: { key: keyof CatalogFilter; name: string; shown?: string }[] = [];
  if (filter.region) active.push({ key: 'region', name: regionName(filter.region) });
  if (filter.family) active.push({ key: 'family', name: filter.family });
  if (filter.armSkuName) active.push({ key: 'armSkuName', name: filter.armSkuName });
  if (filter.term) active.push({ key: 'term', name: t.names.terms[filter.term] });
  // A typed text may be 200 characters: its button shows the start, its tooltip the whole.
  if (filter.text) active.push({ key: 'text', name: t.cards.searchText(filter.text), shown: t.cards.searchText(truncate(filter.text, TYPED_FILTER_SHOWN)) });
  const chips = active.map(({ key, name, shown }) => ({ key, title: t.cards.removeFilter(shown ?? name), tooltip: t.cards.removeFilterTooltip(name) }));

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
    locale: languageOf(loc),
    t: labels(t),
    nonce,
    reservationTypeTitle,
    hasFilter: chips.length > 0,
    filterRows: buttonRows(chips),
    hasRows,
    showing: t.cards.showing(
      formatInteger(first + 1, loc),
      formatInteger(first + page.rows.length, loc),
      page.totalCapped ? t.cards.atLeast(formatInteger(page.total, loc)) : formatInteger(page.total, loc),
    ),
    rows: page.rows.map((row) => {
      const model = rowModel(row, t, loc);
      // One button naming the item, one line of what it is: five rows keep the card short at Teams width.
      // An item the inventory check restricts is named without a button, and says why.
      return {
        catalogItemId: model.catalogItemId,
        offered: !row.restriction,
        label: [model.title, model.term].join(t.cards.listSeparator),
        details: [model.region, model.size, model.priceForTerm, row.monthlyBillingSupported ? t.cards.monthlyAvailable : t.cards.oneTimeOnly].filter(Boolean).join(t.cards.listSeparator),
        restriction: row.restriction ? t.cards[row.restriction] : '',
      };
    }),
    hasPrevious: page.page > 0,
    previousPage: Math.max(0, page.page - 1),
    hasNext: (first + page.rows.length < page.total || page.totalCapped === true) && hasRows,
    nextPage: page.page + 1,
    filter: {
      region: filter.region ?? ANY_FILTER,
      family: filter.family ?? ANY_FILTER,
      term: filter.term ?? ANY_FILTER,
      // A typed size ("D2s v5" became Standard_D2s_v5) stays in the form, so the next Apply keeps it.
      text: [filter.armSkuName, filter.text].filter(Boolean).join(' '),
    },
    regions: regionChoices.map((r) => ({ armName: r.armName, displayName: t.names.region(r.armName, r.displayName) })),
    families: familyChoices.map((name) => ({ name })),
    terms: terms.map((term) => ({ title: t.names.terms[term], value: term })),
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
  const { t, loc } = localeOf(locale);
  const [min, max] = [formatInteger(row.minimumQuantity, loc), formatInteger(row.maximumQuantity, loc)];
  return attachment('quantity', {
    locale: languageOf(loc),
    t: labels(t),
    nonce,
    row: rowModel(row, t, loc),
    min,
    quantityLabel: t.cards.quantityLabel(min, max),
    quantityError: t.cards.quantityError(min, max),
  });
}

// ---------------------------------------------------------------------------------------------------
// 4. Review

export interface ReviewCardInput {
  quote: Quote;
  nonce: string;
  locale?: string;
}

/**
 * Savings as the cards say them, in one sentence (under a line, under a cart): the saving against
 * pay-as-you-go and the break-even, or that no pay-as-you-go price is known.
 */
function savingsText(savings: Savings, t: Catalogue, locale: string): string {
  if (!savings.known) return t.cards.savingsUnknown(savings.verdict.text ? ruleSentence(t, savings.verdict.text) : '');
  const f = savings.figures;
  const money = (minor: number) => formatMinor(minor, f.currency, locale);
  return t.cards.savings(
    money(f.savingMinor),
    formatPercent(f.savingPercent, locale),
    money(f.paygMinor),
    formatDecimal(f.breakEvenMonths, locale),
    formatPercent(f.breakEvenUtilisation, locale),
  );
}

/** A cart's savings, said once under its lines when it has more than one (one line says them itself). */
function cartSavingsModel(cart: CartSavings, lineCount: number, t: Catalogue, locale: string) {
  if (lineCount < 2) return { hasCartSavings: false, cartSavingsText: '' };
  const text = savingsText(cart.savings, t, locale);
  const partial = cart.savings.known && cart.linesWithoutPrice > 0;
  return { hasCartSavings: true, cartSavingsText: partial ? `${text} ${t.cards.savingsPartial}` : text };
}

function lineModel(line: QuoteLine, t: Catalogue, locale: string) {
  const [min, max] = [formatInteger(line.minimumQuantity, locale), formatInteger(line.maximumQuantity, locale)];
  const monthlyPayment = line.monthlyPayment ? formatMoney(line.monthlyPayment, locale) : '';
  return {
    ...rowModel(line, t, locale),
    lineId: line.lineId,
    quantity: line.quantity,
    quantityLabel: t.cards.quantityLabel(min, max),
    quantityError: t.cards.quantityError(min, max),
    billingCycle: line.monthlyBillingSupported ? line.billingCycle : 'one_time',
    lineTotal: formatMoney(line.lineTotal, locale),
    hasMonthlyPayment: line.billingCycle === 'monthly' && line.monthlyPayment !== null,
    monthlyPaymentText: monthlyPayment ? t.cards.perMonth(monthlyPayment) : '',
    savingsText: savingsText(line.savings, t, locale),
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
  return attachment('review', {
    locale: languageOf(loc),
    t: labels(t),
    nonce,
    cartId: quote.cartId,
    customerName: quote.customer.companyName,
    subscriptionName: quote.subscription.friendlyName,
    hasBlockers: quote.blockers.length > 0,
    blockers: quote.blockers.map((b) => ({ text: verdictText(b, t) })),
    lines: quote.lines.map((line) => lineModel(line, t, loc)),
    scopeChoosable,
    scope: quote.scope,
    scopeChoices: allowed.map((o) => ({ title: t.names.scopes[o.scope], value: o.scope })),
    scopeNotes: allowed.flatMap((o) => (o.note ? [{ text: t.cards.scopeNote(t.names.scopes[o.scope], ruleSentence(t, o.note)) }] : [])),
    fixedScope: t.names.scopes[fixedScope],
    fixedScopeReasons: quote.scopeOptions.flatMap((o) => (!o.allowed && o.note ? [{ note: ruleSentence(t, o.note) }] : [])),
    resellerRequired: quote.resellerRequired,
    resellerMpnId: quote.resellerMpnId ?? '',
    resellers: quote.resellers.map((r) => ({ title: t.cards.resellerChoice(r.name, r.mpnId), mpnId: r.mpnId })),
    totalText: t.cards.total(formatMoney(quote.total, loc)),
    ...cartSavingsModel(quote.savings, quote.lines.length, t, loc),
    // A note the scope choice already says under its option is not said twice.
    notes: quote.notes
      .map((note) => ruleSentence(t, note))
      .filter((sentence) => !allowed.some((o) => o.note && ruleSentence(t, o.note) === sentence))
      .map((sentence) => ({ text: t.cards.note(sentence) })),
  });
}

// ---------------------------------------------------------------------------------------------------
// 4b. Approval request: the review as the buyer saw it, read-only, for a second agent (issue 17)

export interface ApprovalCardInput {
  quote: Quote;
  requestId: string;
  buyerName: string;
  /** When the request expires, formatted for the locale. */
  expires: string;
  locale?: string;
}

/**
 * The approver's card: the review's customer, subscription, lines, scope and total without its inputs,
 * with the review's savings, then a reason (needed to reject) and Approve / Reject.
 */
export function renderApprovalCard({ quote, requestId, buyerName, expires, locale }: ApprovalCardInput): Attachment {
  const { t, loc } = localeOf(locale);
  return attachment('approval', {
    locale: languageOf(loc),
    t: labels(t),
    requestId,
    requestedBy: t.cards.requestedBy(buyerName),
    customerName: quote.customer.companyName,
    subscriptionName: quote.subscription.friendlyName,
    lines: quote.lines.map((line) => ({
      ...rowModel(line, t, loc),
      quantityText: formatInteger(line.quantity, loc),
      billingText: t.names.billingCycles[line.billingCycle],
      lineTotal: formatMoney(line.lineTotal, loc),
      savingsText: savingsText(line.savings, t, loc),
    })),
    scopeText: `${t.cards.scope}: ${t.names.scopes[quote.scope]}`,
    totalText: t.cards.total(formatMoney(quote.total, loc)),
    ...cartSavingsModel(quote.savings, quote.lines.length, t, loc),
    expiresText: t.cards.expires(expires),
  });
}

// ---------------------------------------------------------------------------------------------------
// 5. Confirmation

export interface ConfirmationCardInput {
  result: CheckoutResult;
  customerName: string;
  /** Names of what the orders were bought under: subscription id → name, reseller MPN id → name. */
  names?: OrderNames;
  locale?: string;
}

export interface OrderNames {
  subscriptions: Record<string, string>;
  resellers: Record<string, string>;
}

const nameOf = (names: Record<string, string> | undefined, id: string) =>
  names && Object.prototype.hasOwnProperty.call(names, id) ? names[id]! : id;

/** One order as the confirmation and the history show it: what cannot be changed later, region and term in the card's language. */
function orderModel(order: Order, t: Catalogue, locale: string, names?: OrderNames, savings?: Savings[]) {
  const status = t.names.orderStatus[order.status] ?? order.status;
  const created = formatDateTime(order.creationDate, locale);
  const total = formatMinor(order.totalMinor, order.currencyCode, locale);
  const monthly = order.billingCycle === 'monthly';
  const reseller = order.lineItems.find((l) => l.partnerIdOnRecord)?.partnerIdOnRecord ?? '';
  const facts = [
    { title: t.cards.status, value: status },
    { title: t.cards.subscriptionLabel, value: nameOf(names?.subscriptions, order.subscriptionId) },
    { title: t.cards.scope, value: t.names.scopes[order.scope] ?? order.scope },
    ...(reseller ? [{ title: t.cards.resellerOfRecord, value: t.cards.resellerChoice(nameOf(names?.resellers, reseller), reseller) }] : []),
    { title: t.cards.billing, value: t.names.billingCycles[order.billingCycle] ?? order.billingCycle },
    { title: t.cards.created, value: created },
  ];
  return {
    id: order.id,
    status,
    billingCycle: t.names.billingCycles[order.billingCycle] ?? order.billingCycle,
    created,
    facts,
    summary: [created, status, total].join(t.cards.listSeparator),
    orderTotal: t.cards.orderTotal(total),
    lines: order.lineItems.map((l, i) => {
      const term = t.names.terms[l.termDuration] ?? l.termDuration;
      const region = t.names.region(l.armRegionName, l.armRegionName);
      const quantity = formatInteger(l.quantity, locale);
      const separator = i < order.lineItems.length - 1 ? t.cards.orderLineSeparator : '';
      const perMonth = monthly ? formatMinor(monthlyPayment(l.totalMinor, l.termDuration), order.currencyCode, locale) : '';
      const lineSavings = savings?.[i];
      return {
        friendlyName: l.friendlyName,
        summary: t.cards.orderLine(region, term, quantity, formatMinor(l.totalMinor, order.currencyCode, locale)),
        hasMonthly: monthly,
        monthly: perMonth ? t.cards.perMonth(perMonth) : '',
        hasSavings: lineSavings !== undefined,
        savings: lineSavings ? savingsText(lineSavings, t, locale) : '',
        text: t.cards.historyLine(quantity, l.friendlyName, region, term) + separator,
      };
    }),
  };
}

export function renderConfirmationCard({ result, customerName, names, locale }: ConfirmationCardInput): Attachment {
  const { t, loc } = localeOf(locale);
  const hasOrders = result.orders.length > 0;
  const lineCount = result.orders.reduce((n, o) => n + o.lineItems.length, 0);
  return attachment('confirmation', {
    locale: languageOf(loc),
    t: labels(t),
    placed: hasOrders && !result.replayed,
    replayed: result.replayed,
    nothingOrdered: !hasOrders && !result.replayed,
    customerName,
    orders: result.orders.map((o, i) => orderModel(o, t, loc, names, result.savings?.orders[i])),
    ...(result.savings ? cartSavingsModel(result.savings.total, lineCount, t, loc) : { hasCartSavings: false, cartSavingsText: '' }),
    hasErrors: result.orderErrors.length > 0,
    // The description is Partner Center's own text.
    errors: result.orderErrors.map((e) => ({ text: t.cards.orderError(e.description, e.code, e.orderGroupId) })),
    // Only web links: never a javascript: or other scheme in an OpenUrl action.
    hasPortalUrl: /^https:\/\//i.test(result.portalUrl),
    portalUrl: result.portalUrl,
  });
}

// ---------------------------------------------------------------------------------------------------
// 6. Order history

export interface OrderHistoryCardInput {
  /** One page of orders, newest first; the card lists them in the given order. */
  orders: Order[];
  /** Where this page sits among all the orders; without it the orders are all there are. */
  paging?: { page: number; pageSize: number; total: number };
  /** The customer the history is of, sent back by the page buttons (none: every customer). */
  customerId?: string;
  /** customerId → company name; the id is shown when missing. */
  customerNames: Record<string, string>;
  /** customerId → its reservations in the Azure portal, linked on each of its orders. */
  portalUrls?: Record<string, string>;
  title: string;
  locale?: string;
}

/** The history card's page buttons send this action with the page and the customer (dialogs/orderHistory.ts reads it). */
export const ORDERS_PAGE_ACTION = 'ordersPage';

export function renderOrderHistoryCard({ orders, paging, customerId, customerNames, portalUrls = {}, title, locale }: OrderHistoryCardInput): Attachment {
  const { t, loc } = localeOf(locale);
  const { page, pageSize, total } = paging ?? { page: 0, pageSize: Math.max(1, orders.length), total: orders.length };
  const first = page * pageSize;
  const pageData = (to: number) => ({ action: ORDERS_PAGE_ACTION, page: to, ...(customerId ? { customerId } : {}) });
  return attachment('orderHistory', {
    locale: languageOf(loc),
    t: labels(t),
    title,
    hasOrders: orders.length > 0,
    hasPages: total > orders.length,
    showing: t.cards.ordersShowing(formatInteger(first + 1, loc), formatInteger(first + orders.length, loc), formatInteger(total, loc)),
    hasPrevious: page > 0,
    previous: pageData(page - 1),
    hasNext: first + orders.length < total,
    next: pageData(page + 1),
    orders: orders.map((o) => {
      const portalUrl = Object.prototype.hasOwnProperty.call(portalUrls, o.customerId) ? portalUrls[o.customerId]! : '';
      return {
        ...orderModel(o, t, loc),
        customerName: Object.prototype.hasOwnProperty.call(customerNames, o.customerId) ? customerNames[o.customerId]! : o.customerId,
        hasPortalUrl: /^https:\/\//i.test(portalUrl),
        portalUrl,
      };
    }),
  });
}
