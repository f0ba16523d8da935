// The purchase flow, conversation by conversation: who may buy for whom (R1–R7, R9), the cart and its
// review (R10, R12), and forged card values. Each case runs on its own copy of the demo world
// (src/partnerCenter/local/seed.ts); prices are the seed's deterministic ones. Every table runs in English
// (en-US) and in Dutch (nl-NL): the agent types in that language and the expected texts are written out in
// it (test/dialogs/steps.ts and below), never taken from the bot's own catalogue or money formatter.
import assert from 'node:assert/strict';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { demoAgents, demoCustomers, demoPartners, demoResellers, demoSubscriptions } from '../../src/store/demoIds';
import { buttonsOf, choicesOf } from '../support/cardClicks';
import { Conversation } from './conversation';
import {
  cardInputs,
  cartLines,
  catalogItemId,
  count,
  engines,
  expectOrders,
  noCardInput,
  not,
  nothingBought,
  orderNumbersShown,
  partnerCenterRows,
  rows,
  runCase,
  type Case,
  type Check,
} from './script';
import { NL, stepsIn } from './steps';
import { languages, lines, re, shows, type Lang } from './lang';
import type { Store } from '../../src/store/store';
import type { CheckoutRetryPolicy } from '../../src/purchase/checkoutRetry';
import { SqliteJournal } from '../../src/partnerCenter/rest/journal';
import { TestPartnerCenter } from '../support/partnerCenterServer';
import { restGateway } from '../support/restGateway';

const contosoRetailD2sOrder = (c: Conversation) => ({
  customerId: demoCustomers.contosoRetail,
  agentId: demoAgents.anna,
  subscriptionId: demoSubscriptions.contosoRetailProduction,
  scope: 'shared',
  billingCycle: 'one_time',
  currency: 'EUR',
  catalogItemId: catalogItemId(c, NL),
  quantity: 3,
  term: 'P3Y',
  unitPrice: 119307,
  reseller: '',
});

function tables(L: Lang) {
  const s = stepsIn(L);
  const { says, card, regions, terms, money, notes, refusals } = s;
  const { askCustomer, askNext, askSegment, askSubscription, askType, changedBeforeBuy, filtered, itemNotShown, nothingWasBought, placed, review, threeD2sV5, toContosoItems, updated, vmTitle } = s;
  const buy = L.type('buy', 'kopen');
  const reviewWord = L.type('review', 'controleren');
  const searchD2s = L.type('D2s_v5 westeurope 3 years', 'D2s_v5 west-europa 3 jaar');
  const filteredD2s = filtered([regions.westeurope, 'Standard_D2s_v5', terms.P3Y], '1', '1', '1');
  const askD2s = says.askQuantity('Standard_D2s_v5');
  const askE4s = says.askQuantity('Standard_E4s_v5');
  const showingOne = shows(card.showing('1', '1', '1'));
  const { production } = s;
  const note = (text: string) => shows(card.note(text));

  // ---- the refusals these cases expect ----------------------------------------------------------------
  const quantityRefusal = (shown: string, kind: 'range' | 'invalid') => (kind === 'range' ? refusals.r12OutOfRange(shown) : refusals.r12Invalid(shown));
  const { r7SharedScope, r9ChooseReseller, r9UnknownReseller, r10NoMonthly } = refusals;
  const suseItem = 'SUSE Linux Enterprise Software Plan, SLES Standard 1-2 vCPU VM, West Europe, 1 Year';

  const purchases: Case[] = [
    {
      name: 'Anna (Admin agent, direct partner) buys 3 × D2s_v5 West Europe 3 years for Contoso Retail, typing every answer',
      user: 'demo-anna',
      steps: [
        [buy, [askCustomer, re(/^/, 'Contoso Retail B.V.\ncontosoretail.onmicrosoft.com · NL', /$/)]],
        ['Contoso Retail', [says.customerChosen('Contoso Retail B.V.'), askSegment]],
        [L.type('commercial', 'commercieel'), askType],
        [
          L.type('virtual machines', 'virtuele machines'),
          [
            askSubscription('Contoso Retail B.V.'),
            lines('Contoso Retail Production', says.legacySubscription),
            lines('Contoso Retail Dev/Test', says.legacySubscription),
          ],
        ],
        // A Dutch customer's catalog starts at West Europe, a filter like any other.
        ['Contoso Retail Production', [production, lines(vmTitle, card.activeFilters, card.removeFilter(regions.westeurope), card.showing('1', '5', '128'))]],
        [
          searchD2s,
          [
            filteredD2s,
            // One button naming the item and its term, one line of the rest.
            lines(`Standard_D2s_v5 · ${terms.P3Y}`, [regions.westeurope, '2 vCPU · 8 GB RAM', card.priceForTerm(money.eur1193_07, terms.P3Y), card.monthlyAvailable].join(' · ')),
          ],
        ],
        ['1', askD2s],
        ['3', [says.lineAdded(3, 'Standard_D2s_v5', regions.westeurope, terms.P3Y), askNext]],
        [
          reviewWord,
          [
            review,
            lines(card.customer, 'Contoso Retail B.V.', card.subscription, 'Contoso Retail Production', ''),
            lines(card.pricePerInstance, card.priceForTerm(money.eur1193_07, terms.P3Y), card.lineTotal, money.eur3579_21, ''),
            shows(card.total(money.eur3579_21)),
            note(notes.pricesExcludeTaxes),
            cardInputs({ qty_1: '3', billing_1: 'one_time', scope: 'shared' }),
            noCardInput('reseller'),
          ],
        ],
        [
          buy,
          [
            placed,
            lines(card.orderPlaced, card.customer, 'Contoso Retail B.V.', card.orderNumber, ''),
            // The line's savings stand between them (the golden transcripts say them word for word).
            lines(card.orderLine(regions.westeurope, terms.P3Y, 3, money.eur3579_21)),
            shows(card.orderTotal(money.eur3579_21)),
            orderNumbersShown,
          ],
        ],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => {
        expectOrders(c, 1, [contosoRetailD2sOrder(c)]);
        assert.equal(count(c, 'cart_lines'), 1, 'the cart had one line');
        assert.deepEqual(rows(c, 'SELECT status FROM carts'), [{ status: 'submitted' }], 'the one cart is submitted');
      },
    },
    {
      name: 'The catalog keeps a typed size in its form (another term applied keeps it), and Clear filters lists everything again',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        [searchD2s, [filteredD2s, cardInputs({ region: 'westeurope', term: 'P3Y', text: 'Standard_D2s_v5' })]],
        [{ click: card.applyFilters, inputs: { term: 'P1Y' } }, [filtered([regions.westeurope, 'Standard_D2s_v5', terms.P1Y], '1', '1', '1'), shows(`Standard_D2s_v5 · ${terms.P1Y}`)]],
        [{ click: card.clearFilters }, [lines(card.filters, card.noFilter), cardInputs({ region: 'any', term: 'any', text: '' }), not(shows(card.clearFilters))]],
      ],
      status: DialogTurnStatus.waiting,
    },
    {
      name: 'Anna buys the same for Contoso Retail by clicking the cards only',
      user: 'demo-anna',
      steps: [
        [buy, askCustomer],
        [{ click: 'Contoso Retail B.V.' }, says.customerChosen('Contoso Retail B.V.')],
        [{ click: says.commercial }, shows(says.askReservationType)],
        [{ click: vmTitle }, askSubscription('Contoso Retail B.V.')],
        [{ click: 'Contoso Retail Production' }, production],
        [{ click: card.applyFilters, inputs: { region: 'westeurope', family: 'Dsv5', term: 'P3Y' } }, filtered([regions.westeurope, 'Dsv5', terms.P3Y], '1', '5', '8')],
        [{ click: /^Standard_D2s_v5 · / }, [shows(askD2s), cardInputs({ quantity: '1' })]],
        [{ click: card.addToCart, inputs: { quantity: '3' } }, says.lineAdded(3, 'Standard_D2s_v5', regions.westeurope, terms.P3Y)],
        [{ click: says.reviewCart }, [review, shows(card.total(money.eur3579_21))]],
        [
          { click: card.buy },
          [placed, shows(card.orderLine(regions.westeurope, terms.P3Y, 3, money.eur3579_21)), orderNumbersShown, (c) => assert.deepEqual(c.rawTexts, [''], 'the card alone: no sentence above it saying the same')],
        ],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => expectOrders(c, 1, [contosoRetailD2sOrder(c)]),
    },
    {
      name: 'Lucas (indirect provider) buys for Padaria: the reseller of record is proposed on review, he chooses Wingtip, the order records Wingtip',
      user: 'demo-lucas',
      steps: [
        [buy, askCustomer],
        ['padaria', says.customerChosen('Padaria Pão Dourado Ltda.')],
        [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
        ['vm', askSubscription('Padaria Pão Dourado Ltda.')],
        ['Padaria Produção', says.subscriptionChosen('Padaria Produção')],
        [L.type('D2s_v5 brazilsouth 1 year', 'D2s_v5 brazilië - zuid 1 jaar'), filtered([regions.brazilsouth, 'Standard_D2s_v5', terms.P1Y], '1', '1', '1')],
        ['1', shows(askD2s)],
        ['2', says.lineAdded(2, 'Standard_D2s_v5', regions.brazilsouth, terms.P1Y)],
        [
          reviewWord,
          [
            review,
            lines(
              card.reseller,
              'Adatum Reseller (5520103)',
              '5520103',
              'Tailspin Revenda Ltda. (5520101)',
              '5520101',
              'Wingtip Soluções em Nuvem (5520102)',
              '5520102',
            ),
            cardInputs({ reseller: demoResellers.tailspin }),
            note(notes.pricesIncludeTaxes),
            note(notes.resellerFixed),
            shows(card.total(money.usd1044_90)),
            not(shows(card.fixBeforeBuying)),
          ],
        ],
        [{ click: card.buy, inputs: { reseller: demoResellers.wingtip } }, [changedBeforeBuy, cardInputs({ reseller: demoResellers.wingtip }), (c) => nothingBought(c, 1)]],
        [
          { click: card.buy },
          [
            placed,
            lines(card.customer, 'Padaria Pão Dourado Ltda.'),
            // What cannot be changed after purchase, named on the confirmation: the reseller of record above all (R9).
            lines(card.subscriptionFact, 'Padaria Produção', card.scopeFact, card.shared, card.resellerFact, 'Wingtip Soluções em Nuvem (5520102)', card.billing, card.oneTime),
            shows(card.orderLine(regions.brazilsouth, terms.P1Y, 2, money.usd1044_90)),
          ],
        ],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => {
        expectOrders(c, 1, [
          {
            customerId: demoCustomers.padaria,
            agentId: demoAgents.lucas,
            subscriptionId: demoSubscriptions.padariaProduction,
            currency: 'USD',
            quantity: 2,
            term: 'P1Y',
            reseller: demoResellers.wingtip,
            catalogItemId: catalogItemId(c, { country: 'BR', sku: 'Standard_D2s_v5', region: 'brazilsouth', term: 'P1Y' }),
          },
        ]);
        assert.deepEqual(rows(c, 'SELECT reseller_mpn_id AS r FROM carts'), [{ r: demoResellers.wingtip }], 'the cart kept the chosen reseller');
      },
    },
    {
      name: 'Lucas buys for a Padaria without a reseller of record: Buy is refused (R9) until he chooses one',
      user: 'demo-lucas',
      setup: (c) => c.world!.db.prepare('UPDATE customers SET reseller_mpn_id = NULL WHERE id = ?').run(demoCustomers.padaria),
      steps: [
        [L.type('buy for padaria', 'kopen voor padaria'), askCustomer],
        ['1', says.customerChosen('Padaria Pão Dourado Ltda.')],
        ['1', shows(says.askReservationType)],
        ['1', askSubscription('Padaria Pão Dourado Ltda.')],
        ['1', shows(says.subscriptionChosen('Padaria Produção'))],
        [L.type('D2s_v5 brazilsouth 1 year', 'D2s_v5 brazilie zuid 1 jaar'), showingOne],
        ['1', shows(askD2s)],
        ['2', says.lineAdded(2, 'Standard_D2s_v5', regions.brazilsouth, terms.P1Y)],
        [reviewWord, [lines(card.fixBeforeBuying, notes.resellerRequired), cardInputs({ reseller: '' })]],
        [{ click: card.buy }, [r9ChooseReseller, review, (c) => nothingBought(c, 1)]],
        [buy, [r9ChooseReseller, (c) => nothingBought(c, 1)]],
        [L.type('reseller tailspin', 'wederverkoper tailspin'), [updated, cardInputs({ reseller: demoResellers.tailspin }), not(shows(card.fixBeforeBuying))]],
        [{ click: card.buy }, [placed, orderNumbersShown]],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => expectOrders(c, 1, [{ customerId: demoCustomers.padaria, quantity: 2, reseller: demoResellers.tailspin }]),
    },
    {
      name: 'Anna buys for Alpine Ski House (Azure plan): the scope is Shared, "scope single" is refused (R7)',
      user: 'demo-anna',
      steps: [
        [L.type('buy for alpine', 'kopen voor alpine'), [askCustomer, lines(says.customersFound(1, 'alpine'), 'Alpine Ski House GmbH')]],
        [{ click: 'Alpine Ski House GmbH' }, says.customerChosen('Alpine Ski House GmbH')],
        [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
        ['vm', [askSubscription('Alpine Ski House GmbH'), re(/^/, `Azure plan\n${says.planSubscription}`, /$/)]],
        // A German customer's catalog starts at Germany West Central; a typed size and term keep it.
        ['azure plan', [says.subscriptionChosen('Azure plan'), filtered([regions.germanywestcentral], '1', '5', '128')]],
        [
          L.type('D2s_v5 1 year', 'D2s_v5 1 jaar'),
          filtered([regions.germanywestcentral, 'Standard_D2s_v5', terms.P1Y], '1', '1', '1'),
        ],
        ['1', shows(askD2s)],
        ['1', says.lineAdded(1, 'Standard_D2s_v5', regions.germanywestcentral, terms.P1Y)],
        [reviewWord, [review, lines(card.scope, card.shared, notes.azurePlanSharedScope), noCardInput('scope')]],
        [L.type('scope single', 'bereik enkel'), [r7SharedScope, review]],
        [{ submit: { action: 'update', scope: 'single', qty_1: '1', billing_1: 'one_time' } }, [r7SharedScope, (c) => nothingBought(c, 1)]],
        [buy, placed],
      ],
      status: DialogTurnStatus.complete,
      store: (c) =>
        expectOrders(c, 1, [{ customerId: demoCustomers.alpineSki, subscriptionId: demoSubscriptions.alpineSkiPlan, scope: 'shared', quantity: 1, term: 'P1Y' }]),
    },
    {
      name: 'Anna buys two different items; changes one quantity on the review card and the other by typing "quantity 1 5"; the order has the reviewed quantities',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        ...threeD2sV5,
        [L.type('add another item', 'nog een item'), lines(vmTitle, card.activeFilters, ...[regions.westeurope, 'Standard_D2s_v5', terms.P3Y].map(card.removeFilter))],
        [L.type('E4s v5 north europe 1 year', 'E4s v5 noord-europa 1 jaar'), filtered([regions.northeurope, 'Standard_E4s_v5', terms.P1Y], '1', '1', '1')],
        [{ click: /^Standard_E4s_v5 · / }, shows(askE4s)],
        [{ click: card.addToCart, inputs: { quantity: '2' } }, says.lineAdded(2, 'Standard_E4s_v5', regions.northeurope, terms.P1Y)],
        [reviewWord, [review, re('Standard_D2s_v5\n', /[^]*/, 'Standard_E4s_v5\n'), cardInputs({ qty_1: '3', qty_2: '2' })]],
        [{ click: card.update, inputs: { qty_2: '4' } }, [updated, cardInputs({ qty_1: '3', qty_2: '4' }), cartLines([{ quantity: 3 }, { quantity: 4 }])]],
        [L.type('quantity 1 5', 'aantal 1 5'), [updated, cardInputs({ qty_1: '5', qty_2: '4' }), cartLines([{ quantity: 5 }, { quantity: 4 }])]],
        // Buy with a quantity changed on the card: the new total is shown first, nothing is bought yet.
        [{ click: card.buy, inputs: { qty_2: '6' } }, [changedBeforeBuy, cardInputs({ qty_1: '5', qty_2: '6' }), (c) => nothingBought(c, 2)]],
        [
          { click: card.buy },
          [
            placed,
            shows(card.orderLine(regions.westeurope, terms.P3Y, 5, '')),
            shows(card.orderLine(regions.northeurope, terms.P1Y, 6, '')),
            orderNumbersShown,
          ],
        ],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => {
        expectOrders(c, 1, [
          { catalogItemId: catalogItemId(c, NL), quantity: 5, billingCycle: 'one_time', term: 'P3Y' },
          { catalogItemId: catalogItemId(c, { country: 'NL', sku: 'Standard_E4s_v5', region: 'northeurope', term: 'P1Y' }), quantity: 6, billingCycle: 'one_time', term: 'P1Y' },
        ]);
        cartLines([{ quantity: 5 }, { quantity: 6 }])(c);
      },
    },
    {
      name: 'Monthly billing is refused for a SUSE software plan (R10), typed or forged; it is billed one-time',
      user: 'demo-anna',
      steps: [
        [buy, askCustomer],
        ['contoso retail', shows(says.customerChosen('Contoso Retail B.V.'))],
        [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
        ['suse', askSubscription('Contoso Retail B.V.')],
        ['1', lines(says.suseTitle, card.activeFilters, card.removeFilter(regions.westeurope), card.showing('1', '5', '8'))],
        [
          L.type('west europe 1 year', 'west-europa 1 jaar'),
          [filtered([regions.westeurope, terms.P1Y], '1', '4', '4'), shows(card.oneTimeOnly), not(shows(card.monthlyAvailable))],
        ],
        [{ click: /^SLES Standard 1-2 vCPU VM · / }, says.askQuantity('SLES Standard 1-2 vCPU VM')],
        ['2', says.lineAdded(2, 'SLES Standard 1-2 vCPU VM', regions.westeurope, terms.P1Y)],
        [reviewWord, [review, shows(card.oneTimeOnlyLine), noCardInput('billing_1')]],
        [L.type('monthly 1', 'maandelijks 1'), [r10NoMonthly(suseItem), review]],
        [{ submit: { action: 'buy', qty_1: '2', billing_1: 'monthly', scope: 'shared' } }, [r10NoMonthly(suseItem), (c) => nothingBought(c, 1)]],
        [buy, [placed, lines(card.billing, card.oneTime, '')]],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => {
        expectOrders(c, 1, [{ billingCycle: 'one_time', quantity: 2, term: 'P1Y' }]);
        cartLines([{ quantity: 2, billingCycle: 'one_time' }])(c);
      },
    },
    {
      name: 'Monthly billing is accepted for a VM; a cart with a monthly and a one-time line becomes two orders',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        ...threeD2sV5,
        [L.type('another', 'nog een'), shows(card.activeFilters)],
        [L.type('E4s_v5 northeurope 1 year', 'E4s_v5 noord-europa 1 jaar'), showingOne],
        ['1', shows(askE4s)],
        ['3', says.lineAdded(3, 'Standard_E4s_v5', regions.northeurope, terms.P1Y)],
        [reviewWord, [review, (c) => assert.deepEqual(choicesOf(c.lastCard()).billing_2, ['one_time', 'monthly'], 'a VM line offers one-time and monthly billing')]],
        [
          { click: card.update, inputs: { billing_2: 'monthly' } },
          [
            updated,
            lines(card.lineTotal, money.eur3920_01, card.monthlyPayment, card.perMonth(money.eur326_67)),
            cardInputs({ billing_1: 'one_time', billing_2: 'monthly' }),
            cartLines([{ quantity: 3, billingCycle: 'one_time' }, { quantity: 3, billingCycle: 'monthly' }]),
          ],
        ],
        [
          { click: card.buy },
          [
            placed,
            re(`${card.billing}\n${card.monthly}\n`, /[^]*/, card.orderLine(regions.northeurope, terms.P1Y, 3, money.eur3920_01)),
            re(`${card.billing}\n${card.oneTime}\n`, /[^]*/, card.orderLine(regions.westeurope, terms.P3Y, 3, money.eur3579_21)),
            orderNumbersShown,
          ],
        ],
      ],
      status: DialogTurnStatus.complete,
      store: (c) =>
        // orderLines sorts by billing cycle: monthly first.
        expectOrders(c, 2, [
          { billingCycle: 'monthly', quantity: 3, term: 'P1Y', catalogItemId: catalogItemId(c, { country: 'NL', sku: 'Standard_E4s_v5', region: 'northeurope', term: 'P1Y' }) },
          { billingCycle: 'one_time', quantity: 3, term: 'P3Y', catalogItemId: catalogItemId(c, NL) },
        ]),
    },
    {
      name: 'Quantities 0, -1, 2.5, "abc" and 1000000000000 are asked again with the allowed range; nothing enters the cart until 4',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        [searchD2s, filteredD2s],
        ['1', askD2s],
        ['0', [quantityRefusal('0', 'range'), (c) => nothingBought(c, 0)]],
        ['-1', [quantityRefusal('-1', 'range'), (c) => nothingBought(c, 0)]],
        ['2.5', [quantityRefusal('2.5', 'invalid'), (c) => nothingBought(c, 0)]],
        ['abc', [quantityRefusal('abc', 'invalid'), (c) => nothingBought(c, 0)]],
        ['1000000000000', [quantityRefusal('1000000000000', 'range'), (c) => nothingBought(c, 0)]],
        [{ click: card.addToCart, inputs: { quantity: '2.5' } }, [quantityRefusal('2.5', 'invalid'), (c) => nothingBought(c, 0)]],
        ['4', [says.lineAdded(4, 'Standard_D2s_v5', regions.westeurope, terms.P3Y), askNext]],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => {
        nothingBought(c, 1);
        cartLines([{ quantity: 4, billingCycle: 'one_time' }])(c);
      },
    },
    {
      name: '"help", "orders", "back" and "cancel" at the questions: help says what this question needs and asks it again, orders shows the history and asks it again',
      user: 'demo-anna',
      steps: [
        [buy, askCustomer],
        [L.type('help', 'hulp'), [says.questionHelp.customer, askCustomer]],
        ['Contoso Retail', [says.customerChosen('Contoso Retail B.V.'), askSegment]],
        ['orders', [lines(says.orderHistoryTitle, card.noOrdersYet), askSegment]],
        [L.type('commercial', 'commercieel'), askType],
        [L.type('help', 'hulp'), [says.questionHelp.reservationType, askType]],
        [L.type('virtual machines', 'virtuele machines'), askSubscription('Contoso Retail B.V.')],
        ['orders', [shows(says.orderHistoryTitle), askSubscription('Contoso Retail B.V.')]],
        ['Contoso Retail Production', production],
        [searchD2s, filteredD2s],
        ['orders', [shows(says.orderHistoryTitle), filteredD2s]],
        ['1', askD2s],
        [L.type('help', 'hulp'), [says.questionHelp.quantity, shows(askD2s)]],
        [L.type('back', 'terug'), filteredD2s],
        ['1', askD2s],
        ['3', [says.lineAdded(3, 'Standard_D2s_v5', regions.westeurope, terms.P3Y), askNext]],
        ['orders', [shows(says.orderHistoryTitle), askNext]],
        [reviewWord, review],
        [L.type('help', 'hulp'), [says.questionHelp.review, review, not(shows(says.askNext))]],
        ['orders', [shows(says.orderHistoryTitle), review]],
        [L.type('back', 'terug'), askNext],
        [L.type('cancel', 'annuleren'), says.cancelled],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => nothingBought(c, 1),
    },
    {
      name: 'R12 across lines: the same item added again goes onto its line, and the line stays within the maximum of 1,000',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        ...threeD2sV5,
        [says.addAnother, filteredD2s],
        ['1', askD2s],
        ['998', [refusals.r12OverCart('3', refusals.r12AddAtMost('997')), (c) => nothingBought(c, 1), shows(askD2s)]],
        ['997', [says.lineRaised('997', L.text('1,000', '1.000'), 'Standard_D2s_v5', regions.westeurope, terms.P3Y), askNext]],
        [says.addAnother, filteredD2s],
        ['1', askD2s],
        ['1', refusals.r12OverCart(L.text('1,000', '1.000'), L.text('Change the quantity on the review instead.', 'Wijzig in plaats daarvan het aantal bij het controleren.'))],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => {
        nothingBought(c, 1);
        cartLines([{ quantity: 1000 }])(c);
      },
    },
    {
      name: 'R9 explicit: Lucas clears the proposed reseller and clicks Buy: nothing is bought; a typed "buy" must confirm the reseller first',
      user: 'demo-lucas',
      steps: [
        [L.type('buy for padaria', 'kopen voor padaria'), askCustomer],
        ['1', says.customerChosen('Padaria Pão Dourado Ltda.')],
        ['1', shows(says.askReservationType)],
        ['1', askSubscription('Padaria Pão Dourado Ltda.')],
        ['1', shows(says.subscriptionChosenStart)],
        [L.type('D2s_v5 brazilsouth 1 year', 'D2s_v5 brazilie zuid 1 jaar'), showingOne],
        ['1', shows(askD2s)],
        ['2', says.lineAdded(2, 'Standard_D2s_v5', regions.brazilsouth, terms.P1Y)],
        [reviewWord, cardInputs({ reseller: demoResellers.tailspin })],
        [buy, [refusals.r9ConfirmTailspin, (c) => nothingBought(c, 1)]],
        // A cleared list sends an empty value with Buy.
        [{ submit: { action: 'buy', qty_1: '2', billing_1: 'one_time', scope: 'shared', reseller: '' } }, [r9ChooseReseller, cardInputs({ reseller: '' }), (c) => nothingBought(c, 1)]],
        [buy, [r9ChooseReseller, (c) => nothingBought(c, 1)]],
        [L.type('reseller tailspin', 'wederverkoper tailspin'), [updated, cardInputs({ reseller: demoResellers.tailspin })]],
        [buy, [placed, orderNumbersShown]],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => expectOrders(c, 1, [{ customerId: demoCustomers.padaria, quantity: 2, reseller: demoResellers.tailspin }]),
    },
  ];

  const eligibility: Case[] = [
    {
      name: 'Bea (Billing admin) may not buy (R2)',
      user: 'demo-bea',
      steps: [[buy, refusals.r2BillingAdmin]],
      status: DialogTurnStatus.complete,
      store: (c) => {
        nothingBought(c);
        assert.equal(count(c, 'carts'), 0, 'no cart was opened');
      },
    },
    {
      name: 'Nora (partner not in CSP) may not buy (R1)',
      user: 'demo-nora',
      steps: [[L.type('buy for northwind', 'kopen voor northwind'), refusals.r1Northwind]],
      status: DialogTurnStatus.complete,
      store: (c) => {
        nothingBought(c);
        assert.equal(count(c, 'carts'), 0, 'no cart was opened');
      },
    },
    {
      name: 'Sam (Sales agent) is offered only Production, the subscription he has access to; a forged Dev/Test is not taken; he buys against Production',
      user: 'demo-sam',
      steps: [
        [buy, askCustomer],
        ['Contoso Retail', says.customerChosen('Contoso Retail B.V.')],
        [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
        ['vm', [askSubscription('Contoso Retail B.V.'), shows('Contoso Retail Production'), not(shows('Contoso Retail Dev/Test'))]],
        [
          // Not among the choices offered: not taken.
          { submit: { action: 'subscription', value: demoSubscriptions.contosoRetailDevTest } },
          [
            L.text('Please pick one of the options: type its number (1–1) or its name, or click it.', 'Kies een van de opties: typ het nummer (1–1) of de naam, of klik erop.'),
            (c) => assert.equal(count(c, 'carts'), 0, 'no cart was opened'),
          ],
        ],
        [{ click: 'Contoso Retail Production' }, production],
        ...threeD2sV5,
        [reviewWord, review],
        [buy, placed],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => expectOrders(c, 1, [{ ...contosoRetailD2sOrder(c), agentId: demoAgents.sam }]),
    },
    {
      name: 'Fourth Coffee (MCA acceptance not confirmed) is refused with the fix (R6), and the customer is asked again',
      user: 'demo-anna',
      steps: [
        [buy, askCustomer],
        ['fourth coffee', [refusals.r6FourthCoffee, askCustomer, not(shows(says.askSegment))]],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => {
        nothingBought(c);
        assert.equal(count(c, 'carts'), 0, 'no cart was opened');
      },
    },
    {
      name: 'Aruba Sunset Resorts (unavailable market) is refused (R4), naming the market in the agent\'s language',
      user: 'demo-anna',
      steps: [
        [buy, askCustomer],
        [{ click: 'Aruba Sunset Resorts N.V.' }, [refusals.r4Aruba, askCustomer]],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => assert.equal(count(c, 'carts'), 0, 'no cart was opened'),
    },
    {
      name: 'De Oude Haven (only subscription suspended, no MCA) is marked in the customer list and refused when chosen (R5), before any other question; no Azure plan is offered',
      user: 'demo-anna',
      steps: [
        [buy, [askCustomer, lines(
          'De Oude Haven BV',
          L.text(
            'oudehaven.onmicrosoft.com · BE · ⛔ De Oude Haven BV has no active Azure subscription ("Oude Haven Production" is suspended).',
            'oudehaven.onmicrosoft.com · BE · ⛔ De Oude Haven BV heeft geen actief Azure-abonnement ("Oude Haven Production" is opgeschort).',
          ),
        )]],
        [
          'oude haven',
          [
            refusals.r5OudeHaven,
            askCustomer,
            not(shows(says.askSegment)),
            not(shows(says.offerAzurePlan('De Oude Haven BV'))),
          ],
        ],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => {
        nothingBought(c);
        assert.equal(count(c, 'carts'), 0, 'no cart was opened');
      },
    },
    {
      name: 'Nieuwe Klant (no subscription, MCA confirmed) is offered an Azure plan; taking it continues to the purchase',
      user: 'demo-anna',
      steps: [
        [buy, askCustomer],
        ['nieuwe klant', says.customerChosen('Nieuwe Klant B.V.')],
        [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
        [
          'vm',
          [
            refusals.r5NieuweKlant,
            lines(says.offerAzurePlan('Nieuwe Klant B.V.'), says.yesAddPlan, says.no),
          ],
        ],
        [{ click: says.yesAddPlan }, [says.azurePlanAdded, lines(vmTitle, card.activeFilters, card.removeFilter(regions.westeurope))]],
        [L.type('D2s_v5 westeurope 1 year', 'D2s_v5 westeurope 1 jaar'), showingOne],
        ['1', shows(askD2s)],
        ['2', says.lineAdded(2, 'Standard_D2s_v5', regions.westeurope, terms.P1Y)],
        [reviewWord, [review, lines(card.subscription, 'Azure plan', ''), lines(card.scope, card.shared, '')]],
        [buy, placed],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => {
        const plans = partnerCenterRows(c, 'SELECT id, kind, status, registration_status AS registration FROM subscriptions WHERE customer_id = ?', demoCustomers.nieuweKlant);
        assert.equal(plans.length, 1, 'one Azure plan was added for Nieuwe Klant');
        assert.deepEqual({ ...plans[0], id: undefined }, { id: undefined, kind: 'azurePlan', status: 'active', registration: 'registered' }, 'the plan is active and registered');
        expectOrders(c, 1, [{ customerId: demoCustomers.nieuweKlant, subscriptionId: plans[0]!.id, scope: 'shared', quantity: 2, term: 'P1Y' }]);
      },
    },
    {
      name: 'Nieuwe Klant: declining the Azure plan ends the purchase without adding anything',
      user: 'demo-anna',
      steps: [
        [L.type('buy for nieuwe', 'kopen voor nieuwe'), askCustomer],
        ['1', says.customerChosen('Nieuwe Klant B.V.')],
        ['1', shows(says.askReservationType)],
        ['1', shows(says.offerAzurePlan('Nieuwe Klant B.V.'))],
        [L.type('no', 'nee'), nothingWasBought],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => {
        nothingBought(c);
        assert.equal(partnerCenterRows(c, 'SELECT id FROM subscriptions WHERE customer_id = ?', demoCustomers.nieuweKlant).length, 0, 'no Azure plan was added');
      },
    },
  ];

  const subscriptionChosenPrefix = says.subscriptionChosenStart;
  const forged: Case[] = [
    {
      name: 'Forged item picks are refused: an item not on the page shown, an item of another market, a missing id',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        [searchD2s, showingOne],
        [{ submit: (c) => ({ action: 'pickItem', catalogItemId: catalogItemId(c, { ...NL, sku: 'Standard_E2s_v5' }) }) }, [itemNotShown, not(shows(card.howMany))]],
        [
          { submit: (c) => ({ action: 'pickItem', catalogItemId: catalogItemId(c, { country: 'BR', sku: 'Standard_D2s_v5', region: 'brazilsouth', term: 'P1Y' }) }) },
          [itemNotShown, not(shows(card.howMany))],
        ],
        [{ submit: { action: 'pickItem', catalogItemId: ['x'] } }, says.filterNotUnderstood],
        [{ click: /^Standard_D2s_v5 · / }, askD2s],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => nothingBought(c),
    },
    {
      name: 'Forged review quantities "1e3" and "-5" are refused and change nothing',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        ...threeD2sV5,
        [reviewWord, [review, cardInputs({ qty_1: '3' })]],
        [
          { submit: { action: 'buy', qty_1: '1e3', billing_1: 'one_time', scope: 'shared' } },
          [
            refusals.r12LineInvalid('1e3'),
            cardInputs({ qty_1: '3' }),
            (c) => nothingBought(c, 1),
            cartLines([{ quantity: 3 }]),
          ],
        ],
        [
          { submit: { action: 'update', qty_1: '-5' } },
          [
            refusals.r12LineOutOfRange('-5'),
            cartLines([{ quantity: 3 }]),
          ],
        ],
        [{ submit: { action: 'buy', scope: 'everywhere' } }, [says.reviewNotUnderstood, (c) => nothingBought(c, 1)]],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => {
        nothingBought(c, 1);
        cartLines([{ quantity: 3, billingCycle: 'one_time' }])(c);
      },
    },
    {
      name: 'A forged unknown reseller is refused for Lucas (R9, 800016); Anna, a direct partner, cannot name a reseller at all',
      user: 'demo-lucas',
      steps: [
        [buy, askCustomer],
        ['padaria', shows(says.customerChosen('Padaria Pão Dourado Ltda.'))],
        [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
        ['vm', askSubscription('Padaria Pão Dourado Ltda.')],
        ['1', shows(subscriptionChosenPrefix)],
        [L.type('D2s_v5 brazilsouth 1 year', 'D2s_v5 brazilië zuid 1 jaar'), showingOne],
        ['1', shows(askD2s)],
        ['2', says.lineAdded(2, 'Standard_D2s_v5', regions.brazilsouth, terms.P1Y)],
        [reviewWord, cardInputs({ reseller: demoResellers.tailspin })],
        [{ submit: { action: 'buy', qty_1: '2', billing_1: 'one_time', scope: 'shared', reseller: '9999999' } }, [r9UnknownReseller('9999999'), (c) => nothingBought(c, 1)]],
        [L.type('reseller 4420202', 'wederverkoper 4420202'), [r9UnknownReseller('4420202'), (c) => nothingBought(c, 1)]],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => assert.deepEqual(rows(c, 'SELECT reseller_mpn_id AS r FROM carts'), [{ r: demoResellers.tailspin }], 'the reseller of the cart is unchanged'),
    },
    {
      name: "A direct partner's forged reseller is refused (R9, 800016)",
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        ...threeD2sV5,
        [reviewWord, review],
        [
          { submit: { action: 'buy', qty_1: '3', billing_1: 'one_time', scope: 'shared', reseller: demoResellers.tailspin } },
          [refusals.r9OnlyIndirect, (c) => nothingBought(c, 1)],
        ],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => assert.deepEqual(rows(c, 'SELECT reseller_mpn_id AS r FROM carts'), [{ r: null }], 'the cart has no reseller'),
    },
    {
      name: 'A forged customer of another partner and a forged subscription of another customer are refused',
      user: 'demo-anna',
      steps: [
        [buy, askCustomer],
        [{ submit: { action: 'pickCustomer', value: demoCustomers.padaria } }, [refusals.notYourCustomer, askCustomer, not(/Padaria/)]],
        ['contoso retail', says.customerChosen('Contoso Retail B.V.')],
        [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
        ['vm', askSubscription('Contoso Retail B.V.')],
        [
          { submit: { action: 'subscription', value: demoSubscriptions.padariaProduction } },
          [says.notUnderstoodTwoChoices, not(shows(subscriptionChosenPrefix))],
        ],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => {
        nothingBought(c);
        assert.equal(count(c, 'carts'), 0, 'no cart was opened');
      },
    },
  ];

  const pickButtons = (c: Conversation) => buttonsOf(c.lastCard()).filter((b) => b.data.action === 'pickItem').map((b) => b.title);
  const d96sWestEurope1y = (c: Conversation) => catalogItemId(c, { ...NL, sku: 'Standard_D96s_v5', term: 'P1Y' });
  const noCapacityD96s = L.text(
    '⛔ Reserved VM Instance, Standard_D96s_v5, West Europe, 1 Year cannot be reserved for this subscription now: There is no capacity for Standard_D96s_v5 in West Europe at the moment.\n\nWhat to do: Pick another region or size, or try again later.\n\n_Partner Center error 800010_',
    '⛔ Reserved VM Instance, Standard_D96s_v5, West Europe, 1 Year kan nu niet worden gereserveerd voor dit abonnement: There is no capacity for Standard_D96s_v5 in West Europe at the moment.\n\nWat te doen: Kies een andere regio of grootte, of probeer het later opnieuw.\n\n_Partner Center-foutcode 800010_',
  );
  const d96sRow = (term: string, price: string) => lines(`Standard_D96s_v5 · ${term}`, [regions.westeurope, '96 vCPU · 384 GB RAM', card.priceForTerm(price, term), card.monthlyAvailable].join(' · '), card.noCapacity);

  const catalog: Case[] = [
    {
      name: 'A customer in a country without an Azure region (Denmark) sees the whole catalog: no region is preset',
      user: 'demo-anna',
      steps: [
        [buy, askCustomer],
        ['Region Østjylland', says.customerChosen('Region Østjylland Digital')],
        [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
        [L.type('virtual machines', 'virtuele machines'), askSubscription('Region Østjylland Digital')],
        ['Region Østjylland Borgerservice', lines(vmTitle, card.filters, card.noFilter, card.showing('1', '5', L.text('1,000+', '1.000+')))],
      ],
      status: DialogTurnStatus.waiting,
    },
    {
      name: 'Every active filter is a button that removes it alone; typed words change the filters they name and keep the others',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        ['D2s_v5', [filtered([regions.westeurope, 'Standard_D2s_v5'], '1', '2', '2'), cardInputs({ region: 'westeurope', text: 'Standard_D2s_v5' })]],
        [L.type('3 years', '3 jaar'), filtered([regions.westeurope, 'Standard_D2s_v5', terms.P3Y], '1', '1', '1')],
        [{ click: card.removeFilter(regions.westeurope) }, [filtered(['Standard_D2s_v5', terms.P3Y], '1', '5', '20'), cardInputs({ region: 'any', term: 'P3Y', text: 'Standard_D2s_v5' })]],
        [{ click: card.removeFilter('Standard_D2s_v5') }, [filtered([terms.P3Y], '1', '5', L.text('1,000+', '1.000+')), cardInputs({ region: 'any', term: 'P3Y', text: '' })]],
        [L.type('cheap', 'goedkoop'), [lines(card.activeFilters, card.removeFilter(terms.P3Y), card.removeFilter(card.searchText(L.type('cheap', 'goedkoop'))), card.noMatches), shows(card.clearFilters)]],
        [{ click: card.removeFilter(card.searchText(L.type('cheap', 'goedkoop'))) }, filtered([terms.P3Y], '1', '5', L.text('1,000+', '1.000+'))],
        // The card names the filter to remove, never its value: one it does not know is not taken.
        [{ submit: { action: 'removeFilter', filter: 'price' } }, says.filterNotUnderstood],
        [{ click: card.removeFilter(terms.P3Y) }, [lines(card.filters, card.noFilter), not(shows(card.clearFilters)), not(shows(card.removeFilter(''))), cardInputs({ region: 'any', term: 'any', text: '' })]],
      ],
      status: DialogTurnStatus.waiting,
    },
    {
      name: 'Sizes without capacity or quota are listed marked and without a button; picking one anyway (its number, a forged select) is refused with the reason',
      user: 'demo-anna',
      steps: [
        ...toContosoItems,
        [
          L.type('D96s v5', 'D96s v5'),
          [
            filtered([regions.westeurope, 'Standard_D96s_v5'], '1', '2', '2'),
            d96sRow(terms.P1Y, L.text('€27,286.01', '€\u00a027.286,01')),
            d96sRow(terms.P3Y, L.text('€54,165.87', '€\u00a054.165,87')),
            (c) => assert.deepEqual(pickButtons(c), [], 'no item is offered'),
          ],
        ],
        ['1', [noCapacityD96s, not(shows(card.howMany))]],
        [{ submit: (c) => ({ action: 'pickItem', catalogItemId: d96sWestEurope1y(c) }) }, [noCapacityD96s, not(shows(card.howMany))]],
        [
          L.type('E64s v5 north europe 3 years', 'E64s v5 noord-europa 3 jaar'),
          [filtered([regions.northeurope, 'Standard_E64s_v5', terms.P3Y], '1', '1', '1'), shows(card.noQuota), (c) => assert.deepEqual(pickButtons(c), [], 'not offered')],
        ],
        [L.type('E4s v5', 'E4s v5'), [filtered([regions.northeurope, 'Standard_E4s_v5', terms.P3Y], '1', '1', '1'), not(shows(card.noQuota)), (c) => assert.deepEqual(pickButtons(c), [`Standard_E4s_v5 · ${terms.P3Y}`])]],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => nothingBought(c),
    },
  ];

  return { purchases, eligibility, forged, catalog };
}

// The same tables on both engines of the bot's store: SQLite (the default) and PostgreSQL (DATABASE_URL).
for (const engine of engines) {
  describe(`Purchase dialog (${engine} store)`, () => {
    for (const L of languages) {
      describe(L.locale, () => {
        const { purchases, eligibility, forged, catalog } = tables(L);
        const groups: [string, Case[]][] = [
          ['purchases', purchases],
          ['the catalog', catalog],
          ['who may buy for whom', eligibility],
          ['forged card values', forged],
        ];
        for (const [group, cases] of groups) {
          describe(group, () => {
            for (const testCase of cases) it(testCase.name, () => runCase(testCase, L, { engine }).then(() => undefined));
          });
        }
      });
    }
  });
}

describe('Purchase dialog: data in chat messages', () => {
  it('escapes a customer name full of markdown, so the message shows it literally and adds no formatting or link', async () => {
    const c = new Conversation('demo-anna');
    await c.say('buy for boldideas');
    await c.click('*Bold* _Ideas_ [Ltd] #1');
    assert.ok(
      c.updates.map((u) => u.text).includes('✓ Customer: \\*Bold\\* \\_Ideas\\_ \\[Ltd\\] \\#1'),
      `the settled card escapes every markdown character of the name: ${JSON.stringify(c.updates.map((u) => u.text))}`,
    );
    assert.ok(c.messageTexts.includes('✓ Customer: *Bold* _Ideas_ [Ltd] #1'), `rendered, it reads the name as it is: ${JSON.stringify(c.messageTexts)}`);
  });

  it('escapes a typed search echoed back', async () => {
    const c = new Conversation('demo-anna');
    await c.say('buy for [click](http://evil.example) *now*');
    assert.ok(
      c.rawTexts.some((t) => t.startsWith('No customer matches "\\[click\\](http://evil.example) \\*now\\*".')),
      `the echoed query is escaped: ${JSON.stringify(c.rawTexts)}`,
    );
  });
});

// ---- rest mode: the whole purchase over the REST gateway against the local test Partner Center ----------
// The same conversation tables, with the PurchaseService over RestPartnerCenter (its journal in the
// conversation's store) pointed at test/support/partnerCenterServer.ts over HTTPS. The order is Partner
// Center's: the test server holds it exactly once, the bot's checkout journal names it, and the
// confirmation shows Partner Center's order number.
describe('Purchase dialog in rest mode (REST gateway → test Partner Center)', () => {
  let pc: TestPartnerCenter;
  beforeEach(async () => {
    pc = await TestPartnerCenter.start();
  });
  afterEach(async () => {
    await pc.close();
    pc.world.close();
  });

  const checkoutsPosted = () => pc.calls('POST', /\/carts\/[^/]+\/checkout$/);
  const restOptions = (env: Record<string, string> = {}, checkoutRetry: Partial<CheckoutRetryPolicy> = {}) => ({
    partnerCenter: (store: Store) =>
      restGateway(pc, demoPartners.contosoNl, { env, deps: { journal: new SqliteJournal(store.db) } }).gateway,
    world: pc.world,
    orderIds: () => pc.ordersOf(demoCustomers.contosoRetail).map((o) => o.id),
    checkoutRetry: { sleep: async () => undefined, ...checkoutRetry },
  });
  /** Partner Center holds exactly one order, of 3 × D2s_v5 West Europe 3 years, from one checkout of the bot's cart; the bot's journal names it. */
  const boughtOnceInPartnerCenter = (c: Conversation) => {
    const orders = pc.ordersOf(demoCustomers.contosoRetail);
    assert.equal(orders.length, 1, `the test Partner Center holds exactly one order: ${JSON.stringify(orders.map((o) => o.id))}`);
    const [product, sku] = catalogItemId(c, NL).split(':');
    assert.deepEqual(
      orders[0]!.lineItems.map((l) => [l.offerId, l.quantity, l.termDuration]),
      [[`${product}:${sku}`, 3, 'P3Y']],
      'the order has the reviewed line',
    );
    const carts = rows(c, 'SELECT id, status FROM carts');
    assert.deepEqual(carts.map((r) => r.status), ['submitted'], 'the bot’s one cart is marked bought');
    assert.ok(checkoutsPosted().length >= 1, 'a checkout reached Partner Center');
    for (const post of checkoutsPosted()) assert.equal(post.headers['ms-requestid'], carts[0]!.id, 'every checkout carries the cart id as MS-RequestId');
    assert.deepEqual(rows(c, 'SELECT order_ids AS ids FROM checkouts'), [{ ids: JSON.stringify([orders[0]!.id]) }], 'the bot’s journal names Partner Center’s order');
  };

  for (const L of languages) {
    describe(L.locale, () => {
      const { purchases } = tables(L);
      const s = stepsIn(L);
      const wanted = [/typing every answer$/, /by clicking the cards only$/];
      for (const pattern of wanted) {
        const testCase = purchases.find((p) => pattern.test(p.name));
        it(`${testCase?.name ?? String(pattern)}`, async () => {
          assert.ok(testCase, `the purchases table has a case ${pattern}`);
          await runCase({ ...testCase, store: boughtOnceInPartnerCenter }, L, restOptions());
          assert.equal(checkoutsPosted().length, 1, 'Partner Center got one checkout');
        });
      }

      it('sizes without capacity or quota are marked from the inventory checks of the page, and a pick of one is refused by the same answer (reused for a minute)', async () => {
        const testCase = tables(L).catalog.find((p) => /without capacity or quota/.test(p.name));
        assert.ok(testCase, 'the catalog table has the case');
        await runCase(testCase, L, restOptions());
        const checks = pc.calls('POST', /\/checkInventory$/).map((call) => (call.body as { targetItems: unknown[] }).targetItems.length);
        // The first page's 5 rows, the D96s_v5 page's 2 (its refused picks ask nothing more), the E64s_v5 page's 1, the E4s_v5 page's 1.
        assert.deepEqual(checks, [5, 2, 1, 1], 'one check per page shown, of its rows; none for the picks');
      });

      const toReview: Case['steps'] = [
        ...s.toContosoItems,
        ...s.threeD2sV5,
        [L.type('review', 'controleren'), [s.review, shows(s.card.total(s.money.eur3579_21))]],
      ];
      const confirmsTheOrder: Check = [orderNumbersShown, (c) => assert.equal(c.orderIds().length, 1, 'one order number to show')];

      it('a checkout committed by Partner Center whose answer timed out is looked up, not bought twice; the agent is told the order number', async () => {
        pc.fail({ method: 'POST', path: /\/carts\/[^/]+\/checkout$/, action: { hang: true, process: true } });
        await runCase(
          {
            name: 'timeout after commit',
            user: 'demo-anna',
            steps: [...toReview, [L.type('buy', 'kopen'), [s.says.checkoutLookedUp, s.placed, confirmsTheOrder]]],
            status: DialogTurnStatus.complete,
            store: boughtOnceInPartnerCenter,
          },
          L,
          restOptions({ PARTNER_CENTER_CHECKOUT_TIMEOUT_MS: '500' }),
        );
        assert.equal(checkoutsPosted().length, 1, 'posted once: the order was found by lookup');
      });

      it('a retried checkout after a timeout (the order not listed yet) never makes a second order; the agent is told the order number', async () => {
        // The first post is carried out but its answer never comes; Partner Center does not list the order
        // yet, so the lookup finds nothing and the service (checkoutRetry.ts) checks out again with the same
        // request id; by then the order is listed.
        pc.hideNewOrders = true;
        pc.fail({ method: 'POST', path: /\/carts\/[^/]+\/checkout$/, action: { hang: true, process: true } });
        const waits: number[] = [];
        const c = await runCase(
          {
            name: 'retried checkout after timeout',
            user: 'demo-anna',
            steps: [...toReview, [L.type('buy', 'kopen'), [s.says.checkoutSentTwice, s.placed, not(shows(s.alreadyBought)), confirmsTheOrder]]],
            status: DialogTurnStatus.complete,
            store: boughtOnceInPartnerCenter,
          },
          L,
          restOptions({ PARTNER_CENTER_CHECKOUT_TIMEOUT_MS: '500' }, {
            sleep: async (ms) => {
              waits.push(ms);
              pc.releaseOrders();
            },
          }),
        );
        assert.ok(waits.length >= 1, 'the service waited and tried again');
        assert.equal(pc.ordersOf(demoCustomers.contosoRetail).length, 1, 'exactly one order on the server');
        assert.ok(checkoutsPosted().length <= 1, `the gateway looked the order up instead of posting the cart again (${checkoutsPosted().length} posts)`);
        assert.match(c.text, s.placed, `the agent is told the order was placed`);
        assert.doesNotMatch(c.text, shows(s.alreadyBought), `not that it was bought before: ${JSON.stringify(c.messageTexts)}`);
      });
    });
  }
});
