// Every sentence the dialogs say, in one place. Rule verdicts bring their own message and fix from src/.
import type { Verdict } from '../src/domain/types';
import { roleNames, segmentNames } from '../src/rules/eligibility';
import type { Agent, Partner, Segment, Subscription } from '../src/domain/types';
import { truncate } from '../cards/format';

type Refusal = Extract<Verdict, { ok: false }>;

/** A refusal always says what was refused, which rule, and what to do. */
export function refusalText(v: Refusal): string {
  const pc = v.partnerCenterCode ? `, Partner Center ${v.partnerCenterCode}` : '';
  return [`⛔ ${v.message}`, v.fix ? `What to do: ${v.fix}` : undefined, `(rule ${v.code}${pc})`].filter(Boolean).join('\n\n');
}

export const staleCard = () =>
  'That card belongs to an earlier step and is no longer active. Use the latest card, or type your answer.';

export const usedCard = () =>
  'That card has already been used. Type "buy" to start a new purchase or "orders" to see the order history.';

export const welcome = (name?: string) =>
  `Hello${name ? ` ${name}` : ''}! I buy Azure reservations for your CSP customers, as in Partner Center.\n\n` +
  'Type **buy** to start a purchase (or "buy for Contoso"), **orders** for the order history, **help** at any time.';

export const help = () =>
  [
    '**buy** (or "buy for <customer>"): the Partner Center flow: customer → segment → reservation type → subscription → find items → quantity → review → buy.',
    '**orders** (or "orders <customer>"): the order history, newest first.',
    'At any step: **back** goes one question back, **cancel** stops without buying, **help** shows this.',
    'Every question accepts typing as well as clicking: a number from a list, a name, "3 years", "west europe".',
  ].join('\n\n');

export const notUnderstoodTopLevel = () => 'I did not catch that. Type **buy**, **orders** or **help**.';

export const cancelled = () => 'Cancelled. Nothing was bought.';

export const unknownUserProduction = () =>
  'You are not registered as an agent of a CSP partner in this bot. Ask your partner admin to add your account (your Microsoft Entra object id) to the bot\'s agent directory, then try again.';

export const chooseDemoAgent = () => 'You are not in the agent directory. In this demo, choose who you want to act as:';

export const actingAs = (agent: Agent, partner: Partner) =>
  `You are now acting as **${agent.displayName}** (${roleNames[agent.role]}, ${partner.name}). Type **buy** to start.`;

export const demoAgentTitle = (agent: Agent) => `${agent.displayName}`;
export const directoryIdentity = (agent: Agent, partner: Partner) =>
  `You are ${agent.displayName}, ${roleNames[agent.role]} at ${partner.name}, in the agent directory: I always act as you, so there is no one to switch to.`;
export const demoAgentSubtitle = (agent: Agent, partner: Partner) => `${roleNames[agent.role]} · ${partner.name}`;

export const notUnderstoodChoice = (choices: { title: string }[]) =>
  `Please pick one of the options: type its number (1–${choices.length}) or its name, or click it.`;

// ---- purchase flow ----------------------------------------------------------------------------

export const askCustomer = () => 'Which customer are you buying for? Type a name or domain, or pick one:';
export const customersFound = (shown: number, total: number, query: string) =>
  query
    ? `${total} customer${total === 1 ? '' : 's'} match "${query}"${total > shown ? ` (showing the first ${shown}; type more of the name to narrow)` : ''}:`
    : `Your customers${total > shown ? ` (first ${shown} of ${total}; type a name to search)` : ''}:`;
// The query is cut: pasted text echoed whole could make the reply larger than a Teams message may be.
export const noCustomerMatches = (query: string) => `No customer matches "${truncate(query, 100)}". Type another name or domain.`;

export const customerChosen = (name: string) => `Customer: **${name}**.`;
export const askSegment = () => 'Which segment?';
export const segmentTitle = (s: Segment) => segmentNames[s];
export const askReservationType = () => 'Which type of reservation?';
export const askSubscription = (customer: string) =>
  `Which of ${customer}'s Azure subscriptions should the reservation be tied to?`;
export const subscriptionSubtitle = (s: Subscription) =>
  `${s.kind === 'azurePlan' ? 'Azure plan' : `Azure subscription (${s.offerId})`} · ${s.id}`;
export const offerAzurePlan = (customer: string) => `Do you want to add an Azure plan for ${customer} now, and buy against it?`;
export const yes = () => 'Yes, add an Azure plan';
export const no = () => 'No';
export const azurePlanAdded = (s: Subscription) => `Added the Azure plan (${s.id}) and registered it for reservations.`;
export const nothingBought = () => 'Nothing was bought. Type **buy** to start again.';
export const subscriptionChosen = (s: Subscription) => `Subscription: **${s.friendlyName}** (${s.id}).`;
export const askItem = () =>
  'Pick an item, or filter by typing, e.g. "D4s v5 west europe 3 years". "next" and "previous" page through the results.';
export const askQuantity = (title: string, min: number, max: number) =>
  `How many ${title}? (number of running instances the reservation discounts, ${min}–${max})`;
export const lineAdded = (quantity: number, title: string, region: string, term: string) =>
  `Added to the cart: ${quantity} × ${title}, ${region}, ${term}.`;
export const askNext = () => 'Add another item, or review the cart?';
export const addAnother = () => 'Add another item';
export const reviewCart = () => 'Review the cart';
export const askReview = () =>
  'Check the order and click **Buy**. You can also type: "buy", "quantity 1 3" (line 1 to 3), "monthly 1", "one-time 1", "scope shared", "reseller 2", "remove 2", "add item".';
export const reviewUpdated = () => 'Updated.';
export const reviewNotUnderstood = () =>
  'I did not understand that change. Examples: "quantity 2 5", "monthly 1", "scope single", "reseller 1", "remove 2", "buy".';
export const termText = (term: string) => ({ P1Y: '1 year', P3Y: '3 years', P5Y: '5 years' })[term] ?? term;
export const orderPlaced = () => 'Done. The order is placed.';
export const alreadyBought = () => 'This cart was already bought: here are its orders. Nothing new was ordered.';
export const noOrdersFor = (name: string) => `${name} has no orders yet.`;
export const orderHistoryTitle = (name?: string) => (name ? `Order history: ${name}` : 'Order history: all customers');
export const reviewChangedBeforeBuy = () =>
  'You changed the order on the card, so nothing was bought yet: check the new total and click **Buy** again.';
export const filterNotUnderstood = () => 'I could not read those filters. Pick them from the lists, or type e.g. "D4s v5 west europe 3 years".';
export const noSuchRow = (rows: number) => (rows ? `Pick a number from 1 to ${rows}.` : 'There is nothing to pick on this page: change the filters.');
export const itemNotShown = () => 'That item is not on the list I showed. Pick one of the items on the latest list, or filter again.';
export const noMorePages = () => 'There are no more results.';
export const severalCustomersForOrders = (n: number, query: string) =>
  `${n} customers match "${query}"; here are the orders of all your customers. Type more of the name for one customer.`;
export const turnFailed = () =>
  'Sorry, something went wrong on my side and this conversation was reset. Nothing was bought twice: type **orders** to check what was ordered, or **buy** to start again.';
