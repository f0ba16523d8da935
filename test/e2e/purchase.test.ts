// End to end over HTTP (deliveryMode expectReplies): a whole purchase, a double-clicked and a
// redelivered Buy, and a restart of the bot in the middle of a conversation.
import assert from 'node:assert/strict';
import { demoAgents, demoCustomers, demoSubscriptions } from '../../src/store/demoIds';
import { clickValue, ITEM_BUTTON } from '../support/cardClicks';
import {
  Conversation,
  count,
  driveToReview,
  lastCard,
  makeDataDir,
  orderNumbersOf,
  removeDataDir,
  startTestBot,
  transcript,
  writeCounts,
  type TestBot,
} from './http';

interface OrderRow {
  id: string;
  cart_id: string;
  customer_id: string;
  agent_id: string;
  subscription_id: string;
  billing_cycle: string;
  currency_code: string;
  total_minor: number;
}

function ordersOfCart(t: TestBot, cartId: string): OrderRow[] {
  return t.bot.partnerCenter!.db.prepare('SELECT * FROM orders WHERE cart_id = ? ORDER BY id').all(cartId) as OrderRow[];
}

function cartLines(t: TestBot, cartId: string) {
  return t.bot.store.db
    .prepare('SELECT id, catalog_item_id, quantity, billing_cycle FROM cart_lines WHERE cart_id = ? ORDER BY id')
    .all(cartId) as { id: number; catalog_item_id: string; quantity: number; billing_cycle: string }[];
}

function unitPriceMinor(t: TestBot, catalogItemId: string): number {
  const row = t.bot.partnerCenter!.db.prepare('SELECT unit_price_minor FROM availabilities WHERE catalog_item_id = ?').get(catalogItemId) as
    | { unit_price_minor: number }
    | undefined;
  assert.ok(row, `catalog item ${catalogItemId} is in the store`);
  return row.unit_price_minor;
}

describe('e2e: purchase over HTTP', function () {
  let dataDir: string;
  let t: TestBot;

  beforeEach(async function () {
    dataDir = makeDataDir();
    t = await startTestBot(dataDir);
  });

  afterEach(async function () {
    await t?.stop();
    removeDataDir(dataDir);
  });

  it('demo-anna buys for Contoso Retail by clicking the cards; the confirmation shows the order number the orders table has', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId, catalogItemId } = await driveToReview(conv, '2');
    assert.equal(count(t, 'orders'), 0, 'nothing is ordered before Buy');
    assert.deepEqual(
      cartLines(t, cartId).map((l) => [l.catalog_item_id, l.quantity]),
      [[catalogItemId, 2]],
      'the cart holds the picked item with the quantity typed',
    );

    const replies = await conv.click('Buy');
    const said = transcript(replies);
    assert.match(said, /^Order placed$/m, `Buy places the order:\n${said}`);
    assert.match(said, /Order placed/, `the confirmation card says the order is placed:\n${said}`);
    const shown = orderNumbersOf(replies);
    assert.equal(shown.length, 1, `one order number on the confirmation card: ${JSON.stringify(shown)}`);

    const orders = ordersOfCart(t, cartId);
    assert.deepEqual(orders.map((o) => o.id), shown, 'the orders table has exactly the order number shown');
    const [order] = orders;
    assert.equal(order.customer_id, demoCustomers.contosoRetail, 'the order is for Contoso Retail');
    assert.equal(order.agent_id, demoAgents.anna, 'the order was placed by Anna');
    assert.equal(order.subscription_id, demoSubscriptions.contosoRetailProduction, 'the order is tied to the Production subscription');
    assert.equal(order.currency_code, 'EUR', 'a Dutch customer of a Dutch partner pays in EUR');
    assert.equal(order.total_minor, unitPriceMinor(t, catalogItemId) * 2, 'the total is the catalog price times the quantity');
    const lines = t.bot.partnerCenter!.db.prepare('SELECT catalog_item_id, quantity FROM order_lines WHERE order_id = ?').all(order.id);
    assert.deepEqual(lines, [{ catalog_item_id: catalogItemId, quantity: 2 }], 'the order line is the cart line');
    const cart = t.bot.store.db.prepare('SELECT status FROM carts WHERE id = ?').get(cartId) as { status: string };
    assert.equal(cart.status, 'submitted', 'the bought cart is submitted');
    assert.deepEqual(t.logs, [], `no turn failed: ${t.logs.join('\n')}`);

    // The conversation is back at the top level, and the history lists the order.
    const history = transcript(await conv.say('orders'));
    assert.ok(history.includes(order.id.replace(/_/g, '\\_')) || history.includes(order.id), `the order history lists ${order.id}:\n${history}`);
  });

  it('a double-clicked Buy (two concurrent submits) and a redelivered Buy activity order the cart once and show the same order numbers', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId } = await driveToReview(conv, '2');
    // A second line billed monthly: Partner Center splits the cart into two orders (one per billing cycle).
    await conv.click('Add another item');
    const first = cartLines(t, cartId)[0].catalog_item_id;
    await conv.click(ITEM_BUTTON, {}, (b) => b.data.catalogItemId !== first);
    await conv.click('Add to cart', { quantity: '1' });
    await conv.click('Review the cart');
    await conv.click('Update', { billing_2: 'monthly' });
    assert.match(transcript(conv.last), /Updated\./, `the billing change is taken:\n${transcript(conv.last)}`);
    assert.deepEqual(cartLines(t, cartId).map((l) => l.billing_cycle), ['one_time', 'monthly'], 'the cart has a one-time and a monthly line');

    const buy = clickValue(lastCard(conv.last)!, 'Buy');
    const before = writeCounts(t);
    const click1 = conv.activity({ value: buy });
    const click2 = conv.activity({ value: buy });
    const [r1, r2] = await Promise.all([conv.sendActivity(click1), conv.sendActivity(click2)]);
    const texts = [transcript(r1.activities), transcript(r2.activities)];
    const placed = texts.filter((s) => /^Order placed$/m.test(s));
    const again = texts.filter((s) => /already bought/.test(s));
    assert.equal(placed.length, 1, `exactly one of the two clicks places the order:\n${texts.join('\n=====\n')}`);
    assert.equal(again.length, 1, `the other click says the cart was already bought:\n${texts.join('\n=====\n')}`);

    const orders = ordersOfCart(t, cartId);
    assert.equal(orders.length, 2, `one order per billing cycle, once: ${JSON.stringify(orders)}`);
    const ids = orders.map((o) => o.id).sort();
    assert.deepEqual(orderNumbersOf(r1.activities).sort(), ids, 'the first answer shows the orders of the cart');
    assert.deepEqual(orderNumbersOf(r2.activities).sort(), ids, 'the second answer shows the same orders');

    // The channel redelivers the first click (same activity id) after it completed.
    const redelivered = await conv.sendActivity(click1);
    const said = transcript(redelivered.activities);
    assert.match(said, /already bought/, `a redelivered Buy says the cart was already bought:\n${said}`);
    assert.deepEqual(orderNumbersOf(redelivered.activities).sort(), ids, 'the redelivered Buy shows the same order numbers');

    const after = writeCounts(t);
    assert.equal(after.orders - before.orders, 2, 'two orders were written, once');
    assert.equal(after.order_lines - before.order_lines, 2, 'two order lines were written, once');
    assert.equal(after.checkouts - before.checkouts, 1, 'one checkout was recorded');
    assert.equal(after.carts, before.carts, 'no cart was opened by the repeated clicks');
    assert.equal(after.cart_lines, before.cart_lines, 'the cart lines did not change');
    assert.deepEqual(t.logs, [], `no turn failed: ${t.logs.join('\n')}`);
  });

  it('after a restart on the same DATA_DIR the conversation resumes at the review step; typed "buy" and a click on Buy both complete', async function () {
    const typed = new Conversation(t.baseUrl, 'demo-anna');
    const clicked = new Conversation(t.baseUrl, 'demo-anna');
    const a = await driveToReview(typed, '3');
    const b = await driveToReview(clicked, '4');
    const linesA = cartLines(t, a.cartId);
    const linesB = cartLines(t, b.cartId);
    assert.equal(linesA.length, 1, 'the first cart has its line before the restart');
    assert.equal(linesB.length, 1, 'the second cart has its line before the restart');

    await t.stop();
    t = await startTestBot(dataDir);
    typed.baseUrl = t.baseUrl;
    clicked.baseUrl = t.baseUrl;
    assert.deepEqual(cartLines(t, a.cartId), linesA, 'the first cart lines are intact after the restart');
    assert.deepEqual(cartLines(t, b.cartId), linesB, 'the second cart lines are intact after the restart');
    assert.equal(count(t, 'orders'), 0, 'nothing was ordered before the restart');

    const saidA = transcript(await typed.say('buy'));
    assert.match(saidA, /^Order placed$/m, `typing "buy" at the review step after the restart buys the cart:\n${saidA}`);
    const saidB = transcript(await clicked.click('Buy'));
    assert.match(saidB, /^Order placed$/m, `Buy on the review card shown before the restart buys the cart:\n${saidB}`);

    const ordersA = ordersOfCart(t, a.cartId);
    const ordersB = ordersOfCart(t, b.cartId);
    assert.equal(ordersA.length, 1, 'the first cart became one order');
    assert.equal(ordersB.length, 1, 'the second cart became one order');
    assert.deepEqual(orderNumbersOf(typed.last), [ordersA[0].id], 'the first confirmation shows its order number');
    assert.deepEqual(orderNumbersOf(clicked.last), [ordersB[0].id], 'the second confirmation shows its order number');
    assert.equal(ordersA[0].total_minor, unitPriceMinor(t, a.catalogItemId) * 3, 'the first order has the quantity chosen before the restart');
    assert.equal(ordersB[0].total_minor, unitPriceMinor(t, b.catalogItemId) * 4, 'the second order has the quantity chosen before the restart');
    assert.equal(count(t, 'carts'), 2, 'no cart was opened again after the restart');
    assert.deepEqual(t.logs, [], `no turn failed: ${t.logs.join('\n')}`);
  });
});
