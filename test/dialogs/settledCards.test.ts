// Answered cards settle (issue 15): in Teams (the conversation tests' channel) and Web Chat the card of
// an answered question is replaced by one line saying the choice, and the review by a read-only line
// after Buy; on a channel that cannot replace messages (the Emulator) the line is said instead; a
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
    quantity: '✓ Quantity: 3',
    bought: '✓ Bought: 1 item for Contoso Retail B.V. (see the confirmation below)',
    askSegment: 'Which segment?',
  },
  'nl-NL': {
    customer: '✓ Klant: Contoso Retail B.V.',
    segment: '✓ Segment: Commercieel',
    type: '✓ Type reservering: Virtuele machines',
    subscription: '✓ Abonnement: Contoso Retail Production',
    quantity: '✓ Aantal: 3',
    bought: '✓ Gekocht: 1 item voor Contoso Retail B.V. (zie de bevestiging hieronder)',
    askSegment: 'Welk segment?',
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
      await c.click('Contoso Retail Production');
      replacedCard(c, subscriptions, t.subscription);
      await c.say(typed(L, 'D2s_v5 westeurope 3 years', 'D2s_v5 west-europa 3 jaar'));
      const quantity = await c.say('1');
      await c.say('3');
      replacedCard(c, quantity, t.quantity);
      const review = await c.say(typed(L, 'review', 'controleren'));
      await c.click(L.text('Buy', 'Kopen'));
      replacedCard(c, review, t.bought);
      assert.deepEqual(c.updates.flatMap((u) => cardsOf(u).flatMap((card) => buttonsOf(card))), [], 'no Buy stays live above the confirmation');
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
