// End to end over HTTP: the activity's `locale` chooses the language, turn by turn, on the real server
// (the conversation tables of test/dialogs cover the flow in both languages; this covers the wiring).
import assert from 'node:assert/strict';
import { enUS, nlNL } from '../../src/i18n';
import { formatMinor } from '../../cards/format';
import { demoSubscriptions } from '../../src/store/demoIds';
import type { Subscription } from '../../src/domain/types';
import { Conversation, eachTestBot, lastCard, transcript, type TestBot } from './http';

describe('e2e: the locale of each activity chooses the language', function () {
  let t: TestBot;
  eachTestBot((bot) => (t = bot));

  it('nl-NL (and nl-BE) get Dutch, en-US and unknown locales English, in the same conversation', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const say = async (text: string, locale: string) => transcript((await conv.sendActivity(conv.activity({ text }, { locale }))).activities);

    assert.equal(await say('hallo', 'nl-NL'), nlNL.say.welcome('Anna de Vries'), 'a Dutch greeting gets the Dutch welcome');
    assert.equal(await say('hi', 'en-US'), enUS.say.welcome('Anna de Vries'), 'an English activity gets English');
    assert.equal(await say('hello', 'de-DE'), enUS.say.welcome('Anna de Vries'), 'a locale without a catalogue falls back to English');

    const customers = await say('kopen', 'nl-BE');
    assert.ok(customers.includes(nlNL.say.askCustomer()), `the customer question in Dutch:\n${customers.slice(0, 500)}`);
    assert.equal(lastCard(conv.last)?.['lang'], 'nl-NL', 'the card is a Dutch card');

    // Typed Dutch answers, one turn in English in the middle: the purchase goes on in each turn's language.
    assert.ok((await say('contoso retail', 'nl-NL')).startsWith(nlNL.say.customerChosen('Contoso Retail B.V.')), 'the customer, in Dutch');
    assert.ok((await say('commercial', 'en-US')).includes(enUS.say.askReservationType()), 'the type question, in English');
    assert.ok((await say('virtuele machines', 'nl-NL')).includes(nlNL.say.askSubscription('Contoso Retail B.V.')), 'a Dutch type name is understood');
    const production = { id: demoSubscriptions.contosoRetailProduction, friendlyName: 'Contoso Retail Production' } as Subscription;
    const items = await say('Contoso Retail Production', 'nl-NL');
    assert.ok(items.startsWith(nlNL.say.subscriptionChosen(production)), `the subscription, in Dutch:\n${items.slice(0, 300)}`);
    const page = await say('D2s_v5 West-Europa 3 jaar', 'nl-NL');
    assert.ok(page.includes(`West-Europa${nlNL.cards.listSeparator}Standard_D2s_v5${nlNL.cards.listSeparator}3 jaar`), `the Dutch filter line:\n${page.slice(0, 500)}`);
    assert.ok(page.includes(`${formatMinor(119307, 'EUR', 'nl-NL')} voor 3 jaar (EUR)`), `money formatted for nl-NL (€ 1.193,07):\n${page.slice(0, 800)}`);
    assert.equal(await say('annuleren', 'nl-NL'), nlNL.say.cancelled(), 'annuleren cancels, in Dutch');
    assert.deepEqual(t.logs.filter((l) => l.includes('[onTurnError]')), [], 'no turn failed');
  });

  it('a conversation update is welcomed in its locale', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const update = (locale: string) =>
      conv.sendActivity(conv.activity({}, { type: 'conversationUpdate', locale, membersAdded: [{ id: 'demo-anna', name: 'Anna' }] }));
    assert.equal(transcript((await update('nl-NL')).activities), nlNL.say.welcome(), 'the Dutch welcome');
    assert.equal(transcript((await update('en-GB')).activities), enUS.say.welcome(), 'the English welcome');
  });
});
