// Tenant isolation over HTTP, beyond forged card data (forged.test.ts): what an agent can type, what the
// order history shows, and a conversation id reused by someone else. An agent only ever sees and buys
// for its own partner's customers; nothing of another partner's customers, carts or orders shows.
import assert from 'node:assert/strict';
import { ITEM_BUTTON } from '../support/cardClicks';
import { demoAgents, demoCustomers, demoPartners, demoSubscriptions } from '../../src/store/demoIds';
import {
  CONTOSO_RETAIL,
  CONTOSO_RETAIL_PRODUCTION,
  Conversation,
  count,
  driveToReview,
  eachTestBot,
  orderNumbersOf,
  transcript,
  VIRTUAL_MACHINES,
  writeCounts,
  type TestBot,
} from './http';

/** What must never show to a Fabrikam agent: Contoso's customers (and their domains). */
const CONTOSO_NAMES = /Contoso Retail|contosoretail|Alpine Ski|Fourth Coffee|Nieuwe Klant|Brouwerij|Oude Haven/i;
/** And to a Contoso agent: Fabrikam's and Northwind's. */
const OTHER_NAMES = /Padaria|padariapaodourado|Ipê|ipetecnologia|Northwind|Lakeshore/i;

describe('e2e: tenant isolation', function () {
  let t: TestBot;
  eachTestBot((bot) => (t = bot));

  afterEach(function () {
    assert.deepEqual(t.logs.filter((l) => l.startsWith('[onTurnError]')), [], `no turn failed:\n${t.logs.join('\n')}`);
  });

  const padariaDomain = 'padariapaodourado.onmicrosoft.com';

  it("typed names, domains and ids of another partner's customers find nothing, in \"buy for\" and at the customer question", async function () {
    const anna = new Conversation(t.baseUrl, 'demo-anna');
    for (const typed of ['Padaria', padariaDomain, demoCustomers.padaria, 'Northwind', demoCustomers.northwindClient, 'Ipê Tecnologia']) {
      const said = transcript(await anna.say(`buy for ${typed}`));
      assert.match(said, /No customer matches/, `"buy for ${typed}" finds no customer:\n${said}`);
      assert.match(said, /Which customer are you buying for\?/, `"buy for ${typed}" lists Anna's own customers instead`);
      assert.doesNotMatch(said.replace(typed, ''), OTHER_NAMES, `"buy for ${typed}" shows nothing of another partner:\n${said}`);
      const again = transcript(await anna.say(typed));
      assert.match(again, /No customer matches/, `"${typed}" at the customer question finds no customer:\n${again}`);
      assert.doesNotMatch(again.replace(typed, ''), OTHER_NAMES, `"${typed}" at the customer question shows nothing of another partner`);
      await anna.say('cancel');
    }
    const lucas = new Conversation(t.baseUrl, 'demo-lucas');
    for (const typed of ['Contoso Retail', 'contosoretail.onmicrosoft.com', demoCustomers.contosoRetail, 'contoso']) {
      const said = transcript(await lucas.say(`buy for ${typed}`));
      assert.match(said, /No customer matches/, `Lucas: "buy for ${typed}" finds no customer:\n${said}`);
      assert.doesNotMatch(said.replace(typed, ''), CONTOSO_NAMES, `Lucas: "buy for ${typed}" shows nothing of Contoso's customers:\n${said}`);
      await lucas.say('cancel');
    }
    assert.equal(count(t, 'carts'), 0, 'no cart was opened');
  });

  it("another partner's agent sees none of the orders, by name, domain, id or in the full history", async function () {
    const anna = new Conversation(t.baseUrl, 'demo-anna');
    await driveToReview(anna, '2');
    const [order] = orderNumbersOf(await anna.click('Buy'));
    assert.ok(order, 'Anna bought for Contoso Retail');

    const lucas = new Conversation(t.baseUrl, 'demo-lucas');
    const all = transcript(await lucas.say('orders'));
    assert.match(all, /Order history: all customers/, `Lucas gets his own history:\n${all}`);
    assert.match(all, /No orders yet/, `with none of Contoso's orders:\n${all}`);
    for (const typed of ['Contoso Retail', 'contosoretail.onmicrosoft.com', demoCustomers.contosoRetail, order]) {
      const said = transcript(await lucas.say(`orders ${typed}`));
      assert.match(said, /No customer matches/, `Lucas: "orders ${typed}" finds no customer:\n${said}`);
      assert.doesNotMatch(said.replace(typed, ''), new RegExp(`Order number|€|${order}`), `Lucas: "orders ${typed}" shows no order:\n${said}`);
    }
    // A colleague of Anna's sees the partner's orders (order history is the partner's, as in Partner Center).
    const gijs = new Conversation(t.baseUrl, 'demo-gijs');
    const colleague = transcript(await gijs.say('orders contoso retail'));
    assert.match(colleague, /Order history: Contoso Retail B\.V\./, `Gijs sees Contoso Retail's history:\n${colleague}`);
    assert.doesNotMatch(colleague, /No orders yet/, 'with the order in it');
  });

  it("a Contoso agent's conversation id used by a Fabrikam agent: every answer is refused, nothing changes, Anna's purchase goes on", async function () {
    const anna = new Conversation(t.baseUrl, 'demo-anna');
    const { cartId } = await driveToReview(anna, '2');
    const annasBuy = anna.clickValueOnLastCard('Buy');
    const cartBefore = JSON.stringify(t.bot.store.carts.get(cartId));
    const lucas = new Conversation(t.baseUrl, 'demo-lucas', anna.id);
    const before = writeCounts(t);
    for (const input of ['hi', 'buy', 'quantity 1 50', 'remove 1', 'scope single', 'back', 'cancel', 'help', 'orders', '1']) {
      const said = transcript(await lucas.say(input));
      assert.match(said, /Another agent is buying in this conversation/, `Lucas's "${input}" is refused:\n${said}`);
      assert.doesNotMatch(said, CONTOSO_NAMES, `Lucas's "${input}" shows nothing of Contoso's customer`);
    }
    for (const value of [annasBuy, { ...annasBuy, action: 'update', qty_1: '40' }, { ...annasBuy, action: 'cancel' }]) {
      const said = transcript(await lucas.submit(value));
      assert.match(said, /Another agent is buying in this conversation/, `Lucas's click (${String(value.action)}) with Anna's live nonce is refused:\n${said}`);
    }
    assert.deepEqual(writeCounts(t), before, 'nothing was written');
    assert.equal(JSON.stringify(t.bot.store.carts.get(cartId)), cartBefore, "Anna's cart is unchanged");
    const refused = t.bot.store.audit.list().filter((e) => e.partnerId === demoPartners.fabrikamBr);
    assert.ok(refused.every((e) => e.type.endsWith('.refused')), `Lucas left no event but refusals: ${refused.map((e) => e.type).join(', ')}`);

    const bought = await anna.click('Buy');
    const [order] = orderNumbersOf(bought);
    assert.ok(order, `Anna's purchase is intact and completes:\n${transcript(bought)}`);
    const row = t.bot.partnerCenter!.db.prepare('SELECT partner_id, customer_id FROM orders WHERE id = ?').get(order);
    assert.deepEqual(row, { partner_id: demoPartners.contosoNl, customer_id: demoCustomers.contosoRetail }, "the order is Contoso's, for Contoso Retail");
    assert.equal(count(t, 'orders'), 1, 'one order in all');
  });

  it('a role or subscription access taken away after the review is enforced when Buy is clicked', async function () {
    for (const [user, change, refusal] of [
      ['demo-sam', () => t.bot.store.db.prepare('DELETE FROM agent_subscription_access WHERE agent_id = ? AND subscription_id = ?').run(demoAgents.sam, demoSubscriptions.contosoRetailProduction), 'As a Sales agent you have no access to the subscription "Contoso Retail Production"'],
      ['demo-anna', () => t.bot.store.db.prepare(`UPDATE agents SET role = 'BillingAdmin' WHERE id = ?`).run(demoAgents.anna), 'Your role \\(Billing admin\\) may not buy Azure reservations'],
    ] as const) {
      const conv = new Conversation(t.baseUrl, user);
      await driveToReview(conv, '1');
      change();
      const said = transcript(await conv.click('Buy'));
      assert.match(said, new RegExp(`⛔ ${refusal}`), `${user}'s Buy after the change is refused: ${refusal}\n${said}`);
      assert.doesNotMatch(said, /^Order placed$/m, `${user}: nothing is bought`);
    }
    assert.equal(count(t, 'orders'), 0, 'no order');
    assert.equal(count(t, 'checkouts'), 0, 'no checkout');
  });

  it('the same holds at every step of the purchase, and for a colleague of the same partner', async function () {
    const steps: [string, (c: Conversation) => Promise<unknown>][] = [
      ['the segment question', async (c) => (await c.say('buy'), c.click(CONTOSO_RETAIL))],
      ['the reservation type question', (c) => c.click('Commercial')],
      ['the subscription question', (c) => c.click(VIRTUAL_MACHINES)],
      ['the item list', (c) => c.click(CONTOSO_RETAIL_PRODUCTION)],
      ['the quantity question', (c) => c.submit(c.clickValueOnLastCard(ITEM_BUTTON))],
    ];
    const anna = new Conversation(t.baseUrl, 'demo-anna');
    for (const [step, next] of steps) {
      await next(anna);
      const card = anna.last;
      for (const intruder of ['demo-lucas', 'demo-gijs']) {
        const other = new Conversation(t.baseUrl, intruder, anna.id);
        for (const input of ['1', 'back', 'cancel']) {
          const said = transcript(await other.say(input));
          assert.match(said, /Another agent is buying in this conversation/, `${intruder}'s "${input}" at ${step} is refused:\n${said}`);
        }
        other.last = card;
        const click = other.clickValueOnLastCard(/./);
        const said = transcript(await other.submit(click));
        assert.match(said, /Another agent is buying in this conversation/, `${intruder}'s click on Anna's card at ${step} is refused:\n${said}`);
      }
      anna.last = card; // Anna goes on from her own latest card
    }
    await anna.click('Add to cart', { quantity: '1' });
    assert.match(transcript(anna.last), /Added to the cart: 1 × /, `Anna's purchase went on undisturbed:\n${transcript(anna.last)}`);
    assert.equal(count(t, 'carts'), 1, "only Anna's cart exists");
  });
});
