// End to end over HTTP: the activity's `locale` chooses the language, turn by turn, on the real server
// (the conversation tables of test/dialogs cover the flow in both languages; this covers the wiring).
import assert from 'node:assert/strict';
import { Conversation, eachTestBot, lastCard, transcript, type TestBot } from './http';

// What the bot says, written out here (never taken from its catalogues), so a wrong word or format fails.
const welcomeNl = (name: string) =>
  `Hallo${name}! Ik koop Azure-reserveringen voor uw CSP-klanten, zoals in Partner Center.\n\n` +
  'Typ **kopen** om een aankoop te beginnen (of "kopen voor Contoso"), **orders** voor de ordergeschiedenis en op elk moment **help**.\n\n' +
  'Of noem de hele aankoop in één zin: "koop 3 D4s v5 West-Europa 3 jaar voor Contoso".';
const welcomeEn = (name: string) =>
  `Hello${name}! I buy Azure reservations for your CSP customers, as in Partner Center.\n\n` +
  'Type **buy** to start a purchase (or "buy for Contoso"), **orders** for the order history, **help** at any time.\n\n' +
  'Or name the whole purchase in one sentence: "buy 3 D4s v5 west europe 3 years for Contoso".';

describe('e2e: the locale of each activity chooses the language', function () {
  let t: TestBot;
  eachTestBot((bot) => (t = bot));

  it('nl-NL (and nl-BE) get Dutch, en-US and unknown locales English, in the same conversation', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const say = async (text: string, locale: string) => transcript((await conv.sendActivity(conv.activity({ text }, { locale }))).activities);

    assert.equal(await say('hallo', 'nl-NL'), welcomeNl(' Anna de Vries'), 'a Dutch greeting gets the Dutch welcome');
    assert.equal(await say('hi', 'en-US'), welcomeEn(' Anna de Vries'), 'an English activity gets English');
    assert.equal(await say('hello', 'de-DE'), welcomeEn(' Anna de Vries'), 'a locale without a catalogue falls back to English');

    const customers = await say('kopen', 'nl-BE');
    assert.ok(customers.includes('Voor welke klant koopt u? Typ een naam of domein, of kies een klant:'), `the customer question in Dutch:\n${customers.slice(0, 500)}`);
    assert.equal(lastCard(conv.last)?.['lang'], 'nl', 'the card is a Dutch card (lang is a language code, as the schema wants)');

    // Typed Dutch answers, one turn in English in the middle: the purchase goes on in each turn's language.
    assert.ok((await say('contoso retail', 'nl-NL')).startsWith('✓ Klant: Contoso Retail B.V.'), 'the customer, in Dutch');
    assert.ok((await say('commercial', 'en-US')).includes('Which type of reservation?'), 'the type question, in English');
    assert.ok((await say('virtuele machines', 'nl-NL')).includes('Aan welk Azure-abonnement van Contoso Retail B.V. moet de reservering worden gekoppeld?'), 'a Dutch type name is understood');
    const items = await say('Contoso Retail Production', 'nl-NL');
    assert.ok(items.startsWith('✓ Abonnement: Contoso Retail Production'), `the subscription, in Dutch:\n${items.slice(0, 300)}`);
    const page = await say('D2s_v5 West-Europa 3 jaar', 'nl-NL');
    assert.ok(page.includes('Filters:\n✕ West-Europa\n✕ Standard_D2s_v5\n✕ 3 jaar\n'), `the Dutch filters, each with its remove button:\n${page.slice(0, 500)}`);
    assert.ok(page.includes('€\u00a01.193,07 voor 3 jaar'), `money formatted for nl-NL (€ 1.193,07, a no-break space after €):\n${page.slice(0, 800)}`);
    assert.equal(await say('annuleren', 'nl-NL'), 'Geannuleerd. Er is niets gekocht.', 'annuleren cancels, in Dutch');
    assert.deepEqual(t.logs.filter((l) => l.includes('[onTurnError]')), [], 'no turn failed');
  });

  it('a conversation update is welcomed in its locale', async function () {
    const conv = new Conversation(t.baseUrl, 'demo-anna');
    const update = (locale: string) =>
      conv.sendActivity(conv.activity({}, { type: 'conversationUpdate', locale, membersAdded: [{ id: 'demo-anna', name: 'Anna' }] }));
    assert.equal(transcript((await update('nl-NL')).activities), welcomeNl(''), 'the Dutch welcome');
    assert.equal(transcript((await update('en-GB')).activities), welcomeEn(''), 'the English welcome');
  });
});
