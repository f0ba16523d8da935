// What the bot says, exactly, in a table's language, and the steps many conversation cases share. Every
// expected text comes from the language's message catalogue (src/i18n), never from a copy of it.
import { demoSubscriptions } from '../../src/store/demoIds';
import type { Subscription } from '../../src/domain/types';
import type { Step } from './script';
import { lines, shows, type Lang } from './lang';

/** D2s_v5, West Europe, 3 years in the Dutch commercial catalog. */
export const NL = { country: 'NL', sku: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' } as const;

/** A subscription as the messages name it (id and friendly name). */
export const subscription = (id: string, friendlyName: string) => ({ id, friendlyName }) as Subscription;

export function stepsIn(L: Lang) {
  const { say, t } = L;
  const vmTitle = say.reservationTypeTitle('VirtualMachines', 'Reserved Virtual Machine Instances');
  const askCustomer = shows(say.askCustomer());
  const askSubscription = (customer: string) => shows(say.askSubscription(customer));
  const askNext = lines(say.askNext(), say.addAnother(), say.reviewCart());
  /** The catalog card's filter line and count: "Filters: \nWest Europe · Standard_D2s_v5 · 3 years\nShowing 1–1 of 1". */
  const filtered = (parts: string[], from: number, to: number, total: number) =>
    lines(t.cards.filters, parts.join(t.cards.listSeparator), t.cards.showing(L.int(from), L.int(to), L.int(total)));
  return {
    vmTitle,
    placed: say.orderPlaced(),
    alreadyBought: say.alreadyBought(),
    changedBeforeBuy: say.reviewChangedBeforeBuy(),
    updated: say.reviewUpdated(),
    cancelled: say.cancelled(),
    nothingWasBought: say.nothingBought(),
    notUnderstoodTopLevel: say.notUnderstoodTopLevel(),
    staleCard: say.staleCard(),
    usedCard: say.usedCard(),
    itemNotShown: say.itemNotShown(),
    help: shows(say.help()),
    askCustomer,
    askSegment: lines(say.askSegment(), ...(['commercial', 'education', 'government', 'nonprofit'] as const).map((s) => say.segmentTitle(s))),
    askType: lines(say.askReservationType(), vmTitle, ''),
    askSubscription,
    askNext,
    review: lines(t.cards.reviewTitle, t.cards.customer, ''),
    filtered,
    /** Anna's way to the item list of Contoso Retail's production subscription, typed. */
    toContosoItems: [
      [L.type('buy', 'kopen'), askCustomer],
      ['Contoso Retail', say.customerChosen('Contoso Retail B.V.')],
      [L.type('commercial', 'commercieel'), shows(say.askReservationType())],
      [L.type('virtual machines', 'virtuele machines'), askSubscription('Contoso Retail B.V.')],
      ['Contoso Retail Production', say.subscriptionChosen(subscription(demoSubscriptions.contosoRetailProduction, 'Contoso Retail Production'))],
    ] as Step[],
    /** From the item list: 3 × D2s_v5, West Europe, 3 years in the cart. */
    threeD2sV5: [
      [L.type('D2s_v5 westeurope 3 years', 'D2s_v5 west-europa 3 jaar'), filtered([L.region('westeurope'), 'Standard_D2s_v5', L.term('P3Y')], 1, 1, 1)],
      ['1', say.askQuantity('Standard_D2s_v5', 1, 1000)],
      ['3', [say.lineAdded(3, 'Standard_D2s_v5', L.region('westeurope'), L.term('P3Y')), askNext]],
    ] as Step[],
  };
}
