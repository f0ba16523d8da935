// What the main dialog adds around the purchase flow: "cancel", "back" and "help" at any step, old and
// double-clicked cards, and the top-level words.
import assert from 'node:assert/strict';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import type { Conversation } from './conversation';
import { cardInputs, cartLines, catalogItemId, count, expectOrders, not, nothingBought, rows, runCase, type Case, type Step } from './script';
import {
  NL,
  alreadyBought,
  askCustomer,
  askNext,
  askSegment,
  askSubscription,
  askType,
  cancelled,
  notUnderstoodTopLevel,
  placed,
  review,
  staleCard,
  threeD2sV5,
  toContosoItems,
  updated,
  usedCard,
} from './steps';

const help = /At any step: \*\*back\*\* goes one question back, \*\*cancel\*\* stops without buying, \*\*help\*\* shows this\./;

/** "cancel" (or a word meaning it) at one step ends the purchase; the next message is a new topic. */
const cancelAt = (step: string, before: Step[], cancel: Step[0], cartLinesLeft: number): Case => ({
  name: `"${typeof cancel === 'string' ? cancel : 'Cancel (clicked)'}" at ${step} ends the purchase without buying`,
  user: 'demo-anna',
  steps: [
    ...before,
    [cancel, [cancelled, not(/Which|How many|Review your order|Order placed/)]],
    ['1', notUnderstoodTopLevel],
  ],
  status: DialogTurnStatus.complete,
  store: (c) => nothingBought(c, cartLinesLeft),
});

const toItemsAndQuantity: Step[] = [...toContosoItems, ['D2s_v5 westeurope 3 years', /Showing 1–1 of 1/], ['1', /How many Standard_D2s_v5\?/]];
const toReview: Step[] = [...toContosoItems, ...threeD2sV5, ['review', review]];

const interruptions: Case[] = [
  cancelAt('the segment question', [['buy', askCustomer], ['contoso retail', askSegment]], 'cancel', 0),
  cancelAt('the subscription question', toContosoItems.slice(0, 4), 'stop', 0),
  cancelAt('the item list', toContosoItems, 'Cancel.', 0),
  cancelAt('the quantity question', toItemsAndQuantity, 'annuleren', 0),
  cancelAt('"add another or review"', [...toContosoItems, ...threeD2sV5], 'cancel', 1),
  cancelAt('the review', toReview, { click: 'Cancel' }, 1),
  {
    name: '"back" goes one question back and keeps the earlier answers, up to the review',
    user: 'demo-anna',
    steps: [
      ...toContosoItems.slice(0, 4),
      ['back', [askType, not(/Customer: |Which segment/)]],
      ['back', askSegment],
      ['commercial', askType],
      ['vm', askSubscription('Contoso Retail B.V.')],
      ['back', askType],
      ['1', askSubscription('Contoso Retail B.V.')],
      ['Contoso Retail Production', /Subscription: \*\*Contoso Retail Production\*\*/],
      ['D2s_v5 westeurope 3 years', /Showing 1–1 of 1/],
      ['1', /How many Standard_D2s_v5\?/],
      // Back from the quantity: the item list again, with its filters.
      ['back', /Filters: \nWest Europe · Standard_D2s_v5 · 3 years\nShowing 1–1 of 1/],
      ['back', askSubscription('Contoso Retail B.V.')],
      ['Contoso Retail Production', /Filters: \nWest Europe · Standard_D2s_v5 · 3 years\nShowing 1–1 of 1/],
      ['1', /How many Standard_D2s_v5\?/],
      ['2', 'Added to the cart: 2 × Standard_D2s_v5, West Europe, 3 years.'],
      ['review', [review, cardInputs({ qty_1: '2' })]],
      ['back', askNext],
      ['review', [review, cardInputs({ qty_1: '2' })]],
      ['buy', placed],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => expectOrders(c, 1, [{ catalogItemId: catalogItemId(c, NL), quantity: 2 }]),
  },
  {
    name: '"back" at the first question asks for the customer again',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      ['back', askCustomer],
      ['contoso retail', 'Customer: **Contoso Retail B.V.**.'],
    ],
    status: DialogTurnStatus.waiting,
  },
  {
    name: '"help" in the middle of the flow shows the help; the same question continues',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      ['contoso retail', askSegment],
      ['help', [help, not(/Which/)]],
      ['commercial', askType],
      ['vm', askSubscription('Contoso Retail B.V.')],
      ['1', /Showing 1–10 of/],
      ['D2s_v5 westeurope 3 years', /Showing 1–1 of 1/],
      ['1', /How many Standard_D2s_v5\?/],
      ['?', [help, not(/Added to the cart/)]],
      ['2', 'Added to the cart: 2 × Standard_D2s_v5, West Europe, 3 years.'],
      ['review', review],
      ['help', help],
      ['buy', placed],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => expectOrders(c, 1, [{ quantity: 2 }]),
  },
];

const oldCards: Case[] = [
  {
    name: 'A click on an earlier question\'s card is answered as out of date; the current question continues',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      ['contoso retail', askSegment],
      [{ keep: 'segment' }, []],
      [{ click: 'Commercial' }, askType],
      [{ click: 'Reserved Virtual Machine Instances' }, askSubscription('Contoso Retail B.V.')],
      [{ click: 'Commercial', on: 'segment' }, [staleCard, not(/Which/)]],
      [{ click: 'Contoso Retail Production' }, /Subscription: \*\*Contoso Retail Production\*\*/],
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
      ['quantity 1 5', [updated, cardInputs({ qty_1: '5' })]],
      [{ click: 'Buy', on: 'first review' }, [staleCard, (c) => nothingBought(c, 1), cartLines([{ quantity: 5 }])]],
      [{ keep: 'last review' }, []],
      [{ click: 'Buy' }, [placed, /quantity 5 · /]],
      [
        { click: 'Buy', on: 'last review' },
        [alreadyBought, /This cart was already bought — nothing new was ordered\nCustomer: \nContoso Retail B\.V\./, /quantity 5 · /, sameOrderShown],
      ],
      [{ click: 'Buy', on: 'first review' }, [alreadyBought, sameOrderShown]],
      [{ click: 'Update', on: 'last review' }, usedCard],
      // A new purchase: the old Buy is stale for its questions, and still buys nothing.
      ['buy', askCustomer],
      [{ click: 'Buy', on: 'last review' }, [staleCard, not(/Order placed|already bought/)]],
      // Even the old card's Cancel: it is out of date, and the new purchase goes on.
      [{ click: 'Cancel', on: 'first review' }, [staleCard, not(/Cancelled/)]],
      ['contoso retail', 'Customer: **Contoso Retail B.V.**.'],
      ['cancel', cancelled],
      ['orders', [/Order history: all customers\n/, /Contoso Retail B\.V\.\n.* · Pending · €5,965\.35\n5 × Reserved VM Instance, Standard_D2s_v5, West Europe, 3 Years/]],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => {
      assert.equal(count(c, 'checkouts'), 1, 'one checkout');
      expectOrders(c, 1, [{ catalogItemId: catalogItemId(c, NL), quantity: 5 }]);
    },
  },
];

function sameOrderShown(c: Conversation): void {
  const orders = rows(c, 'SELECT id FROM orders');
  assert.equal(orders.length, 1, 'still one order');
  assert.ok(c.text.includes(`Order number\n${String(orders[0]!.id)}\n`), `the reply shows the order number ${String(orders[0]!.id)}:\n${c.text}`);
}

const topLevel: Case[] = [
  {
    name: 'Greeting, unknown words and help outside a purchase',
    user: 'demo-anna',
    steps: [
      ['hi', /^Hello Anna de Vries! I buy Azure reservations for your CSP customers, as in Partner Center\./],
      ['what is this', notUnderstoodTopLevel],
      ['help', help],
      ['orders', /Order history: all customers\nNo orders yet/],
    ],
    status: DialogTurnStatus.complete,
  },
];

const chooseAgent = /You are not in the agent directory\. In this demo, choose who you want to act as:/;
const roleRefused = /Your role \(Billing admin\) may not buy Azure reservations\./;

const identities: Case[] = [
  {
    name: 'A user the directory does not know acts as a demo agent, and can switch to another',
    user: 'emulator-user-7f3a',
    steps: [
      ['hi', [chooseAgent, /Sam Visser\nSales agent · Contoso Cloud Partners B\.V\./]],
      [{ click: 'Sam Visser' }, 'You are now acting as **Sam Visser** (Sales agent, Contoso Cloud Partners B.V.). Type **buy** to start.'],
      ['buy', askCustomer],
      ['cancel', cancelled],
      ['act as', chooseAgent],
      ['bea', /You are now acting as \*\*Bea Smit\*\* \(Billing admin/],
      ['buy', roleRefused],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => nothingBought(c, 0),
  },
  {
    name: 'A directory agent is always themself: "switch agent" says so and changes nothing',
    user: 'demo-anna',
    steps: [
      ['switch agent', [/^You are Anna de Vries, Admin agent at Contoso Cloud Partners B\.V\., in the agent directory/, not(chooseAgent)]],
      ['buy', askCustomer],
    ],
  },
  {
    name: 'With an app id (production), a user the directory does not know is told how to get registered',
    user: 'unknown-aad-user',
    demoMode: false,
    steps: [
      ['hi', [/You are not registered as an agent of a CSP partner in this bot\. Ask your partner admin to add your account/, not(chooseAgent)]],
      ['buy', [/not registered as an agent/, not(/Which customer/)]],
      ['act as', [/not registered as an agent/, not(chooseAgent)]],
    ],
    store: (c) => nothingBought(c, 0),
  },
];

describe('Main dialog', () => {
  const groups: [string, Case[]][] = [
    ['who is talking', identities],
    ['cancel, back and help', interruptions],
    ['old and double-clicked cards', oldCards],
    ['outside a purchase', topLevel],
  ];
  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const testCase of cases) it(testCase.name, () => runCase(testCase).then(() => undefined));
    });
  }
});
