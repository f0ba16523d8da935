// An approval round trip through the real server (issue 17): Sam buys above Contoso's approval limit in
// his Emulator conversation; the approval card reaches Gijs at his conversation's serviceUrl and Anna in
// the local Web Chat (Direct Line), unasked; Gijs approves in his conversation; the outcome reaches Sam at
// his serviceUrl, and Anna's card in Web Chat is replaced by its one-line outcome. One order in Partner Center.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { cardsOf, cardText, clickValue } from '../support/cardClicks';
import { startChannel } from '../support/fakeChannel';
import { DirectLineClient } from '../support/directLineClient';
import { Conversation, count, driveToReview, eachTestBot, transcript, type TestBot } from './http';

describe('e2e: an approval between two agents, proactively, over HTTP', function () {
  let t: TestBot;
  let channel: Awaited<ReturnType<typeof startChannel>>;
  eachTestBot((bot) => (t = bot));
  beforeEach(async () => (channel = await startChannel()));
  afterEach(async () => channel?.close());

  const deliveredTo = (conversationId: string): Partial<Activity>[] => channel.captured.filter((c) => c.conversationId === conversationId).map((c) => c.activity);

  it('the card reaches the approvers at their serviceUrl and in Web Chat; the approval reaches the buyer at his', async function () {
    // Anna (Admin agent) in the local Web Chat: acts as herself and sets the limit.
    const anna = new DirectLineClient(t.baseUrl);
    await anna.startActingAs('Anna de Vries');
    await anna.post({ type: 'message', text: 'approval limit 1000 EUR', locale: 'en-US' });
    assert.match(transcript(await anna.poll()), /Approval limit set: orders above €1,000\.00 now need the approval of a second Admin agent or Global admin\./);

    // Gijs (Global admin) in the Emulator, answered at his serviceUrl.
    const gijs = new Conversation(t.baseUrl, 'demo-gijs');
    const atChannel = { serviceUrl: channel.url };
    await gijs.sendActivity(gijs.activity({ text: 'help' }, atChannel));

    // Sam (Sales agent) buys 3 × D2s v5: above the limit, it waits.
    const sam = new Conversation(t.baseUrl, 'demo-sam');
    await sam.sendActivity(sam.activity({ text: 'help' }, atChannel));
    await driveToReview(sam, '3');
    const buy = sam.clickValueOnLastCard('Buy');
    await sam.sendActivity(sam.activity({ value: buy }, atChannel));
    assert.match(transcript(sam.last), /This order is above your partner's approval limit, so I sent it to Anna de Vries, Gijs Bakker for approval\./, transcript(sam.last));
    assert.equal(count(t, 'approval_requests', "WHERE state = 'pending'"), 1, 'one request waits');

    const toGijs = deliveredTo(gijs.id);
    assert.equal(toGijs.length, 1, `the card reached Gijs's serviceUrl: ${JSON.stringify(channel.captured).slice(0, 500)}`);
    assert.equal(toGijs[0]!.text, 'Sam Visser asks you to approve an order for Contoso Retail B.V.: €1,288.02.');
    const card = cardsOf(toGijs[0]!)[0]!;
    assert.match(cardText(card), /Approval requested\nRequested by Sam Visser/);
    const toAnna = await anna.poll();
    assert.match(transcript(toAnna), /Sam Visser asks you to approve an order for Contoso Retail B\.V\.: €1,288\.02\.\nApproval requested/, 'and Anna in Web Chat');
    const annaCard = toAnna.find((a) => cardsOf(a).length > 0)!;

    await gijs.sendActivity(gijs.activity({ value: clickValue(card, 'Approve') }, atChannel));
    assert.match(transcript(gijs.last), /✓ You approved Sam Visser's order for Contoso Retail B\.V\.: it is placed \(/);
    const toSam = deliveredTo(sam.id);
    assert.equal(toSam[0]?.text, '✓ Gijs Bakker approved your order for Contoso Retail B.V.: it is placed.', `the outcome reached Sam's serviceUrl: ${transcript(toSam)}`);
    assert.match(transcript(toSam), /Order placed/, 'with the confirmation card');
    assert.equal(count(t, 'orders'), 1, 'one order');
    assert.equal(count(t, 'approval_requests', "WHERE state = 'approved'"), 1, 'the request is approved');
    const order = String((t.bot.partnerCenter!.db.prepare('SELECT id FROM orders').get() as { id: string }).id);
    const replaced = (await anna.poll()).filter((a) => a.id === annaCard.id);
    assert.deepEqual(
      replaced.map((a) => ({ text: a.text, cards: cardsOf(a).length })),
      [{ text: `✓ Approved by Gijs Bakker: Sam Visser's order for Contoso Retail B.V., placed (${order})`, cards: 0 }],
      "Anna's card in Web Chat now reads as the outcome, without buttons",
    );
  });
});
