// The English (en-US) message catalogue: every text the bot shows, in chat and on its cards, and the
// words it understands when an agent types. The fallback for every locale without its own catalogue.
// nl-NL.ts must define every key of this file (it is typed as `Catalogue`, this file's type).
//
// Parameterised texts are functions. Numbers, money and dates arrive already formatted for the locale
// (cards/format.ts); names of customers, subscriptions and catalog items arrive as data.
import type { Agent, ApprovalState, BillingCycle, GatewayFailure, Order, Partner, Role, Scope, Segment, Subscription, SubscriptionStatus, TermDuration } from '../domain/types';
import { unavailableMarkets } from '../rules/markets';
import catalogReference from '../data/catalog-reference.json';
import type { RuleText } from '../domain/types';
import { wordRuleText, type RuleTexts } from './ruleTexts';

const roles: Record<Role, string> = {
  AdminAgent: 'Admin agent',
  GlobalAdmin: 'Global admin',
  HelpdeskAgent: 'Helpdesk agent',
  SalesAgent: 'Sales agent',
  UserManagementAdmin: 'User management admin',
  BillingAdmin: 'Billing admin',
};

const segments: Record<Segment, string> = {
  commercial: 'Commercial',
  education: 'Education',
  government: 'Government',
  nonprofit: 'Nonprofit',
};

const subscriptionStatus: Record<SubscriptionStatus, string> = {
  active: 'active',
  suspended: 'suspended',
  deleted: 'deleted',
  pending: 'pending',
};

/**
 * Partner Center's reservation types, short and distinct, the service name first, so each fits a button at
 * Teams width (450 px); Partner Center's own titles ("Azure SQL Database reserved capacity (vCore, single
 * d…") start with the same words and are cut.
 */
const reservationTypes: Record<string, string> = {
  VirtualMachines: 'Virtual machines',
  SqlDatabase: 'SQL Database (vCore)',
  SqlManagedInstance: 'SQL Managed Instance (vCore)',
  CosmosDb: 'Cosmos DB (throughput)',
  AppServicePremiumV3: 'App Service (Premium v3, Isolated v2)',
  AppServiceIsolatedStamp: 'App Service Environment v2 (stamp fee)',
  BlobStorage: 'Blob Storage / Data Lake Gen2',
  AzureFiles: 'Azure Files',
  ManagedDisk: 'Managed Disks (Premium SSD)',
  DedicatedHost: 'Dedicated Host',
  Databricks: 'Databricks (pre-purchase)',
  SuseLinux: 'SUSE Linux Enterprise (software)',
  RedHat: 'Red Hat Enterprise Linux (software)',
  RedHatOpenShift: 'Red Hat OpenShift',
  MySql: 'Database for MySQL',
  PostgreSql: 'Database for PostgreSQL',
  MariaDb: 'Database for MariaDB',
  RedisCache: 'Cache for Redis',
  DataExplorer: 'Data Explorer (markup)',
  SynapseDedicatedSql: 'Synapse Analytics (dedicated SQL pool)',
  AzureVMwareSolution: 'VMware Solution',
};

const terms: Record<TermDuration, string> = { P1Y: '1 year', P3Y: '3 years', P5Y: '5 years' };

const market = (country: string) => unavailableMarkets.get(country)?.en ?? country;

const inactiveList = (inactive: { name: string; status: SubscriptionStatus }[]) =>
  inactive.length ? ` (${inactive.map((s) => `"${s.name}" is ${subscriptionStatus[s.status]}`).join(', ')})` : '';

/** A whole number as en-US writes it: 1,000. */
const englishRegions: Record<string, string> = Object.fromEntries(catalogReference.regions.map((r) => [r.armName, r.displayName]));

const integers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const int = (n: number) => integers.format(n);

/** What went wrong with Partner Center, in a few words ("HTTP 500, no answer in time"). */
function gatewayFailures(failures: GatewayFailure[]): string {
  const words = failures.map((f) => {
    const what =
      f.kind === 'throttled'
        ? `throttled (429${f.retryAfterSeconds !== undefined ? `, asked to wait ${f.retryAfterSeconds} s` : ''})`
        : f.kind === 'noAnswer'
          ? 'no answer in time'
          : f.kind === 'inProgress'
            ? f.code === '800064'
              ? 'cart being processed by another request (800064)'
              : 'order in progress (800060)'
            : f.kind === 'serverError'
              ? `HTTP ${f.status}`
              : `error ${f.code}`;
    return f.call === 'lookup' ? `order lookup: ${what}` : what;
  });
  return [...new Set(words)].join(', ');
}

const tries = (attempts: number) => `${int(attempts)} attempt${attempts === 1 ? '' : 's'} with the same request id`;

const allowedQuantity = (min: number, max: number) => `a whole number from ${int(min)} to ${int(max)}`;

const approvalStates: Record<ApprovalState, string> = {
  pending: 'waiting',
  approved: 'approved',
  rejected: 'rejected',
  withdrawn: 'withdrawn',
  expired: 'expired',
  priceChanged: 'sent back because the price changed',
  failed: 'approved, but the order failed',
};

const rules: RuleTexts = {
  notCsp: ({ partner }) => ({
    message: `${partner} is not a Cloud Solution Provider partner, so it cannot buy Azure reservations on behalf of customers here.`,
    fix: 'Customers outside CSP buy reservations themselves in the Azure portal (or through their Enterprise Agreement).',
  }),
  roleMayNotBuy: ({ role }) => ({
    message: `Your role (${roles[role]}) may not buy Azure reservations.`,
    fix: 'Ask your partner admin for one of: Admin agent, Global admin, Helpdesk agent, Sales agent or User management admin.',
  }),
  noSubscriptionAccess: ({ role, subscription }) => ({
    message: `As a ${roles[role]} you have no access to the subscription "${subscription}", so you may not buy against it.`,
    fix: "Choose a subscription you have access to, or ask the customer's admin to grant you access to this Azure subscription.",
  }),
  marketUnavailable: ({ country, customer }) => ({
    message: `Azure reservations are not available in ${market(country)}, where ${customer} is located.`,
    fix: 'Nothing can be bought for this customer through CSP; the customer can use pay-as-you-go instead.',
  }),
  noActiveSubscriptionAddPlan: ({ customer, inactive }) => ({
    message: `${customer} has no active Azure subscription${inactiveList(inactive)}.`,
    fix: 'Add an Azure plan for the customer now, then buy against it.',
  }),
  noActiveSubscriptionReactivate: ({ customer, inactive }) => ({
    message: `${customer} has no active Azure subscription${inactiveList(inactive)}.`,
    fix: 'Reactivate a subscription in Partner Center, or have the customer accept the Microsoft Customer Agreement and add an Azure plan.',
  }),
  subscriptionNotActive: ({ subscription, status }) => ({
    message: `The subscription "${subscription}" is ${subscriptionStatus[status]}; reservations need an active subscription.`,
    fix: 'Choose an active subscription.',
  }),
  noSubscriptionChosen: () => ({ message: 'No subscription is chosen for this cart.', fix: 'Choose a subscription.' }),
  agreementNotConfirmed: ({ customer }) => ({
    message: `${customer}'s acceptance of the Microsoft Customer Agreement is not confirmed yet, so nothing can be bought for it.`,
    fix: "Confirm the customer's acceptance of the Microsoft Customer Agreement in Partner Center (customer account → Agreement), then try again.",
  }),
  legacySubscriptionUnderMca: ({ customer, subscription }) => ({
    message: `${customer} signed the Microsoft Customer Agreement, so reservations are bought under its Azure plan, not the legacy subscription "${subscription}".`,
    fix: "Choose the customer's Azure plan subscription (or add one).",
  }),
  cannotAddAzurePlan: ({ customer }) => ({
    message: `An Azure plan cannot be added for ${customer}: the customer has no confirmed acceptance of the Microsoft Customer Agreement.`,
    fix: "Have the customer accept the Microsoft Customer Agreement and confirm it in Partner Center, or reactivate the customer's Azure subscription.",
  }),
  segmentNotQualified: ({ customer, segment, qualified }) => ({
    message: `${customer} is not qualified for the ${segments[segment]} segment.`,
    fix: `Choose ${qualified.map((s) => segments[s]).join(' or ')}, or have the customer's qualification added in Partner Center.`,
  }),
  notYourCustomer: () => ({
    message: 'That customer is not one of your customers.',
    fix: 'Search for the customer by name or domain and pick it from the list.',
  }),
  notCustomersSubscription: ({ customer }) => ({ message: `That subscription is not one of ${customer}'s.`, fix: 'Pick a subscription from the list.' }),
  notYourCart: () => ({ message: 'That cart is not yours.', fix: 'Start a new purchase with "buy".' }),
  approvalNeeded: () => ({
    message: "This order is above your partner's approval limit, so a second agent must approve it before it is bought.",
    fix: 'Click Buy on the review: it sends the order to your Admin agents and Global admins for approval.',
  }),
  approverRole: ({ role }) => ({ message: `Only an Admin agent or a Global admin can decide approvals; you are a ${roles[role]}.`, fix: 'Leave it to an Admin agent or a Global admin of your partner.' }),
  approverIsBuyer: () => ({ message: 'You placed this order, so you cannot approve it yourself.', fix: 'Another Admin agent or Global admin of your partner must decide it.' }),
  notYourApproval: () => ({ message: 'That approval request is not one of your partner\'s.', fix: 'Type **approvals** to see the requests waiting for you.' }),
  noApprover: () => ({
    message: "This order is above your partner's approval limit, and no other Admin agent or Global admin of your partner can approve it.",
    fix: 'Ask your partner admin to add a second Admin agent, or to raise the approval limit.',
  }),
  approvalLimitRole: ({ role }) => ({ message: `Only an Admin agent or a Global admin can set the approval limit; you are a ${roles[role]}.`, fix: 'Ask an Admin agent or a Global admin of your partner.' }),
  approvalClosed: ({ state }) => ({ message: `That approval request is no longer waiting: it was ${approvalStates[state]}.`, fix: 'Type **approvals** to see what is still waiting.' }),
  approvalExpired: () => ({ message: 'That approval request has expired: nothing was bought.', fix: 'The buyer can review the cart and click Buy again to ask once more.' }),
  approvalAlreadyWaiting: () => ({ message: 'This order already waits for approval, so it is not sent again.', fix: 'Wait for the decision, or type **withdraw** to withdraw it.' }),
  itemNotInCatalog: () => ({ message: 'That item is not in the catalog.', fix: 'Pick an item from the search results.' }),
  itemNotPurchasable: ({ item }) => ({ message: `${item} cannot be bought at the moment.`, fix: 'Pick another size, region or term.' }),
  itemNotSoldHere: ({ item }) => ({
    message: `${item} is not sold to this customer for this segment and reservation type.`,
    fix: 'Pick an item from the search results.',
  }),
  inventoryQuota: ({ item, reasons }) => ({
    message: `${item} cannot be reserved for this subscription now: ${reasons}`,
    fix: 'Ask the customer to request a vCPU quota increase (a support request in the Azure portal), or pick another region or size.',
  }),
  inventoryRestricted: ({ item, reasons }) => ({
    message: `${item} cannot be reserved for this subscription now: ${reasons}`,
    fix: 'Pick another region or size, or try again later.',
  }),
  azurePlanSharedScope: () => ({
    message: 'Under the Azure plan the scope is Shared when you buy.',
    fix: 'Buy with Shared scope; the customer can narrow it to a single subscription later in the Azure portal.',
  }),
  singleScopeWarning: ({ subscription }) => ({
    message: `The discount applies only to "${subscription}", which may need a vCPU quota increase (a support request in the Azure portal).`,
  }),
  sharedScopeNote: () => ({ message: "The discount applies to any subscription in the customer's billing context." }),
  azurePlanScopeNote: () => ({
    message: 'Under the Azure plan the scope is Shared when you buy; the customer can narrow it later in the Azure portal.',
  }),
  resellerOnlyIndirect: () => ({ message: 'Only an indirect provider associates a reseller with a purchase.', fix: 'Leave the reseller empty.' }),
  resellerRequired: () => ({
    message: 'Choose the reseller (partner of record) for this purchase.',
    fix: 'Pick the indirect reseller on the review card. It cannot be changed after purchase.',
  }),
  resellerNotConfirmed: ({ name, mpnId }) => ({
    message: `Confirm the reseller (partner of record) of this purchase: ${name} (${mpnId}). It cannot be changed after purchase.`,
    fix: `Click Buy on the review card with this reseller chosen, or type "reseller ${mpnId}" and then "buy".`,
  }),
  resellerUnknown: ({ mpnId }) => ({ message: `MPN ID ${mpnId} is not one of your indirect resellers.`, fix: 'Pick one of your resellers from the list.' }),
  resellerFixedWarning: () => ({ message: 'The partner of record cannot be changed after purchase (only by cancelling and buying again).' }),
  resellerFixedNote: () => ({
    message: 'The reseller (partner of record) cannot be changed after purchase (only by cancelling and buying again).',
  }),
  noMonthlyBilling: ({ item }) => ({ message: `${item} has no monthly billing plan, so it is billed one-time.`, fix: 'Choose one-time billing for this item.' }),
  billingFixedNote: () => ({ message: 'Billing frequency cannot be changed after purchase.' }),
  pricesExcludeTaxes: () => ({
    message: 'Prices exclude taxes. Software costs (Windows, SQL Server licences, SUSE and others) are not included in reservation prices.',
  }),
  pricesIncludeTaxes: () => ({
    message:
      'Prices include taxes (partner located in Brazil). Software costs (Windows, SQL Server licences, SUSE and others) are not included in reservation prices.',
  }),
  quantityInvalid: ({ shown, min, max }) => ({
    message: `"${shown}" is not a valid quantity.`,
    fix: `Enter ${allowedQuantity(min, max)}.`,
  }),
  quantityOutOfRange: ({ quantity, min, max }) => ({
    message: `${quantity} is outside the allowed range.`,
    fix: `Enter ${allowedQuantity(min, max)}.`,
  }),
  quantityOverCartMaximum: ({ item, inCart, max }) => ({
    message: `The cart already holds ${int(inCart)} × ${item}, and one order takes at most ${int(max)} of it.`,
    fix: inCart < max ? `Add at most ${int(max - inCart)} more, or change the quantity on the review.` : 'Change the quantity on the review instead.',
  }),
  cartEmpty: () => ({ message: 'The cart is empty.', fix: 'Add an item before buying.' }),
  termFixedNote: () => ({ message: 'Region, size, quantity and term cannot be changed after purchase, except by an exchange.' }),
  fiveYearsOnlyHbv2: () => ({ message: 'A 5-year term exists only for HBv2 virtual machines.', fix: 'Choose a 1-year or 3-year term.' }),
  transferNote: () => ({
    message: 'Reservations do not move when a subscription is transferred from Direct/EA to CSP or between partners.',
  }),
  orderListingNote: () => ({
    message: "Orders can take up to 15 minutes to appear in Partner Center's order list: do not buy again because an order is not listed yet.",
  }),
  cartAlreadySubmitted: () => ({
    message: 'This cart has already been submitted; it is not bought a second time.',
    fix: 'Open the order history to see its order. Orders can take up to 15 minutes to appear in Partner Center.',
  }),
  noPaygPrice: () => ({ message: 'No pay-as-you-go price known: no savings to show.' }),
  lineWithdrawn: ({ line, reason }) => ({
    message: `Line ${line}: ${wordRuleText(rules, reason).message}`,
    fix: `Remove it with "remove ${line}".`,
  }),
  lineRefused: ({ line, item, reason }) => {
    const { message, fix } = wordRuleText(rules, reason);
    return { message: `Line ${line} (${item}): ${message}`, ...(fix ? { fix } : {}) };
  },
  pcRoleNoRights: () => ({ message: 'Partner Center says your role has no rights to buy this.', fix: 'Ask your partner admin for a role that may buy reservations.' }),
  pcOfferNotInCountry: () => ({
    message: "This offer is not available in the customer's country.",
    fix: 'Choose another item; reservations are not sold in the unavailable markets.',
  }),
  pcSubscriptionNotActive: () => ({ message: 'The subscription is not active.', fix: 'Choose an active subscription.' }),
  pcSubscriptionNotRegistered: () => ({
    message: 'The subscription is not registered for reservations yet.',
    fix: 'Wait a few minutes for the registration to finish, then buy again.',
  }),
  pcSubscriptionNotEnabled: () => ({
    message: 'The subscription is not enabled for reservation purchases.',
    fix: 'Choose another subscription or ask Microsoft support to enable it.',
  }),
  pcAgreementNotConfirmed: () => ({
    message: "The customer's acceptance of the Microsoft Customer Agreement is not confirmed.",
    fix: 'Confirm the MCA acceptance in Partner Center, then try again.',
  }),
  pcResellerInvalid: () => ({ message: 'The MPN ID is not a valid indirect reseller.', fix: 'Choose one of your indirect resellers.' }),
  pcNoBillingPlan: () => ({ message: 'This item has no monthly billing plan.', fix: 'Choose one-time billing for it.' }),
  pcQuantityNotAvailable: () => ({ message: 'That quantity is not available.', fix: 'Enter a quantity within the allowed range.' }),
  pcInventoryNotAvailable: () => ({ message: 'Inventory is not available for this item in that region.', fix: 'Choose another region or size.' }),
  pcOrderInProgress: () => ({ message: 'The order is in progress.', fix: 'Do not buy again: open the order history in a few minutes.' }),
  pcCartBeingProcessed: () => ({ message: 'The cart is being processed by another request.', fix: 'Wait a moment and open the order history; do not buy again.' }),
  pcCartSubmitted: () => ({ message: 'The cart has already been submitted.', fix: 'Open the order history to see its order.' }),
  pcInvalidInput: () => ({
    message: 'Partner Center could not accept the purchase as sent: something in it no longer matches (a subscription, term or item changed).',
    fix: 'Review the cart and buy again; if it keeps failing, start a new purchase with "buy".',
  }),
  pcCartLineErrors: () => ({
    message: 'Partner Center refused one or more lines of the cart.',
    fix: 'Review the cart, change or remove the refused line, then buy again.',
  }),
  pcQuotaNotAvailable: () => ({
    message: "The subscription's vCPU quota is too low to reserve this item in that region.",
    fix: 'Ask the customer to request a vCPU quota increase (a support request in the Azure portal), or pick another region or size.',
  }),
  pcCreditLimit: () => ({
    message: 'This purchase would exceed the credit limit Microsoft set for your partner account.',
    fix: 'Ask your partner admin to have the credit limit raised in Partner Center, or buy fewer items.',
  }),
  checkoutNotBought: ({ failures, attempts }) => ({
    message: `Partner Center is not taking the order right now (${gatewayFailures(failures)}; ${tries(attempts)}). Nothing was bought and nothing was charged: Partner Center has no order for this cart.`,
    fix: 'Click Buy again in a minute or two. It sends the same request id, so this cart can never be bought twice.',
  }),
  checkoutUnknown: ({ failures, attempts }) => ({
    message: `I could not confirm the purchase: Partner Center did not answer (${gatewayFailures(failures)}; ${tries(attempts)}) and no order for this cart is visible yet. It may still be placed: orders can take up to 15 minutes to appear.`,
    fix: 'Do not buy again: I keep looking it up and tell you here whether it was placed. You can also type **orders** in a few minutes.',
  }),
  pcUnknown: ({ code, description }) => ({
    message: `Partner Center refused the purchase (${code}): ${description}`,
    fix: 'Check the cart and try again; open the order history first to make sure nothing was bought.',
  }),
};

/** The words an agent may type, in this language. Matching accepts the words of every catalogue. */
const words = {
  buy: ['buy', 'purchase', 'new order', 'start'],
  reservations: ['reservation', 'reservations'],
  forCustomer: ['for'],
  orders: ['orders', 'order history', 'history'],
  ordersOf: ['for', 'of'],
  switchAgent: ['act as', 'switch agent', 'switch user', 'who am i'],
  greeting: ['hi', 'hello', 'hey'],
  cancel: ['cancel', 'stop', 'quit', 'abort'],
  help: ['help', '?'],
  back: ['back', 'go back', 'previous step'],
  yes: ['yes', 'y', 'add', 'ok'],
  no: ['no', 'n'],
  nextPage: ['next', 'more'],
  previousPage: ['previous', 'prev'],
  clearFilters: ['all', 'clear', 'reset', 'any'],
  /** On the item list and "add another or review": go to the review. */
  review: ['review', 'done', 'checkout', 'review cart'],
  addAnother: ['another', 'add', 'more'],
  // the review step
  reviewBuy: ['buy', 'confirm', 'place order'],
  reviewAddItem: ['add item', 'add another', 'another', 'add'],
  reviewUpdate: ['update', 'refresh'],
  quantity: ['quantity', 'qty', 'set'],
  line: ['line'],
  to: ['to'],
  monthly: ['monthly'],
  oneTime: ['one-time', 'one time', 'onetime', 'once'],
  scope: ['scope'],
  shared: ['shared'],
  single: ['single', 'single subscription'],
  reseller: ['reseller'],
  remove: ['remove', 'delete'],
  // typed catalog searches ("D4s v5 west europe 3 years")
  years: ['year', 'years', 'yr', 'yrs', 'y'],
  searchNoise: ['in', 'for', 'the', 'a', 'an', 'term', 'region', 'size', 'series', 'reservation', 'reservations'],
  /** Short names agents type for reservation types, by key. */
  // approvals (four eyes above the partner's limit)
  approvals: ['approvals', 'approval requests'],
  withdraw: ['withdraw', 'withdraw approval'],
  approvalLimit: ['approval limit'],
  off: ['off', 'none'],
  reservationTypes: {
    VirtualMachines: ['vm', 'vms', 'virtual machine', 'virtual machines'],
    SqlDatabase: ['sql', 'sql db'],
    CosmosDb: ['cosmos'],
    AppServicePremiumV3: ['app service'],
    SuseLinux: ['suse'],
    RedHat: ['red hat', 'rhel'],
  } as Record<string, string[]>,
};

/** What the local channels show a person: the Web Chat page, the terminal chat, the Teams app package (channels/). */
const channels = {
  webChatPage: {
    lang: 'en',
    title: 'Azure reservations bot: Web Chat',
    heading: 'Azure reservations bot',
    intro: 'Local demo: Web Chat talking to the bot through its own Direct Line endpoint. Nothing here is authenticated.',
    sendBoxPlaceholder: 'Type buy, orders or help',
    botName: 'Reservations bot',
    userName: 'You',
    botAvatarInitials: 'RB',
    userAvatarInitials: 'You',
    loadFailed: 'Web Chat could not start:',
    /** What npm start prints when the page is on. */
    startupLine: (port: number) => `Web Chat page on http://localhost:${port}/ (local Direct Line endpoint, demo use only)`,
    /** What GET / says when the page is off (an app id is set and WEB_CHAT is not "on"). */
    disabled:
      'The Web Chat page is off: the bot has a MicrosoftAppId, so it runs for a real channel. Set WEB_CHAT=on to serve the local page anyway.',
    /** What GET / says when the page is asked for but botframework-webchat is not installed (npm ci --omit=dev). */
    notInstalled: 'The Web Chat page is off: this installation has no botframework-webchat package (a development package). Install with npm install to serve the page.',
  },
  terminal: {
    banner: (target: string) => `Azure reservations bot: terminal chat (${target}). Type /help for how to answer cards, /quit to leave.`,
    inProcess: (databaseFile: string) => `in-process, database ${databaseFile}`,
    remote: (url: string) => `bot at ${url}`,
    prompt: 'you> ',
    botPrefix: 'bot> ',
    help: [
      'Type to talk to the bot: buy, orders, help, cancel, back, or any answer.',
      '[1], [2], …: a number alone presses that button of the latest card (or picks that choice).',
      '[a], [b], …: "a=value" fills that field of the latest card (a choice by its number or name), "a?" lists its choices.',
      'A number larger than the card has buttons is sent as a message (e.g. a quantity).',
      '/card shows the latest card again, /help shows this, /quit (or Ctrl-D) leaves.',
    ].join('\n'),
    noCard: 'There is no card to press a button on: type your answer.',
    unknownField: (letter: string) => `The latest card has no field [${letter}].`,
    fieldSet: (label: string, shown: string) => `${label}: ${shown}`,
    noSuchChoice: (value: string, label: string, letter: string) => `"${value}" is not one of the choices of ${label}. Type "${letter}?" to list them.`,
    choicesOf: (label: string) => `Choices of ${label}:`,
    notAChoiceField: (label: string) => `${label} is not a list of choices: type any value.`,
    pressed: (title: string) => `(pressed "${title}")`,
    requestFailed: (detail: string) => `The bot did not answer: ${detail}`,
    bye: 'Bye.',
    cardLabels: {
      empty: '(empty)',
      required: 'required',
      choices: (n: number) => `${n} choices`,
      link: (title: string, url: string) => `${title}: ${url}`,
      fields: 'Fields:',
    },
    usage: [
      'Usage: npm run chat [-- [--url URL] [--as USER_ID]]',
      '  (no --url)   run the bot in this process on the embedded store (DATA_DIR, default data/)',
      '  --url URL    talk to a running bot, e.g. http://localhost:3978 (it must run without MicrosoftAppId)',
      '  --as ID      the channel user id, e.g. demo-anna (default: a user the directory does not know, so the bot offers the demo agents)',
    ].join('\n'),
  },
  /** The Teams app package's texts (manifest.json). */
  teamsApp: {
    shortName: 'Reservations',
    fullName: 'Azure reservations purchase bot',
    shortDescription: 'Buy Azure reservations for your CSP customers, as in Partner Center.',
    fullDescription:
      "A chat bot for the agents of a Microsoft CSP partner: it buys Azure reservations on behalf of the partner's customers, " +
      'following the Partner Center flow (customer, segment, reservation type, subscription, items, quantities, review, buy) ' +
      'and refusing what Partner Center would refuse. Type buy to start, orders for the order history, help at any time.',
    developerName: 'Reservations bot developers',
    /** What npm run package:teams prints. */
    written: (file: string) => `Teams app package: ${file}`,
    uploadHint: (botId: string) => `Bot id ${botId}; upload it in Teams: Apps → Manage your apps → Upload an app → Upload a custom app.`,
    commands: [
      { title: 'buy', description: 'Start buying a reservation (or "buy for <customer>")' },
      { title: 'orders', description: 'Show the order history (or "orders <customer>")' },
      { title: 'help', description: 'What the bot can do and how to answer it' },
    ],
  },
};

export const enUS = {
  locale: 'en-US',

  /** Names of the domain's values. */
  names: {
    roles,
    segments,
    subscriptionStatus,
    terms,
    billingCycles: { one_time: 'One-time', monthly: 'Monthly' } as Record<BillingCycle, string>,
    scopes: { single: 'Single subscription', shared: 'Shared' } as Record<Scope, string>,
    orderStatus: { pending: 'Pending', completed: 'Completed', cancelled: 'Cancelled' } as Record<Order['status'], string>,
    /** A reservation type's short title (reservationTypes); a type not listed keeps Partner Center's own title. */
    reservationType: (key: string, title: string): string => reservationTypes[key] ?? title,
    /** A region's display name: the catalog's own (English) display name. */
    /** Partner Center's display name; from an ARM name alone (an order line), the reference list's. */
    region: (armName: string, displayName: string): string => (displayName !== armName ? displayName : (englishRegions[armName] ?? armName)),
    /** A market of the unavailable-markets list, by country code. */
    market,
    /** Partner Center's failures during a checkout, in a few words. */
    gatewayFailures,
  },

  rules,
  words,

  /** What the dialogs say. */
  say: {
    /** What was refused and what to do; Partner Center's error code in small print where there is one, never our rule ids. */
    refusal: (message: string, fix: string | undefined, partnerCenterCode?: string) =>
      [`⛔ ${message}`, fix ? `What to do: ${fix}` : undefined, partnerCenterCode ? `_Partner Center error ${partnerCenterCode}_` : undefined]
        .filter(Boolean)
        .join('\n\n'),
    staleCard: () => 'That card belongs to an earlier step and is no longer active. Use the latest card, or type your answer.',
    usedCard: () => 'That card has already been used. Type "buy" to start a new purchase or "orders" to see the order history.',
    welcome: (name?: string) =>
      `Hello${name ? ` ${name}` : ''}! I buy Azure reservations for your CSP customers, as in Partner Center.\n\n` +
      'Type **buy** to start a purchase (or "buy for Contoso"), **orders** for the order history, **help** at any time.\n\n' +
      'Or name the whole purchase in one sentence: "buy 3 D4s v5 west europe 3 years for Contoso".',
    help: () =>
      [
        '**buy** (or "buy for <customer>"): the Partner Center flow: customer → segment → reservation type → subscription → find items → quantity → review → buy.',
        'Or all in one sentence: "buy 3 D4s v5 west europe 3 years for Contoso" goes straight to the review.',
        '**orders** (or "orders <customer>"): the order history, newest first.',
        'At any step: **back** goes one question back, **cancel** stops without buying, **help** shows this.',
        'Every question accepts typing as well as clicking: a number from a list, a name, "3 years", "west europe".',
      ].join('\n\n'),
    /** "help" at a question: what it needs, then the words that work at every question; the question is asked again below. */
    questionHelp: (question: QuestionName) =>
      [
        {
          agent: 'Choose who you act as in this demo: click an agent, or type their number or first name.',
          customer: 'Choose the customer the reservations are for: click one, type its number, or type part of its name or domain to search (e.g. "contoso").',
          segment: "Choose the customer's segment: it decides the catalog and its prices. Only the segments the customer is qualified for are offered.",
          reservationType: 'Choose what to reserve (virtual machines, SQL Database, …): click it, or type its number or name (e.g. "virtual machines").',
          subscription: "Choose the customer's Azure subscription the reservation is tied to and billed under: click it, or type its number or name.",
          size: 'Choose the VM size you meant: click it, or type its number or version (e.g. "v5").',
          term: 'Choose how long the reservation runs: click it, or type e.g. "3 years".',
          item: 'Pick an item with its button or its number; narrow the list by typing (e.g. "D4s v5 west europe 3 years"), "next" and "previous" page, ✕ on a filter removes it, "clear" removes them all.',
          quantity: 'Type how many instances the reservation should cover: a whole number in the range shown.',
          next: 'Add another item to the cart, or review the cart to buy it.',
          review: 'Check the order, then click **Buy**. Change quantities, billing, scope or reseller on the card, or type e.g. "quantity 1 3", "monthly 1", "remove 2".',
        }[question],
        'At any question: **back** goes one question back, **orders** shows the order history, **cancel** stops without buying.',
      ].join('\n\n'),
    notUnderstoodTopLevel: () => 'I did not catch that. Type **buy**, **orders** or **help**.',
    cancelled: () => 'Cancelled. Nothing was bought.',
    unknownUserProduction: () =>
      "You are not registered as an agent of a CSP partner in this bot. Ask your partner admin to add your account (your Microsoft Entra object id) to the bot's agent directory, then try again.",
    chooseDemoAgent: () => 'You are not in the agent directory. In this demo, choose who you want to act as:',
    actingAs: (agent: Agent, partner: Partner) =>
      `You are now acting as **${agent.displayName}** (${roles[agent.role]}, ${partner.name}). Type **buy** to start.`,
    directoryIdentity: (agent: Agent, partner: Partner) =>
      `You are ${agent.displayName}, ${roles[agent.role]} at ${partner.name}, in the agent directory: I always act as you, so there is no one to switch to.`,
    demoAgentSubtitle: (agent: Agent, partner: Partner) => `${roles[agent.role]} · ${partner.name}`,
    notUnderstoodChoice: (choices: { title: string }[]) =>
      `Please pick one of the options: type its number (1–${int(choices.length)}) or its name, or click it.`,

    askCustomer: () => 'Which customer are you buying for? Type a name or domain, or pick one:',
    /** `first` is the number of the first customer shown (1 on the first page), `shown` how many are. */
    customersFound: (first: number, shown: number, total: number, query: string) => {
      const last = first + shown - 1;
      const more = last < total ? ', or "next"' : '';
      if (query) {
        const range = first === 1 ? `the first ${int(shown)}` : `${int(first)}–${int(last)}`;
        return `${int(total)} customer${total === 1 ? '' : 's'} match "${query}"${total > shown ? ` (showing ${range}; type more of the name to narrow${more})` : ''}:`;
      }
      const range = first === 1 ? `first ${int(shown)}` : `${int(first)}–${int(last)}`;
      return `Your customers${total > shown ? ` (${range} of ${int(total)}; type a name to search${more})` : ''}:`;
    },
    noCustomerMatches: (query: string) => `No customer matches "${query}". Type another name or domain.`,
    /** An answered card, settled into one line (dialogs/settledCard.ts). */
    answered: (question: AnsweredQuestion, answer: string) =>
      `✓ ${({ customer: 'Customer', segment: 'Segment', reservationType: 'Reservation type', subscription: 'Subscription', size: 'VM size', term: 'Term', item: 'Item', quantity: 'Quantity' } as const)[question]}: ${answer}`,
    /** An answered card that offered plain choices ("Review the cart"), settled into the choice. */
    chose: (choice: string) => `✓ ${choice}`,
    /** A review left for an updated one: its Buy is gone, the new review below is the one to buy from. */
    reviewChanged: () => '✓ Changed: the updated review is below',
    /** A card left without an answer of its own (help, orders, back, cancel, another page or filter): what follows says the rest. */
    continuedBelow: () => '↓ Continued below',
    /** The review card once bought: its Buy is gone, the confirmation below tells the orders. */
    reviewBought: (lines: number, customer: string) => `✓ Bought: ${int(lines)} item${lines === 1 ? '' : 's'} for ${customer} (see the confirmation below)`,
    askSegment: () => 'Which segment?',
    askReservationType: () => 'Which type of reservation?',
    askSubscription: (customer: string) => `Which of ${customer}'s Azure subscriptions should the reservation be tied to?`,
    subscriptionSubtitle: (s: Subscription) => (s.kind === 'azurePlan' ? 'Azure plan' : `Azure subscription (${s.offerId})`),
    offerAzurePlan: (customer: string) => `Do you want to add an Azure plan for ${customer} now, and buy against it?`,
    yes: () => 'Yes, add an Azure plan',
    no: () => 'No',
    azurePlanAdded: () => 'Added an Azure plan and registered it for reservations.',
    nothingBought: () => 'Nothing was bought. Type **buy** to start again.',
    /** A sentence named a size without its version ("D4s"), and the market sells more than one. */
    askSize: () => 'Which VM size do you mean?',
    /** A sentence named size and region but no term. */
    askTerm: () => 'For which term?',
    /** Words of a one-sentence purchase ("buy 3 D4s v5 …") that were not understood: what they named is asked. */
    sentenceUnread: (words: string) => `I did not understand "${words}" in your sentence; I will ask for what is missing.`,
    askItem: () => 'Pick an item, or filter by typing, e.g. "D4s v5 west europe 3 years". "next" and "previous" page through the results.',
    askQuantity: (title: string, min: number, max: number) =>
      `How many ${title}? (number of running instances the reservation discounts, ${int(min)}–${int(max)})`,
    lineAdded: (quantity: number, title: string, region: string, term: string) => `Added to the cart: ${int(quantity)} × ${title}, ${region}, ${term}.`,
    lineRaised: (added: number, total: number, title: string, region: string, term: string) =>
      `Added ${int(added)} more × ${title}, ${region}, ${term}: the cart now holds ${int(total)} of it, on one line.`,
    askNext: () => 'Add another item, or review the cart?',
    addAnother: () => 'Add another item',
    reviewCart: () => 'Review the cart',
    askReview: () =>
      'Check the order and click **Buy**. You can also type: "buy", "quantity 1 3" (line 1 to 3), "monthly 1", "one-time 1", "scope shared", "reseller 2", "remove 2", "add item".',
    reviewUpdated: () => 'Updated.',
    reviewNotUnderstood: () =>
      'I did not understand that change. Examples: "quantity 2 5", "monthly 1", "scope single", "reseller 1", "remove 2", "buy".',
    alreadyBought: () => 'This cart was already bought: here are its orders. Nothing new was ordered.',
    noOrdersFor: (name: string) => `${name} has no orders yet.`,
    orderHistoryTitle: (name?: string) => (name ? `Order history: ${name}` : 'Order history: all customers'),
    reviewChangedBeforeBuy: () => 'You changed the order on the card, so nothing was bought yet: check the new total and click **Buy** again.',
    filterNotUnderstood: () => 'I could not read those filters. Pick them from the lists, or type e.g. "D4s v5 west europe 3 years".',
    noSuchRow: (rows: number) => (rows ? `Pick a number from 1 to ${int(rows)}.` : 'There is nothing to pick on this page: change the filters.'),
    itemNotShown: () => 'That item is not on the list I showed. Pick one of the items on the latest list, or filter again.',
    noMorePages: () => 'There are no more results.',
    severalCustomersForOrders: (n: number, query: string) =>
      `${int(n)} customers match "${query}"; here are the orders of all your customers. Type more of the name for one customer.`,
    turnFailed: () =>
      'Sorry, something went wrong on my side and this conversation was reset. Nothing was bought twice: type **orders** to check what was ordered, or **buy** to start again.',
    /**
     * What the bot tells the agent later, in the conversation where they bought (src/purchase/followUp.ts).
     * `items` is "3 × Standard_D2s_v5, 1 × …"; `date` a formatted date.
     */
    followUp: {
      provisioningCompleted: (orderId: string, customer: string, items: string) =>
        `Order ${orderId} for ${customer} is complete: Partner Center has provisioned ${items}.`,
      provisioningFailed: (orderId: string, customer: string, items: string) =>
        `Partner Center could not provision order ${orderId} for ${customer} (${items}). Open the order in Partner Center to see why, or contact Microsoft support; do not buy it again before you know.`,
      checkoutBought: (customer: string, orderIds: string[]) =>
        `Update on the purchase for ${customer} that I could not confirm: it was placed after all, as order${orderIds.length === 1 ? '' : 's'} ${orderIds.join(', ')}. Do not buy it again.`,
      checkoutNotBought: (customer: string, minutes: number) =>
        `Update on the purchase for ${customer} that I could not confirm: Partner Center has no order for it ${int(minutes)} minutes later, so nothing was bought and nothing was charged. Type **buy** to start again.`,
      reservationExpiring: (orderId: string, customer: string, items: string, date: string, days: number) =>
        `The reservations of order ${orderId} for ${customer} (${items}) end on ${date}, in ${int(days)} days. To keep the reservation discount after that, buy new ones before then: type **buy**.`,
    },
    /** A checkout that Partner Center made hard, and how it ended up bought exactly once. */
    checkoutRecovered: (failures: GatewayFailure[], attempts: number, foundByLookup: boolean) =>
      foundByLookup
        ? `Partner Center had trouble (${gatewayFailures(failures)}). I looked the order up by its request id instead of sending it again: it was placed, once.`
        : `Partner Center had trouble (${gatewayFailures(failures)}). I sent the same request again (${int(attempts)} attempts, one request id), so it was placed once.`,
    /**
     * The bot's database refused a write, so the turn stopped before its state was saved: the agent is still
     * where they were before their message, unless an order was confirmed in this turn (it stands).
     */
    storageFault: (kind: StorageFaultKind, confirmedOrderIds: string[] = []) => {
      const cause = {
        busy: "the bot's database is busy (another process is holding it)",
        readonly: "the bot's database is read-only right now",
        full: "the bot's database is full (no disk space left for it)",
        io: 'the bot could not write to its database',
        unreachable: "the bot cannot reach its database server right now",
      }[kind];
      const retry = {
        busy: 'Send your last message again in a moment.',
        readonly: 'Send your last message again once an administrator has made the database writable.',
        full: 'Send your last message again once an administrator has freed space for the database.',
        io: 'Send your last message again in a moment; if it keeps failing, tell your administrator.',
        unreachable: 'Send your last message again in a moment; if it keeps failing, tell your administrator.',
      }[kind];
      if (confirmedOrderIds.length) {
        return `⚠️ I could not save the conversation: ${cause}. Your order is placed all the same (order number${confirmedOrderIds.length === 1 ? '' : 's'} ${confirmedOrderIds.join(', ')}), and it is never bought twice: type **orders** to see it.`;
      }
      return `⚠️ I could not save that step: ${cause}. Nothing was bought, and your conversation is still where it was before your last message. ${retry}`;
    },
    /** Someone else answers in a conversation where an agent's purchase is running (a group chat, or a reused conversation id). */
    /**
     * A Partner Center call failed outside the checkout's own retries (a search, an order lookup): the turn
     * stopped before its state was saved, so the agent can send the message again.
     */
    partnerCenterFault: (failures: GatewayFailure[], confirmedOrderIds: string[] = []) =>
      confirmedOrderIds.length
        ? `⚠️ Partner Center did not answer (${gatewayFailures(failures)}) after your order was placed. Your order stands (order number${confirmedOrderIds.length === 1 ? '' : 's'} ${confirmedOrderIds.join(', ')}), and it is never bought twice: type **orders** to see it.`
        : `⚠️ Partner Center is not answering right now (${gatewayFailures(failures)}). This message bought nothing, and your conversation is still where it was before it: send it again in a moment.`,
    anotherAgentsPurchase: () =>
      'Another agent is buying in this conversation, and only they can answer its questions: nothing was changed. Start your own purchase in a chat with me of your own.',
  },

  /** Four eyes above the partner's approval limit (dialogs/approvals.ts). Amounts and dates arrive formatted. */
  approvals: {
    waiting: (approvers: string[], expires: string) =>
      `This order is above your partner's approval limit, so I sent it to ${approvers.join(', ')} for approval. I will tell you here how it is decided; it expires ${expires}. Type **withdraw** to withdraw it.`,
    alreadyWaiting: (approvers: string[], since: string, expires: string) =>
      `This order already waits for approval: I sent it to ${approvers.join(', ')} on ${since}, and it expires ${expires}. I did not send it again. Type **withdraw** to withdraw it.`,
    requested: (buyer: string, customer: string, total: string) => `${buyer} asks you to approve an order for ${customer}: ${total}.`,
    approvedBuyer: (approver: string, customer: string) => `✓ ${approver} approved your order for ${customer}: it is placed.`,
    approvedApprover: (buyer: string, customer: string, orders: string) => `✓ You approved ${buyer}'s order for ${customer}: it is placed (${orders}). I told ${buyer}.`,
    rejectedBuyer: (approver: string, customer: string, reason: string) => `✗ ${approver} rejected your order for ${customer}: “${reason}”. Nothing was bought.`,
    rejectedApprover: (buyer: string, customer: string) => `You rejected ${buyer}'s order for ${customer}: nothing was bought, and I told ${buyer}.`,
    priceChangedBuyer: (approver: string, customer: string, before: string, after: string) =>
      `⚠️ ${approver} approved your order for ${customer}, but its price changed while it waited: it was ${before}, it is now ${after}. Nothing was bought. Type **buy** to start again and ask for approval at the new price.`,
    priceChangedApprover: (buyer: string, before: string, after: string) =>
      `Nothing was bought: the price changed from ${before} to ${after} while the request waited. It went back to ${buyer}.`,
    failed: (customer: string) => `The approved order for ${customer} was not placed:`,
    expiredBuyer: (customer: string) => `Your order for ${customer} was not decided in time: the approval request expired and nothing was bought. Type **buy** to start again.`,
    expiredApprover: (buyer: string, customer: string) => `${buyer}'s approval request for ${customer} expired: nothing was bought.`,
    withdrawnBuyer: (customer: string) => `Withdrawn: your order for ${customer} no longer waits for approval. Nothing was bought.`,
    withdrawnApprover: (buyer: string, customer: string) => `${buyer} withdrew the approval request for ${customer}: nothing was bought.`,
    nothingToWithdraw: () => 'You have no order waiting for approval.',
    /** An approval card once decided, settled into one line; `by` is the approver's name or you(). */
    you: () => 'you',
    settledApproved: (by: string, buyer: string, customer: string, orders: string) => `✓ Approved by ${by}: ${buyer}'s order for ${customer}, placed (${orders})`,
    settledRejected: (by: string, buyer: string, customer: string, reason: string) => `✗ Rejected by ${by}: ${buyer}'s order for ${customer} (“${reason}”)`,
    settledPriceChanged: (by: string, buyer: string, customer: string) => `⚠️ Approved by ${by}, not bought: the price of ${buyer}'s order for ${customer} changed while it waited`,
    settledFailed: (by: string, buyer: string, customer: string, uncertain: boolean) =>
      `⚠️ Approved by ${by}, ${uncertain ? 'not confirmed yet' : 'not placed'}: ${buyer}'s order for ${customer}`,
    settledWithdrawn: (buyer: string, customer: string) => `✗ Withdrawn by ${buyer}: the order for ${customer}, nothing bought`,
    settledExpired: (buyer: string, customer: string) => `✗ Expired: ${buyer}'s order for ${customer}, not decided in time`,
    reasonNeeded: () => 'To reject, type the reason in the box on the card (at most 500 characters), then click Reject.',
    list: (toDecide: string[], mine: string[]) =>
      [
        toDecide.length ? `**Waiting for your approval:**\n\n${toDecide.map((l) => `- ${l}`).join('\n')}` : 'Nothing waits for your approval.',
        mine.length ? `**Waiting for someone else's approval:**\n\n${mine.map((l) => `- ${l}`).join('\n')}\n\nType **withdraw** to withdraw your latest.` : 'None of your orders waits for approval.',
      ].join('\n\n'),
    listLine: (buyer: string, customer: string, total: string, expires: string) => `${buyer}: ${customer}, ${total} (expires ${expires})`,
    limitIs: (amount: string) => `The approval limit is ${amount}: orders above it need a second agent's approval.`,
    noLimit: () => 'There is no approval limit: orders need no approval.',
    limitSet: (amount: string) => `Approval limit set: orders above ${amount} now need the approval of a second Admin agent or Global admin.`,
    limitOff: () => 'Approval limit off: orders no longer need approval.',
    limitNotUnderstood: () => 'Type e.g. **approval limit 100000 EUR** (an amount and a currency), or **approval limit off**.',
  },
  /** The labels and sentences of the Adaptive Cards (cards/templates hold no words of their own). */
  cards: {
    listSeparator: ' · ',
    orderLineSeparator: '; ',
    size: (cores: string | null, ram: string | null) =>
      [cores === null ? null : `${cores} vCPU`, ram === null ? null : `${ram} GB RAM`].filter(Boolean).join(' · '),
    searchText: (text: string) => `“${text}”`,
    // catalog page
    filters: 'Filters: ',
    noFilter: 'none',
    /** Above the active filters, each a button that removes it. */
    activeFilters: 'Filters:',
    removeFilter: (name: string) => `✕ ${name}`,
    removeFilterTooltip: (name: string) => `Remove the filter ${name}`,
    /** A listed item Partner Center's inventory check restricts now: shown without a button. */
    noCapacity: '⛔ No capacity in this region now',
    noQuota: "⛔ The subscription's vCPU quota is too low here",
    showing: (from: string, to: string, total: string) => `Showing ${from}–${to} of ${total}`,
    /** A total the search stopped counting at: "1,000+". */
    atLeast: (count: string) => `${count}+`,
    noMatches: 'No reservations match these filters',
    region: 'Region',
    term: 'Term',
    sizeLabel: 'Size',
    pricePerInstance: 'Price per instance',
    priceForTerm: (price: string, term: string) => `${price} for ${term}`,
    billing: 'Billing',
    monthlyAvailable: 'Monthly billing available',
    oneTimeOnly: 'One-time only',
    previousPage: 'Previous page',
    nextPage: 'Next page',
    anyRegion: 'Any region',
    family: 'Family (series)',
    any: 'Any',
    sizeOrName: 'Size or name',
    sizeOrNameExample: 'e.g. D4s v5',
    applyFilters: 'Apply filters',
    clearFilters: 'Clear filters',
    // quantity
    howMany: 'How many instances?',
    quantityLabel: (min: string, max: string) => `Quantity (number of instances, ${min}–${max})`,
    quantityError: (min: string, max: string) => `Enter a whole number of instances from ${min} to ${max}.`,
    addToCart: 'Add to cart',
    // review
    reviewTitle: 'Review your order',
    customer: 'Customer: ',
    subscription: 'Subscription: ',
    fixBeforeBuying: 'Fix this before buying:',
    lineTotal: 'Line total',
    monthlyPayment: 'Monthly payment',
    perMonth: (amount: string) => `${amount} per month`,
    billingFrequency: 'Billing frequency',
    chooseBilling: 'Choose one-time or monthly billing.',
    oneTimeOnlyLine: 'Billing: one-time (this item has no monthly billing plan)',
    scope: 'Scope',
    chooseScope: 'Choose the scope of the reservation.',
    scopeNote: (scope: string, note: string) => `${scope}: ${note}`,
    reseller: 'Reseller (partner of record)',
    chooseReseller: 'Choose a reseller',
    resellerChoice: (name: string, mpnId: string) => `${name} (${mpnId})`,
    total: (total: string) => `Total: ${total}`,
    // savings against pay-as-you-go (review and confirmation)
    savings: (saving: string, percent: string, payg: string, months: string, utilisation: string) =>
      `Savings: ${saving} (${percent}) vs ${payg} pay-as-you-go; break-even after ${months} months of full use (${utilisation} use)`,
    savingsUnknown: (sentence: string) => `Savings: ${sentence}`,
    savingsPartial: 'Items without a pay-as-you-go price are not counted.',
    note: (text: string) => `• ${text}`,
    buy: 'Buy',
    update: 'Update',
    addAnotherItem: 'Add another item',
    cancel: 'Cancel',
    // approval request (the review, read-only)
    approvalTitle: 'Approval requested',
    requestedBy: (buyer: string) => `Requested by ${buyer}`,
    expires: (when: string) => `Expires ${when}`,
    rejectReason: 'Reason (to reject)',
    rejectReasonPlaceholder: 'Why not?',
    quantityShort: 'Quantity',
    approve: 'Approve',
    reject: 'Reject',
    // confirmation
    orderPlaced: 'Order placed',
    alreadyBought: 'This cart was already bought — nothing new was ordered',
    nothingOrdered: 'No order was placed',
    orderNumber: 'Order number',
    status: 'Status',
    created: 'Created',
    subscriptionLabel: 'Subscription',
    resellerOfRecord: 'Reseller',
    portalLink: 'Azure portal',
    orderLine: (region: string, term: string, quantity: string, total: string) => `${region} · ${term} · quantity ${quantity} · ${total}`,
    orderTotal: (total: string) => `Order total: ${total}`,
    someNotOrdered: 'Some items could not be ordered:',
    orderError: (description: string, code: string, orderGroupId: string) => `${description} (error ${code}, order group ${orderGroupId})`,
    listingNote: "Orders can take up to 15 minutes to appear in Partner Center's order list. Do not buy again because an order is not listed yet.",
    manageInPortal: 'Manage in the Azure portal',
    // order history
    noOrdersYet: 'No orders yet',
    ordersShowing: (from: string, to: string, total: string) => `Orders ${from}–${to} of ${total}, newest first`,
    historyLine: (quantity: string, name: string, region: string, term: string) => `${quantity} × ${name} (${region}, ${term})`,
  },

  channels,
};

export type StorageFaultKind = 'busy' | 'readonly' | 'full' | 'io' | 'unreachable';

/** The questions of a conversation, each with its own help. */
/** The questions whose answered card settles into "✓ <question>: <answer>". */
export type AnsweredQuestion = 'customer' | 'segment' | 'reservationType' | 'subscription' | 'size' | 'term' | 'item' | 'quantity';
export type QuestionName = 'agent' | 'customer' | 'segment' | 'reservationType' | 'subscription' | 'size' | 'term' | 'item' | 'quantity' | 'next' | 'review';


/** The shape every catalogue has: nl-NL.ts must define every key en-US defines, with the same types. */
export type Catalogue = typeof enUS;

/** A refusal's or note's wording in this catalogue. */
export type { RuleText };
