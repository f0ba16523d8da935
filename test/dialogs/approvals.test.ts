// Four eyes above a threshold (issue 17, point 2), as the agents of one partner live it, in English and
// Dutch: Sam (Sales agent) buys above Contoso's approval limit, Anna (Admin agent) and Gijs (Global admin)
// get the request proactively in their own conversations, and decide it. Every sentence is written out.
import assert from 'node:assert/strict';
import { MemoryStorage, type Activity, type Storage, type StoreItems } from 'botbuilder';
import { ApprovalDialogs } from '../../dialogs/approvals';
import { ApprovalService } from '../../src/purchase/approvals';
import { PurchaseService } from '../../src/purchase/purchaseService';
import type { BotStore } from '../../src/store/botStore';
import type { Store } from '../../src/store/store';
import type { LocalPartnerCenter } from '../../src/partnerCenter/local';
import { PostgresStore } from '../../src/store/postgres/store';
import { demoPartnerCenter, demoWorldStore } from '../support/demoWorld';
import { ProactiveInbox } from '../support/proactiveInbox';
import { newTestDatabase } from '../support/postgres';
import { cardsOf, cardText } from '../support/cardClicks';
import { Conversation } from './conversation';
import { languages, shows, type Lang } from './lang';
import { check, type Check, type Step } from './script';
import { stepsIn } from './steps';

const hour = 3_600_000;

/** One partner's office: the agents' conversations on one store and one Partner Center, a clock, the proactive inbox. */
function office(lang: Lang, botStore?: BotStore, channelId?: string) {
  const clock = { now: new Date('2026-03-02T09:30:00.000Z') };
  const now = () => clock.now;
  const store: Store = demoWorldStore();
  const world: LocalPartnerCenter = demoPartnerCenter(now);
  const bot = botStore ?? store;
  const purchases = new PurchaseService(bot, world, now);
  const inbox = new ProactiveInbox(bot);
  const service = new ApprovalService(bot, purchases, now, 24 * hour);
  const approvals = new ApprovalDialogs(service, purchases, inbox.messenger);
  const agent = (user: string, storage?: Storage) =>
    new Conversation(user, { store, botStore, partnerCenter: () => world, world, lang, clock: now, approvals, conversationId: `conversation-${user}`, storage, channelId });
  return { clock, store, bot, world, inbox, approvals, agent, sam: agent('demo-sam'), anna: agent('demo-anna'), gijs: agent('demo-gijs') };
}
type Office = ReturnType<typeof office>;

async function run(c: Conversation, steps: Step[]): Promise<void> {
  for (const [index, [input, expected]] of steps.entries()) {
    assert.equal(typeof input, 'string', 'these steps are typed');
    await c.say(input as string);
    check(c, expected, `${index + 1}: "${input as string}"`);
  }
}

/** What arrived unasked in an agent's conversation: its texts, cards as text. */
function delivered(o: Office, user: string): { text: string; card?: Record<string, unknown>; all: Partial<Activity>[] } {
  const all = o.inbox.take(`conversation-${user}`);
  const cards = all.flatMap((a) => cardsOf(a));
  return { text: all.map((a) => [a.text ?? '', ...cardsOf(a).map((c) => cardText(c))].filter(Boolean).join('\n')).join('\n---\n'), card: cards[0], all };
}

/** The bot's messages in an agent's conversation it replaced unasked (a settled card), as they read now. */
const replacedIn = (o: Office, user: string) => o.inbox.takeUpdates(`conversation-${user}`).map((u) => ({ id: u.id, text: u.text, cards: cardsOf(u).length }));
/** The message that carried the approval card in what arrived unasked. */
const cardMessage = (got: ReturnType<typeof delivered>) => got.all.find((a) => cardsOf(a).length > 0)!;
/** The messages a turn replaced in its own conversation, as they read now. */
const replacedBy = (c: Conversation) => c.updates.map((u) => ({ id: u.id, text: u.text, cards: cardsOf(u).length }));
const ordersIn = (o: Office) => (o.world.db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
const events = async (o: Office) => (await o.bot.audit.list()).map((e) => e.type).filter((t) => t.startsWith('approval.'));

for (const L of languages) {
  describe(`dialogs/approvals: four eyes above the approval limit (${L.locale})`, function () {
    this.timeout(60_000);
    const s = stepsIn(L);
    const { toContosoItems, threeD2sV5, review } = s;
    const reviewWord = L.type('review', 'controleren');
    const buy = L.type('buy', 'kopen');
    const amount = L.text('€1,000.00', '€\u00a01.000,00');

    /** Anna sets the limit at €1,000; the agents have written to the bot once (it knows where they are). */
    async function withLimit(o: Office): Promise<void> {
      await run(o.anna, [[L.type('approval limit 1000 EUR', 'goedkeuringsgrens 1000 EUR'), L.text(`Approval limit set: orders above ${amount} now need the approval of a second Admin agent or Global admin.`, `Goedkeuringsgrens ingesteld: bestellingen boven ${amount} hebben nu de goedkeuring van een tweede beheeragent of globale beheerder nodig.`)]]);
      await run(o.gijs, [[L.type('approval limit', 'goedkeuringsgrens'), L.text(`The approval limit is ${amount}: orders above it need a second agent's approval.`, `De goedkeuringsgrens is ${amount}: bestellingen daarboven hebben de goedkeuring van een tweede agent nodig.`)]]);
    }

    /** Sam puts 3 × D2s v5 in the cart and clicks Buy: it waits for Anna and Gijs. */
    async function samAsks(o: Office): Promise<string> {
      await run(o.sam, [...toContosoItems, ...threeD2sV5, [reviewWord, review]]);
      await run(o.sam, [[buy, WAITING(L)]]);
      const request = (await o.bot.approvals.ofPartner('partner-contoso-nl', 'pending'))[0];
      assert.ok(request, 'one request waits');
      return request.id;
    }

    it('approved: the approvers get the read-only review proactively; Gijs approves, the order is placed once and Sam is told', async () => {
      const o = office(L);
      await withLimit(o);
      await samAsks(o);
      for (const user of ['demo-anna', 'demo-gijs']) {
        const got = delivered(o, user);
        assert.match(got.text, shows(L.text('Sam Visser asks you to approve an order for Contoso Retail B.V.: ', 'Sam Visser vraagt u een bestelling voor Contoso Retail B.V. goed te keuren: ')), `${user}: ${got.text}`);
        assert.match(got.text, shows(L.text('Approval requested', 'Goedkeuring gevraagd')));
        assert.match(got.text, shows(L.text('Contoso Retail Production\nStandard\\_D2s\\_v5\nRegion\nWest Europe', 'Contoso Retail Production\nStandard\\_D2s\\_v5\nRegio\nWest-Europa')), 'the review, read-only');
        assert.match(got.text, shows(L.text('Total: €3,579.21\nExpires Mar 3, 2026, 9:30 AM UTC', 'Totaal: €\u00a03.579,21\nVerloopt 3 mrt 2026, 09:30 UTC')));
        assert.match(
          got.text,
          shows(L.text('Savings: €5,074.58 (58.6%) vs €8,653.79 pay-as-you-go; break-even after 14.9 months of full use (41.4% use)', 'Besparing: €\u00a05.074,58 (58,6%) t.o.v. €\u00a08.653,79 betalen per gebruik; terugverdiend na 14,9 mnd vol gebruik (41,4% gebruik)')),
          'the review\'s savings',
        );
        assert.ok(got.card, `${user} got the approval card`);
        if (user === 'demo-gijs') await o.gijs.click(L.text('Approve', 'Goedkeuren'), {}, undefined, got.card);
      }
      check(o.gijs, shows(L.text('✓ You approved Sam Visser\'s order for Contoso Retail B.V.: it is placed (', '✓ U hebt de bestelling van Sam Visser voor Contoso Retail B.V. goedgekeurd: ze is geplaatst (')), 'Gijs');
      const sam = delivered(o, 'demo-sam');
      assert.match(sam.text, shows(L.text('✓ Gijs Bakker approved your order for Contoso Retail B.V.: it is placed.', '✓ Gijs Bakker heeft uw bestelling voor Contoso Retail B.V. goedgekeurd: ze is geplaatst.')));
      assert.match(sam.text, shows(L.text('Order placed', 'Order geplaatst')), 'with the confirmation card');
      assert.equal(ordersIn(o), 1, 'one order');
      assert.deepEqual(await events(o), ['approval.limitSet', 'approval.requested', 'approval.approved', 'approval.ordered']);
    });

    it('rejected with a reason: a Reject without one asks for it; Sam reads the reason, nothing is bought', async () => {
      const o = office(L);
      await withLimit(o);
      await samAsks(o);
      const card = delivered(o, 'demo-anna').card!;
      await o.anna.click(L.text('Reject', 'Afwijzen'), {}, undefined, card);
      check(o.anna, L.text('To reject, type the reason in the box on the card (at most 500 characters), then click Reject.', 'Typ om af te wijzen de reden in het vak op de kaart (hoogstens 500 tekens) en klik dan op Afwijzen.'), 'no reason');
      await o.anna.click(L.text('Reject', 'Afwijzen'), { reason: L.type('Too many for this customer', 'Te veel voor deze klant') }, undefined, card);
      check(o.anna, L.text("You rejected Sam Visser's order for Contoso Retail B.V.: nothing was bought, and I told Sam Visser.", 'U hebt de bestelling van Sam Visser voor Contoso Retail B.V. afgewezen: er is niets gekocht, en ik heb het Sam Visser laten weten.'), 'Anna');
      assert.equal(delivered(o, 'demo-sam').text, L.text('✗ Anna de Vries rejected your order for Contoso Retail B.V.: “Too many for this customer”. Nothing was bought.', '✗ Anna de Vries heeft uw bestelling voor Contoso Retail B.V. afgewezen: “Te veel voor deze klant”. Er is niets gekocht.'));
      // Gijs's card is out of date now.
      await o.gijs.click(L.text('Approve', 'Goedkeuren'), {}, undefined, delivered(o, 'demo-gijs').card!);
      check(o.gijs, shows(L.text('That approval request is no longer waiting: it was rejected.', 'Dat goedkeuringsverzoek wacht niet meer: het is afgewezen.')), 'Gijs too late');
      assert.equal(ordersIn(o), 0, 'nothing bought');
      assert.deepEqual(await events(o), ['approval.limitSet', 'approval.requested', 'approval.rejected', 'approval.refused']);
    });

    it('expired: on use (an Approve after the expiry) and by the sweep; the buyer and the approvers are told, nothing is bought', async () => {
      const o = office(L);
      await withLimit(o);
      await samAsks(o);
      const card = delivered(o, 'demo-gijs').card!;
      delivered(o, 'demo-anna');
      o.clock.now = new Date(o.clock.now.getTime() + 25 * hour);
      await o.gijs.click(L.text('Approve', 'Goedkeuren'), {}, undefined, card);
      check(o.gijs, L.text("Sam Visser's approval request for Contoso Retail B.V. expired: nothing was bought.", 'Het goedkeuringsverzoek van Sam Visser voor Contoso Retail B.V. is verlopen: er is niets gekocht.'), 'on use');
      const expiredForSam = L.text('Your order for Contoso Retail B.V. was not decided in time: the approval request expired and nothing was bought. Type **buy** to start again.', 'Over uw bestelling voor Contoso Retail B.V. is niet op tijd beslist: het goedkeuringsverzoek is verlopen en er is niets gekocht. Typ **kopen** om opnieuw te beginnen.');
      assert.equal(delivered(o, 'demo-sam').text, expiredForSam);
      assert.equal(delivered(o, 'demo-anna').text, L.text("Sam Visser's approval request for Contoso Retail B.V. expired: nothing was bought.", 'Het goedkeuringsverzoek van Sam Visser voor Contoso Retail B.V. is verlopen: er is niets gekocht.'));

      // A second request, expired by the sweep: nobody touched it.
      await run(o.sam, [...toContosoItems, ...threeD2sV5, [reviewWord, review], [buy, WAITING(L, '4 March')]]);
      delivered(o, 'demo-anna');
      delivered(o, 'demo-gijs');
      assert.equal(await o.approvals.expireDue(), 0, 'nothing is due yet');
      o.clock.now = new Date(o.clock.now.getTime() + 24 * hour);
      assert.equal(await o.approvals.expireDue(), 1, 'the sweep expires it');
      assert.equal(await o.approvals.expireDue(), 0, 'once');
      assert.equal(delivered(o, 'demo-sam').text, expiredForSam);
      assert.match(delivered(o, 'demo-gijs').text, shows(L.text('expired: nothing was bought.', 'is verlopen: er is niets gekocht.')));
      assert.equal(ordersIn(o), 0, 'nothing bought');
      assert.deepEqual(await events(o), ['approval.limitSet', 'approval.requested', 'approval.expired', 'approval.requested', 'approval.expired']);
    });

    it('withdrawn by the buyer: the approvers are told, and an Approve after it buys nothing; "approvals" lists what waits', async () => {
      const o = office(L);
      await withLimit(o);
      await samAsks(o);
      const card = delivered(o, 'demo-gijs').card!;
      await run(o.sam, [[L.type('approvals', 'goedkeuringen'), [shows(L.text('Nothing waits for your approval.', 'Er wacht niets op uw goedkeuring.')), shows(L.text("Waiting for someone else's approval:", 'Wacht op goedkeuring door een ander:')), shows(L.text('Sam Visser: Contoso Retail B.V., ', 'Sam Visser: Contoso Retail B.V., '))]]]);
      await run(o.gijs, [[L.type('approvals', 'goedkeuringen'), [shows(L.text('Waiting for your approval:', 'Wacht op uw goedkeuring:')), shows(L.text('None of your orders waits for approval.', 'Geen van uw bestellingen wacht op goedkeuring.'))]]]);
      await run(o.sam, [[L.type('withdraw', 'intrekken'), L.text('Withdrawn: your order for Contoso Retail B.V. no longer waits for approval. Nothing was bought.', 'Ingetrokken: uw bestelling voor Contoso Retail B.V. wacht niet meer op goedkeuring. Er is niets gekocht.')]]);
      assert.equal(delivered(o, 'demo-gijs').text, L.text('Sam Visser withdrew the approval request for Contoso Retail B.V.: nothing was bought.', 'Sam Visser heeft het goedkeuringsverzoek voor Contoso Retail B.V. ingetrokken: er is niets gekocht.'));
      await o.gijs.click(L.text('Approve', 'Goedkeuren'), {}, undefined, card);
      check(o.gijs, shows(L.text('That approval request is no longer waiting: it was withdrawn.', 'Dat goedkeuringsverzoek wacht niet meer: het is ingetrokken.')), 'Gijs after the withdrawal');
      await run(o.sam, [[L.type('withdraw', 'intrekken'), L.text('You have no order waiting for approval.', 'U hebt geen bestelling die op goedkeuring wacht.')]]);
      assert.equal(ordersIn(o), 0, 'nothing bought');
    });

    it('approved after the price changed: nothing is bought, it goes back to the buyer with the old and the new price', async () => {
      const o = office(L);
      await withLimit(o);
      const id = await samAsks(o);
      const gijs = delivered(o, 'demo-gijs');
      const card = gijs.card!;
      const request = (await o.bot.approvals.get(id))!;
      o.world.db.prepare('UPDATE availabilities SET unit_price_minor = unit_price_minor + 10000 WHERE catalog_item_id = ?').run(request.unitPrices[0]!.catalogItemId);
      await o.gijs.click(L.text('Approve', 'Goedkeuren'), {}, undefined, card);
      check(o.gijs, L.text(`Nothing was bought: the price changed from ${PRICE.before[L.locale]} to ${PRICE.after[L.locale]} while the request waited. It went back to Sam Visser.`, `Er is niets gekocht: de prijs is gewijzigd van ${PRICE.before[L.locale]} naar ${PRICE.after[L.locale]} terwijl het verzoek wachtte. Het is teruggegaan naar Sam Visser.`), 'Gijs');
      assert.equal(delivered(o, 'demo-sam').text, L.text(`⚠️ Gijs Bakker approved your order for Contoso Retail B.V., but its price changed while it waited: it was ${PRICE.before[L.locale]}, it is now ${PRICE.after[L.locale]}. Nothing was bought. Type **buy** to start again and ask for approval at the new price.`, `⚠️ Gijs Bakker heeft uw bestelling voor Contoso Retail B.V. goedgekeurd, maar de prijs is intussen gewijzigd: die was ${PRICE.before[L.locale]} en is nu ${PRICE.after[L.locale]}. Er is niets gekocht. Typ **kopen** om opnieuw te beginnen en goedkeuring voor de nieuwe prijs te vragen.`));
      assert.deepEqual(replacedBy(o.gijs), [
        { id: cardMessage(gijs).id, text: L.text("⚠️ Approved by you, not bought: the price of Sam Visser's order for Contoso Retail B.V. changed while it waited", '⚠️ Goedgekeurd door u, niet gekocht: de prijs van de bestelling van Sam Visser voor Contoso Retail B.V. is intussen gewijzigd'), cards: 0 },
      ], "Gijs's card settles");
      assert.equal(ordersIn(o), 0, 'nothing bought');
      assert.deepEqual(await events(o), ['approval.limitSet', 'approval.requested', 'approval.priceChanged']);
    });

    it('a second Buy on a cart that waits says since when and for whom it waits, and sends the approvers nothing again', async () => {
      const o = office(L);
      await withLimit(o);
      // The Buy's turn fails to save the conversation (the database went away): the review still waits, and the agent clicks Buy again, as told.
      const storage = new ConversationSaveFails();
      const sam = o.agent('demo-sam', storage);
      await run(sam, [...toContosoItems, ...threeD2sV5, [reviewWord, review]]);
      storage.failing = true;
      await assert.rejects(sam.click(L.text('Buy', 'Kopen')), /the conversation could not be saved \(test\)/);
      while (sam.client.getNextReply());
      storage.failing = false;
      for (const user of ['demo-anna', 'demo-gijs']) assert.equal(delivered(o, user).all.filter((a) => cardsOf(a).length).length, 1, `${user} got the card`);
      o.clock.now = new Date(o.clock.now.getTime() + 2 * hour);
      await sam.click(L.text('Buy', 'Kopen'));
      check(
        sam,
        L.text(
          'This order already waits for approval: I sent it to Anna de Vries, Gijs Bakker on Mar 2, 2026, 9:30 AM UTC, and it expires Mar 3, 2026, 9:30 AM UTC. I did not send it again. Type **withdraw** to withdraw it.',
          'Deze bestelling wacht al op goedkeuring: ik heb haar op 2 mrt 2026, 09:30 UTC naar Anna de Vries, Gijs Bakker gestuurd, en het verzoek verloopt 3 mrt 2026, 09:30 UTC. Ik heb haar niet opnieuw gestuurd. Typ **intrekken** om het in te trekken.',
        ),
        'Sam',
      );
      for (const user of ['demo-anna', 'demo-gijs']) assert.deepEqual(delivered(o, user).all, [], `${user} gets nothing again`);
      assert.equal((await o.bot.approvals.ofPartner('partner-contoso-nl', 'pending')).length, 1, 'one request waits');
      assert.deepEqual(await events(o), ['approval.limitSet', 'approval.requested']);
    });

    it('Buy clicked again on the review card after the request was sent says it waits, and sends nothing again', async () => {
      const o = office(L, undefined, 'emulator');
      await withLimit(o);
      await samAsks(o);
      for (const user of ['demo-anna', 'demo-gijs']) delivered(o, user);
      await o.sam.click(L.text('Buy', 'Kopen'));
      check(
        o.sam,
        L.text(
          'This order already waits for approval: I sent it to Anna de Vries, Gijs Bakker on Mar 2, 2026, 9:30 AM UTC, and it expires Mar 3, 2026, 9:30 AM UTC. I did not send it again. Type **withdraw** to withdraw it.',
          'Deze bestelling wacht al op goedkeuring: ik heb haar op 2 mrt 2026, 09:30 UTC naar Anna de Vries, Gijs Bakker gestuurd, en het verzoek verloopt 3 mrt 2026, 09:30 UTC. Ik heb haar niet opnieuw gestuurd. Typ **intrekken** om het in te trekken.',
        ),
        'Sam',
      );
      for (const user of ['demo-anna', 'demo-gijs']) assert.deepEqual(delivered(o, user).all, [], `${user} gets nothing again`);
    });

    it("in Teams, the approvers' cards settle once decided: the clicker's in its turn, the other approver's unasked", async () => {
      const o = office(L);
      await withLimit(o);
      await samAsks(o);
      const [anna, gijs] = [delivered(o, 'demo-anna'), delivered(o, 'demo-gijs')];
      await o.gijs.click(L.text('Approve', 'Goedkeuren'), {}, undefined, gijs.card);
      const order = (o.world.db.prepare('SELECT id FROM orders').get() as { id: string }).id;
      assert.deepEqual(replacedBy(o.gijs), [
        { id: cardMessage(gijs).id, text: L.text(`✓ Approved by you: Sam Visser's order for Contoso Retail B.V., placed (${order})`, `✓ Goedgekeurd door u: de bestelling van Sam Visser voor Contoso Retail B.V., geplaatst (${order})`), cards: 0 },
      ]);
      check(o.gijs, shows(L.text("✓ You approved Sam Visser's order for Contoso Retail B.V.: it is placed (", '✓ U hebt de bestelling van Sam Visser voor Contoso Retail B.V. goedgekeurd: ze is geplaatst (')), 'the reply stays');
      assert.deepEqual(replacedIn(o, 'demo-anna'), [
        { id: cardMessage(anna).id, text: L.text(`✓ Approved by Gijs Bakker: Sam Visser's order for Contoso Retail B.V., placed (${order})`, `✓ Goedgekeurd door Gijs Bakker: de bestelling van Sam Visser voor Contoso Retail B.V., geplaatst (${order})`), cards: 0 },
      ]);
      assert.deepEqual(replacedIn(o, 'demo-sam'), [], "the buyer's messages stay");
    });

    it("in Teams, a rejection settles both approvers' cards with the reason", async () => {
      const o = office(L);
      await withLimit(o);
      await samAsks(o);
      const [anna, gijs] = [delivered(o, 'demo-anna'), delivered(o, 'demo-gijs')];
      await o.anna.click(L.text('Reject', 'Afwijzen'), { reason: L.type('Too many for this customer', 'Te veel voor deze klant') }, undefined, anna.card);
      assert.deepEqual(replacedBy(o.anna), [
        { id: cardMessage(anna).id, text: L.text("✗ Rejected by you: Sam Visser's order for Contoso Retail B.V. (“Too many for this customer”)", '✗ Afgewezen door u: de bestelling van Sam Visser voor Contoso Retail B.V. (“Te veel voor deze klant”)'), cards: 0 },
      ]);
      assert.deepEqual(replacedIn(o, 'demo-gijs'), [
        { id: cardMessage(gijs).id, text: L.text("✗ Rejected by Anna de Vries: Sam Visser's order for Contoso Retail B.V. (“Too many for this customer”)", '✗ Afgewezen door Anna de Vries: de bestelling van Sam Visser voor Contoso Retail B.V. (“Te veel voor deze klant”)'), cards: 0 },
      ]);
    });

    it("in Teams, a withdrawal and an expiry settle the approvers' cards too", async () => {
      const o = office(L);
      await withLimit(o);
      await samAsks(o);
      let [anna, gijs] = [delivered(o, 'demo-anna'), delivered(o, 'demo-gijs')];
      await run(o.sam, [[L.type('withdraw', 'intrekken'), shows(L.text('Withdrawn: ', 'Ingetrokken: '))]]);
      const withdrawn = L.text('✗ Withdrawn by Sam Visser: the order for Contoso Retail B.V., nothing bought', '✗ Ingetrokken door Sam Visser: de bestelling voor Contoso Retail B.V., niets gekocht');
      assert.deepEqual(replacedIn(o, 'demo-anna'), [{ id: cardMessage(anna).id, text: withdrawn, cards: 0 }]);
      assert.deepEqual(replacedIn(o, 'demo-gijs'), [{ id: cardMessage(gijs).id, text: withdrawn, cards: 0 }]);

      await run(o.sam, [...toContosoItems, ...threeD2sV5, [reviewWord, review], [buy, WAITING(L)]]);
      [anna, gijs] = [delivered(o, 'demo-anna'), delivered(o, 'demo-gijs')];
      o.clock.now = new Date(o.clock.now.getTime() + 25 * hour);
      assert.equal(await o.approvals.expireDue(), 1);
      const expired = L.text("✗ Expired: Sam Visser's order for Contoso Retail B.V., not decided in time", '✗ Verlopen: de bestelling van Sam Visser voor Contoso Retail B.V., niet op tijd beslist');
      assert.deepEqual(replacedIn(o, 'demo-anna'), [{ id: cardMessage(anna).id, text: expired, cards: 0 }]);
      assert.deepEqual(replacedIn(o, 'demo-gijs'), [{ id: cardMessage(gijs).id, text: expired, cards: 0 }]);
    });

    it('on the Emulator, which cannot replace a message, no card changes and the replies say the decision as before', async () => {
      const o = office(L, undefined, 'emulator');
      await withLimit(o);
      await samAsks(o);
      const gijs = delivered(o, 'demo-gijs');
      delivered(o, 'demo-anna');
      await o.gijs.click(L.text('Approve', 'Goedkeuren'), {}, undefined, gijs.card);
      assert.deepEqual(o.gijs.updates, []);
      check(o.gijs, shows(L.text("✓ You approved Sam Visser's order for Contoso Retail B.V.: it is placed (", '✓ U hebt de bestelling van Sam Visser voor Contoso Retail B.V. goedgekeurd: ze is geplaatst (')), 'Gijs');
      assert.deepEqual(replacedIn(o, 'demo-anna'), []);
      assert.deepEqual(delivered(o, 'demo-anna').all, [], 'nothing new for Anna either');
    });

    it('the buyer cannot approve his own order; a Sales agent cannot set the limit; below the limit Buy buys at once', async () => {
      const o = office(L);
      await withLimit(o);
      await run(o.anna, [...toContosoItems, ...threeD2sV5, [reviewWord, review], [buy, WAITING(L, undefined, 'Gijs Bakker')]]);
      const request = (await o.bot.approvals.ofPartner('partner-contoso-nl', 'pending'))[0]!;
      assert.equal(delivered(o, 'demo-anna').all.length, 0, 'Anna, the buyer, gets no approval card');
      await o.anna.submit({ action: 'approve', requestId: request.id });
      check(o.anna, L.text('⛔ You placed this order, so you cannot approve it yourself.\n\nWhat to do: Another Admin agent or Global admin of your partner must decide it.', '⛔ U hebt deze bestelling zelf geplaatst, dus u kunt haar niet zelf goedkeuren.\n\nWat te doen: Een andere beheeragent of globale beheerder van uw partner moet erover beslissen.'), 'Anna');
      await run(o.sam, [[L.type('approval limit off', 'goedkeuringsgrens uit'), L.text('⛔ Only an Admin agent or a Global admin can set the approval limit; you are a Sales agent.\n\nWhat to do: Ask an Admin agent or a Global admin of your partner.', '⛔ Alleen een beheeragent of een globale beheerder kan de goedkeuringsgrens instellen; u bent Verkoopagent.\n\nWat te doen: Vraag het een beheeragent of globale beheerder van uw partner.')]]);
      await run(o.gijs, [[L.type('approval limit off', 'goedkeuringsgrens uit'), L.text('Approval limit off: orders no longer need approval.', 'Goedkeuringsgrens uit: bestellingen hebben geen goedkeuring meer nodig.')]]);
      await run(o.sam, [...toContosoItems, ...threeD2sV5, [reviewWord, review], [buy, s.placed]]);
      assert.equal(ordersIn(o), 1, 'bought without approval');
      assert.equal((await o.bot.approvals.get(request.id))!.state, 'pending', "Anna's request still waits for Gijs");
    });
  });
}

/** The buyer's message after Buy above the limit: sent to both approvers (or the one there is), with the expiry. */
function WAITING(L: Lang, day = '3 March', approvers = 'Anna de Vries, Gijs Bakker'): Check {
  return shows(
    L.text(
      `This order is above your partner's approval limit, so I sent it to ${approvers} for approval. I will tell you here how it is decided; it expires ${EXPIRES[day]!.en}. Type **withdraw** to withdraw it.`,
      `Deze bestelling ligt boven de goedkeuringsgrens van uw partner, dus ik heb haar ter goedkeuring naar ${approvers} gestuurd. Ik laat u hier weten hoe erover is beslist; het verzoek verloopt ${EXPIRES[day]!.nl}. Typ **intrekken** om het in te trekken.`,
    ),
  );
}
const EXPIRES: Record<string, { en: string; nl: string }> = {
  '3 March': { en: 'Mar 3, 2026, 9:30 AM UTC', nl: '3 mrt 2026, 09:30 UTC' },
  '4 March': { en: 'Mar 4, 2026, 10:30 AM UTC', nl: '4 mrt 2026, 10:30 UTC' },
};
/** 3 × Standard_D2s_v5 at €1,193.07, then at €1,293.07 (the test raises the unit price by €100). */
const PRICE = { before: { 'en-US': '€3,579.21', 'nl-NL': '€\u00a03.579,21' }, after: { 'en-US': '€3,879.21', 'nl-NL': '€\u00a03.879,21' } };

describe('dialogs/approvals: two approvers click Approve at once', function () {
  this.timeout(120_000);
  for (const engine of ['SQLite', 'PostgreSQL'] as const) {
    it(`one order, and the other is told it was decided (${engine})`, async () => {
      const postgres = engine === 'PostgreSQL' ? await PostgresStore.open(await newTestDatabase()) : undefined;
      try {
        const L = languages[0]!;
        const o = office(L, postgres);
        const s = stepsIn(L);
        await run(o.anna, [['approval limit 1000 EUR', shows('Approval limit set')]]);
        await run(o.gijs, [['help', shows('buy')]]);
        await run(o.sam, [...s.toContosoItems, ...s.threeD2sV5, ['review', s.review], ['buy', WAITING(L)]]);
        const [annaCard, gijsCard] = [delivered(o, 'demo-anna').card!, delivered(o, 'demo-gijs').card!];
        await Promise.all([o.anna.click('Approve', {}, undefined, annaCard), o.gijs.click('Approve', {}, undefined, gijsCard)]);
        const answers = [o.anna.text, o.gijs.text].sort();
        assert.equal(answers.filter((t) => t.includes("You approved Sam Visser's order")).length, 1, `one approval places the order: ${answers.join('\n---\n')}`);
        assert.equal(answers.filter((t) => t.includes('That approval request is no longer waiting: it was approved.')).length, 1, `the other is told: ${answers.join('\n---\n')}`);
        assert.equal(ordersIn(o), 1, 'one order in Partner Center');
        assert.equal((await o.bot.audit.list()).filter((e) => e.type === 'order.created').length, 1, 'one order recorded');
      } finally {
        await postgres?.close();
      }
    });
  }
});

/** Bot state whose conversation documents cannot be written while `failing` (the user's still can). */
class ConversationSaveFails extends MemoryStorage {
  failing = false;

  async write(changes: StoreItems): Promise<void> {
    if (this.failing && Object.keys(changes).some((key) => key.includes('/conversations/'))) throw new Error('the conversation could not be saved (test)');
    return super.write(changes);
  }
}
