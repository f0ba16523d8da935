// kill -9 during checkout, against the real server process (node --import tsx bot/index.ts): after a
// restart on the same DATA_DIR there is exactly zero or one order for the cart, and the conversation says
// which when the agent clicks Buy again. The faulty gateway (test/support/faultyBot.ts) holds the checkout at a
// known point: before the order is made (slow:…) or after it is committed, before the answer (commit+slow:…).
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { startServerProcess } from '../support/botProcess';
import { ledgerProblems } from '../../src/store/ledgerCheck';
import { LocalPartnerCenter } from '../../src/partnerCenter/local';
import { Conversation, driveToReview, makeDataDir, orderNumbersOf, removeDataDir, transcript } from './http';

type Server = Awaited<ReturnType<typeof startServerProcess>>;

describe('e2e: the server killed (SIGKILL) during checkout', function () {
  this.timeout(90_000);
  let dataDir: string;
  let server: Server | undefined;

  before(() => {
    dataDir = makeDataDir();
  });
  after(async () => {
    await server?.stop();
    removeDataDir(dataDir);
  });

  /** Reads a file as it is on disk (a fresh read-only connection each time): the bot's store or the embedded Partner Center's. */
  function read<T>(sql: string, ...args: unknown[]): T[] {
    return readFrom<T>('reservations.db', sql, ...args);
  }
  function readFrom<T>(file: string, sql: string, ...args: unknown[]): T[] {
    const db = new Database(`${dataDir}/${file}`, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...args) as T[];
    } finally {
      db.close();
    }
  }
  const ordersOf = (cartId: string) =>
    readFrom<{ id: string }>('partner-center.db', 'SELECT id FROM orders WHERE cart_id = ? ORDER BY id', cartId).map((o) => o.id);
  async function until(what: string, test: () => boolean) {
    const started = Date.now();
    while (!test()) {
      assert.ok(Date.now() - started < 15_000, `timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  async function kill9(s: Server) {
    const exited = new Promise((resolve) => s.child.once('exit', (_code, signal) => resolve(signal)));
    s.child.kill('SIGKILL');
    assert.equal(await exited, 'SIGKILL', 'the server died of SIGKILL');
  }

  it('killed before the order is made: zero orders; Buy again after the restart buys once and says so. Killed after the commit: one order; Buy again says it was already bought, with its number', async function () {
    // Run 1: the checkout waits 60 s before reaching Partner Center; the server is killed in that wait.
    server = await startServerProcess(dataDir, { faults: 'checkout=slow:60000' });
    const a = new Conversation(server.baseUrl, 'demo-anna');
    const b = new Conversation(server.baseUrl, 'demo-gijs');
    const cartA = (await driveToReview(a, '2')).cartId;
    const buyA = a.clickValueOnLastCard('Buy');
    const cartB = (await driveToReview(b, '1')).cartId;
    const buyB = b.clickValueOnLastCard('Buy');
    const lostA = a.submit(buyA).then(() => 'answered', () => 'no answer');
    await until('the checkout of cart A to start', () => read('SELECT 1 FROM audit_events WHERE cart_id = ? AND type = ?', cartA, 'checkout.attempt').length > 0);
    await kill9(server);
    assert.equal(await lostA, 'no answer', 'the Buy of A got no answer');
    assert.deepEqual(ordersOf(cartA), [], 'killed before the order was made: zero orders for A');

    // Run 2: A is bought normally; B's checkout commits, then waits 60 s before answering: killed there.
    server = await startServerProcess(dataDir, { faults: 'checkout=ok,commit+slow:60000' });
    a.baseUrl = server.baseUrl;
    b.baseUrl = server.baseUrl;
    const saidA = await a.submit(buyA);
    assert.match(transcript(saidA), /^Order placed$/m, `after the restart A's Buy places the order:\n${transcript(saidA)}`);
    assert.equal(ordersOf(cartA).length, 1, 'one order for A');
    assert.deepEqual(orderNumbersOf(saidA), ordersOf(cartA), 'A is shown its order number');
    const lostB = b.submit(buyB).then(() => 'answered', () => 'no answer');
    await until('the order of cart B to be committed', () => ordersOf(cartB).length > 0);
    await kill9(server);
    assert.equal(await lostB, 'no answer', 'the Buy of B got no answer');
    assert.equal(ordersOf(cartB).length, 1, 'killed after the commit: one order for B');

    // Run 3: no faults. B clicks Buy again: told it was bought, with the number; nothing new is bought.
    server = await startServerProcess(dataDir);
    a.baseUrl = server.baseUrl;
    b.baseUrl = server.baseUrl;
    const saidB = await b.submit(buyB);
    assert.match(transcript(saidB), /already bought/, `B is told the cart was already bought:\n${transcript(saidB)}`);
    assert.deepEqual(orderNumbersOf(saidB), ordersOf(cartB), 'with its order number');
    const againA = await a.submit(buyA);
    assert.match(transcript(againA), /already bought/, `A's Buy clicked once more says already bought:\n${transcript(againA)}`);
    assert.equal(ordersOf(cartA).length, 1, 'still one order for A');
    assert.equal(ordersOf(cartB).length, 1, 'still one order for B');
    const db = new Database(`${dataDir}/reservations.db`, { readonly: true });
    const partnerCenter = new LocalPartnerCenter(new Database(`${dataDir}/partner-center.db`, { readonly: true }));
    try {
      assert.deepEqual(ledgerProblems(db, partnerCenter.orders.idsByRequest()), [], 'the journal agrees with Partner Center after two kills');
      assert.deepEqual(partnerCenter.orders.problems(), [], 'and every order is whole');
    } finally {
      db.close();
      partnerCenter.close();
    }
    assert.deepEqual(server.logs.filter((l) => l.includes('[onTurnError]')), [], 'no turn failed after the restart');
  });
});
