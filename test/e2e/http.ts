// End-to-end helpers: the real server (startBot) on an ephemeral port over a temporary DATA_DIR, and a
// conversation that talks to it over HTTP like the Emulator (deliveryMode expectReplies by default).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import Database from 'better-sqlite3';
import { loadConfig, type Config } from '../../bot/config';
import { startBot, type BotParts, type RunningBot } from '../../bot/server';
import { Store } from '../../src/store/store';
import { cardsOf, cardText, clickValue, ITEM_BUTTON } from '../support/cardClicks';
import { FaultyPartnerCenter, parseFaultSpec } from '../support/faultyPartnerCenter';

type Json = Record<string, unknown>;

export interface TestBot {
  bot: RunningBot<Store>;
  config: Config;
  baseUrl: string;
  dataDir: string;
  /** Lines the server logged (onTurnError reports land here). */
  logs: string[];
  /** Closes the server and the database; the DATA_DIR stays (for a restart). */
  stop(): Promise<void>;
}

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-e2e-'));
}

export function removeDataDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Starts the real server in demo mode (no MicrosoftAppId) on an ephemeral port. */
/**
 * A fresh bot on a fresh DATA_DIR for every test of the enclosing suite (or, with `once`, one for the
 * whole suite), handed to `use` when it has started.
 */
export function eachTestBot(
  use: (bot: TestBot, dataDir: string) => void,
  options: { env?: Record<string, string>; once?: boolean } = {},
): void {
  let dataDir = '';
  let bot: TestBot | undefined;
  const [setUp, tearDown] = options.once ? [before, after] : [beforeEach, afterEach];
  setUp(async function () {
    dataDir = makeDataDir();
    bot = await startTestBot(dataDir, options.env);
    use(bot, dataDir);
  });
  tearDown(async function () {
    await bot?.stop();
    removeDataDir(dataDir);
  });
}

/** `faults`: Partner Center faults the gateway meets, e.g. "checkout=429:1,500,ok" (../support/faultyPartnerCenter.ts). */
export async function startTestBot(dataDir: string, env: Record<string, string> = {}, { faults = '' } = {}): Promise<TestBot> {
  const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ...env });
  assert.equal(config.demoMode, true, 'the e2e tests run the bot in demo mode');
  const scripts = parseFaultSpec(faults);
  return startConfiguredBot(config, dataDir, faults ? { decorateGateway: (gateway) => new FaultyPartnerCenter(gateway, scripts) } : {});
}

/** The real server on `config` (an ephemeral port), its log lines kept, stoppable once. */
export async function startConfiguredBot(config: Config, dataDir: string, parts: BotParts = {}): Promise<TestBot> {
  const logs: string[] = [];
  const running = await startBot(config, (line) => logs.push(line), parts);
  // These tests read the SQLite file the bot writes (DATABASE_URL is not set here).
  assert.ok(running.store instanceof Store, 'the test bot runs on SQLite');
  const bot = running as RunningBot<Store>;
  let stopped = false;
  return {
    bot,
    config,
    baseUrl: `http://127.0.0.1:${bot.port}`,
    dataDir,
    logs,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await bot.close();
    },
  };
}

export interface PostResult {
  status: number;
  text: string;
  json: Json | undefined;
}

/** POSTs a raw body (string) or an object (as JSON) to /api/messages. */
export async function postMessages(baseUrl: string, body: string | object, headers: Record<string, string> = {}): Promise<PostResult> {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json: Json | undefined;
  try {
    json = text ? (JSON.parse(text) as Json) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

export async function health(baseUrl: string): Promise<number> {
  const res = await fetch(`${baseUrl}/health`);
  await res.text();
  return res.status;
}

export interface Reply {
  status: number;
  activities: Partial<Activity>[];
}

let conversationCounter = 0;

/**
 * One Emulator conversation with the bot. Every activity gets a fresh id unless one is given, and asks
 * for the replies in the response body (deliveryMode expectReplies).
 */
export class Conversation {
  readonly id: string;
  private n = 0;
  /** The replies of the last turn. */
  last: Partial<Activity>[] = [];

  constructor(
    public baseUrl: string,
    readonly from = 'demo-anna',
    id?: string,
  ) {
    this.id = id ?? `e2e-${process.pid}-${Date.now()}-${++conversationCounter}`;
  }

  /** The activity a user's message or click would be, without sending it. */
  activity(input: { text?: string; value?: Json }, extra: Json = {}): Json {
    return {
      type: 'message',
      id: `act-${++this.n}`,
      timestamp: new Date().toISOString(),
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9', // never called with expectReplies
      from: { id: this.from, name: this.from },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: this.id },
      deliveryMode: 'expectReplies',
      locale: 'en-US',
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.value !== undefined ? { value: input.value } : {}),
      ...extra,
    };
  }

  /** Sends an activity and returns the replies the bot put in the response body. */
  async sendActivity(activity: Json): Promise<Reply> {
    const res = await postMessages(this.baseUrl, activity);
    assert.equal(res.status, 200, `POST /api/messages answered ${res.status}: ${res.text.slice(0, 500)}`);
    const activities = (res.json?.activities ?? []) as Partial<Activity>[];
    assert.ok(Array.isArray(activities), `expectReplies body has no activities array: ${res.text.slice(0, 500)}`);
    this.last = activities;
    return { status: res.status, activities };
  }

  async say(text: string): Promise<Partial<Activity>[]> {
    return (await this.sendActivity(this.activity({ text }))).activities;
  }

  async submit(value: Json): Promise<Partial<Activity>[]> {
    return (await this.sendActivity(this.activity({ value }))).activities;
  }

  /** Clicks the button titled `title` on the latest card of the last turn (that has such a button). */
  async click(title: string | RegExp, typed: Record<string, string> = {}, pick?: Parameters<typeof clickValue>[3]): Promise<Partial<Activity>[]> {
    return this.submit(this.clickValueOnLastCard(title, typed, pick));
  }

  clickValueOnLastCard(title: string | RegExp, typed: Record<string, string> = {}, pick?: Parameters<typeof clickValue>[3]): Json {
    const card = lastCard(this.last);
    assert.ok(card, `no card in the last replies: ${transcript(this.last).slice(0, 2000)}`);
    return clickValue(card, title, typed, pick);
  }
}

/** The last Adaptive Card among replies. */
export function lastCard(activities: Partial<Activity>[]): Json | undefined {
  const cards = activities.flatMap((a) => cardsOf(a));
  return cards[cards.length - 1];
}

/** Every text of the replies, message texts and card texts, for matching and for assert messages. */
export function transcript(activities: Partial<Activity>[]): string {
  return activities
    .map((a) => [a.text ?? '', ...cardsOf(a).map((c) => cardText(c))].filter(Boolean).join('\n'))
    .join('\n---\n');
}

/** The tables of the embedded Partner Center's own file; every other table is in the bot's store. */
const partnerCenterTables = new Set(['resellers', 'customers', 'subscriptions', 'reservation_types', 'products', 'skus', 'availabilities', 'inventory_restrictions', 'orders', 'order_lines']);

/** The connection of the running bot that holds `table`: its store's, or the embedded Partner Center's. */
export function dbOf(bot: TestBot | RunningBot<Store>, table: string): Database.Database {
  const running = 'bot' in bot ? bot.bot : bot;
  return partnerCenterTables.has(table) ? running.partnerCenter!.db : running.store.db;
}

export function count(bot: TestBot | RunningBot<Store>, table: string, where = '', ...args: unknown[]): number {
  return (dbOf(bot, table).prepare(`SELECT COUNT(*) AS n FROM ${table} ${where}`).get(...args) as { n: number }).n;
}

/** Runs `read` on one read-only connection to both files (the store, the embedded Partner Center's attached): a check may join them. */
export function readBoth<T>(t: TestBot, read: (db: Database.Database) => T): T {
  const db = new Database(t.config.databaseFile, { readonly: true, fileMustExist: true });
  try {
    db.prepare('ATTACH DATABASE ? AS partner_center').run(t.config.partnerCenterDatabaseFile);
    return read(db);
  } finally {
    db.close();
  }
}

/** Row counts of the tables a purchase writes. */
export function writeCounts(bot: TestBot): Record<string, number> {
  return Object.fromEntries(['orders', 'order_lines', 'carts', 'cart_lines', 'checkouts'].map((t) => [t, count(bot, t)]));
}

/** Undoes escapeMarkdown (cards/format.ts) for a value read from a TextBlock or a Fact. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_~[\]#<>|{}\-+=.)])/g, '$1');
}

/** The order numbers the confirmation cards of these replies show, as the agent reads them. */
export function orderNumbersOf(activities: Partial<Activity>[]): string[] {
  const numbers: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Json;
      if (n.title === 'Order number' && typeof n.value === 'string') numbers.push(unescapeMarkdown(n.value));
      Object.values(n).forEach(walk);
    }
  };
  activities.flatMap((a) => cardsOf(a)).forEach(walk);
  return numbers;
}

export const CONTOSO_RETAIL = 'Contoso Retail B.V.';
export const CONTOSO_RETAIL_PRODUCTION = 'Contoso Retail Production';
export const VIRTUAL_MACHINES = 'Virtual machines';

/**
 * As demo-anna: "buy" → Contoso Retail → Commercial → virtual machines → Production → the first item
 * → quantity → review, every answer a click on the card of the previous reply. Returns the cart id
 * the review card's Buy carries and the review card.
 */
export async function driveToReview(conv: Conversation, quantity = '2'): Promise<{ cartId: string; review: Json; catalogItemId: string }> {
  const expect = (pattern: RegExp, step: string) =>
    assert.match(transcript(conv.last), pattern, `${step}: unexpected replies:\n${transcript(conv.last).slice(0, 2000)}`);
  await conv.say('buy');
  expect(/Which customer are you buying for\?/, 'buy');
  await conv.click(CONTOSO_RETAIL);
  expect(/✓ Customer: Contoso Retail B\.V\./, 'customer');
  expect(/Which segment\?/, 'customer');
  await conv.click('Commercial');
  expect(/Which type of reservation\?/, 'segment');
  await conv.click(VIRTUAL_MACHINES);
  expect(/Azure subscriptions should the reservation be tied to\?/, 'reservation type');
  await conv.click(CONTOSO_RETAIL_PRODUCTION);
  expect(/✓ Subscription: Contoso Retail Production/, 'subscription');
  const select = conv.clickValueOnLastCard(ITEM_BUTTON);
  const catalogItemId = String(select.catalogItemId);
  await conv.submit(select);
  expect(/How many /, 'item');
  await conv.click('Add to cart', { quantity });
  expect(/Added to the cart: /, 'quantity');
  await conv.click('Review the cart');
  expect(/Review your order/, 'next');
  const review = lastCard(conv.last);
  assert.ok(review, 'the review step shows a card');
  const buy = clickValue(review, 'Buy');
  assert.equal(typeof buy.cartId, 'string', `the Buy button carries the cart id: ${JSON.stringify(buy)}`);
  return { cartId: buy.cartId as string, review, catalogItemId };
}
