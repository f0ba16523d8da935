// The order history pages past ten (issue 15): ten orders a page, newest first, each with its status and
// its Azure portal link; Previous/Next page on the card, at the top level and at any question of a
// purchase, which is asked again after the page; the page a card sends is re-read and checked against the
// orders there are. 23 earlier orders of Contoso Retail (test/support/earlierOrders.ts); expected texts
// written out in both languages.
import assert from 'node:assert/strict';
import { Conversation } from './conversation';
import { placeEarlierOrders } from '../support/earlierOrders';
import { cardsOf } from '../support/cardClicks';
import { repliesAsText } from '../support/transcript';
import { demoCustomers } from '../../src/store/demoIds';
import { languages, type Lang } from './lang';

const portal = '| [Azure portal](https://portal.azure.com/#@contosoretail.onmicrosoft.com/view/Microsoft_Azure_Reservations/ReservationsBrowseBlade)';

const texts = {
  'en-US': {
    allCustomers: '| Order history: all customers',
    contoso: '| Order history: Contoso Retail B.V.',
    page1: '| Orders 1–10 of 23, newest first',
    page2: '| Orders 11–20 of 23, newest first',
    page3: '| Orders 21–23 of 23, newest first',
    order13: ['| order-13 · Contoso Retail B.V.', '| Feb 13, 2026, 9:00 AM UTC · Completed · €15,509.91', '| 13 × Reserved VM Instance, Standard_D2s_v5, West Europe, 3 Years (West Europe, 3 years)', portal],
    order10: ['| order-10 · Contoso Retail B.V.', '| Feb 10, 2026, 9:00 AM UTC · Cancelled · €11,930.70'],
    previous: '| [Previous page]',
    next: '| [Next page]',
    askSegment: '| Which segment?',
    askType: '| Which type of reservation?',
    usedCard: 'That card has already been used. Type "buy" to start a new purchase or "orders" to see the order history.',
    notYours: '⛔ That customer is not one of your customers.\n\nWhat to do: Search for the customer by name or domain and pick it from the list.',
  },
  'nl-NL': {
    allCustomers: '| Ordergeschiedenis: alle klanten',
    contoso: '| Ordergeschiedenis: Contoso Retail B.V.',
    page1: '| Orders 1–10 van 23, nieuwste eerst',
    page2: '| Orders 11–20 van 23, nieuwste eerst',
    page3: '| Orders 21–23 van 23, nieuwste eerst',
    order13: ['| order-13 · Contoso Retail B.V.', '| 13 feb 2026, 09:00 UTC · Voltooid · €\u00a015.509,91', '| 13 × Reserved VM Instance, Standard_D2s_v5, West Europe, 3 Years (West-Europa, 3 jaar)', portal.replace('Azure portal]', 'Azure Portal]')],
    order10: ['| order-10 · Contoso Retail B.V.', '| 10 feb 2026, 09:00 UTC · Geannuleerd · €\u00a011.930,70'],
    previous: '| [Vorige pagina]',
    next: '| [Volgende pagina]',
    askSegment: '| Welk segment?',
    askType: '| Welk type reservering?',
    usedCard: 'Die kaart is al gebruikt. Typ "kopen" om een nieuwe aankoop te beginnen of "orders" om de ordergeschiedenis te zien.',
    notYours: '⛔ Die klant is niet een van uw klanten.\n\nWat te doen: Zoek de klant op naam of domein en kies de klant uit de lijst.',
  },
} as const;

/** The order numbers a history card lists, in its order. */
const orderRows = (lines: string[]) => lines.filter((l) => /^\| order-\d\d · /.test(l)).map((l) => l.slice(2, 10));

function withEarlierOrders(L: Lang): Conversation {
  const c = new Conversation('demo-anna', { lang: L, clock: () => new Date('2026-03-02T09:30:00Z') });
  placeEarlierOrders(c.world!, 23);
  return c;
}

for (const L of languages) {
  const t = texts[L.locale];
  const nextPage = L.text('Next page', 'Volgende pagina');
  const previousPage = L.text('Previous page', 'Vorige pagina');

  describe(`Order history pages (${L.locale})`, () => {
    it('lists ten orders a page, newest first, each with its status and portal link, and pages forward and back', async () => {
      const c = withEarlierOrders(L);
      await c.say(L.type('orders', 'ordergeschiedenis'));
      let lines = repliesAsText(c.replies);
      assert.deepEqual(lines.slice(0, 3), ['+--', t.allCustomers, t.page1]);
      assert.deepEqual(orderRows(lines), ['order-23', 'order-22', 'order-21', 'order-20', 'order-19', 'order-18', 'order-17', 'order-16', 'order-15', 'order-14']);
      assert.equal(lines.filter((l) => l === portal || l === t.order13[3]).length, 10, 'every order links the Azure portal');
      assert.deepEqual(lines.slice(-3), ['| --', t.next, '+--'], 'the first page offers the next one only');

      await c.click(nextPage);
      lines = repliesAsText(c.replies);
      assert.deepEqual(lines.slice(0, 8), ['+--', t.allCustomers, t.page2, '| --', ...t.order13]);
      assert.ok(lines.join('\n').includes(t.order10.join('\n')), `a cancelled order says so:\n${lines.join('\n')}`);
      assert.deepEqual(orderRows(lines), ['order-13', 'order-12', 'order-11', 'order-10', 'order-09', 'order-08', 'order-07', 'order-06', 'order-05', 'order-04']);
      assert.deepEqual(lines.slice(-4), ['| --', t.previous, t.next, '+--']);

      await c.click(nextPage);
      lines = repliesAsText(c.replies);
      assert.deepEqual([lines[2], orderRows(lines), lines.slice(-3)], [t.page3, ['order-03', 'order-02', 'order-01'], ['| --', t.previous, '+--']]);

      await c.click(previousPage);
      assert.equal(repliesAsText(c.replies)[2], t.page2);
    });

    it('pages at a question of a purchase, from the history card, and asks that question again', async () => {
      const c = withEarlierOrders(L);
      await c.say(L.type('buy', 'kopen'));
      await c.click('Contoso Retail B.V.');
      const withHistory = await c.say(L.type('orders', 'ordergeschiedenis'));
      const history = cardsOf(withHistory[0])[0]!;
      assert.equal(repliesAsText([withHistory[0]!])[2], t.page1);

      await c.click(nextPage, {}, undefined, history);
      const lines = repliesAsText(c.replies);
      assert.deepEqual(lines.slice(0, 8), ['+--', t.allCustomers, t.page2, '| --', ...t.order13]);
      assert.ok(lines.includes(t.askSegment), `the segment is asked again below the page:\n${lines.join('\n')}`);
      assert.equal(lines.lastIndexOf('+--') > lines.indexOf(t.askSegment) && lines.indexOf(t.askSegment) > lines.indexOf(t.page2), true, 'after the page');

      await c.click(L.text('Commercial', 'Commercieel'));
      assert.ok(repliesAsText(c.replies).includes(t.askType), `the purchase goes on:\n${c.text}`);
    });

    it("keeps the customer of 'orders <customer>' on every page", async () => {
      const c = withEarlierOrders(L);
      await c.say(L.type('orders contoso retail', 'ordergeschiedenis contoso retail'));
      assert.deepEqual(repliesAsText(c.replies).slice(1, 3), [t.contoso, t.page1]);
      await c.click(nextPage);
      assert.deepEqual(repliesAsText(c.replies).slice(1, 3), [t.contoso, t.page2]);
    });

    it('re-reads the page a card sends: past the last page shows the last, a page that is no number is not a page, another partner’s customer is refused', async () => {
      const c = withEarlierOrders(L);
      await c.submit({ action: 'ordersPage', page: '99', customerId: demoCustomers.contosoRetail });
      assert.deepEqual(repliesAsText(c.replies).slice(1, 3), [t.contoso, t.page3]);
      await c.submit({ action: 'ordersPage', page: '-1' });
      assert.deepEqual(c.rawTexts, [t.usedCard]);
      await c.submit({ action: 'ordersPage', page: '1e3x' });
      assert.deepEqual(c.rawTexts, [t.usedCard]);
      await c.submit({ action: 'ordersPage', page: 0, customerId: demoCustomers.padaria });
      assert.deepEqual(c.rawTexts, [t.notYours]);
      assert.equal(cardsOf(c.replies[0]).length, 0, 'no history of another partner’s customer');
    });
  });
}
