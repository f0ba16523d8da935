// Follow-ups through the real server: the agent buys over HTTP, the clock moves on, one follow-up tick
// runs, and the notice is posted to the serviceUrl of the conversation the agent bought in (an
// Emulator-style connector), in the language the agent last wrote there.
import assert from 'node:assert/strict';
import { loadConfig } from '../../bot/config';
import { startChannel } from '../support/fakeChannel';
import { Conversation, driveToReview, makeDataDir, removeDataDir, startConfiguredBot, type TestBot } from './http';
import { clickValue } from '../support/cardClicks';

describe('e2e: follow-ups in the conversation where the agent bought', function () {
  let t: TestBot;
  let dataDir: string;
  let channel: Awaited<ReturnType<typeof startChannel>>;
  let now = new Date();
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

  beforeEach(async () => {
    now = new Date();
    dataDir = makeDataDir();
    // The interval timer is off: the test runs the tick itself, with the bot's clock moved on.
    const config = loadConfig({ PORT: '0', DATA_DIR: dataDir, FOLLOW_UP_INTERVAL_MS: '0' });
    t = await startConfiguredBot(config, dataDir, { clock: () => now });
    channel = await startChannel();
  });
  afterEach(async () => {
    await channel?.close();
    await t?.stop();
    removeDataDir(dataDir);
  });

  for (const [locale, expected] of [
    ['en-US', (order: string) => `Order ${order} for Contoso Retail B.V. is complete: Partner Center has provisioned 2 × Reserved VM Instance, Standard\\_DS1\\_v2, West Europe, 1 Year.`],
    ['nl-NL', (order: string) => `Order ${order} voor Contoso Retail B.V. is voltooid: Partner Center heeft 2 × Reserved VM Instance, Standard\\_DS1\\_v2, West Europe, 1 Year ingericht.`],
  ] as const) {
    it(`tells the agent at the conversation's serviceUrl when the order is provisioned (${locale})`, async function () {
      const anna = new Conversation(t.baseUrl, 'demo-anna');
      const { review, cartId } = await driveToReview(anna);
      await anna.sendActivity(anna.activity({ value: clickValue(review, 'Buy') }, { serviceUrl: channel.url, locale }));
      const [order] = (await t.bot.partnerCenter!.getOrdersForRequest(cartId)).map((o) => o.id);
      assert.ok(order, 'bought');

      now = later(2);
      await t.bot.followUps.runDue(now);
      assert.equal(channel.captured.length, 0, 'still pending: nothing told');
      now = later(4);
      await t.bot.followUps.runDue(now);
      assert.deepEqual(
        channel.captured.map((c) => [c.conversationId, c.activity.text, c.activity.recipient?.id]),
        [[anna.id, expected(order), 'demo-anna']],
        `the notice went to her conversation: ${t.logs.join('\n')}`,
      );
    });
  }
});
