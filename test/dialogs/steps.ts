// What the bot says, exactly, and the steps many conversation cases share.
import { demoSubscriptions } from '../../src/store/demoIds';
import type { Step } from './script';

export const placed = 'Done. The order is placed.';
export const alreadyBought = 'This cart was already bought: here are its orders. Nothing new was ordered.';
export const changedBeforeBuy = 'You changed the order on the card, so nothing was bought yet: check the new total and click **Buy** again.';
export const updated = 'Updated.';
export const cancelled = 'Cancelled. Nothing was bought.';
export const nothingWasBought = 'Nothing was bought. Type **buy** to start again.';
export const notUnderstoodTopLevel = 'I did not catch that. Type **buy**, **orders** or **help**.';
export const staleCard = 'That card belongs to an earlier step and is no longer active. Use the latest card, or type your answer.';
export const usedCard = 'That card has already been used. Type "buy" to start a new purchase or "orders" to see the order history.';
export const itemNotShown = 'That item is not on the list I showed. Pick one of the items on the latest list, or filter again.';

export const askCustomer = /Which customer are you buying for\? Type a name or domain, or pick one:/;
export const askSegment = /Which segment\?\nCommercial\nEducation\nGovernment\nNonprofit/;
export const askType = /Which type of reservation\?\nReserved Virtual Machine Instances\n/;
export const askSubscription = (customer: string) =>
  new RegExp(`Which of ${customer.replace(/\./g, '\\.')}'s Azure subscriptions should the reservation be tied to\\?`);
export const askNext = /Add another item, or review the cart\?\nAdd another item\nReview the cart/;
export const review = /Review your order\nCustomer: \n/;

/** A refusal as the dialogs word it: what, what to do, which rule. */
export const refusal = (message: string, fix: string, rule: string) => `⛔ ${message}\n\nWhat to do: ${fix}\n\n(rule ${rule})`;

/** D2s_v5, West Europe, 3 years in the Dutch commercial catalog. */
export const NL = { country: 'NL', sku: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' } as const;

/** Anna's way to the item list of Contoso Retail's production subscription, typed. */
export const toContosoItems: Step[] = [
  ['buy', askCustomer],
  ['Contoso Retail', 'Customer: **Contoso Retail B.V.**.'],
  ['commercial', /Which type of reservation\?/],
  ['virtual machines', askSubscription('Contoso Retail B.V.')],
  ['Contoso Retail Production', `Subscription: **Contoso Retail Production** (${demoSubscriptions.contosoRetailProduction}).`],
];

/** From the item list: 3 × D2s_v5, West Europe, 3 years in the cart. */
export const threeD2sV5: Step[] = [
  ['D2s_v5 westeurope 3 years', /Filters: \nWest Europe · Standard_D2s_v5 · 3 years\nShowing 1–1 of 1\n/],
  ['1', 'How many Standard_D2s_v5? (number of running instances the reservation discounts, 1–1000)'],
  ['3', ['Added to the cart: 3 × Standard_D2s_v5, West Europe, 3 years.', askNext]],
];
