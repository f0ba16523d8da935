// Emulator-style delivery: no deliveryMode, so the bot answers by POSTing to the channel's serviceUrl
// (here a local listener acting as the Emulator's connector), and /api/messages answers with a status only.
import assert from 'node:assert/strict';
import { clickValue } from '../support/cardClicks';
import { startChannel } from '../support/fakeChannel';
import { CONTOSO_RETAIL, lastCard, makeDataDir, postMessages, removeDataDir, startTestBot, transcript, type TestBot } from './http';

describe('e2e: Emulator-style delivery to the serviceUrl', function () {
  let dataDir: string;
  let t: TestBot;
  let channel: Awaited<ReturnType<typeof startChannel>>;

  beforeEach(async function () {
    dataDir = makeDataDir();
    t = await startTestBot(dataDir);
    channel = await startChannel();
  });

  afterEach(async function () {
    await t?.stop();
    await channel?.close();
    removeDataDir(dataDir);
  });

  const activity = (conversationId: string, id: string, input: { text?: string; value?: object }) => ({
    type: 'message',
    id,
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: channel.url,
    from: { id: 'demo-anna', name: 'Anna' },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: conversationId },
    locale: 'en-US',
    ...input,
  });

  it('replies arrive at the listener as POST /v3/conversations/:id/activities, and /api/messages answers 2xx', async function () {
    const conversationId = `e2e-delivery-${Date.now()}`;
    const res = await postMessages(t.baseUrl, activity(conversationId, 'm1', { text: 'hello' }));
    assert.ok(res.status >= 200 && res.status < 300, `POST /api/messages answers 2xx, got ${res.status}: ${res.text}`);
    assert.equal(res.json?.activities, undefined, 'without expectReplies the replies are not in the response body');
    await channel.waitFor(1);
    const [hello] = channel.captured;
    assert.equal(hello.conversationId, conversationId, 'the reply is posted to the conversation of the message');
    assert.equal(hello.replyToId, 'm1', 'the reply answers the message (ReplyToActivity)');
    assert.equal(hello.activity.type, 'message', 'the reply is a message');
    assert.equal(hello.activity.recipient?.id, 'demo-anna', 'the reply is addressed to the user');
    assert.equal(hello.activity.conversation?.id, conversationId, 'the reply names the conversation');
    assert.match(hello.activity.text ?? '', /Hello Anna de Vries!/, `the bot greets the demo agent: ${hello.activity.text}`);
    assert.deepEqual(channel.unexpected, [], `no other calls reached the channel: ${channel.unexpected.join(', ')}`);
    assert.deepEqual(t.logs, [], `no turn failed: ${t.logs.join('\n')}`);
  });

  it('a multi-reply turn delivers every reply, cards included, in order', async function () {
    const conversationId = `e2e-delivery-${Date.now()}`;
    let res = await postMessages(t.baseUrl, activity(conversationId, 'm1', { text: 'buy' }));
    assert.ok(res.status >= 200 && res.status < 300, `"buy" answers 2xx, got ${res.status}: ${res.text}`);
    await channel.waitFor(1);
    const customers = lastCard(channel.captured.map((c) => c.activity));
    assert.ok(customers, `the customer card reaches the channel: ${transcript(channel.captured.map((c) => c.activity))}`);

    res = await postMessages(t.baseUrl, activity(conversationId, 'm2', { value: clickValue(customers, CONTOSO_RETAIL) }));
    assert.ok(res.status >= 200 && res.status < 300, `the click answers 2xx, got ${res.status}: ${res.text}`);
    await channel.waitFor(3);
    const turn = channel.captured.slice(1);
    assert.equal(turn.length, 2, `the click gets two replies: ${transcript(turn.map((c) => c.activity))}`);
    assert.match(turn[0].activity.text ?? '', /✓ Customer: Contoso Retail B\.V\./, 'first the customer is confirmed');
    assert.match(transcript([turn[1].activity]), /Which segment\?/, 'then the segment question, as a card');
    for (const c of turn) {
      assert.equal(c.conversationId, conversationId, 'every reply goes to the same conversation');
      assert.equal(c.replyToId, 'm2', 'every reply answers the click');
    }
    assert.deepEqual(t.logs, [], `no turn failed: ${t.logs.join('\n')}`);
  });
});
