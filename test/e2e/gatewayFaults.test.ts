// Partner Center failing during Buy, over HTTP against the real server with a faulty gateway: the
// agent is told what happened in every outcome, and the cart is never bought twice.
import assert from 'node:assert/strict';
import { ITEM_BUTTON } from '../support/cardClicks';
import {
  Conversation,
  driveToReview,
  makeDataDir,
  orderNumbersOf,
  removeDataDir,
  startTestBot,
  transcript,
  type TestBot,
} from './http';

const ordersOfCart = (t: TestBot, cartId: string) =>
  (t.bot.partnerCenter!.db.prepare('SELECT id FROM orders WHERE cart_id = ? ORDER BY id').all(cartId) as { id: string }[]).map((o) => o.id);
const turnErrors = (t: TestBot) => t.logs.filter((l) => l.includes('[onTurnError]'));

describe('e2e: Partner Center faults during Buy', function () {
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

  async function buyWith(faults: string) {
    t = await startTestBot(dataDir, {}, { faults });
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId } = await driveToReview(conv, '2');
    const replies = await conv.click('Buy');
    return { t, conv, cartId, replies, said: transcript(replies) };
  }

  it('429 with Retry-After 1, then 500, then ok: placed once, and the agent is told Partner Center had trouble', async function () {
    const { t, cartId, replies, said } = await buyWith('checkout=429:1,500,ok');
    assert.match(said, /^Order placed$/m, `placed:\n${said}`);
    assert.match(said, /Partner Center had trouble \(throttled \(429, asked to wait 1 s\), HTTP 500\)\. I sent the same request again \(3 attempts, one request id\), so it was placed once\./, `told what happened:\n${said}`);
    const orders = ordersOfCart(t, cartId);
    assert.equal(orders.length, 1, 'one order');
    assert.deepEqual(orderNumbersOf(replies), orders, 'the confirmation shows it');
    assert.deepEqual(turnErrors(t), [], 'no turn failed');
  });

  it('commit then time out: the order is found by its request id and confirmed; never posted twice', async function () {
    const { t, cartId, replies, said } = await buyWith('checkout=commit+timeout');
    assert.match(said, /^Order placed$/m, `placed:\n${said}`);
    assert.match(said, /I looked the order up by its request id instead of sending it again: it was placed, once\./, `told how:\n${said}`);
    const orders = ordersOfCart(t, cartId);
    assert.equal(orders.length, 1, 'one order');
    assert.deepEqual(orderNumbersOf(replies), orders, 'the confirmation shows it');
  });

  it('500 on every post: nothing bought and said so, the review stays for another try', async function () {
    const { t, cartId, said } = await buyWith('checkout=500*');
    assert.match(said, /Nothing was bought and nothing was charged/, `told nothing was bought:\n${said}`);
    assert.match(said, /Click Buy again in a minute or two\. It sends the same request id/, `told what to do:\n${said}`);
    assert.match(said, /Review your order/, `the review is shown again:\n${said}`);
    assert.equal(ordersOfCart(t, cartId).length, 0, 'no order');
  });

  it('a Partner Center call outside the checkout fails (catalog search 500): told so, the conversation keeps its place; sending again goes on', async function () {
    // The first search (showing the items) works; the next one, a typed filter, gets a 500.
    t = await startTestBot(dataDir, {}, { faults: 'searchCatalog=ok,500' });
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    await conv.say('buy');
    await conv.click('Contoso Retail B.V.');
    await conv.click('Commercial');
    await conv.click('Virtual machines');
    await conv.click('Contoso Retail Production');
    assert.match(transcript(conv.last), /Pick an item/, 'at the item list');
    const failed = transcript(await conv.say('D4s v5 west europe 3 years'));
    assert.match(failed, /Partner Center is not answering right now \(HTTP 500\)\. This message bought nothing, and your conversation is still where it was before it: send it again in a moment\./, `told what happened:\n${failed}`);
    assert.equal(turnErrors(t).filter((l) => l.includes('(Partner Center 500)')).length, 1, 'logged as a Partner Center fault');
    const again = transcript(await conv.say('D4s v5 west europe 3 years'));
    assert.match(again, /Standard_D4s_v5/, `the same message again shows the filtered list:\n${again}`);
    await conv.click(ITEM_BUTTON);
    await conv.click('Add to cart', { quantity: '1' });
    await conv.click('Review the cart');
    const bought = transcript(await conv.click('Buy'));
    assert.match(bought, /^Order placed$/m, `the purchase goes on to the end:\n${bought}`);
  });

  it('the order lookup of a Buy clicked again fails once: asked again at once, the orders are shown', async function () {
    t = await startTestBot(dataDir, {}, { faults: 'getOrdersForRequest=500' });
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId } = await driveToReview(conv, '1');
    const buy = conv.clickValueOnLastCard('Buy');
    assert.match(transcript(await conv.submit(buy)), /^Order placed$/m, 'placed');
    const again = await conv.submit(buy);
    assert.match(transcript(again), /already bought/, `the second click says already bought:\n${transcript(again)}`);
    assert.deepEqual(orderNumbersOf(again), ordersOfCart(t, cartId), 'with the order numbers');
    assert.deepEqual(turnErrors(t), [], 'no turn failed');
  });

  it('800060 order in progress: unknown, told to check the orders later and not to buy again; the purchase ends', async function () {
    const { t, conv, cartId, said } = await buyWith('checkout=800060');
    assert.match(said, /I could not confirm the purchase: .*order in progress \(800060\).*up to 15 minutes/s, `told it is unknown:\n${said}`);
    assert.match(said, /Do not buy again: I keep looking it up and tell you here whether it was placed\. You can also type \*\*orders\*\* in a few minutes/, `told what to do:\n${said}`);
    assert.doesNotMatch(said, /Review your order/, 'no Buy is offered again');
    assert.equal(ordersOfCart(t, cartId).length, 0, 'no order was made');
    const history = transcript(await conv.say('orders'));
    assert.match(history, /Order history/, `"orders" works right after:\n${history}`);
  });
});
