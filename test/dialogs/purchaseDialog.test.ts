// The purchase flow, conversation by conversation: who may buy for whom (R1–R7, R9), the cart and its
// review (R10, R12), and forged card values. Each case runs on its own copy of the demo world
// (src/store/seed.ts); prices are the seed's deterministic ones.
import assert from 'node:assert/strict';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { demoAgents, demoCustomers, demoResellers, demoSubscriptions } from '../../src/store/demoIds';
import { choicesOf } from '../support/cardClicks';
import type { Conversation } from './conversation';
import { cardInputs, cartLines, catalogItemId, count, expectOrders, noCardInput, not, nothingBought, orderNumbersShown, rows, runCase, type Case } from './script';
import {
  NL,
  askCustomer,
  askNext,
  askSegment,
  askSubscription,
  askType,
  changedBeforeBuy,
  itemNotShown,
  nothingWasBought,
  placed,
  refusal,
  review,
  threeD2sV5,
  toContosoItems,
  updated,
} from './steps';

// ---- the refusals these cases expect, and the order most of them buy ---------------------------------

const quantityRefusal = (shown: string, kind: 'range' | 'invalid', max = 1000) =>
  refusal(
    kind === 'range' ? `${shown} is outside the allowed range: enter a whole number from 1 to ${max}.` : `"${shown}" is not a valid quantity: enter a whole number from 1 to ${max}.`,
    `Enter a whole number from 1 to ${max}.`,
    'R12_QUANTITY, Partner Center 800017',
  );
const r7SharedScope = refusal(
  'Under the Azure plan the scope is Shared when you buy.',
  'Buy with Shared scope; the customer can narrow it to a single subscription later in the Azure portal.',
  'R7_AZURE_PLAN_SHARED_SCOPE',
);
const r9ChooseReseller = refusal(
  'Choose the reseller (partner of record) for this purchase.',
  'Pick the indirect reseller on the review card. It cannot be changed after purchase.',
  'R9_RESELLER',
);
const r9UnknownReseller = (mpnId: string) =>
  refusal(`MPN ID ${mpnId} is not one of your indirect resellers.`, 'Pick one of your resellers from the list.', 'R9_RESELLER, Partner Center 800016');
const r10NoMonthly = (skuTitle: string) =>
  refusal(`${skuTitle} has no monthly billing plan, so it is billed one-time.`, 'Choose one-time billing for this item.', 'R10_BILLING_FREQUENCY, Partner Center 10013');

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

// ---- the cases ------------------------------------------------------------------------------------

const purchases: Case[] = [
  {
    name: 'Anna (Admin agent, direct partner) buys 3 × D2s_v5 West Europe 3 years for Contoso Retail, typing every answer',
    user: 'demo-anna',
    steps: [
      ['buy', [askCustomer, /^Contoso Retail B\.V\.\ncontosoretail\.onmicrosoft\.com · NL$/m]],
      ['Contoso Retail', ['Customer: **Contoso Retail B.V.**.', askSegment]],
      ['commercial', askType],
      ['virtual machines', [askSubscription('Contoso Retail B.V.'), /^Contoso Retail Production\n.*· b0000000-0000-4000-8000-000000000001$/m, /^Contoso Retail Dev\/Test$/m]],
      ['Contoso Retail Production', [`Subscription: **Contoso Retail Production** (${demoSubscriptions.contosoRetailProduction}).`, /Reserved Virtual Machine Instances\nFilters: \nnone\nShowing 1–10 of /]],
      ['D2s_v5 westeurope 3 years', [/Filters: \nWest Europe · Standard_D2s_v5 · 3 years\nShowing 1–1 of 1\nStandard_D2s_v5\n/, /Price per instance\n€1,193\.07 for 3 years \(EUR\)\nBilling\nMonthly billing available/]],
      ['1', 'How many Standard_D2s_v5? (number of running instances the reservation discounts, 1–1000)'],
      ['3', ['Added to the cart: 3 × Standard_D2s_v5, West Europe, 3 years.', askNext]],
      [
        'review',
        [
          review,
          /Customer: \nContoso Retail B\.V\.\nSubscription: \nContoso Retail Production\n \(b0000000-0000-4000-8000-000000000001\)/,
          /Price per instance\n€1,193\.07 for 3 years\nLine total\n€3,579\.21\nCurrency\nEUR/,
          /Total: €3,579\.21/,
          /• Prices exclude taxes\. Software costs \(Windows, SQL Server licences, SUSE and others\) are not included in reservation prices\./,
          cardInputs({ qty_1: '3', billing_1: 'one_time', scope: 'shared' }),
          noCardInput('reseller'),
        ],
      ],
      ['buy', [placed, /Order placed\nCustomer: \nContoso Retail B\.V\.\nOrder number\n/, /westeurope · 3 years · quantity 3 · €3,579\.21\nOrder total: €3,579\.21/, orderNumbersShown]],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => {
      expectOrders(c, 1, [contosoRetailD2sOrder(c)]);
      assert.equal(count(c, 'cart_lines'), 1, 'the cart had one line');
      assert.deepEqual(rows(c, 'SELECT status FROM carts'), [{ status: 'submitted' }], 'the one cart is submitted');
    },
  },
  {
    name: 'Anna buys the same for Contoso Retail by clicking the cards only',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      [{ click: 'Contoso Retail B.V.' }, 'Customer: **Contoso Retail B.V.**.'],
      [{ click: 'Commercial' }, /Which type of reservation\?/],
      [{ click: 'Reserved Virtual Machine Instances' }, askSubscription('Contoso Retail B.V.')],
      [{ click: 'Contoso Retail Production' }, `Subscription: **Contoso Retail Production** (${demoSubscriptions.contosoRetailProduction}).`],
      [{ click: 'Apply filters', inputs: { region: 'westeurope', family: 'Dsv5', term: 'P3Y' } }, /Filters: \nWest Europe · Dsv5 · 3 years\nShowing 1–8 of 8\n/],
      [{ click: 'Select', row: /^Standard_D2s_v5$/m }, [/How many Standard_D2s_v5\?/, cardInputs({ quantity: '1' })]],
      [{ click: 'Add to cart', inputs: { quantity: '3' } }, 'Added to the cart: 3 × Standard_D2s_v5, West Europe, 3 years.'],
      [{ click: 'Review the cart' }, [review, /Total: €3,579\.21/]],
      [{ click: 'Buy' }, [placed, /quantity 3 · €3,579\.21/, orderNumbersShown]],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => expectOrders(c, 1, [contosoRetailD2sOrder(c)]),
  },
  {
    name: 'Lucas (indirect provider) buys for Padaria: the reseller of record is proposed on review, he chooses Wingtip, the order records Wingtip',
    user: 'demo-lucas',
    steps: [
      ['buy', askCustomer],
      ['padaria', 'Customer: **Padaria Pão Dourado Ltda.**.'],
      ['commercial', /Which type of reservation\?/],
      ['vm', askSubscription('Padaria Pão Dourado Ltda.')],
      ['Padaria Produção', `Subscription: **Padaria Produção** (${demoSubscriptions.padariaProduction}).`],
      ['D2s_v5 brazilsouth 1 year', /Filters: \nBrazil South · Standard_D2s_v5 · 1 year\nShowing 1–1 of 1\n/],
      ['1', /How many Standard_D2s_v5\?/],
      ['2', 'Added to the cart: 2 × Standard_D2s_v5, Brazil South, 1 year.'],
      [
        'review',
        [
          review,
          /Reseller \(partner of record\)\nAdatum Reseller \(5520103\)\n5520103\nTailspin Revenda Ltda\. \(5520101\)\n5520101\nWingtip Soluções em Nuvem \(5520102\)\n5520102/,
          cardInputs({ reseller: demoResellers.tailspin }),
          /• Prices include taxes \(partner located in Brazil\)\./,
          /• The reseller \(partner of record\) cannot be changed after purchase \(only by cancelling and buying again\)\./,
          /Total: \$1,044\.90/,
          not(/Fix this before buying/),
        ],
      ],
      [{ click: 'Buy', inputs: { reseller: demoResellers.wingtip } }, [changedBeforeBuy, cardInputs({ reseller: demoResellers.wingtip }), (c) => nothingBought(c, 1)]],
      [{ click: 'Buy' }, [placed, /Customer: \nPadaria Pão Dourado Ltda\./, /brazilsouth · 1 year · quantity 2 · \$1,044\.90/]],
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
    setup: (c) => c.store.db.prepare('UPDATE customers SET reseller_mpn_id = NULL WHERE id = ?').run(demoCustomers.padaria),
    steps: [
      ['buy for padaria', askCustomer],
      ['1', 'Customer: **Padaria Pão Dourado Ltda.**.'],
      ['1', /Which type of reservation\?/],
      ['1', askSubscription('Padaria Pão Dourado Ltda.')],
      ['1', /Subscription: \*\*Padaria Produção\*\*/],
      ['D2s_v5 brazilsouth 1 year', /Showing 1–1 of 1/],
      ['1', /How many Standard_D2s_v5\?/],
      ['2', 'Added to the cart: 2 × Standard_D2s_v5, Brazil South, 1 year.'],
      ['review', [/Fix this before buying:\nChoose the reseller \(partner of record\) for this purchase\. Pick the indirect reseller on the review card\./, cardInputs({ reseller: '' })]],
      [{ click: 'Buy' }, [r9ChooseReseller, review, (c) => nothingBought(c, 1)]],
      ['buy', [r9ChooseReseller, (c) => nothingBought(c, 1)]],
      ['reseller tailspin', [updated, cardInputs({ reseller: demoResellers.tailspin }), not(/Fix this before buying/)]],
      [{ click: 'Buy' }, [placed, orderNumbersShown]],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => expectOrders(c, 1, [{ customerId: demoCustomers.padaria, quantity: 2, reseller: demoResellers.tailspin }]),
  },
  {
    name: 'Anna buys for Alpine Ski House (Azure plan): the scope is Shared, "scope single" is refused (R7)',
    user: 'demo-anna',
    steps: [
      ['buy for alpine', [askCustomer, /1 customer match "alpine":\nAlpine Ski House GmbH/]],
      [{ click: 'Alpine Ski House GmbH' }, 'Customer: **Alpine Ski House GmbH**.'],
      ['commercial', /Which type of reservation\?/],
      ['vm', [askSubscription('Alpine Ski House GmbH'), /^Azure plan\nAzure plan · b0000000-0000-4000-8000-000000000003$/m]],
      ['azure plan', `Subscription: **Azure plan** (${demoSubscriptions.alpineSkiPlan}).`],
      ['D2s_v5 germany west central 1 year', /Filters: \nGermany West Central · Standard_D2s_v5 · 1 year\nShowing 1–1 of 1/],
      ['1', /How many Standard_D2s_v5\?/],
      ['1', 'Added to the cart: 1 × Standard_D2s_v5, Germany West Central, 1 year.'],
      [
        'review',
        [
          review,
          /Scope\nShared\nUnder the Azure plan the scope is Shared when you buy\. Buy with Shared scope; the customer can narrow it to a single subscription later in the Azure portal\./,
          noCardInput('scope'),
        ],
      ],
      ['scope single', [r7SharedScope, review]],
      [{ submit: { action: 'update', scope: 'single', qty_1: '1', billing_1: 'one_time' } }, [r7SharedScope, (c) => nothingBought(c, 1)]],
      ['buy', placed],
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
      ['add another item', /Reserved Virtual Machine Instances\nFilters: \nWest Europe · Standard_D2s_v5 · 3 years/],
      ['E4s v5 north europe 1 year', /Filters: \nNorth Europe · Standard_E4s_v5 · 1 year\nShowing 1–1 of 1/],
      [{ click: 'Select', row: /^Standard_E4s_v5$/m }, /How many Standard_E4s_v5\?/],
      [{ click: 'Add to cart', inputs: { quantity: '2' } }, 'Added to the cart: 2 × Standard_E4s_v5, North Europe, 1 year.'],
      ['review', [review, /Standard_D2s_v5\n[^]*Standard_E4s_v5\n/, cardInputs({ qty_1: '3', qty_2: '2' })]],
      [{ click: 'Update', inputs: { qty_2: '4' } }, [updated, cardInputs({ qty_1: '3', qty_2: '4' }), cartLines([{ quantity: 3 }, { quantity: 4 }])]],
      ['quantity 1 5', [updated, cardInputs({ qty_1: '5', qty_2: '4' }), cartLines([{ quantity: 5 }, { quantity: 4 }])]],
      // Buy with a quantity changed on the card: the new total is shown first, nothing is bought yet.
      [{ click: 'Buy', inputs: { qty_2: '6' } }, [changedBeforeBuy, cardInputs({ qty_1: '5', qty_2: '6' }), (c) => nothingBought(c, 2)]],
      [{ click: 'Buy' }, [placed, /westeurope · 3 years · quantity 5 · /, /northeurope · 1 year · quantity 6 · /, orderNumbersShown]],
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
      ['buy', askCustomer],
      ['contoso retail', /Customer: \*\*Contoso Retail B\.V\.\*\*/],
      ['commercial', /Which type of reservation\?/],
      ['suse', askSubscription('Contoso Retail B.V.')],
      ['1', /SUSE Linux Enterprise software plans\nFilters: \nnone/],
      ['west europe 1 year', [/Filters: \nWest Europe · 1 year\nShowing 1–4 of 4/, /Billing\nOne-time only/, not(/Monthly billing available/)]],
      [{ click: 'Select', row: /^SLES Standard 1-2 vCPU VM$/m }, /How many SLES Standard 1-2 vCPU VM\?/],
      ['2', 'Added to the cart: 2 × SLES Standard 1-2 vCPU VM, West Europe, 1 year.'],
      ['review', [review, /Billing: one-time \(this item has no monthly billing plan\)/, noCardInput('billing_1')]],
      ['monthly 1', [r10NoMonthly('SUSE Linux Enterprise Software Plan, SLES Standard 1-2 vCPU VM, West Europe, 1 Year'), review]],
      [{ submit: { action: 'buy', qty_1: '2', billing_1: 'monthly', scope: 'shared' } }, [r10NoMonthly('SUSE Linux Enterprise Software Plan, SLES Standard 1-2 vCPU VM, West Europe, 1 Year'), (c) => nothingBought(c, 1)]],
      ['buy', [placed, /Billing\nOne-time\n/]],
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
      ['another', /Filters: /],
      ['E4s_v5 northeurope 1 year', /Showing 1–1 of 1/],
      ['1', /How many Standard_E4s_v5\?/],
      ['3', 'Added to the cart: 3 × Standard_E4s_v5, North Europe, 1 year.'],
      ['review', [review, (c) => assert.deepEqual(choicesOf(c.lastCard()).billing_2, ['one_time', 'monthly'], 'a VM line offers one-time and monthly billing')]],
      [
        { click: 'Update', inputs: { billing_2: 'monthly' } },
        [updated, /Line total\n€3,920\.01\nMonthly payment\n€326\.67 per month/, cardInputs({ billing_1: 'one_time', billing_2: 'monthly' }), cartLines([{ quantity: 3, billingCycle: 'one_time' }, { quantity: 3, billingCycle: 'monthly' }])],
      ],
      [{ click: 'Buy' }, [placed, /Billing\nMonthly\n[^]*northeurope · 1 year · quantity 3 · €3,920\.01/, /Billing\nOne-time\n[^]*westeurope · 3 years · quantity 3 · €3,579\.21/, orderNumbersShown]],
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
      ['D2s_v5 westeurope 3 years', /Showing 1–1 of 1/],
      ['1', /How many Standard_D2s_v5\? \(number of running instances the reservation discounts, 1–1000\)/],
      ['0', [quantityRefusal('0', 'range'), (c) => nothingBought(c, 0)]],
      ['-1', [quantityRefusal('-1', 'range'), (c) => nothingBought(c, 0)]],
      ['2.5', [quantityRefusal('2.5', 'invalid'), (c) => nothingBought(c, 0)]],
      ['abc', [quantityRefusal('abc', 'invalid'), (c) => nothingBought(c, 0)]],
      ['1000000000000', [quantityRefusal('1000000000000', 'range'), (c) => nothingBought(c, 0)]],
      [{ click: 'Add to cart', inputs: { quantity: '2.5' } }, [quantityRefusal('2.5', 'invalid'), (c) => nothingBought(c, 0)]],
      ['4', ['Added to the cart: 4 × Standard_D2s_v5, West Europe, 3 years.', askNext]],
    ],
    status: DialogTurnStatus.waiting,
    store: (c) => {
      nothingBought(c, 1);
      cartLines([{ quantity: 4, billingCycle: 'one_time' }])(c);
    },
  },
];

const eligibility: Case[] = [
  {
    name: 'Bea (Billing admin) may not buy (R2)',
    user: 'demo-bea',
    steps: [
      [
        'buy',
        refusal(
          'Your role (Billing admin) may not buy Azure reservations.',
          'Ask your partner admin for one of: Admin agent, Global admin, Helpdesk agent, Sales agent or User management admin.',
          'R2_ROLE, Partner Center 900150',
        ),
      ],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => {
      nothingBought(c);
      assert.equal(count(c, 'carts'), 0, 'no cart was opened');
    },
  },
  {
    name: 'Nora (partner not in CSP) may not buy (R1)',
    user: 'demo-nora',
    steps: [
      [
        'buy for northwind',
        refusal(
          'Northwind Traders (EA only) is not a Cloud Solution Provider partner, so it cannot buy Azure reservations on behalf of customers here.',
          'Customers outside CSP buy reservations themselves in the Azure portal (or through their Enterprise Agreement).',
          'R1_CSP_ONLY',
        ),
      ],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => {
      nothingBought(c);
      assert.equal(count(c, 'carts'), 0, 'no cart was opened');
    },
  },
  {
    name: 'Sam (Sales agent) is refused Contoso Retail Dev/Test (R3) and buys against Production',
    user: 'demo-sam',
    steps: [
      ['buy', askCustomer],
      ['Contoso Retail', 'Customer: **Contoso Retail B.V.**.'],
      ['commercial', /Which type of reservation\?/],
      ['vm', askSubscription('Contoso Retail B.V.')],
      [
        'Contoso Retail Dev/Test',
        [
          refusal(
            'As a Sales agent you have no access to the subscription "Contoso Retail Dev/Test", so you may not buy against it.',
            "Choose a subscription you have access to, or ask the customer's admin to grant you access to this Azure subscription.",
            'R3_SUBSCRIPTION_ACCESS, Partner Center 900150',
          ),
          askSubscription('Contoso Retail B.V.'),
          (c) => assert.equal(count(c, 'carts'), 0, 'no cart was opened'),
        ],
      ],
      [{ click: 'Contoso Retail Production' }, `Subscription: **Contoso Retail Production** (${demoSubscriptions.contosoRetailProduction}).`],
      ...threeD2sV5,
      ['review', review],
      ['buy', placed],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => expectOrders(c, 1, [{ ...contosoRetailD2sOrder(c), agentId: demoAgents.sam }]),
  },
  {
    name: 'Fourth Coffee (MCA acceptance not confirmed) is refused with the fix (R6), and the customer is asked again',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      [
        'fourth coffee',
        [
          refusal(
            "Fourth Coffee Ltd's acceptance of the Microsoft Customer Agreement is not confirmed yet, so nothing can be bought for it.",
            "Confirm the customer's acceptance of the Microsoft Customer Agreement in Partner Center (customer account → Agreement), then try again.",
            'R6_AGREEMENT, Partner Center 13605',
          ),
          askCustomer,
          not(/Which segment\?/),
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
    name: 'Aruba Sunset Resorts (unavailable market) is refused (R4)',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      [
        { click: 'Aruba Sunset Resorts N.V.' },
        [
          refusal(
            'Azure reservations are not available in Aruba, where Aruba Sunset Resorts N.V. is located.',
            'Nothing can be bought for this customer through CSP; the customer can use pay-as-you-go instead.',
            'R4_MARKET, Partner Center 800070',
          ),
          askCustomer,
        ],
      ],
    ],
    status: DialogTurnStatus.waiting,
    store: (c) => assert.equal(count(c, 'carts'), 0, 'no cart was opened'),
  },
  {
    name: 'De Oude Haven (only subscription suspended, no MCA) is refused (R5) and no Azure plan is offered',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      ['oude haven', 'Customer: **De Oude Haven BV**.'],
      ['commercial', /Which type of reservation\?/],
      [
        'vm',
        [
          refusal(
            'De Oude Haven BV has no active Azure subscription ("Oude Haven Production" is suspended).',
            'Reactivate a subscription in Partner Center, or have the customer accept the Microsoft Customer Agreement and add an Azure plan.',
            'R5_ACTIVE_SUBSCRIPTION, Partner Center 800012',
          ),
          nothingWasBought,
          not(/Do you want to add an Azure plan/),
        ],
      ],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => {
      nothingBought(c);
      assert.equal(count(c, 'carts'), 0, 'no cart was opened');
    },
  },
  {
    name: 'Nieuwe Klant (no subscription, MCA confirmed) is offered an Azure plan; taking it continues to the purchase',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      ['nieuwe klant', 'Customer: **Nieuwe Klant B.V.**.'],
      ['commercial', /Which type of reservation\?/],
      [
        'vm',
        [
          refusal('Nieuwe Klant B.V. has no active Azure subscription.', 'Add an Azure plan for the customer now, then buy against it.', 'R5_ACTIVE_SUBSCRIPTION, Partner Center 800012'),
          /Do you want to add an Azure plan for Nieuwe Klant B\.V\. now, and buy against it\?\nYes, add an Azure plan\nNo/,
        ],
      ],
      [{ click: 'Yes, add an Azure plan' }, [/^Added the Azure plan \([0-9a-f-]{36}\) and registered it for reservations\.$/m, /Reserved Virtual Machine Instances\nFilters: \nnone/]],
      ['D2s_v5 westeurope 1 year', /Showing 1–1 of 1/],
      ['1', /How many Standard_D2s_v5\?/],
      ['2', 'Added to the cart: 2 × Standard_D2s_v5, West Europe, 1 year.'],
      ['review', [review, /Subscription: \nAzure plan\n/, /Scope\nShared\n/]],
      ['buy', placed],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => {
      const plans = rows(c, "SELECT id, kind, status, registration_status AS registration FROM subscriptions WHERE customer_id = ?", demoCustomers.nieuweKlant);
      assert.equal(plans.length, 1, 'one Azure plan was added for Nieuwe Klant');
      assert.deepEqual({ ...plans[0], id: undefined }, { id: undefined, kind: 'azurePlan', status: 'active', registration: 'registered' }, 'the plan is active and registered');
      expectOrders(c, 1, [{ customerId: demoCustomers.nieuweKlant, subscriptionId: plans[0]!.id, scope: 'shared', quantity: 2, term: 'P1Y' }]);
    },
  },
  {
    name: 'Nieuwe Klant: declining the Azure plan ends the purchase without adding anything',
    user: 'demo-anna',
    steps: [
      ['buy for nieuwe', askCustomer],
      ['1', 'Customer: **Nieuwe Klant B.V.**.'],
      ['1', /Which type of reservation\?/],
      ['1', /Do you want to add an Azure plan for Nieuwe Klant B\.V\. now/],
      ['no', nothingWasBought],
    ],
    status: DialogTurnStatus.complete,
    store: (c) => {
      nothingBought(c);
      assert.equal(rows(c, 'SELECT id FROM subscriptions WHERE customer_id = ?', demoCustomers.nieuweKlant).length, 0, 'no Azure plan was added');
    },
  },
];

const forged: Case[] = [
  {
    name: 'Forged item picks are refused: an item not on the page shown, an item of another market, a missing id',
    user: 'demo-anna',
    steps: [
      ...toContosoItems,
      ['D2s_v5 westeurope 3 years', /Showing 1–1 of 1/],
      [{ submit: (c) => ({ action: 'pickItem', catalogItemId: catalogItemId(c, { ...NL, sku: 'Standard_E2s_v5' }) }) }, [itemNotShown, not(/How many/)]],
      [{ submit: (c) => ({ action: 'pickItem', catalogItemId: catalogItemId(c, { country: 'BR', sku: 'Standard_D2s_v5', region: 'brazilsouth', term: 'P1Y' }) }) }, [itemNotShown, not(/How many/)]],
      [{ submit: { action: 'pickItem', catalogItemId: ['x'] } }, 'I could not read those filters. Pick them from the lists, or type e.g. "D4s v5 west europe 3 years".'],
      [{ click: 'Select' }, 'How many Standard_D2s_v5? (number of running instances the reservation discounts, 1–1000)'],
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
      ['review', [review, cardInputs({ qty_1: '3' })]],
      [
        { submit: { action: 'buy', qty_1: '1e3', billing_1: 'one_time', scope: 'shared' } },
        [
          refusal('Line 1 (Standard_D2s_v5): "1e3" is not a valid quantity: enter a whole number from 1 to 1000.', 'Enter a whole number from 1 to 1000.', 'R12_QUANTITY, Partner Center 800017'),
          cardInputs({ qty_1: '3' }),
          (c) => nothingBought(c, 1),
          cartLines([{ quantity: 3 }]),
        ],
      ],
      [
        { submit: { action: 'update', qty_1: '-5' } },
        [
          refusal('Line 1 (Standard_D2s_v5): -5 is outside the allowed range: enter a whole number from 1 to 1000.', 'Enter a whole number from 1 to 1000.', 'R12_QUANTITY, Partner Center 800017'),
          cartLines([{ quantity: 3 }]),
        ],
      ],
      [{ submit: { action: 'buy', scope: 'everywhere' } }, ['I did not understand that change. Examples: "quantity 2 5", "monthly 1", "scope single", "reseller 1", "remove 2", "buy".', (c) => nothingBought(c, 1)]],
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
      ['buy', askCustomer],
      ['padaria', /Customer: \*\*Padaria/],
      ['commercial', /Which type of reservation\?/],
      ['vm', askSubscription('Padaria Pão Dourado Ltda.')],
      ['1', /Subscription: /],
      ['D2s_v5 brazilsouth 1 year', /Showing 1–1 of 1/],
      ['1', /How many/],
      ['2', /Added to the cart/],
      ['review', cardInputs({ reseller: demoResellers.tailspin })],
      [{ submit: { action: 'buy', qty_1: '2', billing_1: 'one_time', scope: 'shared', reseller: '9999999' } }, [r9UnknownReseller('9999999'), (c) => nothingBought(c, 1)]],
      ['reseller 4420202', [r9UnknownReseller('4420202'), (c) => nothingBought(c, 1)]],
    ],
    status: DialogTurnStatus.waiting,
    store: (c) => assert.deepEqual(rows(c, 'SELECT reseller_mpn_id AS r FROM carts'), [{ r: demoResellers.tailspin }], 'the reseller of the cart is unchanged'),
  },
  {
    name: 'A direct partner\'s forged reseller is refused (R9, 800016)',
    user: 'demo-anna',
    steps: [
      ...toContosoItems,
      ...threeD2sV5,
      ['review', review],
      [
        { submit: { action: 'buy', qty_1: '3', billing_1: 'one_time', scope: 'shared', reseller: demoResellers.tailspin } },
        [refusal('Only an indirect provider associates a reseller with a purchase.', 'Leave the reseller empty.', 'R9_RESELLER, Partner Center 800016'), (c) => nothingBought(c, 1)],
      ],
    ],
    status: DialogTurnStatus.waiting,
    store: (c) => assert.deepEqual(rows(c, 'SELECT reseller_mpn_id AS r FROM carts'), [{ r: null }], 'the cart has no reseller'),
  },
  {
    name: 'A forged customer of another partner and a forged subscription of another customer are refused',
    user: 'demo-anna',
    steps: [
      ['buy', askCustomer],
      [
        { submit: { action: 'pickCustomer', value: demoCustomers.padaria } },
        [refusal('That customer is not one of your customers.', 'Search for the customer by name or domain and pick it from the list.', 'CUSTOMER_ISOLATION'), askCustomer, not(/Padaria/)],
      ],
      ['contoso retail', 'Customer: **Contoso Retail B.V.**.'],
      ['commercial', /Which type of reservation\?/],
      ['vm', askSubscription('Contoso Retail B.V.')],
      [{ submit: { action: 'subscription', value: demoSubscriptions.padariaProduction } }, ['Please pick one of the options: type its number (1–2) or its name, or click it.', not(/Subscription: /)]],
    ],
    status: DialogTurnStatus.waiting,
    store: (c) => {
      nothingBought(c);
      assert.equal(count(c, 'carts'), 0, 'no cart was opened');
    },
  },
];

describe('Purchase dialog', () => {
  const groups: [string, Case[]][] = [
    ['purchases', purchases],
    ['who may buy for whom', eligibility],
    ['forged card values', forged],
  ];
  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const testCase of cases) it(testCase.name, () => runCase(testCase).then(() => undefined));
    });
  }
});
