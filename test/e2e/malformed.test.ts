// Malformed and odd requests: the server answers each with the right status, writes nothing it should
// not, fails no turn, and stays healthy.
import assert from 'node:assert/strict';
import { CARD_SIZE_LIMIT } from '../../cards/render';
import { demoAgents } from '../../src/store/demoIds';
import {
  CONTOSO_RETAIL,
  CONTOSO_RETAIL_PRODUCTION,
  Conversation,
  count,
  eachTestBot,
  health,
  lastCard,
  postMessages,
  transcript,
  VIRTUAL_MACHINES,
  writeCounts,
  type TestBot,
} from './http';

/** Every table a request could write to, the bot's state included. */
function allCounts(t: TestBot): Record<string, number> {
  return { ...writeCounts(t), bot_state: count(t, 'bot_state'), audit_events: count(t, 'audit_events') };
}

describe('e2e: malformed requests', function () {
  let t: TestBot;
  eachTestBot((bot) => (t = bot), { once: true });

  afterEach(async function () {
    assert.equal(await health(t.baseUrl), 200, 'GET /health answers 200 after the test');
    assert.deepEqual(t.logs, [], `no turn failed:\n${t.logs.join('\n')}`);
  });

  const addressed = (conversationId: string) => ({
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9', // nothing listens: a reply attempt would fail the turn (and be logged)
    from: { id: 'demo-anna' },
    recipient: { id: 'bot' },
    conversation: { id: conversationId },
  });

  it('invalid JSON is answered 400', async function () {
    for (const body of ['{"type": "message",', '{type: message}', 'not json at all', '{"type":"message"}}']) {
      const res = await postMessages(t.baseUrl, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} answers 400, got ${res.status}: ${res.text}`);
    }
  });

  it('JSON that is not an activity with a "type" is answered 400', async function () {
    const before = allCounts(t);
    for (const body of [
      { text: 'hello', ...addressed('no-type') },
      { type: '', ...addressed('empty-type') },
      { type: 5, ...addressed('number-type') },
      { type: 'x'.repeat(65), ...addressed('long-type') },
      [{ type: 'message' }],
      'null',
      '"message"',
      '42',
      '',
    ]) {
      const res = await postMessages(t.baseUrl, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} answers 400, got ${res.status}: ${res.text}`);
      assert.match(res.text, /activity/i, `the 400 says an activity is expected: ${res.text}`);
    }
    assert.deepEqual(allCounts(t), before, 'nothing was written');
  });

  it('an activity without the addresses a turn needs (conversation, channelId, from, recipient) is answered 400, not 500', async function () {
    const before = allCounts(t);
    const full = { type: 'message', text: 'hello', deliveryMode: 'expectReplies', ...addressed('unaddressed') };
    for (const missing of ['conversation', 'channelId', 'from', 'recipient'] as const) {
      const body: Record<string, unknown> = { ...full };
      delete body[missing];
      const res = await postMessages(t.baseUrl, body);
      assert.equal(res.status, 400, `a message without ${missing} answers 400, got ${res.status}: ${res.text}`);
    }
    const res = await postMessages(t.baseUrl, { type: 'message', text: 'hello' });
    assert.equal(res.status, 400, `a bare {type, text} answers 400, got ${res.status}: ${res.text}`);
    assert.deepEqual(allCounts(t), before, 'nothing was written');
  });

  it('a body larger than MAX_BODY_BYTES is answered 413', async function () {
    const limit = t.config.MAX_BODY_BYTES;
    const body = JSON.stringify({ type: 'message', text: 'x'.repeat(limit + 1024), ...addressed('too-big') });
    assert.ok(Buffer.byteLength(body) > limit, 'the body is over the limit');
    const before = allCounts(t);
    const res = await postMessages(t.baseUrl, body);
    assert.equal(res.status, 413, `a ${Buffer.byteLength(body)}-byte body answers 413, got ${res.status}: ${res.text.slice(0, 300)}`);
    assert.deepEqual(allCounts(t), before, 'nothing was written');
  });

  it('typing, event (with junk), unknown and junk-filled activity types are answered 2xx and write nothing', async function () {
    const before = allCounts(t);
    const activities = [
      { type: 'typing', ...addressed('odd-types') },
      { type: 'event', name: 'junk', value: { a: [1, { b: null }], c: 'x'.repeat(1000) }, ...addressed('odd-types') },
      { type: 'event', ...addressed('odd-types') },
      { type: 'event', name: { not: 'a string' }, value: 'junk', relatesTo: 42, ...addressed('odd-types') },
      { type: 'messageReaction', reactionsAdded: [{ type: 'like' }], ...addressed('odd-types') },
      { type: 'x-unknown-type', text: 'buy', value: { action: 'buy', cartId: 'whatever' }, ...addressed('odd-types') },
      { type: 'endOfConversation', code: 'userCancelled', ...addressed('odd-types') },
      { type: 'typing', deliveryMode: 'expectReplies', ...addressed('odd-types') },
    ];
    for (const activity of activities) {
      const res = await postMessages(t.baseUrl, activity);
      assert.ok(res.status >= 200 && res.status < 300, `${activity.type} answers 2xx, got ${res.status}: ${res.text}`);
      const replies = (res.json?.activities ?? []) as unknown[];
      assert.equal(replies.length, 0, `${activity.type} gets no reply: ${res.text}`);
    }
    assert.deepEqual(allCounts(t), before, 'no row was written by activities the bot does not handle');
  });

  it('a message with no text and no value gets a helpful reply, at the top level and in the middle of a purchase', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    let said = transcript((await conv.sendActivity(conv.activity({}))).activities);
    assert.match(said, /Type \*\*buy\*\*, \*\*orders\*\* or \*\*help\*\*/, `an empty message at the top level says what to type:\n${said}`);

    said = transcript((await conv.sendActivity(conv.activity({ text: '   ' }))).activities);
    assert.match(said, /Type \*\*buy\*\*/, `a blank text says what to type:\n${said}`);

    said = transcript((await conv.sendActivity({ ...conv.activity({}), text: null, value: null, attachments: [] })).activities);
    assert.match(said, /Type \*\*buy\*\*/, `null text and value say what to type:\n${said}`);

    await conv.say('buy');
    said = transcript((await conv.sendActivity(conv.activity({}))).activities);
    assert.ok(said.length > 0, 'an empty message at the customer question gets a reply');
    assert.match(said, /customer/i, `an empty message at the customer question is answered about the customer:\n${said}`);
    said = transcript(await conv.say(CONTOSO_RETAIL));
    assert.match(said, /Which segment\?/, `the purchase goes on after the empty message:\n${said}`);
  });

  it('a 10,000-character text is handled at every step without a crash, and the purchase goes on', async function () {
    const long = '€'.repeat(10_000); // 30,000 bytes of UTF-8
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const check = async (step: string, next: RegExp) => {
      const replies = await conv.say(long);
      const said = transcript(replies);
      assert.ok(replies.length > 0, `${step}: the long text gets a reply`);
      assert.doesNotMatch(said, /something went wrong/, `${step}: the turn did not fail:\n${said.slice(0, 500)}`);
      assert.match(said, next, `${step}: the reply is about the step:\n${said.slice(0, 500)}`);
      for (const reply of replies) {
        const bytes = Buffer.byteLength(JSON.stringify(reply));
        assert.ok(bytes <= CARD_SIZE_LIMIT, `${step}: a reply still fits in a Teams message (${bytes} bytes > ${CARD_SIZE_LIMIT})`);
      }
      assert.deepEqual(t.logs, [], `${step}: no turn failed:\n${t.logs.join('\n')}`);
    };
    await check('top level', /Type \*\*buy\*\*/);
    await conv.say('buy');
    await check('customer question', /No customer matches/);
    await conv.say(CONTOSO_RETAIL);
    await check('segment question', /Please pick one of the options/);
    await conv.say('commercial');
    await conv.say('1');
    assert.match(transcript(conv.last), /subscriptions/, 'at the subscription question');
    await check('subscription question', /Please pick one of the options/);
    await conv.say(CONTOSO_RETAIL_PRODUCTION);
    await check('catalog search', /Virtual machines/);
    assert.ok(lastCard(conv.last), 'the catalog search answers with a catalog card');
    await conv.say('all');
    await conv.say('1');
    await check('quantity question', /not a valid quantity/);
    await conv.say('2');
    await conv.say('review');
    await check('review', /did not understand that change/);
    const said = transcript(await conv.say('buy'));
    assert.match(said, /^Order placed$/m, `the purchase completes after the long texts:\n${said.slice(0, 500)}`);
    assert.ok(count(t, 'orders', 'WHERE agent_id = ?', demoAgents.anna) > 0, 'the order is in the table');
    // The reservation type question, reached through a new purchase.
    await conv.say('buy');
    await conv.click(CONTOSO_RETAIL);
    await conv.click('Commercial');
    await check('reservation type question', /Please pick one of the options/);
    const said2 = transcript(await conv.say(VIRTUAL_MACHINES));
    assert.match(said2, /subscriptions should the reservation be tied to/, `the purchase goes on after the long text:\n${said2.slice(0, 500)}`);
    await conv.say('cancel');
  });

  it('a 60,000-character search (within MAX_BODY_BYTES) is handled: customer search, orders, "buy for"', async function () {
    const huge = 'ab%_'.repeat(15_000);
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    await conv.say('buy');
    let said = transcript(await conv.say(huge));
    assert.match(said, /No customer matches/, `a 60,000-character customer search finds nothing, without a crash:\n${said.slice(0, 300)}`);
    await conv.say('cancel');
    said = transcript(await conv.say(`orders ${huge}`));
    assert.match(said, /No customer matches/, `"orders <60,000 characters>" finds no customer:\n${said.slice(0, 300)}`);
    said = transcript(await conv.say(`buy for ${huge}`));
    assert.match(said, /No customer matches/, `"buy for <60,000 characters>" finds no customer:\n${said.slice(0, 300)}`);
    assert.match(said, /Which customer are you buying for\?/, 'and lists the customers instead');
    await conv.say('cancel');
  });

  it('the server stays healthy and keeps serving conversations after all of this', async function () {
    assert.equal(await health(t.baseUrl), 200, 'GET /health answers 200');
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const said = transcript(await conv.say('hello'));
    assert.match(said, /Hello Anna de Vries!/, `a new conversation is greeted:\n${said}`);
  });
});
