// Answered cards settle (issue 15): in Teams (the conversation tests' channel) and Web Chat the card of
// an answered question is replaced by one line saying the choice, the review by a read-only line after
// Buy or a change, and a card left otherwise (help, orders, back, cancel, a filter) by a line pointing
// below; on a channel that cannot replace messages (the Emulator) the line is said instead; a
// refused update never fails the turn. Expected texts are written out in both languages.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { Conversation } from './conversation';
import { buttonsOf, cardsOf } from '../support/cardClicks';
import { languages, type Lang } from './lang';

const settled = {
  'en-US': {
    customer: '✓ Customer: Contoso Retail B.V.',
    segment: '✓ Segment: Commercial',
    type: '✓ Reservation type: Virtual machines',
    subscription: '✓ Subscription: Contoso Retail Production',
    // As sent: the item's name is data, its underscores escaped for markdown (Teams shows Standard_D2s_v5).
    item: '✓ Item: Standard\\_D2s\\_v5, West Europe, 3 years',
    quantity: '✓ Quantity: 3',
    reviewCart: '✓ Review the cart',
    addAnother: '✓ Add another item',
    changed: '✓ Changed: the updated review is below',
    continued: '↓ Continued below',
    bought: '✓ Bought: 1 item for Contoso Retail B.V. (see the confirmation below)',
    askSegment: 'Which segment?',
    updated: 'Updated.',
    sam: '✓ Sam Visser',
  },
  'nl-NL': {
    customer: '✓ Klant: Contoso Retail B.V.',
    segment: '✓ Segment: Commercieel',
    type: '✓ Type reservering: Virtuele machines',
    subscription: '✓ Abonnement: Contoso Retail Production',
    item: '✓ Item: Standard\\_D2s\\_v5, West-Europa, 3 jaar',
    quantity: '✓ Aantal: 3',
    reviewCart: '✓ Winkelwagen controleren',
    addAnother: '✓ Nog een item toevoegen',
    changed: '✓ Gewijzigd: de bijgewerkte bestelling staat hieronder',
    continued: '↓ Verder hieronder',
    bought: '✓ Gekocht: 1 item voor Contoso Retail B.V. (zie de bevestiging hieronder)',
    askSegment: 'Welk segment?',
    updated: 'Bijgewerkt.',
    sam: '✓ Sam Visser',
  },
} as const;

/** The card the bot sent in the previous turns that the last turn replaced: exactly one, now `text` and no card. */
function replacedCard(c: Conversation, cardSentIn: Partial<Activity>[], text: string): void {
  const sentCard = cardSentIn.find((r) => cardsOf(r).length > 0);
  assert.ok(sentCard?.id, 'the question was sent as a card with an id');
  assert.deepEqual(
    c.updates.map((u) => ({ id: u.id, text: u.text, cards: cardsOf(u).length })),
    [{ id: sentCard.id, text, cards: 0 }],
    'the answered card, and only it, now reads as one line without buttons',
  );
  assert.ok(!c.rawTexts.includes(text), 'the choice is not said a second time below');
}

const typed = (L: Lang, en: string, nl: string) => L.type(en, nl);

for (const L of languages) {
  const t = settled[L.locale];
  describe(`Settled cards (${L.locale})`, () => {
    it('in Teams, each answered card becomes its one-line summary, and the review a read-only line after Buy', async () => {
      const c = new Conversation('demo-anna', { lang: L });
      const customers = await c.say(typed(L, 'buy', 'kopen'));
      const segments = await c.click('Contoso Retail B.V.');
      replacedCard(c, customers, t.customer);
      const types = await c.click(L.text('Commercial', 'Commercieel'));
      replacedCard(c, segments, t.segment);
      const subscriptions = await c.say(typed(L, 'virtual machines', 'virtuele machines'));
      replacedCard(c, types, t.type);
      const catalog = await c.click('Contoso Retail Production');
      replacedCard(c, subscriptions, t.subscription);
      const filtered = await c.say(typed(L, 'D2s_v5 westeurope 3 years', 'D2s_v5 west-europa 3 jaar'));
      replacedCard(c, catalog, t.continued);
      const quantity = await c.say('1');
      replacedCard(c, filtered, t.item);
      const next = await c.say('3');
      replacedCard(c, quantity, t.quantity);
      const review = await c.say(typed(L, 'review', 'controleren'));
      replacedCard(c, next, t.reviewCart);
      // A change shows a new review: the old one is a line without Buy, and only the new one buys.
      const changedReview = await c.click(L.text('Update', 'Bijwerken'), { qty_1: '3', scope: 'single' });
      replacedCard(c, review, t.changed);
      await c.click(L.text('Buy', 'Kopen'));
      replacedCard(c, changedReview, t.bought);
      assert.deepEqual(c.updates.flatMap((u) => cardsOf(u).flatMap((card) => buttonsOf(card))), [], 'no Buy stays live above the confirmation');
    });

    it('in Teams, a card left by help, orders, back, cancel or "add item" on the review becomes a line, never a live card', async () => {
      const c = new Conversation('demo-anna', { lang: L });
      await c.say(typed(L, 'buy', 'kopen'));
      const segments = await c.click('Contoso Retail B.V.');
      const helped = await c.say(typed(L, 'help', 'help'));
      replacedCard(c, segments, t.continued);
      const withOrders = await c.say(typed(L, 'orders', 'ordergeschiedenis'));
      replacedCard(c, helped, t.continued);
      const types = await c.click(L.text('Commercial', 'Commercieel'));
      replacedCard(c, withOrders.slice(1), t.segment);
      await c.say(typed(L, 'back', 'terug'));
      replacedCard(c, types, t.continued);
      await c.click(L.text('Commercial', 'Commercieel'));
      await c.say(typed(L, 'virtual machines', 'virtuele machines'));
      await c.click('Contoso Retail Production');
      await c.say(typed(L, 'D2s_v5 westeurope 3 years', 'D2s_v5 west-europa 3 jaar'));
      await c.say('1');
      await c.say('3');
      const review = await c.say(typed(L, 'review', 'controleren'));
      await c.click(L.text('Add another item', 'Nog een item toevoegen'));
      replacedCard(c, review, t.addAnother);
      const catalog = c.replies;
      await c.say(typed(L, 'cancel', 'annuleren'));
      replacedCard(c, catalog, t.continued);
    });

    it('in Teams, the demo agent list becomes the agent chosen', async () => {
      const c = new Conversation('emulator-user-7f3a', { lang: L });
      const agents = await c.say(typed(L, 'hi', 'hallo'));
      await c.click('Sam Visser');
      replacedCard(c, agents, t.sam);
    });

    it('on the Emulator, the item and "add another or review?" are said back; a changed review says "Updated." alone', async () => {
      const c = new Conversation('demo-anna', { lang: L, channelId: 'emulator' });
      await c.say(typed(L, 'buy', 'kopen'));
      await c.click('Contoso Retail B.V.');
      await c.click(L.text('Commercial', 'Commercieel'));
      await c.say(typed(L, 'virtual machines', 'virtuele machines'));
      await c.click('Contoso Retail Production');
      await c.say(typed(L, 'D2s_v5 westeurope 3 years', 'D2s_v5 west-europa 3 jaar'));
      await c.say('1');
      assert.equal(c.rawTexts[0], t.item);
      await c.say('3');
      await c.say(typed(L, 'review', 'controleren'));
      assert.equal(c.rawTexts[0], t.reviewCart);
      await c.say(typed(L, 'quantity 1 4', 'aantal 1 4'));
      assert.deepEqual(c.updates, []);
      assert.equal(c.rawTexts[0], t.updated);
      assert.ok(!c.rawTexts.includes(t.changed));
    });

    it('on the Emulator, which cannot replace a message, the choice is said back and nothing is updated', async () => {
      const c = new Conversation('demo-anna', { lang: L, channelId: 'emulator' });
      await c.say(typed(L, 'buy', 'kopen'));
      await c.click('Contoso Retail B.V.');
      assert.deepEqual(c.updates, []);
      assert.equal(c.rawTexts[0], t.customer);
      await c.click(L.text('Commercial', 'Commercieel'));
      assert.equal(c.rawTexts[0], t.segment);
    });

    it('when Teams refuses the update, the turn goes on and the choice is said back instead', async () => {
      const c = new Conversation('demo-anna', { lang: L, failUpdates: true });
      await c.say(typed(L, 'buy', 'kopen'));
      await c.click('Contoso Retail B.V.');
      assert.equal(c.rawTexts[0], t.customer);
      assert.match(c.text, new RegExp(t.askSegment.replace('?', '\\?')));
    });
  });
}
