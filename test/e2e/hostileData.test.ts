// Hostile data end to end: a customer and its subscription named with template syntax, markdown, HTML,
// right-to-left text, emoji or 5,000 characters, bought for through the real server. Every card of the
// flow (customer choice, subscription choice, review, confirmation, order history) shows the name
// literally: raw where the host does not interpret markdown, escaped where it does, never evaluated,
// and within the Teams size limit. (test/cards/render.test.ts checks each card function on its own.)
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { CARD_SIZE_LIMIT } from '../../cards/render';
import { escapeMarkdown } from '../../cards/format';
import { demoCustomers, demoSubscriptions } from '../../src/store/demoIds';
import { ITEM_BUTTON } from '../support/cardClicks';
import { Conversation, eachTestBot, lastCard, orderNumbersOf, transcript, type TestBot } from './http';

type Json = Record<string, unknown>;

const HOSTILE: Record<string, string> = {
  template: '${customer.id} ${json(turn)} {{DATE(2026-01-01T00:00:00Z)}}',
  markdown: '*Bold* _Ideas_ [Ltd](https://evil.example) #1 `code` ~~x~~',
  html: '<script>alert(1)</script><img src=x onerror=alert(1)> &amp;',
  rtl: 'شركة الأفكار الجريئة \u202Eevil\u202C',
  emoji: 'Contoso 🚀☁️ Café 👩🏽‍💻 🇳🇱',
  long: `Long ${'x'.repeat(4995)}`,
};

/** A button whose title is the value, or starts like it (a long value may be shortened on the card). */
const startsWith = (value: string) => new RegExp(`^${value.slice(0, 60).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');

interface Slot {
  text: string;
  markdown: boolean;
}

/** Every string a person reads on a card, with whether the host renders it as markdown. */
function slots(card: Json): Slot[] {
  const out: Slot[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Json;
    if (n.type === 'TextBlock' && typeof n.text === 'string') out.push({ text: n.text, markdown: true });
    if (n.type === 'FactSet') for (const f of (n.facts ?? []) as Json[]) out.push({ text: String(f.title), markdown: true }, { text: String(f.value), markdown: true });
    if (n.type === 'TextRun' && typeof n.text === 'string') out.push({ text: n.text, markdown: false });
    if (typeof n.type === 'string' && /^(Action|Input)\./.test(n.type)) {
      for (const key of ['title', 'label', 'placeholder']) if (typeof n[key] === 'string') out.push({ text: n[key] as string, markdown: false });
      for (const c of (n.choices ?? []) as Json[]) out.push({ text: String(c.title), markdown: false });
    }
    Object.values(n).forEach(visit);
  };
  visit(card);
  return out;
}

/**
 * The card shows `value` literally: whole (or, for a 5,000-character value the card had to shorten,
 * its first 60 characters), escaped in markdown slots; and no markdown slot has it unescaped.
 */
function assertShowsLiterally(card: Json, value: string, where: string): void {
  const all = slots(card);
  const shown = (v: string) => all.some((s) => s.text.includes(s.markdown ? escapeMarkdown(v) : v));
  assert.ok(shown(value) || (value.length > 1000 && shown(value.slice(0, 60))), `${where}: the card shows ${JSON.stringify(value.slice(0, 60))} literally; it shows ${JSON.stringify(all.map((s) => s.text.slice(0, 80)))}`);
  if (escapeMarkdown(value) !== value) {
    const raw = all.filter((s) => s.markdown && s.text.includes(value));
    assert.deepEqual(raw, [], `${where}: no markdown text shows the value unescaped`);
  }
}

describe('e2e: hostile customer and subscription names in every card of a purchase', function () {
  let t: TestBot;
  eachTestBot((bot) => (t = bot), { once: true });

  it('(the check itself) refuses unescaped markdown, and a value not shown', function () {
    const markdown = HOSTILE.markdown!;
    const rawInTextBlock = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: markdown }] };
    assert.throws(() => assertShowsLiterally(rawInTextBlock, markdown, 'raw'), /literally|unescaped/, 'raw markdown in a TextBlock is caught');
    assert.throws(() => assertShowsLiterally({ type: 'AdaptiveCard', body: [] }, markdown, 'missing'), /literally/, 'a value not shown is caught');
    const fine = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: escapeMarkdown(markdown) }, { type: 'Action.Submit', title: markdown }] };
    assert.doesNotThrow(() => assertShowsLiterally(fine, markdown, 'fine'), 'escaped in a TextBlock and raw in a title is right');
  });

  for (const [kind, name] of Object.entries(HOSTILE)) {
    it(`shows a ${kind} name literally from the customer choice to the order history`, async function () {
      const db = t.bot.partnerCenter!.db;
      db.prepare('UPDATE customers SET company_name = ? WHERE id = ?').run(name, demoCustomers.contosoRetail);
      db.prepare('UPDATE subscriptions SET friendly_name = ? WHERE id = ?').run(`${name} (sub)`, demoSubscriptions.contosoRetailProduction);
      const conv = new Conversation(t.baseUrl, 'demo-anna');
      const turn = async (what: string, send: () => Promise<Partial<Activity>[]>) => {
        const replies = await send();
        for (const reply of replies) {
          const bytes = Buffer.byteLength(JSON.stringify(reply));
          assert.ok(bytes <= CARD_SIZE_LIMIT, `${what}: a reply of ${bytes} bytes fits in a Teams message`);
        }
        assert.deepEqual(t.logs.filter((l) => l.startsWith('[onTurnError]')), [], `${what}: no turn failed`);
        return replies;
      };
      const card = (what: string) => {
        const c = lastCard(conv.last);
        assert.ok(c, `${what}: a card is shown:\n${transcript(conv.last).slice(0, 500)}`);
        return c;
      };

      await turn('buy', () => conv.say('buy for contosoretail.onmicrosoft.com'));
      assertShowsLiterally(card('customer choice'), name, 'the customer choice');
      await turn('customer', () => conv.click(startsWith(name)));
      await turn('segment', () => conv.click('Commercial'));
      await turn('type', () => conv.click('Virtual machines'));
      assertShowsLiterally(card('subscription choice'), `${name} (sub)`, 'the subscription choice');
      await turn('subscription', () => conv.click(startsWith(`${name} (sub)`)));
      await turn('item', () => conv.submit(conv.clickValueOnLastCard(ITEM_BUTTON)));
      await turn('quantity', () => conv.click('Add to cart', { quantity: '1' }));
      await turn('review', () => conv.click('Review the cart'));
      const review = card('review');
      assertShowsLiterally(review, name, 'the review');
      assertShowsLiterally(review, `${name} (sub)`, 'the review (subscription)');
      const bought = await turn('buy', () => conv.click('Buy'));
      const [order] = orderNumbersOf(bought);
      assert.ok(order, `the purchase completes:\n${transcript(bought).slice(0, 500)}`);
      assertShowsLiterally(card('confirmation'), name, 'the confirmation');
      await turn('orders', () => conv.say('orders'));
      assertShowsLiterally(card('order history'), name, 'the order history');
    });
  }
});
