// Conversation tests as data, in the style of the Bot Framework core-bot sample: each case is a user and
// a list of [what the agent does, what the bot must answer] steps, run in order by runCase.
import assert from 'node:assert/strict';
import { PostgresStore } from '../../src/store/postgres/store';
import { newTestDatabase } from '../support/postgres';
import type { DialogTurnStatus } from 'botbuilder-dialogs';
import { Conversation, type ConversationOptions } from './conversation';
import { inputsOf, type Button } from '../support/cardClicks';
import type { Lang } from './lang';

/** What the agent does in one turn. */
export type Input =
  /** Typed text. */
  | string
  /** A click on the button titled `click` of the latest card (or of the card kept as `on`); `row` picks the row it sits in. */
  | { click: string | RegExp; inputs?: Record<string, string>; row?: RegExp; on?: string }
  /** A forged or replayed submit; it carries the latest card's nonce unless `value` has its own. */
  | { submit: Record<string, unknown> | ((c: Conversation) => Record<string, unknown>) }
  /** No turn: keeps the latest card under a name, to click it again later like an old card in the chat. */
  | { keep: string };

/**
 * What the bot must have answered in that turn. A string is one reply's exact text; a RegExp must match
 * everything the turn showed (message and card texts); a function asserts anything else.
 */
export type Check = string | RegExp | ((c: Conversation) => void) | Check[];

export type Step = [Input, Check];

export interface Case {
  name: string;
  /** The channel user id of a demo agent, e.g. "demo-anna", or of a user the directory does not know. */
  user: string;
  /** Emulator/demo mode (no app id), the default; false: production, where unknown users are refused. */
  demoMode?: boolean;
  /** Changes to this case's copy of the demo world, before the first turn. */
  setup?: (c: Conversation) => void;
  steps: Step[];
  /** The main dialog's state after the last turn. */
  status?: DialogTurnStatus;
  /** Checks of the store after the last turn. */
  store?: (c: Conversation) => void;
}

/** Everything the turn showed, for assertion messages. */
const shown = (c: Conversation) => (c.text.length > 3000 ? `${c.text.slice(0, 3000)}…` : c.text);

export function check(c: Conversation, expected: Check, where: string): void {
  if (Array.isArray(expected)) return expected.forEach((e) => check(c, e, where));
  if (typeof expected === 'function') return expected(c);
  if (typeof expected === 'string') {
    const texts = c.messageTexts;
    assert.ok(texts.includes(expected), `${where}, the bot should have said exactly\n  ${JSON.stringify(expected)}\nbut its replies were\n  ${texts.map((t) => JSON.stringify(t)).join('\n  ')}`);
    return;
  }
  assert.match(c.text, expected, `${where}, the bot should have shown ${expected}; it showed:\n${shown(c)}`);
}

/** The turn showed nothing matching `pattern`. */
export const not =
  (pattern: RegExp) =>
  (c: Conversation): void =>
    assert.doesNotMatch(c.text, pattern, `the bot should not have shown ${pattern}; it showed:\n${shown(c)}`);

/** Runs a case in `lang`: its activities carry that locale, and its expectations were built from that catalogue. */
/** The bot's store engines the conversation tables run on (issue 16: the same tables on both). */
export const engines = ['sqlite', 'postgres'] as const;
export type Engine = (typeof engines)[number];

/**
 * Runs a case on a new copy of the demo world. On PostgreSQL the purchase service runs on a new database of
 * the test server; its carts, lines and checkouts are then copied into the conversation's SQLite store, so
 * the case's store checks (after every step and at the end) read what PostgreSQL holds.
 */
export async function runCase(
  testCase: Case,
  lang: Lang,
  options: Omit<ConversationOptions, 'demoMode' | 'lang' | 'botStore'> & { engine?: Engine } = {},
): Promise<Conversation> {
  const { engine = 'sqlite', ...rest } = options;
  if (engine === 'sqlite') return runSteps(testCase, new Conversation(testCase.user, { demoMode: testCase.demoMode ?? true, lang, ...rest }));
  const postgres = await PostgresStore.open(await newTestDatabase());
  try {
    const c = new Conversation(testCase.user, { demoMode: testCase.demoMode ?? true, lang, ...rest, botStore: postgres });
    return await runSteps(testCase, c, () => copyBotTables(postgres, c));
  } finally {
    await postgres.close();
  }
}

/** Carts, their lines and the checkout journal as PostgreSQL holds them, in place of the SQLite store's. */
async function copyBotTables(from: PostgresStore, c: Conversation): Promise<void> {
  const db = c.store.db;
  for (const table of ['cart_lines', 'checkouts', 'carts']) db.prepare(`DELETE FROM ${table}`).run();
  for (const table of ['carts', 'cart_lines', 'checkouts']) {
    const columns = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((r) => r.name);
    const { rows: found } = await from.pool.query<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${table}`);
    const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const row of found) insert.run(...columns.map((name) => sqliteValue(row[name])));
  }
}

const sqliteValue = (v: unknown): unknown =>
  v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? Number(v) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v;

async function runSteps(testCase: Case, c: Conversation, beforeStoreChecks: () => Promise<void> = async () => undefined): Promise<Conversation> {
  testCase.setup?.(c);
  const kept = new Map<string, Record<string, unknown>>();
  for (const [index, [input, expected]] of testCase.steps.entries()) {
    const where = `step ${index + 1} (${describeInput(input)})`;
    if (typeof input === 'string') await c.say(input);
    else if ('keep' in input) {
      kept.set(input.keep, c.lastCard());
      continue;
    } else if ('click' in input) {
      const card = input.on ? kept.get(input.on) : c.lastCard();
      assert.ok(card, `${where}: no card kept as "${input.on}"`);
      const row = input.row;
      const pick = row ? (b: Button) => row.test(b.row ?? '') : undefined;
      await c.click(input.click, input.inputs, pick, card);
    } else {
      const value = typeof input.submit === 'function' ? input.submit(c) : input.submit;
      await c.submit('nonce' in value ? value : { ...value, nonce: c.nonce() });
    }
    await beforeStoreChecks();
    check(c, expected, where);
  }
  if (testCase.status) {
    assert.equal(c.client.dialogTurnResult?.status, testCase.status, `the main dialog should end the case ${testCase.status}`);
  }
  testCase.store?.(c);
  return c;
}

function describeInput(input: Input): string {
  if (typeof input === 'string') return `types "${input}"`;
  if ('keep' in input) return `keeps the card as "${input.keep}"`;
  if ('click' in input) return `clicks "${input.click}"${input.row ? ` in row ${input.row}` : ''}${input.on ? ` on the old "${input.on}" card` : ''}${input.inputs ? ` with ${JSON.stringify(input.inputs)}` : ''}`;
  return 'submits a forged value';
}

// ---- checks on the latest card and the store ------------------------------------------------------

/** The latest card's inputs have these values (what Teams would send with a click). */
export const cardInputs =
  (expected: Record<string, string>): Check =>
  (c) => {
    const actual = inputsOf(c.lastCard());
    for (const [id, value] of Object.entries(expected)) assert.equal(actual[id], value, `card input ${id}`);
  };
export const noCardInput =
  (id: string): Check =>
  (c) =>
    assert.ok(!(id in inputsOf(c.lastCard())), `the card has no input "${id}"; it has ${Object.keys(inputsOf(c.lastCard())).join(', ')}`);
export const cartLines =
  (expected: { quantity: number; billingCycle?: string }[]) =>
  (c: Conversation): void => {
    const actual = rows(c, 'SELECT quantity, billing_cycle AS billingCycle FROM cart_lines ORDER BY cart_id, id');
    assert.deepEqual(
      actual.map((l, i) => ({ quantity: l.quantity, billingCycle: expected[i]?.billingCycle === undefined ? undefined : l.billingCycle })),
      expected.map((l) => ({ quantity: l.quantity, billingCycle: l.billingCycle })),
      'the cart lines in the store',
    );
  };
/** Every order number of the store is shown as such on the confirmation card. */
export const orderNumbersShown: Check = (c) => {
  const ids = c.orderIds();
  assert.ok(ids.length > 0, 'an order was written');
  const label = c.lang.text('Order number', 'Ordernummer');
  for (const id of ids) assert.ok(c.text.includes(`${label}\n${id}\n`), `the confirmation shows ${label} ${id}:\n${c.text}`);
};

/** Exactly these order lines (with their order's header) were written; unlisted fields are not checked. */
export function expectOrders(c: Conversation, orders: number, lines: Record<string, unknown>[]): void {
  assert.equal(partnerCenterRows(c, 'SELECT id FROM orders').length, orders, `${orders} order(s) written`);
  const actual = orderLines(c);
  assert.equal(actual.length, lines.length, `${lines.length} order line(s) written`);
  lines.forEach((expected, i) => {
    for (const [key, value] of Object.entries(expected)) assert.equal(actual[i]![key], value, `order line ${i + 1}: ${key}`);
    assert.equal(actual[i]!.lineTotal, Number(actual[i]!.unitPrice) * Number(actual[i]!.quantity), `order line ${i + 1}: total = unit price × quantity`);
  });
  const totals = partnerCenterRows(c, 'SELECT o.total_minor AS total, SUM(l.total_minor) AS lines FROM orders o JOIN order_lines l ON l.order_id = o.id GROUP BY o.id');
  for (const t of totals) assert.equal(t.total, t.lines, 'each order total is the sum of its lines');
}

// ---- store queries ------------------------------------------------------------------------------

type Row = Record<string, unknown>;

/** Rows of the bot's store. */
export function rows(c: Conversation, sql: string, ...params: unknown[]): Row[] {
  return c.store.db.prepare(sql).all(...params) as Row[];
}

/** Rows of the embedded Partner Center's file. */
export function partnerCenterRows(c: Conversation, sql: string, ...params: unknown[]): Row[] {
  assert.ok(c.world, 'the conversation runs on the embedded Partner Center');
  return c.world.db.prepare(sql).all(...params) as Row[];
}

export function count(c: Conversation, table: 'cart_lines' | 'carts' | 'checkouts'): number {
  return (c.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

/** Nothing was ordered; `cartLines` lines wait in carts. */
export function nothingBought(c: Conversation, cartLines = 0): void {
  assert.equal(partnerCenterRows(c, 'SELECT id FROM orders').length, 0, 'no order was written');
  assert.equal(count(c, 'checkouts'), 0, 'no checkout was recorded');
  assert.equal(count(c, 'cart_lines'), cartLines, `${cartLines} line(s) wait in the cart`);
}

/** The catalog item id Partner Center sells for this size, region and term to a market and segment. */
export function catalogItemId(c: Conversation, q: { country: string; sku: string; region: string; term: 'P1Y' | 'P3Y'; segment?: string }): string {
  const [row] = partnerCenterRows(
    c,
    'SELECT catalog_item_id AS id FROM availabilities WHERE country = ? AND segment = ? AND arm_sku_name = ? AND arm_region_name = ? AND term = ?',
    q.country, q.segment ?? 'commercial', q.sku, q.region, q.term,
  ) as { id: string }[];
  assert.ok(row, `the demo catalog sells ${q.sku} in ${q.region} for ${q.term} in ${q.country}`);
  return row.id;
}

/** The order lines of all orders, with their order's header, in a stable order. */
export function orderLines(c: Conversation): Row[] {
  return partnerCenterRows(
    c,
    `SELECT o.id AS orderId, o.customer_id AS customerId, o.agent_id AS agentId, o.subscription_id AS subscriptionId,
            o.scope, o.billing_cycle AS billingCycle, o.currency_code AS currency, o.total_minor AS orderTotal,
            l.catalog_item_id AS catalogItemId, l.quantity, l.term_duration AS term, l.unit_price_minor AS unitPrice,
            l.total_minor AS lineTotal, l.partner_id_on_record AS reseller
       FROM orders o JOIN order_lines l ON l.order_id = o.id
      ORDER BY o.billing_cycle, l.line_item_number`,
  );
}
