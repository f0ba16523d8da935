// End to end with PARTNER_CENTER=rest: the real server, configured from the environment as a partner
// would, buys through the local test Partner Center over HTTPS (signing in at its token endpoint). The
// order is Partner Center's: the bot's checkout journal names it, and the checkout's MS-RequestId is the cart id.
import assert from 'node:assert/strict';
import { loadConfig } from '../../bot/config';
import { startBot } from '../../bot/server';
import { demoPartners } from '../../src/store/demoIds';
import { TestPartnerCenter } from '../support/partnerCenterServer';
import { restEnv } from '../support/restGateway';
import { Conversation, driveToReview, makeDataDir, orderNumbersOf, removeDataDir, startTestBot, transcript, type TestBot } from './http';

describe('e2e: PARTNER_CENTER=rest', function () {
  let pc: TestPartnerCenter;
  let dataDir: string;
  let t: TestBot | undefined;

  beforeEach(async () => {
    pc = await TestPartnerCenter.start();
    dataDir = makeDataDir();
  });
  afterEach(async () => {
    await t?.stop();
    t = undefined;
    await pc.close();
    pc.world.close();
    removeDataDir(dataDir);
  });

  it('buys through the Partner Center REST API: the order number is Partner Center’s, bought once', async () => {
    t = await startTestBot(dataDir, restEnv(pc, demoPartners.contosoNl));
    assert.equal(t.config.partnerCenter.mode, 'rest');
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId } = await driveToReview(conv, '2');
    await conv.click('Buy');
    const checkouts = pc.calls('POST', /\/carts\/[^/]+\/checkout$/);
    assert.equal(checkouts.length, 1, `one checkout: ${transcript(conv.last).slice(0, 1500)}`);
    assert.equal(checkouts[0]!.headers['ms-requestid'], cartId, 'MS-RequestId is the cart id');
    const numbers = orderNumbersOf(conv.last);
    assert.equal(numbers.length, 1, `the confirmation names one order: ${transcript(conv.last).slice(0, 1500)}`);
    assert.deepEqual(t.bot.store.journal.orderIds(cartId), numbers, 'the bot’s journal names Partner Center’s order');
    assert.ok(t.logs.some((l) => /\[partner-center\] checkout POST .* → 201/.test(l)), 'the checkout is logged');
    assert.ok(pc.requests.every((r) => r.headers['x-locale'] === 'en-US'), 'X-Locale from the activity');
    assert.equal(pc.tokenRequests.length, 1, 'signed in once');
  });

  it('refuses to start with PARTNER_CENTER=rest and a partner id the directory does not have', async () => {
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, ...restEnv(pc, demoPartners.contosoNl), PARTNER_CENTER_PARTNER_ID: 'partner-unknown' });
    await assert.rejects(startBot(config, () => undefined), /PARTNER_CENTER_PARTNER_ID=partner-unknown: no partner with this id/);
  });
});
