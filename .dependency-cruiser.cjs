// The house's arrows, checked by test/dependencies.test.ts on every `npm test`.
//
//   bot -> dialogs -> cards / src            (channels/ sit beside bot/: the ways in)
//   in src:  purchase -> i18n -> rules -> domain
//            purchase -> partnerCenter / store -> domain
//
// src/i18n sits above the rules and below the purchase service. A rule returns a verdict with a text
// key and its parameters (src/domain/ruleTexts.ts), never a sentence; the catalogues word those keys
// in each language for whoever shows or records them: cards and dialogs for the agent, the purchase
// service in English for the audit trail. So rules never import i18n, and i18n imports only rules
// (the markets' names) and domain.
//
// Siblings of one tier: the embedded Partner Center keeps its data in the bot's database file
// (partnerCenter -> store) and refuses what Partner Center itself refuses (partnerCenter -> rules);
// the store never calls the gateway.
const product = '^(bot|dialogs|cards|channels|src)/';
const ours = '^(bot|dialogs|cards|channels|src|test|scripts|bench)/';

/** A rule that forbids `from` to import anything matching `to`. */
const forbid = (name, comment, from, to) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'A cycle makes every module in it depend on all the others: none can change or be tested alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-without-botbuilder',
      comment: 'The rules/store module knows nothing of the Bot Framework: dialogs and cards adapt it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: 'node_modules/(botbuilder|botframework-)' },
    },
    forbid('product-without-tests', 'Product code never imports tests, scripts or benchmarks.', product, '^(test|scripts|bench)/'),
    forbid('src-below-the-bot', 'src/ is the bottom module: it never imports the bot, dialogs, cards or channels.', '^src/', '^(bot|dialogs|cards|channels)/'),
    forbid('cards-below-dialogs', 'Cards render what they are given; they never reach up to dialogs or the bot.', '^cards/', '^(bot|dialogs|channels)/'),
    forbid('dialogs-below-bot', 'Dialogs never reach up to the bot or a channel.', '^dialogs/', '^(bot|channels)/'),
    {
      name: 'domain-imports-nothing-of-ours',
      comment: 'The domain types are the bottom of src: everything may use them, they use nothing of ours.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: ours, pathNot: '^src/domain/' },
    },
    forbid('rules-are-pure', 'Rules see only domain types and data: no service, gateway, store or wording.', '^src/rules/', '^src/(purchase|partnerCenter|store|i18n)/'),
    forbid('i18n-below-purchase', 'The catalogues word rule texts; they never reach the service, gateway or store.', '^src/i18n/', '^src/(purchase|partnerCenter|store)/'),
    forbid('gateway-below-purchase', 'The Partner Center gateway serves the purchase service and never uses it or the wording.', '^src/partnerCenter/', '^src/(purchase|i18n)/'),
    forbid('store-below-purchase', 'The store keeps what the bot owns; it never calls the service, the gateway or the wording.', '^src/store/', '^src/(purchase|partnerCenter|i18n)/'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle of types still ties the modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
