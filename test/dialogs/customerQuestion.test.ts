// The customer question past its first ten customers ("next", "previous", the page buttons) and a search
// that ignores accents and case (issue 15). Expected texts are written out in both languages.
import assert from 'node:assert/strict';
import { Conversation } from './conversation';
import { buttonsOf } from '../support/cardClicks';
import { languages } from './lang';

const expected = {
  'en-US': {
    buy: 'buy',
    next: 'next',
    firstPage: 'Your customers (first 10 of 17; type a name to search, or "next"):',
    secondPage: 'Your customers (11–17 of 17; type a name to search):',
    nextButton: 'Next page',
    previousButton: 'Previous page',
    cafeNoel: '✓ Customer: Café Noël SARL',
    ljusgarden: '✓ Customer: Ljusgården Fastigheter AB',
  },
  'nl-NL': {
    buy: 'kopen',
    next: 'volgende',
    firstPage: 'Uw klanten (de eerste 10 van 17; typ een naam om te zoeken, of "volgende"):',
    secondPage: 'Uw klanten (11–17 van 17; typ een naam om te zoeken):',
    nextButton: 'Volgende pagina',
    previousButton: 'Vorige pagina',
    cafeNoel: '✓ Klant: Café Noël SARL',
    ljusgarden: '✓ Klant: Ljusgården Fastigheter AB',
  },
} as const;

const buttonTitles = (c: Conversation) => buttonsOf(c.lastCard()).map((b) => b.title);

for (const L of languages) {
  const t = expected[L.locale];
  describe(`Customer question (${L.locale})`, () => {
    it('pages past the first ten customers, typed or clicked, and back', async () => {
      const c = new Conversation('demo-anna', { lang: L });
      await c.say(t.buy);
      assert.ok(c.text.includes(t.firstPage), c.text.slice(0, 300));
      assert.deepEqual(buttonTitles(c).slice(-2), ['Fourth Coffee Ltd', t.nextButton]);
      await c.say(t.next);
      assert.ok(c.text.includes(t.secondPage), c.text.slice(0, 300));
      assert.deepEqual(buttonTitles(c), [
        'Ljusgården Fastigheter AB',
        'Nieuwe Klant B.V.',
        'Region Østjylland Digital',
        'Relecloud Ibérica S.L.',
        'Tulpen & Zonen B.V.',
        'Universiteit Zuid',
        'Wrocławskie Centrum Danych Sp. z o.o.',
        t.previousButton,
      ]);
      await c.click(t.previousButton);
      assert.ok(c.text.includes(t.firstPage), c.text.slice(0, 300));
      await c.click(t.nextButton);
      await c.click('Ljusgården Fastigheter AB');
      assert.ok(c.messageTexts.includes(t.ljusgarden), `a customer of the second page is picked: ${c.messageTexts.join(' | ')}`);
    });

    it('finds "cafe noel" and "CAFE NOEL" typed without accents, where the list does not show it', async () => {
      for (const typed of ['cafe noel', 'CAFE NOEL']) {
        const c = new Conversation('demo-anna', { lang: L });
        await c.say(t.buy);
        await c.say(t.next);
        assert.ok(!buttonTitles(c).includes('Café Noël SARL'), 'not on this page');
        await c.say(typed);
        assert.ok(c.messageTexts.includes(t.cafeNoel), `${typed}: ${c.messageTexts.join(' | ')}`);
      }
    });
  });
}
