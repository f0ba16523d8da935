// What the main dialog adds around the purchase flow: "cancel", "back" and "help" at any step, old and
// double-clicked cards, and the top-level words. Every table runs in English (en-US) and in Dutch (nl-NL):
// the activities carry the locale, the agent types in that language and the expected texts are written out
// in it (test/dialogs/steps.ts and below), never taken from the bot's own catalogue.
import assert from 'node:assert/strict';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { Conversation } from './conversation';
import { cardInputs, cartLines, catalogItemId, count, expectOrders, not, nothingBought, partnerCenterRows, runCase, type Case, type Step } from './script';
import { NL, stepsIn } from './steps';
import { anyOf, languages, lines, re, shows, type Lang } from './lang';

function interruptions(L: Lang): Case[] {
  const s = stepsIn(L);
  const { says, card, regions, terms } = s;
  const { askCustomer, askNext, askSegment, askSubscription, askType, cancelled, notUnderstoodTopLevel, placed, review, threeD2sV5, toContosoItems } = s;

  /** "cancel" (or a word meaning it) at one step ends the purchase; the next message is a new topic. */
  const cancelAt = (step: string, before: Step[], cancel: Step[0], cartLinesLeft: number): Case => ({
    name: `"${typeof cancel === 'string' ? cancel : 'Cancel (clicked)'}" at ${step} ends the purchase without buying`,
    user: 'demo-anna',
    steps: [
      ...before,
      [cancel, [cancelled, not(anyOf(says.askSegment, says.askSubscription('Contoso Retail B.V.'), card.howMany, card.reviewTitle, card.orderPlaced))]],
      ['1', notUnderstoodTopLevel],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => nothingBought(c, cartLinesLeft),
  });

  const filteredD2s = s.filtered([regions.westeurope, 'Standard_D2s_v5', terms.P3Y], '1', '1', '1');
  const howManyD2s = shows(says.askQuantity('Standard_D2s_v5'));
  const search = L.type('D2s_v5 westeurope 3 years', 'D2s_v5 west-europa 3 jaar');
  const toItemsAndQuantity: Step[] = [...toContosoItems, [search, filteredD2s], ['1', howManyD2s]];
  const toReview: Step[] = [...toContosoItems, ...threeD2sV5, [L.type('review', 'controleren'), review]];
  const { production } = s;
  const added2 = says.lineAdded(2, 'Standard_D2s_v5', regions.westeurope, terms.P3Y);
  const back = L.type('back', 'terug');

  return [
    cancelAt('the segment question', [[L.type('buy', 'kopen'), askCustomer], ['contoso retail', askSegment]], L.type('cancel', 'annuleren'), 0),
    cancelAt('the subscription question', toContosoItems.slice(0, 4), L.type('stop', 'stoppen'), 0),
    cancelAt('the item list', toContosoItems, L.type('Cancel.', 'Annuleren.'), 0),
    // The other language's word works too, whatever the locale.
    cancelAt('the quantity question', toItemsAndQuantity, L.type('annuleren', 'cancel'), 0),
    cancelAt('"add another or review"', [...toContosoItems, ...threeD2sV5], L.type('cancel', 'annuleer'), 1),
    cancelAt('the review', toReview, { click: card.cancel }, 1),
    {
      name: '"back" goes one question back and keeps the earlier answers, up to the review',
      user: 'demo-anna',
      steps: [
        ...toContosoItems.slice(0, 4),
        [back, [askType, not(anyOf(card.customer, says.askSegment))]],
        [back, askSegment],
        [L.type('commercial', 'commercieel'), askType],
        ['vm', askSubscription('Contoso Retail B.V.')],
        [back, askType],
        ['1', askSubscription('Contoso Retail B.V.')],
        ['Contoso Retail Production', production],
        [search, filteredD2s],
        ['1', howManyD2s],
        // Back from the quantity: the item list again, with its filters.
        [back, filteredD2s],
        [back, askSubscription('Contoso Retail B.V.')],
        ['Contoso Retail Production', filteredD2s],
        ['1', howManyD2s],
        ['2', added2],
        [L.type('review', 'controleren'), [review, cardInputs({ qty_1: '2' })]],
        [back, askNext],
        [L.type('review', 'klaar'), [review, cardInputs({ qty_1: '2' })]],
        [L.type('buy', 'kopen'), placed],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => expectOrders(c, 1, [{ catalogItemId: catalogItemId(c, NL), quantity: 2 }]),
    },
    {
      name: '"back" at the first question asks for the customer again',
      user: 'demo-anna',
      steps: [
        [L.type('buy', 'kopen'), askCustomer],
        [back, askCustomer],
        ['contoso retail', says.customerChosen('Contoso Retail B.V.')],
      ],
      status: DialogTurnStatus.waiting,
    },
    {
      name: '"help" in the middle of the flow says what this question needs and asks it again',
      user: 'demo-anna',
      steps: [
        [L.type('buy', 'kopen'), askCustomer],
        ['contoso retail', askSegment],
        [L.type('help', 'hulp'), [says.questionHelp.segment, askSegment, not(shows(says.askReservationType))]],
        [L.type('commercial', 'commercieel'), askType],
        ['vm', askSubscription('Contoso Retail B.V.')],
        ['1', shows(card.showing('1', '5', ''))],
        [search, filteredD2s],
        ['1', howManyD2s],
        ['?', [says.questionHelp.quantity, howManyD2s, not(shows(added2))]],
        ['2', added2],
        [L.type('review', 'controleren'), review],
        ['help', [says.questionHelp.review, review]],
        [L.type('buy', 'kopen'), placed],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => expectOrders(c, 1, [{ quantity: 2 }]),
    },
  ];
}

function oldCards(L: Lang): Case[] {
  const s = stepsIn(L);
  const { says, card, regions, terms, money } = s;
  const { alreadyBought, askCustomer, askSegment, askSubscription, askType, cancelled, placed, review, staleCard, threeD2sV5, toContosoItems, updated, usedCard } = s;
  const toReview: Step[] = [...toContosoItems, ...threeD2sV5, [L.type('review', 'controleren'), review]];
  const commercial = says.commercial;
  const quantity5 = shows(card.orderLine(regions.westeurope, terms.P3Y, 5, ''));
  const sameOrderShown = (c: Conversation): void => {
    const orders = partnerCenterRows(c, 'SELECT id FROM orders');
    assert.equal(orders.length, 1, 'still one order');
    assert.ok(c.text.includes(`${card.orderNumber}\n${String(orders[0]!.id)}\n`), `the reply shows the order number ${String(orders[0]!.id)}:\n${c.text}`);
  };
  return [
    {
      name: "A click on an earlier question's card is answered as out of date; the current question continues",
      user: 'demo-anna',
      steps: [
        [L.type('buy', 'kopen'), askCustomer],
        ['contoso retail', askSegment],
        [{ keep: 'segment' }, []],
        [{ click: commercial }, askType],
        [{ click: s.vmTitle }, askSubscription('Contoso Retail B.V.')],
        [{ click: commercial, on: 'segment' }, [staleCard, not(anyOf(says.askSegment, says.askReservationType, says.askSubscription('Contoso Retail B.V.')))]],
        [{ click: 'Contoso Retail Production' }, shows(s.production)],
      ],
      status: DialogTurnStatus.waiting,
      store: (c) => nothingBought(c),
    },
    {
      name: 'An outdated review card cannot buy or cancel; Buy clicked again after the purchase shows the same order and orders nothing new',
      user: 'demo-anna',
      steps: [
        ...toReview,
        [{ keep: 'first review' }, []],
        [L.type('quantity 1 5', 'aantal 1 5'), [updated, cardInputs({ qty_1: '5' })]],
        [{ click: card.buy, on: 'first review' }, [staleCard, (c) => nothingBought(c, 1), cartLines([{ quantity: 5 }])]],
        [{ keep: 'last review' }, []],
        [{ click: card.buy }, [placed, quantity5]],
        [
          { click: card.buy, on: 'last review' },
          [alreadyBought, lines(card.alreadyBought, card.customer, 'Contoso Retail B.V.'), quantity5, sameOrderShown],
        ],
        [{ click: card.buy, on: 'first review' }, [alreadyBought, sameOrderShown]],
        [{ click: card.update, on: 'last review' }, usedCard],
        // A new purchase: the old Buy is stale for its questions, and still buys nothing.
        [L.type('buy', 'kopen'), askCustomer],
        [{ click: card.buy, on: 'last review' }, [staleCard, not(anyOf(card.orderPlaced, card.alreadyBought))]],
        // Even the old card's Cancel: it is out of date, and the new purchase goes on.
        [{ click: card.cancel, on: 'first review' }, [staleCard, not(shows(cancelled))]],
        ['contoso retail', says.customerChosen('Contoso Retail B.V.')],
        [L.type('cancel', 'annuleren'), cancelled],
        [
          L.type('orders', 'ordergeschiedenis'),
          [
            lines(says.orderHistoryTitle, ''),
            re(
              'Contoso Retail B.V.\n',
              /.*/,
              ` · ${card.pending} · ${money.eur5965_35}\n`,
              card.historyLine(5, 'Reserved VM Instance, Standard_D2s_v5, West Europe, 3 Years', regions.westeurope, terms.P3Y),
            ),
          ],
        ],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => {
        assert.equal(count(c, 'checkouts'), 1, 'one checkout');
        expectOrders(c, 1, [{ catalogItemId: catalogItemId(c, NL), quantity: 5 }]);
      },
    },
  ];
}

function topLevel(L: Lang): Case[] {
  const s = stepsIn(L);
  const { says, card } = s;
  return [
    {
      name: 'Greeting, unknown words and help outside a purchase',
      user: 'demo-anna',
      steps: [
        [L.type('hi', 'hallo'), says.welcomeAnna],
        [L.type('what is this', 'wat is dit'), s.notUnderstoodTopLevel],
        [L.type('help', 'hulp'), s.help],
        [L.type('orders', 'orders'), lines(says.orderHistoryTitle, card.noOrdersYet)],
      ],
      status: DialogTurnStatus.complete,
    },
  ];
}

function identities(L: Lang): Case[] {
  const s = stepsIn(L);
  const { says, refusals } = s;
  const chooseAgent = shows(says.chooseDemoAgent);
  const roleRefused = refusals.r2BillingAdmin;
  const notRegistered = says.notRegistered;
  return [
    {
      name: 'A user the directory does not know acts as a demo agent, and can switch to another',
      user: 'emulator-user-7f3a',
      steps: [
        [L.type('hi', 'hallo'), [chooseAgent, lines('Sam Visser', says.salesAgentAtContoso)]],
        [{ click: 'Sam Visser' }, says.actingAsSam],
        [L.type('buy', 'kopen'), s.askCustomer],
        [L.type('cancel', 'annuleren'), s.cancelled],
        [L.type('act as', 'wissel agent'), chooseAgent],
        ['bea', says.actingAsBea],
        [L.type('buy', 'kopen'), roleRefused],
      ],
      status: DialogTurnStatus.complete,
      store: (c) => nothingBought(c, 0),
    },
    {
      name: 'A directory agent is always themself: "switch agent" says so and changes nothing',
      user: 'demo-anna',
      steps: [
        [L.type('switch agent', 'wissel agent'), [says.annaIsHerself, not(chooseAgent)]],
        [L.type('buy', 'kopen'), s.askCustomer],
      ],
    },
    {
      name: 'With an app id (production), a user the directory does not know is told how to get registered',
      user: 'unknown-aad-user',
      demoMode: false,
      steps: [
        [L.type('hi', 'hallo'), [notRegistered, not(chooseAgent)]],
        [L.type('buy', 'kopen'), [notRegistered, not(s.askCustomer)]],
        [L.type('act as', 'wissel agent'), [notRegistered, not(chooseAgent)]],
      ],
      store: (c) => nothingBought(c, 0),
    },
  ];
}

describe('Main dialog', () => {
  for (const L of languages) {
    describe(L.locale, () => {
      const groups: [string, Case[]][] = [
        ['who is talking', identities(L)],
        ['cancel, back and help', interruptions(L)],
        ['old and double-clicked cards', oldCards(L)],
        ['outside a purchase', topLevel(L)],
      ];
      for (const [group, cases] of groups) {
        describe(group, () => {
          for (const testCase of cases) it(testCase.name, () => runCase(testCase, L).then(() => undefined));
        });
      }
    });
  }
});
