// Forged card submits over HTTP: ids the agent was not shown (another partner's customer, another
// customer's subscription, a catalog item that does not exist or was not on the page) are refused with a
// message and write nothing; prices in the card data are ignored (the order total is the store's price).
import assert from 'node:assert/strict';
import { demoCustomers, demoSubscriptions } from '../../src/store/demoIds';
import { buttonsOf, clickValue, ITEM_BUTTON } from '../support/cardClicks';
import {
  CONTOSO_RETAIL,
  CONTOSO_RETAIL_PRODUCTION,
  Conversation,
  count,
  driveToReview,
  eachTestBot,
  lastCard,
  orderNumbersOf,
  transcript,
  VIRTUAL_MACHINES,
  writeCounts,
  type TestBot,
} from './http';

type Json = Record<string, unknown>;

/**
 * The nonce of the live card: a forged submit carries it, as a tampered click on that card would. A
 * refusal may ask the question again with a new card (and nonce); then the new one is live.
 */
class LiveCard {
  card: Json | undefined;
  constructor(private readonly conv: Conversation) {
    this.update();
    assert.ok(this.card, `the last turn shows a card: ${transcript(conv.last)}`);
  }
  update(): void {
    this.card = lastCard(this.conv.last) ?? this.card;
  }
  get nonce(): string {
    const nonce = buttonsOf(this.card!).map((b) => b.data.nonce).find((n) => typeof n === 'string');
    assert.equal(typeof nonce, 'string', 'the card buttons carry a nonce');
    return nonce as string;
  }
}

describe('e2e: forged card input writes nothing', function () {
  let t: TestBot;
  let conv: Conversation;
  eachTestBot((bot) => {
    t = bot;
    conv = new Conversation(t.baseUrl, 'demo-anna');
  });

  /** Sends `value` and checks the refusal, that the question is asked again, and that no row was written. */
  async function expectRefused(live: LiveCard, value: Json, pattern: RegExp, what: string) {
    const before = writeCounts(t);
    const said = transcript(await conv.submit({ ...value, nonce: live.nonce }));
    live.update();
    assert.match(said, pattern, `${what} is refused with a clear message:\n${said}`);
    assert.deepEqual(writeCounts(t), before, `${what} writes no cart, cart line or order`);
    assert.deepEqual(t.logs, [], `${what} fails no turn: ${t.logs.join('\n')}`);
    return said;
  }

  it('a customer id of another partner (or an unknown one) is refused, and the customer question is asked again', async function () {
    await conv.say('buy');
    const live = new LiveCard(conv);
    for (const [customerId, what] of [
      [demoCustomers.padaria, "another partner's customer"],
      [demoCustomers.northwindClient, "a non-CSP partner's customer"],
      ['c0000000-0000-4000-8000-999999999999', 'an unknown customer id'],
    ] as const) {
      const said = await expectRefused(live, { action: 'pickCustomer', value: customerId }, /⛔ That customer is not one of your customers\./, what);
      assert.doesNotMatch(said, /Padaria|Northwind/i, `${what}: the refusal does not reveal the other partner's customer`);
      assert.match(said, /Which customer are you buying for\?/, `${what}: the customer question is asked again`);
    }
    // The flow still works with a real choice.
    const said = transcript(await conv.click(CONTOSO_RETAIL));
    assert.match(said, /Which segment\?/, `a listed customer is still accepted after the refusals:\n${said}`);
  });

  it('a subscription id that is not one of the customer\'s is refused; no cart is opened', async function () {
    await conv.say('buy');
    await conv.click(CONTOSO_RETAIL);
    await conv.click('Commercial');
    await conv.click(VIRTUAL_MACHINES);
    assert.match(transcript(conv.last), /subscriptions should the reservation be tied to/, 'at the subscription question');
    const live = new LiveCard(conv);
    for (const [subscriptionId, what] of [
      [demoSubscriptions.alpineSkiPlan, "another customer's subscription"],
      [demoSubscriptions.padariaProduction, "another partner's customer's subscription"],
      ['b0000000-0000-4000-8000-999999999999', 'an unknown subscription id'],
    ] as const) {
      await expectRefused(live, { action: 'subscription', value: subscriptionId }, /Please pick one of the options/, what);
    }
    assert.equal(count(t, 'carts'), 0, 'no cart was opened');
    const said = transcript(await conv.submit(clickValue(live.card!, CONTOSO_RETAIL_PRODUCTION)));
    assert.match(said, /✓ Subscription: Contoso Retail Production/, `a listed subscription is still accepted:\n${said}`);
  });

  it('a catalog item that does not exist, is sold elsewhere, or was not on the page shown is refused; no cart line is added', async function () {
    await conv.say('buy');
    await conv.click(CONTOSO_RETAIL);
    await conv.click('Commercial');
    await conv.click(VIRTUAL_MACHINES);
    await conv.click(CONTOSO_RETAIL_PRODUCTION);
    const catalog = lastCard(conv.last)!;
    const shown = buttonsOf(catalog).filter((b) => ITEM_BUTTON.test(b.title)).map((b) => String(b.data.catalogItemId));
    assert.ok(shown.length > 0, 'the catalog page lists items');
    const live = new LiveCard(conv);
    const db = t.bot.partnerCenter!.db;
    const notShown = db
      .prepare(
        `SELECT catalog_item_id AS id FROM availabilities WHERE country = 'NL' AND segment = 'commercial'
           AND reservation_type = 'VirtualMachines' AND is_purchasable = 1 AND catalog_item_id NOT IN (${shown.map(() => '?').join(',')})
         ORDER BY catalog_item_id DESC LIMIT 1`,
      )
      .get(...shown) as { id: string } | undefined;
    assert.ok(notShown, 'the catalog has an item for this customer that is not on the first page');
    const brazil = t.bot.partnerCenter!.catalog.search({ country: 'BR', segment: 'commercial', reservationType: 'VirtualMachines', filter: {}, offset: 0, limit: 1 });
    const otherMarket = brazil.items[0] && { id: brazil.items[0].catalogItemId };
    assert.ok(otherMarket, 'the catalog has an item of another market');
    const otherType = db
      .prepare(`SELECT catalog_item_id AS id FROM availabilities WHERE country = 'NL' AND segment = 'commercial' AND reservation_type <> 'VirtualMachines' LIMIT 1`)
      .get() as { id: string } | undefined;
    assert.ok(otherType, 'the catalog has an item of another reservation type');

    for (const [catalogItemId, what] of [
      ['DZH318Z0XXXX:0001:DOESNOTEXIST', 'a catalog item that does not exist'],
      [otherMarket.id, 'an item of another market'],
      [otherType.id, 'an item of another reservation type'],
      [notShown.id, 'an item that was not on the page shown'],
    ] as const) {
      const said = await expectRefused(live, { action: 'pickItem', catalogItemId }, /⛔|not on the list/, what);
      assert.doesNotMatch(said, /How many /, `${what}: no quantity is asked`);
    }
    assert.equal(count(t, 'cart_lines'), 0, 'no cart line was added');
    const said = transcript(await conv.submit(clickValue(live.card!, ITEM_BUTTON)));
    assert.match(said, /How many /, `an item of the page is still accepted:\n${said}`);
  });

  it('price and total fields in the card data are ignored: the order total is the store\'s price', async function () {
    await conv.say('buy');
    await conv.click(CONTOSO_RETAIL);
    await conv.click('Commercial');
    await conv.click(VIRTUAL_MACHINES);
    await conv.click(CONTOSO_RETAIL_PRODUCTION);
    const select = conv.clickValueOnLastCard(ITEM_BUTTON);
    const catalogItemId = String(select.catalogItemId);
    await conv.submit({ ...select, unitPrice: '0.01', unitPriceMinor: '1', price: '0' });
    assert.match(transcript(conv.last), /How many /, 'the item is picked');
    await conv.submit({ ...conv.clickValueOnLastCard('Add to cart', { quantity: '3' }), unitPriceMinor: '1', total: '0.03', currency: 'USD' });
    assert.match(transcript(conv.last), /Added to the cart: 3 × /, 'the line is added with the quantity typed');
    await conv.click('Review the cart');
    const review = lastCard(conv.last)!;
    const buy = {
      ...clickValue(review, 'Buy'),
      total: '0.01',
      totalMinor: '1',
      unitPrice_1: '0.01',
      unitPriceMinor: '1',
      lineTotal_1: '0.03',
      price: '0',
      currency: 'USD',
      currencyCode: 'USD',
    };
    const replies = await conv.submit(buy);
    const said = transcript(replies);
    assert.match(said, /^Order placed$/m, `the forged price fields do not stop the purchase; they are ignored:\n${said}`);
    const [order] = orderNumbersOf(replies);
    assert.ok(order, 'the confirmation shows the order number');
    const price = (t.bot.partnerCenter!.db.prepare('SELECT unit_price_minor AS p FROM availabilities WHERE catalog_item_id = ?').get(catalogItemId) as { p: number }).p;
    assert.ok(price > 100, `the store's price (${price}) is not the forged one`);
    const row = t.bot.partnerCenter!.db.prepare('SELECT total_minor, currency_code FROM orders WHERE id = ?').get(order) as { total_minor: number; currency_code: string };
    assert.equal(row.total_minor, price * 3, 'the order total is the store price times the quantity');
    assert.equal(row.currency_code, 'EUR', 'the currency is the catalog currency');
    const line = t.bot.partnerCenter!.db.prepare('SELECT unit_price_minor, total_minor FROM order_lines WHERE order_id = ?').get(order);
    assert.deepEqual(line, { unit_price_minor: price, total_minor: price * 3 }, 'the order line has the store price');
  });

  it('a quantity out of range on the review card is refused and nothing is bought', async function () {
    await driveToReview(conv, '2');
    for (const [qty, what] of [
      ['100000', 'a quantity above the maximum'],
      ['0', 'a quantity of zero'],
      ['-5', 'a negative quantity'],
      ['2.5', 'a fractional quantity'],
      ['abc', 'a quantity that is not a number'],
    ] as const) {
      const before = writeCounts(t);
      const said = transcript(await conv.click('Buy', { qty_1: qty }));
      assert.match(said, /⛔ .*(?:is outside the allowed range|is not a valid quantity)\.[\s\S]*What to do: Enter a whole number from 1 to 1,000\./, `${what} is refused with the quantity rule:\n${said}`);
      assert.doesNotMatch(said, /^Order placed$/m, `${what}: nothing is bought`);
      assert.deepEqual(writeCounts(t), before, `${what} writes nothing`);
    }
    const line = t.bot.store.db.prepare('SELECT quantity FROM cart_lines').get() as { quantity: number };
    assert.equal(line.quantity, 2, 'the cart keeps the last valid quantity');
    assert.equal(count(t, 'orders'), 0, 'no order was placed');
  });

  it("another agent's Buy naming a bought cart shows nothing of it and buys nothing", async function () {
    const { cartId } = await driveToReview(conv, '2');
    const bought = await conv.click('Buy');
    const [order] = orderNumbersOf(bought);
    assert.ok(order, 'Anna bought the cart');

    const gijs = new Conversation(t.baseUrl, 'demo-gijs');
    const before = writeCounts(t);
    const said = transcript(await gijs.submit({ action: 'buy', cartId, nonce: 'forged' }));
    assert.match(said, /already been used/, `another agent's forged Buy gets the used-card message:\n${said}`);
    assert.ok(!said.includes(order) && !said.includes(order.replace(/_/g, '\\_')), 'the other agent is not shown the order number');
    assert.deepEqual(writeCounts(t), before, 'nothing is written');
  });
});
