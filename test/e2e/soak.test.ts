// The soak, short: 10 concurrent purchase conversations for 10 seconds with double-submit storms on Buy,
// against the real server over HTTP; then the ledger check. The long run is `npm run soak` (./soak.ts).
import assert from 'node:assert/strict';
import { formatReport, runSoak } from './soak';
import { makeDataDir, removeDataDir, startTestBot, type TestBot } from './http';

describe('e2e: soak (short)', function () {
  this.timeout(60_000);
  let dataDir: string;
  let t: TestBot | undefined;

  beforeEach(() => {
    dataDir = makeDataDir();
  });
  afterEach(async () => {
    await t?.stop();
    t = undefined;
    removeDataDir(dataDir);
  });

  it('10 conversations for 10 s: every confirmed order exists exactly once, none unconfirmed, no 5xx', async function () {
    t = await startTestBot(dataDir);
    const report = await runSoak({
      conversations: 10,
      seconds: 10,
      baseUrl: t.baseUrl,
      databaseFile: t.config.databaseFile,
      partnerCenterDatabaseFile: t.config.partnerCenterDatabaseFile,
      serverLog: () => t!.logs,
    });
    const text = formatReport(report);
    assert.ok(report.conversations >= 10, `at least one purchase per conversation:\n${text}`);
    assert.ok(report.storms > 0, `some Buy storms happened:\n${text}`);
    assert.ok(report.ordersConfirmed > 0, `orders were confirmed:\n${text}`);
    assert.equal(report.errors.http5xx, 0, `no 5xx:\n${text}`);
    assert.deepEqual(report.errors, { http5xx: 0, httpOther: 0, network: 0, unexpectedReplies: 0, failedTurns: 0 }, `no errors:\n${text}`);
    assert.equal(report.duplicates, 0, `no duplicates:\n${text}`);
    assert.equal(report.confirmedButMissing, 0, `every confirmed order is in the ledger:\n${text}`);
    assert.equal(report.inLedgerButNotConfirmed, 0, `no order the bot did not confirm:\n${text}`);
    assert.equal(report.ordersInLedger, report.ordersConfirmed, `the ledger holds exactly the confirmed orders:\n${text}`);
    assert.deepEqual(report.ledgerProblems, [], `the ledger is consistent:\n${text}`);
    assert.ok(report.ok, text);
  });

  it('with random Partner Center faults on checkout (429, 500, timeouts, lost answers): still never a duplicate or an unconfirmed order', async function () {
    t = await startTestBot(dataDir, {}, { faults: 'checkout=random:0.3/429:0|500|timeout|commit+timeout' });
    const report = await runSoak({
      conversations: 5,
      seconds: 4,
      storm: 3,
      seed: 2,
      baseUrl: t.baseUrl,
      databaseFile: t.config.databaseFile,
      partnerCenterDatabaseFile: t.config.partnerCenterDatabaseFile,
      serverLog: () => t!.logs,
    });
    const text = formatReport(report);
    assert.ok(report.ordersConfirmed > 0, `orders were confirmed:\n${text}`);
    assert.equal(report.errors.http5xx, 0, `no 5xx:\n${text}`);
    assert.equal(report.errors.failedTurns, 0, `no failed turn:\n${text}`);
    assert.equal(report.duplicates, 0, `no duplicates:\n${text}`);
    assert.equal(report.confirmedButMissing, 0, `every confirmed order is in the ledger:\n${text}`);
    assert.equal(report.inLedgerButNotConfirmed, 0, `no order the bot did not confirm (outside outcomes it called unknown):\n${text}`);
    assert.deepEqual(report.ledgerProblems, [], `the ledger is consistent:\n${text}`);
  });
});
