// Property-based: random activities, card payloads and bodies thrown at the real server over HTTP. The
// server never answers 5xx, never fails a turn, keeps every reply under the Teams size limit, and writes
// only what a legitimate turn may write:
//
// - a body that is not an activity (junk, invalid JSON, a JSON value that is not an addressed object) is
//   answered 400 and changes no table at all (not even bot state or the audit trail);
// - an activity that is not a message (event, invoke, typing, ...) changes no business table (carts,
//   cart lines, checkouts, orders, order lines, subscriptions);
// - a message may change a business table only in a turn whose reply tells its agent so: a cart is opened
//   when a subscription is confirmed ("✓ Subscription: ..."), a cart line only with "Added to the cart", a
//   checkout and its orders only with the order confirmation, a subscription only with "Added the Azure
//   plan"; and what is written belongs to the turn's own agent and partner;
// - at the end, every cart and order in the store is consistent with tenant isolation (the cart's agent,
//   customer and order all belong to one partner) and with the catalog (quantities within the SKU's
//   limits, prices the catalog's).
//
// Runs are bounded (FUZZ_RUNS, default 50; FUZZ_SEED to replay) so `npm test` stays fast.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Activity } from 'botbuilder';
import { CARD_SIZE_LIMIT } from '../../cards/render';
import { demoCustomers, demoSubscriptions } from '../../src/store/demoIds';
import { catalogues } from '../../src/i18n';
import { buttonsOf, cardsOf } from '../support/cardClicks';
import {
  Conversation,
  count,
  dbOf,
  driveToReview,
  health,
  makeDataDir,
  postMessages,
  readBoth,
  removeDataDir,
  startTestBot,
  transcript,
  type TestBot,
} from './http';

type Json = Record<string, unknown>;

const BUSINESS = ['carts', 'cart_lines', 'checkouts', 'orders', 'order_lines', 'subscriptions'] as const;
const ALL = [...BUSINESS, 'bot_state', 'audit_events'] as const;
type Counts = Record<(typeof ALL)[number], number>;

const counts = (t: TestBot): Counts => Object.fromEntries(ALL.map((table) => [table, count(t, table)])) as Counts;

const HOSTILE = [
  '${customer.id}',
  '${json(turn)}',
  '{{DATE(2026-01-01T00:00:00Z)}}',
  '*Bold* _Ideas_ [Ltd](javascript:alert(1)) #1',
  '<script>alert(1)</script><img src=x onerror=alert(1)>',
  'شركة الأفكار الجريئة \u202Eevil\u202C',
  'Contoso 🚀☁️ Café 👩🏽‍💻',
  'x'.repeat(5000),
  '\u0000\u0001\u0007',
  '\uD800 lone surrogate',
  '=HYPERLINK("https://evil.example","x")',
  "'; DROP TABLE orders; --",
  '%_\\',
  '<at>Bot</at> buy',
];

const COMMANDS = [
  'buy', 'buy for contoso', 'buy for padaria', 'buy for ' + demoCustomers.padaria, 'orders', 'orders padaria', 'orders contoso retail',
  'cancel', 'back', 'help', 'review', '1', '2', '3', '99', '-1', 'next', 'previous', 'all', 'quantity 1 5', 'quantity 1 -3',
  'quantity 1 100000', 'monthly 1', 'one-time 1', 'scope single', 'scope shared', 'reseller 2', 'remove 1', 'add item', 'act as',
  'hi', 'D2s v5 west europe 3 years', 'Contoso Retail Production', 'commercial', 'vm', 'yes', 'no',
];

const ACTIONS = [
  'pickCustomer', 'segment', 'reservationType', 'subscription', 'pickItem', 'page', 'filter', 'quantity', 'next', 'addItem', 'review',
  'buy', 'update', 'remove', 'cancel', 'actAs', 'azurePlan', 'help', 'back',
];

const USERS = ['demo-anna', 'demo-gijs', 'demo-sam', 'demo-bea', 'demo-lucas', 'demo-mariana', 'demo-nora', 'stranger-7f3a'];

/** Filled in before the run: real ids worth forging (another partner's, another agent's, ...). */
const pool = { cartIds: ['c-unknown'] as string[], catalogItemIds: ['DZH318Z0XXXX:0001:NOPE'] as string[] };

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...COMMANDS) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** A value that may be a known id of something the agent should not reach, or anything at all. */
const idLike = fc.oneof(
  fc.constantFrom(...Object.values(demoCustomers), ...Object.values(demoSubscriptions), 'commercial', 'education', 'VirtualMachines', 'a0000000-0000-4000-8000-000000000001'),
  fc.constant('CART').map(() => pool.cartIds[Math.floor(Math.random() * pool.cartIds.length)]!),
  fc.constant('ITEM').map(() => pool.catalogItemIds[Math.floor(Math.random() * pool.catalogItemIds.length)]!),
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 30 }),
  fc.integer(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 2 }),
);

/** A card payload: a real button of the conversation's latest card with fields replaced, or one made up. */
type Payload = { from: 'card'; button: number; changes: Json } | { from: 'forged'; value: unknown; liveNonce: boolean };
const payload: fc.Arbitrary<Payload> = fc.oneof(
  fc.record({
    from: fc.constant('card' as const),
    button: fc.nat(30),
    // Half the time the click as it is (a legitimate answer, to get deep into a purchase), else tampered.
    changes: fc.oneof(fc.constant({}), fc.dictionary(
      fc.constantFrom('value', 'cartId', 'catalogItemId', 'quantity', 'qty_1', 'qty_2', 'billing_1', 'scope', 'reseller', 'page', 'region', 'family', 'term', 'text', 'action', 'price', 'unitPriceMinor'),
      fc.oneof(idLike, fc.constantFrom('1', '0', '-5', '2.5', '1e9', 'monthly', 'single', 'P5Y')),
      { minKeys: 1, maxKeys: 3 },
    )),
  }),
  fc.record({
    from: fc.constant('forged' as const),
    liveNonce: fc.boolean(),
    value: fc.oneof(
      { weight: 3, arbitrary: fc.record({ action: fc.oneof(fc.constantFrom(...ACTIONS), fc.string({ maxLength: 50 })), value: idLike, cartId: idLike, catalogItemId: idLike, qty_1: idLike, scope: idLike }, { requiredKeys: ['action'] }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    ),
  }),
);

type Step =
  | { kind: 'say'; user: string; conversation: number; text: string; extra: Json; odd: Json }
  | { kind: 'submit'; user: string; conversation: number; payload: Payload; extra: Json; odd: Json }
  | { kind: 'other'; user: string; conversation: number; type: string; extra: Json }
  | { kind: 'raw'; body: string };

/** Junk a channel might add: attachments, entities (mentions), locale, channel data, odd timestamps. */
const extra: fc.Arbitrary<Json> = fc.record(
  {
    attachments: fc.array(fc.record({ contentType: fc.oneof(fc.constant('application/vnd.microsoft.card.adaptive'), fc.string()), content: fc.jsonValue({ maxDepth: 2 }) }), { maxLength: 2 }),
    entities: fc.array(fc.oneof(fc.record({ type: fc.constant('mention'), text: fc.constantFrom('<at>Bot</at>', '<at>', ''), mentioned: fc.record({ id: fc.constantFrom('bot', 'x') }) }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 2 }),
    locale: fc.oneof(fc.constantFrom('en-US', 'nl-NL', 'nl', 'xx-INVALID-@@', ''), fc.string({ maxLength: 20 })),
    channelData: fc.jsonValue({ maxDepth: 2 }),
    timestamp: fc.oneof(fc.constant('not a date'), fc.date({ noInvalidDate: true }).map((d) => d.toISOString())),
    replyToId: fc.string({ maxLength: 20 }),
  },
  { requiredKeys: [] },
);

/** Now and then, fields of the wrong type: a channel would not send them, anyone can. */
const odd: fc.Arbitrary<Json> = fc
  .oneof(
    { weight: 6, arbitrary: fc.constant({}) },
    fc.record(
      {
        text: fc.oneof(fc.integer(), fc.boolean(), fc.jsonValue({ maxDepth: 2 })),
        aadObjectId: fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 1 }), fc.constant('a0000000-0000-4000-8000-000000000011')),
        entities: fc.oneof(fc.string(), fc.jsonValue({ maxDepth: 2 }), fc.constant([null, 7, { type: 'mention' }, { type: 'mention', mentioned: { id: 'bot' }, text: 42 }])),
        value: fc.jsonValue({ maxDepth: 3 }),
        locale: fc.oneof(fc.integer(), fc.jsonValue({ maxDepth: 1 })),
      },
      { requiredKeys: [] },
    ),
  )
  .map((o) => {
    const { aadObjectId, ...rest } = o as Json;
    return aadObjectId === undefined ? rest : { ...rest, fromAad: aadObjectId };
  });

/** Mostly the user's own conversation (to get deep into a purchase); sometimes one shared with others. */
const who = {
  user: fc.constantFrom(...USERS),
  conversation: fc.oneof({ weight: 4, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(3) }),
};

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('say' as const), ...who, text, extra, odd }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('submit' as const), ...who, payload, extra, odd }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('other' as const),
      ...who,
      type: fc.oneof(fc.constantFrom('event', 'invoke', 'typing', 'conversationUpdate', 'messageReaction', 'installationUpdate', 'endOfConversation', 'messageUpdate', 'messageDelete'), fc.string({ minLength: 1, maxLength: 20 })),
      extra: fc.record({ name: fc.string({ maxLength: 20 }), value: fc.jsonValue({ maxDepth: 2 }), membersAdded: fc.array(fc.record({ id: fc.string({ maxLength: 10 }) }), { maxLength: 2 }) }, { requiredKeys: [] }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('raw' as const),
      body: fc.oneof(
        fc.string({ maxLength: 200 }).filter((s) => !isAddressedObject(s)),
        fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null').filter((s) => !isAddressedObject(s)),
        fc.record({ type: fc.string({ maxLength: 70 }), text: fc.string() }).map((v) => JSON.stringify(v)),
      ),
    }),
  },
);

/** Whether a raw body would pass the server's activity check (such a body is not "junk"). */
function isAddressedObject(body: string): boolean {
  try {
    const v = JSON.parse(body) as Json;
    return Boolean(v && typeof v === 'object' && !Array.isArray(v) && v.type && v.channelId && v.conversation && v.from && v.recipient);
  } catch {
    return false;
  }
}

/** The fixed start of a catalogue sentence, up to where `marker` (a data value) is placed. */
const upTo = (sentence: string, marker: string) => sentence.slice(0, sentence.indexOf(marker));
const MARK = '\u0000mark\u0000';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (texts: string[]) => new RegExp(texts.filter(Boolean).map(escape).join('|'));

/** The confirmations, in every language the bot speaks (the locale of an activity chooses it). */
const confirmed = {
  cart: anyOf(catalogues.map((c) => upTo(c.say.answered('subscription', MARK), MARK))),
  line: anyOf(catalogues.map((c) => c.say.lineAdded(1, MARK, MARK, MARK).split(':')[0]!)),
  order: new RegExp(`^(?:${catalogues.map((c) => escape(c.cards.orderPlaced)).join('|')})$`, 'm'),
  plan: anyOf(catalogues.map((c) => c.say.azurePlanAdded())),
};

/** What a turn's replies tell its agent, to decide which writes it could legitimately make. */
function confirmations(said: string) {
  return {
    cart: confirmed.cart.test(said),
    line: confirmed.line.test(said),
    order: confirmed.order.test(said),
    plan: confirmed.plan.test(said),
  };
}

describe('e2e: random activities and card payloads (fast-check)', function () {
  this.timeout(120_000);
  let dataDir: string;
  let t: TestBot;

  before(async function () {
    dataDir = makeDataDir();
    t = await startTestBot(dataDir);
    // Carts of two partners to forge: Anna's at review, Lucas's with a line.
    const anna = new Conversation(t.baseUrl, 'demo-anna', 'fuzz-anna');
    const { cartId, catalogItemId } = await driveToReview(anna, '2');
    pool.cartIds.push(cartId);
    pool.catalogItemIds.push(catalogItemId);
    const lucas = new Conversation(t.baseUrl, 'demo-lucas', 'fuzz-lucas');
    await lucas.say('buy for padaria');
    await lucas.say('1');
    await lucas.say('commercial');
    await lucas.say('vm');
    await lucas.say('1');
    const lucasCart = (t.bot.store.db.prepare(`SELECT id FROM carts WHERE agent_id = (SELECT agent_id FROM agent_channel_ids WHERE channel_user_id = 'demo-lucas')`).get() as { id: string } | undefined)?.id;
    assert.ok(lucasCart, `Lucas has a cart:\n${transcript(lucas.last)}`);
    pool.cartIds.push(lucasCart);
    const otherItems = t.bot.partnerCenter!.db.prepare(`SELECT catalog_item_id AS id FROM availabilities WHERE country <> 'NL' LIMIT 3`).all() as { id: string }[];
    pool.catalogItemIds.push(...otherItems.map((r) => r.id));
  });

  after(async function () {
    await t?.stop();
    removeDataDir(dataDir);
  });

  it('never answers 5xx, never fails a turn, and writes only what a legitimate turn may write', async function () {
    /** The replies of each conversation's last turn that showed a card, to click its latest card. */
    const lastReplies = new Map<string, Partial<Activity>[]>();
    const conversationIds = ['fuzz-1', 'fuzz-2', 'fuzz-anna', 'fuzz-lucas'];
    let requests = 0;

    const send = async (s: Step): Promise<void> => {
      requests++;
      const logsBefore = t.logs.filter((l) => l.startsWith('[onTurnError]')).length;
      const before = counts(t);
      let res: Awaited<ReturnType<typeof postMessages>>;
      let kind: 'junk' | 'other' | 'message';
      let user = '';
      let aadObjectId: string | undefined; // Teams' identity of the user, which the bot prefers to from.id
      if (s.kind === 'raw') {
        kind = 'junk';
        res = await postMessages(t.baseUrl, s.body);
      } else {
        user = s.user;
        const conversationId = s.conversation < 0 ? `fuzz-own-${s.user}` : conversationIds[s.conversation]!;
        const conv = new Conversation(t.baseUrl, s.user, conversationId);
        let activity: Json;
        if (s.kind === 'say') {
          activity = { ...conv.activity({ text: s.text }), ...s.extra };
          kind = 'message';
        } else if (s.kind === 'submit') {
          activity = { ...conv.activity({ value: materialise(s.payload, lastReplies.get(conversationId) ?? []) as Json }), ...s.extra };
          kind = 'message';
        } else {
          activity = { ...conv.activity({}), ...s.extra, type: s.type };
          kind = s.type === 'message' ? 'message' : 'other';
        }
        if (s.kind !== 'other') {
          const { fromAad, ...fields } = s.odd;
          Object.assign(activity, fields);
          if (fromAad !== undefined) activity.from = { ...(activity.from as Json), aadObjectId: fromAad };
          if (typeof fromAad === 'string' && fromAad) aadObjectId = fromAad;
        }
        activity.deliveryMode = 'expectReplies'; // replies in the body: nothing is posted to the serviceUrl
        res = await postMessages(t.baseUrl, activity);
        // The latest card of the conversation stays clickable after replies without one (as in the chat).
        const replied = (res.json?.activities ?? []) as Partial<Activity>[];
        if (res.status === 200 && Array.isArray(replied) && replied.some((a) => cardsOf(a).length)) lastReplies.set(conversationId, replied);
      }
      const where = `request ${requests} (${JSON.stringify(s).slice(0, 400)})`;
      assert.ok(res.status < 500, `${where}: answered ${res.status}: ${res.text.slice(0, 500)}`);
      const turnErrors = t.logs.filter((l) => l.startsWith('[onTurnError]'));
      assert.equal(turnErrors.length, logsBefore, `${where}: a turn failed:\n${turnErrors.slice(logsBefore).join('\n')}`);
      const after = counts(t);
      if (kind === 'junk') {
        assert.equal(res.status, 400, `${where}: junk is answered 400, got ${res.status}: ${res.text.slice(0, 300)}`);
        assert.deepEqual(after, before, `${where}: junk writes nothing`);
        return;
      }
      assert.ok(res.status >= 200 && res.status < 300, `${where}: an addressed activity is answered 2xx, got ${res.status}: ${res.text.slice(0, 300)}`);
      const replies = (res.json?.activities ?? []) as Partial<Activity>[];
      for (const reply of replies) {
        const bytes = Buffer.byteLength(JSON.stringify(reply));
        assert.ok(bytes <= CARD_SIZE_LIMIT, `${where}: a reply of ${bytes} bytes is over the Teams limit`);
      }
      const grew = (table: (typeof BUSINESS)[number]) => after[table] > before[table];
      const shrank = BUSINESS.filter((table) => after[table] < before[table] && table !== 'cart_lines');
      assert.deepEqual(shrank, [], `${where}: no business row is ever deleted (cart lines may be removed by their agent)`);
      if (kind === 'other') {
        assert.deepEqual(BUSINESS.filter(grew), [], `${where}: a ${s.kind === 'other' ? s.type : ''} activity writes no business row`);
        return;
      }
      const said = transcript(replies);
      const told = confirmations(said);
      const unexplained = [
        grew('carts') && !told.cart && 'a cart',
        grew('cart_lines') && !told.line && 'a cart line',
        (grew('checkouts') || grew('orders') || grew('order_lines')) && !told.order && 'a checkout or order',
        grew('subscriptions') && !told.plan && 'a subscription',
      ].filter(Boolean);
      assert.deepEqual(unexplained, [], `${where}: wrote ${unexplained.join(', ')} without telling the agent:\n${said.slice(0, 1000)}`);
      // What a directory agent's turn wrote is that agent's (a demo stranger acts as whoever it chose).
      const directory = t.bot.store.directory;
      const agent = (aadObjectId ? directory.agentAndPartnerByUserId(aadObjectId)?.agent : undefined) ?? directory.agentAndPartnerByUserId(user)?.agent;
      if (agent && (grew('carts') || grew('orders'))) {
        const foreign = (table: 'carts' | 'orders') =>
          (dbOf(t, table).prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE rowid > ? AND agent_id <> ?`).get(before[table], agent.id) as { n: number }).n;
        assert.equal(foreign('carts') + foreign('orders'), 0, `${where}: every cart and order this turn wrote is ${user}'s`);
      }
    };

    const runs = Number(process.env.FUZZ_RUNS ?? 50);
    const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps) => {
        for (const s of steps) await send(s);
      }),
      // No shrinking: the server's state carries over between runs, so a smaller replay is not the same test.
      { numRuns: runs, seed, endOnFailure: true, verbose: 1 },
    );

    assert.ok(requests >= runs, `the property sent ${requests} requests`);
    assert.equal(await health(t.baseUrl), 200, 'the server is healthy after the run');
    assertStoreConsistent(t);
  });
});

/** The submit value of a step: a real button of the latest card with changes, or the forged value. */
function materialise(p: Payload, lastReplies: Partial<Activity>[]): unknown {
  const buttons = lastReplies.flatMap((a) => cardsOf(a)).flatMap((card) => buttonsOf(card));
  const liveNonce = buttons.map((b) => b.data.nonce).find((n) => typeof n === 'string');
  if (p.from === 'card') {
    const button = buttons.length ? buttons[p.button % buttons.length]! : undefined;
    return { ...(button?.data ?? { action: 'buy' }), ...p.changes };
  }
  const value = p.value;
  if (p.liveNonce && liveNonce && value && typeof value === 'object' && !Array.isArray(value)) return { ...value, nonce: liveNonce };
  return value;
}

/** Tenant isolation and catalog consistency of everything in the store and the embedded Partner Center. */
function assertStoreConsistent(t: TestBot): void {
  readBoth(t, (db) => assertConsistent((sql: string) => db.prepare(sql).all() as Json[]));
}

function assertConsistent(rows: (sql: string) => Json[]): void {
  assert.deepEqual(
    rows(`SELECT c.id FROM carts c JOIN agents a ON a.id = c.agent_id JOIN customers cu ON cu.id = c.customer_id
          WHERE a.partner_id <> c.partner_id OR cu.partner_id <> c.partner_id`),
    [],
    "every cart's agent and customer belong to the cart's partner",
  );
  assert.deepEqual(
    rows(`SELECT c.id FROM carts c JOIN subscriptions s ON s.id = c.subscription_id WHERE s.customer_id <> c.customer_id`),
    [],
    "every cart's subscription is its customer's",
  );
  assert.deepEqual(
    rows(`SELECT o.id FROM orders o JOIN carts c ON c.id = o.cart_id JOIN customers cu ON cu.id = o.customer_id
          WHERE o.partner_id <> c.partner_id OR o.agent_id <> c.agent_id OR o.customer_id <> c.customer_id OR cu.partner_id <> o.partner_id`),
    [],
    "every order is its cart's: same partner, agent and customer, and the customer is the partner's",
  );
  assert.deepEqual(
    rows(`SELECT l.cart_id, l.id FROM cart_lines l JOIN availabilities a ON a.catalog_item_id = l.catalog_item_id
          JOIN skus s ON s.product_id = a.product_id AND s.id = a.sku_id
          WHERE l.quantity < s.minimum_quantity OR l.quantity > s.maximum_quantity`),
    [],
    "every cart line's quantity is within its SKU's limits",
  );
  assert.deepEqual(
    rows(`SELECT l.order_id FROM order_lines l JOIN availabilities a ON a.catalog_item_id = l.catalog_item_id
          WHERE l.unit_price_minor <> a.unit_price_minor OR l.total_minor <> a.unit_price_minor * l.quantity`),
    [],
    'every order line is priced at the catalog price',
  );
}
