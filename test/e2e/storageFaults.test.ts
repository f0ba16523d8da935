// The bot's SQLite file failing under a turn: busy (another process holds the write lock), read-only and
// full. The agent gets a clear message, the turn fails without half-written rows, and the conversation
// keeps its place: sending the same answer again once the fault is gone goes on from there. The embedded
// Partner Center's own file stays healthy: an order it has placed stands, and the agent is told so.
import assert from 'node:assert/strict';
import { ITEM_BUTTON } from '../support/cardClicks';
import { spawn, type ChildProcess } from 'node:child_process';
import { ledgerProblems } from '../../src/store/ledgerCheck';
import {
  Conversation,
  CONTOSO_RETAIL,
  CONTOSO_RETAIL_PRODUCTION,
  VIRTUAL_MACHINES,
  driveToReview,
  makeDataDir,
  orderNumbersOf,
  removeDataDir,
  startTestBot,
  transcript,
  type TestBot,
} from './http';

/** A second process that takes the write lock of `file` (BEGIN IMMEDIATE) and keeps it until released. */
async function holdWriteLock(file: string): Promise<{ release(): Promise<void> }> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return {
    release: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.stdin!.write('release\n');
      }),
  };
}

/** Everything a purchase writes, and the conversation's saved state: a failed turn must change none of it. */
function snapshot(t: TestBot) {
  const db = t.bot.store.db;
  const n = (table: string, of = db) => (of.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    counts: {
      ...Object.fromEntries(['carts', 'cart_lines', 'checkouts', 'audit_events'].map((table) => [table, n(table)])),
      ...Object.fromEntries(['orders', 'order_lines'].map((table) => [table, n(table, t.bot.partnerCenter!.db)])),
    },
    lines: db.prepare('SELECT cart_id, id, catalog_item_id, quantity, billing_cycle FROM cart_lines ORDER BY cart_id, id').all(),
    state: db.prepare('SELECT key, etag FROM bot_state ORDER BY key').all(),
  };
}

/** The orders Partner Center holds for a cart. */
const ordersOfCart = (t: TestBot, cartId: string) =>
  (t.bot.partnerCenter!.db.prepare('SELECT id FROM orders WHERE cart_id = ?').all(cartId) as { id: string }[]).map((o) => o.id);
const ledgerOf = (t: TestBot) => ledgerProblems(t.bot.store.db, t.bot.partnerCenter!.orders.idsByRequest());

const storageErrors = (t: TestBot, kind: string) => t.logs.filter((l) => l.includes(`[onTurnError]`) && l.includes(`(storage ${kind})`));

/** "buy" → … → the quantity question, as demo-anna; returns the value of the "Add to cart" click. */
async function driveToQuantity(conv: Conversation) {
  await conv.say('buy');
  await conv.click(CONTOSO_RETAIL);
  await conv.click('Commercial');
  await conv.click(VIRTUAL_MACHINES);
  await conv.click(CONTOSO_RETAIL_PRODUCTION);
  await conv.click(ITEM_BUTTON);
  assert.match(transcript(conv.last), /How many /, `at the quantity question:\n${transcript(conv.last)}`);
  return conv.clickValueOnLastCard('Add to cart', { quantity: '2' });
}

describe('e2e: storage faults under a turn', function () {
  let dataDir: string;
  let t: TestBot;

  beforeEach(async function () {
    dataDir = makeDataDir();
    // A short busy timeout keeps the test fast; production waits 5 s for a lock.
    t = await startTestBot(dataDir, { DB_BUSY_TIMEOUT_MS: '100' });
  });
  afterEach(async function () {
    await t?.stop();
    removeDataDir(dataDir);
  });

  it('busy at Buy: told the database is busy and nothing was bought; Buy again once it is free buys once', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId } = await driveToReview(conv, '2');
    const buy = conv.clickValueOnLastCard('Buy');
    const before = snapshot(t);
    const lock = await holdWriteLock(t.config.databaseFile);
    let said: string;
    try {
      said = transcript(await conv.submit(buy));
    } finally {
      await lock.release();
    }
    assert.match(said, /I could not save that step: the bot's database is busy \(another process is holding it\)\. Nothing was bought, and your conversation is still where it was before your last message\. Send your last message again in a moment\./, `a clear message:\n${said}`);
    assert.deepEqual(snapshot(t), before, 'the failed turn wrote nothing: no cart, line, checkout, order, audit event or state change');
    assert.equal(storageErrors(t, 'busy').length, 1, `logged as a storage fault: ${t.logs.join('\n')}`);

    const again = await conv.submit(buy);
    assert.match(transcript(again), /^Order placed$/m, `the same Buy works once the lock is gone:\n${transcript(again)}`);
    const orders = ordersOfCart(t, cartId);
    assert.equal(orders.length, 1, 'one order');
    assert.deepEqual(orderNumbersOf(again), orders, 'the confirmation shows it');
    assert.deepEqual(ledgerOf(t), [], 'the ledger is consistent');
  });

  it('busy after the order was placed, before the conversation is saved: told the order stands, with its number; Buy again shows it', async function () {
    await t.stop();
    // The checkout commits, then its answer takes 1.5 s: time to take the lock before the turn saves its state.
    t = await startTestBot(dataDir, { DB_BUSY_TIMEOUT_MS: '100' }, { faults: 'checkout=commit+slow:1500' });
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId } = await driveToReview(conv, '2');
    const buy = conv.clickValueOnLastCard('Buy');
    const ordersOf = () => ordersOfCart(t, cartId);
    const pending = conv.submit(buy);
    // The commit comes first in the turn; each look at the store lets the server's I/O run in between.
    while (ordersOf().length === 0) await new Promise((resolve) => setImmediate(resolve));
    const orders = ordersOf();
    assert.equal(orders.length, 1, 'the checkout committed its order');
    const lock = await holdWriteLock(t.config.databaseFile);
    let replies: Awaited<typeof pending>;
    try {
      replies = await pending;
    } finally {
      await lock.release();
    }
    const said = transcript(replies);
    assert.match(said, /^Order placed$/m, `the confirmation was sent:
${said}`);
    assert.deepEqual(orderNumbersOf(replies), orders, 'with the order number');
    assert.match(said, new RegExp(`I could not save the conversation: the bot's database is busy .*Your order is placed all the same \\(order number ${orders[0]!.replace(/[-_]/g, '.')}\\)`), `the fault message says the order stands:\n${said}`);
    assert.doesNotMatch(said, /Nothing was bought/, 'and never that nothing was bought');
    assert.equal(storageErrors(t, 'busy').length, 1, 'the state save failed as busy');
    // The conversation was not saved past the review: Buy again shows the same order, buys nothing.
    const again = await conv.submit(buy);
    assert.match(transcript(again), /already bought/, `Buy again says it was already bought:\n${transcript(again)}`);
    assert.deepEqual(orderNumbersOf(again), orders, 'with the same order number');
    assert.deepEqual(ordersOf(), orders, 'still one order');
    assert.deepEqual(ledgerOf(t), [], 'the ledger is consistent: Buy again recorded the order in the journal');
  });

  it('busy at "Add to cart": no line is added; the same answer again adds it once', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const addToCart = await driveToQuantity(conv);
    const before = snapshot(t);
    const lock = await holdWriteLock(t.config.databaseFile);
    let said: string;
    try {
      said = transcript(await conv.submit(addToCart));
    } finally {
      await lock.release();
    }
    assert.match(said, /database is busy/, `told the database is busy:\n${said}`);
    assert.deepEqual(snapshot(t), before, 'nothing written');
    const again = transcript(await conv.submit(addToCart));
    assert.match(again, /Added to the cart: 2 × /, `the same click adds the line:\n${again}`);
    assert.equal(snapshot(t).counts.cart_lines, before.counts.cart_lines + 1, 'exactly one line');
  });

  it('read-only at Buy: told so, nothing written; once writable, Buy buys once', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId } = await driveToReview(conv, '1');
    const buy = conv.clickValueOnLastCard('Buy');
    const before = snapshot(t);
    // What a read-only file or mount does to the connection: every write fails with SQLITE_READONLY.
    t.bot.store.db.pragma('query_only = ON');
    let said: string;
    try {
      said = transcript(await conv.submit(buy));
    } finally {
      t.bot.store.db.pragma('query_only = OFF');
    }
    assert.match(said, /the bot's database is read-only right now\. Nothing was bought, and your conversation is still where it was/, `a clear message:\n${said}`);
    assert.match(said, /once an administrator has made the database writable/, `and what to do:\n${said}`);
    assert.deepEqual(snapshot(t), before, 'nothing written');
    assert.equal(storageErrors(t, 'readonly').length, 1, 'logged as a storage fault');
    assert.match(transcript(await conv.submit(buy)), /^Order placed$/m, 'Buy works once writable');
    assert.equal(ordersOfCart(t, cartId).length, 1, 'one order');
  });

  it('full at every step of a purchase: each turn either completes or says the database is full; no half-written rows; the purchase completes once there is room', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const db = t.bot.store.db;
    // No room to grow: every write that needs a new page fails with SQLITE_FULL.
    const fill = () => db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
    const room = () => db.pragma('max_page_count = 1073741823');
    const steps: (() => Promise<unknown>)[] = [
      () => conv.say('buy'),
      () => conv.click(CONTOSO_RETAIL),
      () => conv.click('Commercial'),
      () => conv.click(VIRTUAL_MACHINES),
      () => conv.click(CONTOSO_RETAIL_PRODUCTION),
      () => conv.click(ITEM_BUTTON),
      () => conv.click('Add to cart', { quantity: '3' }),
      () => conv.click('Review the cart'),
      () => conv.click('Buy'),
    ];
    let full = 0;
    let placedWhileFull = false;
    for (const step of steps) {
      const last = conv.last;
      fill();
      await step();
      room();
      const said = transcript(conv.last);
      if (/database is full/.test(said)) {
        full++;
        conv.last = last; // click the same card again, as the agent would
        if (/Your order is placed all the same/.test(said)) {
          // Partner Center placed the order before the bot's file was found full: the agent is told it
          // stands, and Buy again shows it (and the journal records it).
          placedWhileFull = true;
          await step();
          assert.match(transcript(conv.last), /already bought/, `Buy again says it was bought:\n${transcript(conv.last)}`);
          continue;
        }
        assert.match(said, /Nothing was bought, and your conversation is still where it was before your last message/, `a clear message:\n${said}`);
        assert.deepEqual(ledgerOf(t), [], 'no half-written rows after the failed turn');
        await step();
      }
      assert.doesNotMatch(transcript(conv.last), /database is full|went wrong/, `the step completes once there is room:\n${transcript(conv.last)}`);
    }
    assert.ok(full >= 1, `at least one turn met the full database (${full})`);
    if (!placedWhileFull) assert.match(transcript(conv.last), /^Order placed$/m, 'the purchase completes');
    assert.equal((t.bot.partnerCenter!.db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n, 1, 'one order');
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM cart_lines').get() as { n: number }).n, 1, 'one cart line');
    assert.deepEqual(ledgerOf(t), [], 'the ledger is consistent');
  });
});
