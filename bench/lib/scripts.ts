// What each virtual user says, for each of the three servers.
import { buttonsOf, cardsOf, choicesOf, clickValue, ITEM_BUTTON } from '../../test/support/cardClicks';
import { UnexpectedReply, type BenchConversation, type Script } from './load';
import type { Activity } from 'botbuilder';

/** The floor: one message, one echo. */
export const echoScript: Script = async (c) => {
  await c.turn('echo', { text: 'hello bench' }, /^Echo: hello bench$/);
};

/** The framework: the three steps of the bare waterfall. */
export const waterfallScript: Script = async (c) => {
  await c.turn('step 1', { text: 'hi' }, /Step 1 of 3/);
  await c.turn('step 2', { text: 'Anna' }, /Step 2 of 3/);
  await c.turn('step 3', { text: 'a reservation' }, /Step 3 of 3/);
};

/** Agents of Contoso allowed to buy; virtual users take them in turn. */
export const productUsers = ['demo-anna', 'demo-gijs', 'demo-umar'];

/** The product's steps, in order, as named in the per-step latency table. */
export const productSteps = [
  'buy',
  'customer',
  'segment',
  'type',
  'subscription',
  'filter',
  'select',
  'quantity',
  'another',
  'select 2',
  'quantity 2',
  'review',
  'checkout',
] as const;

type Json = Record<string, unknown>;

function lastCard(activities: Partial<Activity>[]): Json {
  const cards = activities.flatMap((a) => cardsOf(a));
  const card = cards[cards.length - 1];
  if (!card) throw new UnexpectedReply('no card in the replies');
  return card;
}

const click = (c: BenchConversation, title: string | RegExp, typed: Record<string, string> = {}, pick?: Parameters<typeof clickValue>[3]) =>
  clickValue(lastCard(c.last), title, typed, pick);

/**
 * Picks a catalog row: the n-th item button of the catalog card, skipping `exclude`. An item the
 * inventory check refuses (two seeded sizes and regions) shows the list again: the next row is tried.
 */
async function selectRow(c: BenchConversation, step: string, n: number, exclude?: string): Promise<string> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const rows = buttonsOf(lastCard(c.last)).filter((b) => ITEM_BUTTON.test(b.title) && b.data.catalogItemId !== exclude);
    if (rows.length === 0) throw new UnexpectedReply(`${step}: the catalog card has no row to select`);
    const row = rows[(n + attempt) % rows.length]!;
    const replies = await c.turn(step, { value: click(c, ITEM_BUTTON, {}, (b) => b.data.catalogItemId === row.data.catalogItemId) });
    const said = replies.map((a) => a.text ?? '').join('\n');
    if (/How many /.test(said)) return String(row.data.catalogItemId);
    if (!/⛔/.test(said)) throw new UnexpectedReply(`${step}: neither a quantity question nor a refusal: ${said.slice(0, 400)}`);
  }
  throw new UnexpectedReply(`${step}: every row tried was refused`);
}

/**
 * The product: a whole purchase as demo agents of Contoso click it, 13 turns: buy → Contoso Retail →
 * Commercial → virtual machines → Production subscription → a filter (region and term, varied per
 * conversation) → an item → quantity → add another → a second item → quantity → review → Buy.
 */
export const productScript: Script = async (c, user) => {
  const n = user.index * 7 + user.conversations;
  await c.turn('buy', { text: 'buy' }, /Which customer are you buying for\?/);
  await c.turn('customer', { value: click(c, 'Contoso Retail B.V.') }, /Which segment\?/);
  await c.turn('segment', { value: click(c, 'Commercial') }, /Which type of reservation\?/);
  await c.turn('type', { value: click(c, 'Virtual machines') }, /subscriptions should the reservation be tied to\?/);
  await c.turn('subscription', { value: click(c, 'Contoso Retail Production') }, /✓ Subscription: Contoso Retail Production/);
  const regions = (choicesOf(lastCard(c.last)).region ?? []).filter(Boolean);
  if (regions.length === 0) throw new UnexpectedReply('the catalog card has no region filter');
  const region = regions[n % regions.length]!;
  const term = n % 2 ? 'P3Y' : 'P1Y';
  await c.turn('filter', { value: click(c, 'Apply filters', { region, term }) });
  const first = await selectRow(c, 'select', n % 10);
  await c.turn('quantity', { value: click(c, 'Add to cart', { quantity: String(1 + (n % 5)) }) }, /Added to the cart: /);
  await c.turn('another', { value: click(c, 'Add another item') });
  await selectRow(c, 'select 2', (n + 3) % 10, first);
  await c.turn('quantity 2', { value: click(c, 'Add to cart', { quantity: '1' }) }, /Added to the cart: /);
  await c.turn('review', { value: click(c, 'Review the cart') }, /Review your order/);
  await c.turn('checkout', { value: click(c, 'Buy') }, /Order placed[\s\S]*Order number/);
};
