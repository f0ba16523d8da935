// The bot follows up in the conversation where the agent bought: provisioning completed or failed, an
// unclear checkout resolved in the background (bought with its order number, or not bought), and 30 days
// before a reservation's end. Each case buys through the dialogs, then moves the injected clock and runs
// one follow-up tick (runDue), and reads what the agent is told, in English and in Dutch.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Conversation } from './conversation';
import { languages, type Lang } from './lang';
import { stepsIn } from './steps';
import { TestAdapter, TurnContext, type ConversationReference } from 'botbuilder';
import { FollowUps, type FollowUpNotice } from '../../src/purchase/followUp';
import { sendFollowUp } from '../../dialogs/followUpNotices';
import type { Proactive, ProactiveSend } from '../../dialogs/proactive';
import type { BotStore } from '../../src/store/botStore';
import { PartnerCenterTimeoutError, type PartnerCenter } from '../../src/partnerCenter/partnerCenter';
import type { LocalPartnerCenter } from '../../src/partnerCenter/local';
import { Store } from '../../src/store/store';
import { demoPartnerCenter } from '../support/demoWorld';

const boughtAt = Date.parse('2026-12-03T09:00:00.000Z');
const minutes = (n: number) => new Date(boughtAt + n * 60_000);

/**
 * The bot's proactive side (bot/proactive.ts) over the conversation references the store keeps: each
 * notice goes through sendFollowUp into a turn of the stored conversation, and what it sends is kept.
 */
class Told implements Proactive {
  readonly notices: { conversationId: string; text: string }[] = [];
  constructor(private readonly store: BotStore) {}

  readonly send = (notice: FollowUpNotice) => sendFollowUp(this, notice);

  async toAgent(): Promise<number> {
    throw new Error('follow-ups go to the conversation the agent bought in');
  }

  async toConversation(conversationId: string, send: ProactiveSend): Promise<boolean> {
    const stored = await this.store.conversations.get(conversationId);
    if (!stored) return false;
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, stored.reference as Partial<ConversationReference>, true);
    const context = new TurnContext(new TestAdapter(), activity);
    context.onSendActivities(async (_context, activities, next) => {
      for (const a of activities) this.notices.push({ conversationId: String(a.conversation?.id), text: String(a.text) });
      return next();
    });
    await send(context);
    return true;
  }

  texts(): string[] {
    return this.notices.map((n) => n.text);
  }
}

interface Bought {
  c: Conversation;
  world: LocalPartnerCenter;
  /** The buy turn's conversation id: where the follow-ups must go. */
  conversationId: string;
  setNow(at: Date): void;
}

/**
 * Anna buys 3 × D2s_v5 (West Europe, 3 years) for Contoso Retail at `boughtAt`. `gateway` wraps the
 * embedded world (a Partner Center that loses the checkout's answer); `store` is the bot's store.
 */
async function buy(L: Lang, options: { gateway?: (world: LocalPartnerCenter) => PartnerCenter; store?: Store } = {}): Promise<Bought> {
  let now = new Date(boughtAt);
  const clock = () => now;
  const world = demoPartnerCenter(clock);
  const c = new Conversation('demo-anna', {
    lang: L,
    clock,
    store: options.store,
    world,
    partnerCenter: () => (options.gateway ? options.gateway(world) : world),
    checkoutRetry: { sleep: async () => undefined, now: () => now.getTime() },
  });
  const s = stepsIn(L);
  for (const [input] of [...s.toContosoItems, ...s.threeD2sV5]) await c.say(input as string);
  await c.say(L.type('review', 'controleren'));
  await c.say(L.type('buy', 'kopen'));
  const conversationId = String(c.replies[0]?.conversation?.id);
  return { c, world, conversationId, setNow: (at) => (now = at) };
}

/** A Partner Center whose checkout answer never arrives (the order made or not), and whose new orders are not listed yet. */
function answerLost(world: LocalPartnerCenter, carriedOut: boolean) {
  const state = { listed: false };
  const gateway: PartnerCenter = Object.assign(Object.create(world) as LocalPartnerCenter, {
    checkout: async (request: Parameters<PartnerCenter['checkout']>[0]) => {
      if (carriedOut) await world.checkout(request);
      throw new PartnerCenterTimeoutError();
    },
    getOrdersForRequest: async (requestId: string) => (state.listed ? world.getOrdersForRequest(requestId) : []),
  });
  return { gateway, state };
}

/** Moves the clock to `at` and runs one follow-up tick there. */
async function tickAt(setNow: (at: Date) => void, runner: FollowUps, at: Date): Promise<void> {
  setNow(at);
  await runner.runDue(at);
}

/** What the agent reads when the order is provisioned. */
const provisioned = (L: Lang, orderId: string) =>
  L.text(
    `Order ${orderId} for Contoso Retail B.V. is complete: Partner Center has provisioned 3 × Reserved VM Instance, Standard\\_D2s\\_v5, West Europe, 3 Years.`,
    `Order ${orderId} voor Contoso Retail B.V. is voltooid: Partner Center heeft 3 × Reserved VM Instance, Standard\\_D2s\\_v5, West Europe, 3 Years ingericht.`,
  );

const followUps = (store: Store, world: PartnerCenter, told: Told) => new FollowUps(store, world, told.send, { callsPerMinute: 10 });

for (const L of languages) {
  const t = (en: string, nl: string) => L.text(en, nl);

  describe(`follow-ups in the conversation where the agent bought (${L.locale})`, () => {
    it('tells the agent when the order is provisioned, not before', async () => {
      const { c, world, conversationId, setNow } = await buy(L);
      const [orderId] = c.orderIds();
      const told = new Told(c.store);
      const runner = followUps(c.store, world, told);
      for (const at of [2, 4]) {
        await tickAt(setNow, runner, minutes(at));
      }
      assert.deepEqual(told.texts(), [], 'nothing while Partner Center says PrefulfillmentPending');
      await tickAt(setNow, runner, minutes(6));
      assert.deepEqual(told.notices, [
        {
          conversationId,
          text: provisioned(L, orderId!),
        },
      ]);
      await tickAt(setNow, runner, minutes(60));
      assert.equal(told.notices.length, 1, 'told once');
    });

    it('tells the agent when provisioning fails', async () => {
      const { c, world, conversationId, setNow } = await buy(L);
      const [orderId] = c.orderIds();
      world.failProvisioning(orderId!);
      const told = new Told(c.store);
      setNow(minutes(2));
      await followUps(c.store, world, told).runDue(minutes(2));
      assert.deepEqual(told.notices, [
        {
          conversationId,
          text: t(
            `Partner Center could not provision order ${orderId} for Contoso Retail B.V. (3 × Reserved VM Instance, Standard\\_D2s\\_v5, West Europe, 3 Years). Open the order in Partner Center to see why, or contact Microsoft support; do not buy it again before you know.`,
            `Partner Center kon order ${orderId} voor Contoso Retail B.V. niet inrichten (3 × Reserved VM Instance, Standard\\_D2s\\_v5, West Europe, 3 Years). Open de order in Partner Center om te zien waarom, of neem contact op met Microsoft-ondersteuning; koop niet opnieuw voordat u het weet.`,
          ),
        },
      ]);
    });

    it('a provisioning notice still arrives after a restart (a new store on the same file, the job still due)', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'follow-up-'));
      const file = path.join(dir, 'reservations.db');
      try {
        const { c, world, conversationId, setNow } = await buy(L, { store: Store.open(file) });
        const [orderId] = c.orderIds();
        c.store.close();
        const restarted = Store.open(file);
        try {
          const told = new Told(restarted);
          setNow(minutes(6));
          await followUps(restarted, world, told).runDue(minutes(6));
          assert.deepEqual(told.notices, [
            {
              conversationId,
              text: provisioned(L, orderId!),
            },
          ]);
        } finally {
          restarted.close();
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('an unclear checkout that Partner Center did carry out: the agent is told it was bought, with the order number', async () => {
      let lost!: ReturnType<typeof answerLost>;
      const { c, conversationId, setNow } = await buy(L, { gateway: (w) => (lost = answerLost(w, true)).gateway });
      assert.match(c.text, new RegExp(t('I could not confirm the purchase', 'Ik kon de aankoop niet bevestigen')), 'the agent was told it is unclear');
      assert.match(
        c.text,
        new RegExp(t('I keep looking it up and tell you here whether it was placed', 'ik blijf de order opzoeken en laat u hier weten of die is geplaatst')),
        'the agent is told the bot keeps looking',
      );
      const [orderId] = c.orderIds();
      const told = new Told(c.store);
      const runner = followUps(c.store, lost.gateway, told);
      await tickAt(setNow, runner, minutes(2));
      assert.deepEqual(told.texts(), [], 'not listed yet: nothing to tell');
      lost.state.listed = true;
      await tickAt(setNow, runner, minutes(4));
      assert.deepEqual(told.notices, [
        {
          conversationId,
          text: t(
            `Update on the purchase for Contoso Retail B.V. that I could not confirm: it was placed after all, as order ${orderId}. Do not buy it again.`,
            `Update over de aankoop voor Contoso Retail B.V. die ik niet kon bevestigen: die is toch geplaatst, als order ${orderId}. Koop niet opnieuw.`,
          ),
        },
      ]);
      const cartId = (c.store.db.prepare('SELECT id FROM carts').get() as { id: string }).id;
      assert.deepEqual(c.store.journal.orderIds(cartId), [orderId], 'the journal knows the order: the cart is never bought again');
      await tickAt(setNow, runner, minutes(10));
      assert.equal(told.notices.length, 2, 'and its provisioning is followed up too');
      assert.match(told.notices[1]!.text, new RegExp(`^Order ${orderId} `));
    });

    it('an unclear checkout that Partner Center never carried out: the agent is told nothing was bought, after the 15 minutes orders may take', async () => {
      let lost!: ReturnType<typeof answerLost>;
      const { c, conversationId, setNow } = await buy(L, { gateway: (w) => (lost = answerLost(w, false)).gateway });
      assert.deepEqual(c.orderIds(), [], 'no order');
      const told = new Told(c.store);
      const runner = followUps(c.store, lost.gateway, told);
      await tickAt(setNow, runner, minutes(10));
      assert.deepEqual(told.texts(), [], 'still within the time Partner Center may take to list an order');
      await tickAt(setNow, runner, minutes(20));
      assert.deepEqual(told.notices, [
        {
          conversationId,
          text: t(
            'Update on the purchase for Contoso Retail B.V. that I could not confirm: Partner Center has no order for it 20 minutes later, so nothing was bought and nothing was charged. Type **buy** to start again.',
            'Update over de aankoop voor Contoso Retail B.V. die ik niet kon bevestigen: Partner Center heeft er 20 minuten later geen order voor, dus er is niets gekocht en niets in rekening gebracht. Typ **kopen** om opnieuw te beginnen.',
          ),
        },
      ]);
    });

    it('tells the agent 30 days before the reservations it bought end (purchase date + term)', async () => {
      const { c, world, conversationId, setNow } = await buy(L);
      const [orderId] = c.orderIds();
      const told = new Told(c.store);
      const runner = followUps(c.store, world, told);
      await tickAt(setNow, runner, minutes(6));
      const dayBefore = new Date('2029-11-02T09:00:00.000Z');
      await tickAt(setNow, runner, dayBefore);
      assert.equal(told.notices.length, 1, '31 days before the end: only the provisioning notice');
      const thirtyDaysBefore = new Date('2029-11-03T09:00:00.000Z');
      await tickAt(setNow, runner, thirtyDaysBefore);
      assert.deepEqual(told.notices[1], {
        conversationId,
        text: t(
          `The reservations of order ${orderId} for Contoso Retail B.V. (3 × Reserved VM Instance, Standard\\_D2s\\_v5, West Europe, 3 Years) end on December 3, 2029, in 30 days. To keep the reservation discount after that, buy new ones before then: type **buy**.`,
          `De reserveringen van order ${orderId} voor Contoso Retail B.V. (3 × Reserved VM Instance, Standard\\_D2s\\_v5, West Europe, 3 Years) lopen af op 3 december 2029, over 30 dagen. Koop vóór die datum nieuwe om daarna de reserveringskorting te houden: typ **kopen**.`,
        ),
      });
    });
  });
}
