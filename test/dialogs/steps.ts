// What the bot says, written out in English and in Dutch, and the steps many conversation cases share.
// These are the tests' own words: a sentence the bot words differently, or a number or amount it formats
// differently (1,000 / 1.000, €3,579.21 / € 3.579,21 with a no-break space), fails the tables. The templates only put names the
// tables choose into otherwise literal sentences.
import type { Step } from './script';
import { line, lines, re, shows, type Lang } from './lang';

/** D2s_v5, West Europe, 3 years in the Dutch commercial catalog. */
export const NL = { country: 'NL', sku: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y' } as const;

/** A refusal as the chat shows it: what was refused, what to do, and Partner Center's error code in small print where there is one. */
const refusal = (what: string, fix: string, partnerCenterCode?: string) =>
  `⛔ ${what}\n\nWhat to do: ${fix}${partnerCenterCode ? `\n\n_Partner Center error ${partnerCenterCode}_` : ''}`;
const weigering = (what: string, fix: string, partnerCenterCode?: string) =>
  `⛔ ${what}\n\nWat te doen: ${fix}${partnerCenterCode ? `\n\n_Partner Center-foutcode ${partnerCenterCode}_` : ''}`;

const english = {
  says: {
    askCustomer: 'Which customer are you buying for? Type a name or domain, or pick one:',
    customersFound: (n: number, query: string) => `${n} customer match "${query}":`,
    customerChosen: (name: string) => `✓ Customer: ${name}`,
    askSegment: 'Which segment?',
    segments: ['Commercial', 'Education', 'Government', 'Nonprofit'],
    commercial: 'Commercial',
    askReservationType: 'Which type of reservation?',
    vmTitle: 'Virtual machines',
    suseTitle: 'SUSE Linux Enterprise (software)',
    askSubscription: (customer: string) => `Which of ${customer}'s Azure subscriptions should the reservation be tied to?`,
    legacySubscription: 'Azure subscription (MS-AZR-0145P)',
    planSubscription: 'Azure plan',
    subscriptionChosen: (name: string) => `✓ Subscription: ${name}`,
    subscriptionChosenStart: '✓ Subscription: ',
    offerAzurePlan: (customer: string) => `Do you want to add an Azure plan for ${customer} now, and buy against it?`,
    yesAddPlan: 'Yes, add an Azure plan',
    no: 'No',
    azurePlanAdded: 'Added an Azure plan and registered it for reservations.',
    askQuantity: (item: string) => `How many ${item}? (number of running instances the reservation discounts, 1–1,000)`,
    lineAdded: (quantity: number, item: string, region: string, term: string) => `Added to the cart: ${quantity} × ${item}, ${region}, ${term}.`,
    lineRaised: (added: string, total: string, item: string, region: string, term: string) =>
      `Added ${added} more × ${item}, ${region}, ${term}: the cart now holds ${total} of it, on one line.`,
    askNext: 'Add another item, or review the cart?',
    addAnother: 'Add another item',
    reviewCart: 'Review the cart',
    updated: 'Updated.',
    changedBeforeBuy: 'You changed the order on the card, so nothing was bought yet: check the new total and click **Buy** again.',
    reviewNotUnderstood: 'I did not understand that change. Examples: "quantity 2 5", "monthly 1", "scope single", "reseller 1", "remove 2", "buy".',
    alreadyBought: 'This cart was already bought: here are its orders. Nothing new was ordered.',
    cancelled: 'Cancelled. Nothing was bought.',
    nothingWasBought: 'Nothing was bought. Type **buy** to start again.',
    notUnderstoodTopLevel: 'I did not catch that. Type **buy**, **orders** or **help**.',
    notUnderstoodTwoChoices: 'Please pick one of the options: type its number (1–2) or its name, or click it.',
    staleCard: 'That card belongs to an earlier step and is no longer active. Use the latest card, or type your answer.',
    usedCard: 'That card has already been used. Type "buy" to start a new purchase or "orders" to see the order history.',
    itemNotShown: 'That item is not on the list I showed. Pick one of the items on the latest list, or filter again.',
    filterNotUnderstood: 'I could not read those filters. Pick them from the lists, or type e.g. "D4s v5 west europe 3 years".',
    help:
      '**buy** (or "buy for <customer>"): the Partner Center flow: customer → segment → reservation type → subscription → find items → quantity → review → buy.\n\n' +
      'Or all in one sentence: "buy 3 D4s v5 west europe 3 years for Contoso" goes straight to the review.\n\n' +
      '**orders** (or "orders <customer>"): the order history, newest first.\n\n' +
      'At any step: **back** goes one question back, **cancel** stops without buying, **help** shows this.\n\n' +
      'Every question accepts typing as well as clicking: a number from a list, a name, "3 years", "west europe".',
    welcomeAnna:
      'Hello Anna de Vries! I buy Azure reservations for your CSP customers, as in Partner Center.\n\n' +
      'Type **buy** to start a purchase (or "buy for Contoso"), **orders** for the order history, **help** at any time.\n\n' +
      'Or name the whole purchase in one sentence: "buy 3 D4s v5 west europe 3 years for Contoso".',
    orderHistoryTitle: 'Order history: all customers',
    questionHelp: {
      customer:
        'Choose the customer the reservations are for: click one, type its number, or type part of its name or domain to search (e.g. "contoso").\n\n' +
        'At any question: **back** goes one question back, **orders** shows the order history, **cancel** stops without buying.',
      segment:
        "Choose the customer's segment: it decides the catalog and its prices. Only the segments the customer is qualified for are offered.\n\n" +
        'At any question: **back** goes one question back, **orders** shows the order history, **cancel** stops without buying.',
      reservationType:
        'Choose what to reserve (virtual machines, SQL Database, …): click it, or type its number or name (e.g. "virtual machines").\n\n' +
        'At any question: **back** goes one question back, **orders** shows the order history, **cancel** stops without buying.',
      quantity:
        'Type how many instances the reservation should cover: a whole number in the range shown.\n\n' +
        'At any question: **back** goes one question back, **orders** shows the order history, **cancel** stops without buying.',
      review:
        'Check the order, then click **Buy**. Change quantities, billing, scope or reseller on the card, or type e.g. "quantity 1 3", "monthly 1", "remove 2".\n\n' +
        'At any question: **back** goes one question back, **orders** shows the order history, **cancel** stops without buying.',
    },
    chooseDemoAgent: 'You are not in the agent directory. In this demo, choose who you want to act as:',
    actingAsSam: 'You are now acting as **Sam Visser** (Sales agent, Contoso Cloud Partners B.V.). Type **buy** to start.',
    actingAsBea: 'You are now acting as **Bea Smit** (Billing admin, Contoso Cloud Partners B.V.). Type **buy** to start.',
    salesAgentAtContoso: 'Sales agent · Contoso Cloud Partners B.V.',
    annaIsHerself: 'You are Anna de Vries, Admin agent at Contoso Cloud Partners B.V., in the agent directory: I always act as you, so there is no one to switch to.',
    notRegistered:
      "You are not registered as an agent of a CSP partner in this bot. Ask your partner admin to add your account (your Microsoft Entra object id) to the bot's agent directory, then try again.",
    checkoutLookedUp: 'Partner Center had trouble (no answer in time). I looked the order up by its request id instead of sending it again: it was placed, once.',
    checkoutSentTwice: 'Partner Center had trouble (no answer in time). I sent the same request again (2 attempts, one request id), so it was placed once.',
  },
  card: {
    buy: 'Buy',
    update: 'Update',
    cancel: 'Cancel',
    addToCart: 'Add to cart',
    applyFilters: 'Apply filters',
    clearFilters: 'Clear filters',
    filters: 'Filters: ',
    noFilter: 'none',
    activeFilters: 'Filters:',
    removeFilter: (name: string) => `✕ ${name}`,
    searchText: (text: string) => `“${text}”`,
    noCapacity: '⛔ No capacity in this region now',
    noQuota: "⛔ The subscription's vCPU quota is too low here",
    noMatches: 'No reservations match these filters',
    showing: (from: string, to: string, total: string) => `Showing ${from}–${to} of ${total}`,
    howMany: 'How many instances?',
    reviewTitle: 'Review your order',
    customer: 'Customer: ',
    subscription: 'Subscription: ',
    fixBeforeBuying: 'Fix this before buying:',
    pricePerInstance: 'Price per instance',
    priceForTerm: (price: string, term: string) => `${price} for ${term}`,
    lineTotal: 'Line total',
    monthlyPayment: 'Monthly payment',
    perMonth: (amount: string) => `${amount} per month`,
    billing: 'Billing',
    monthlyAvailable: 'Monthly billing available',
    oneTimeOnly: 'One-time only',
    oneTimeOnlyLine: 'Billing: one-time (this item has no monthly billing plan)',
    oneTime: 'One-time',
    monthly: 'Monthly',
    scope: 'Scope',
    shared: 'Shared',
    reseller: 'Reseller (partner of record)',
    total: (amount: string) => `Total: ${amount}`,
    note: (sentence: string) => `• ${sentence}`,
    orderPlaced: 'Order placed',
    alreadyBought: 'This cart was already bought — nothing new was ordered',
    orderNumber: 'Order number',
    subscriptionFact: 'Subscription',
    scopeFact: 'Scope',
    resellerFact: 'Reseller',
    monthlyFact: 'Monthly',
    orderLine: (armRegion: string, term: string, quantity: number, amount: string) => `${armRegion} · ${term} · quantity ${quantity} · ${amount}`,
    orderTotal: (amount: string) => `Order total: ${amount}`,
    pending: 'Pending',
    historyLine: (quantity: number, title: string, armRegion: string, term: string) => `${quantity} × ${title} (${armRegion}, ${term})`,
    noOrdersYet: 'No orders yet',
  },
  regions: { westeurope: 'West Europe', northeurope: 'North Europe', brazilsouth: 'Brazil South', germanywestcentral: 'Germany West Central' },
  terms: { P1Y: '1 year', P3Y: '3 years' },
  money: {
    eur326_67: '€326.67',
    eur1193_07: '€1,193.07',
    eur3579_21: '€3,579.21',
    eur3920_01: '€3,920.01',
    eur5965_35: '€5,965.35',
    usd1044_90: '$1,044.90',
  },
  notes: {
    pricesExcludeTaxes: 'Prices exclude taxes. Software costs (Windows, SQL Server licences, SUSE and others) are not included in reservation prices.',
    pricesIncludeTaxes:
      'Prices include taxes (partner located in Brazil). Software costs (Windows, SQL Server licences, SUSE and others) are not included in reservation prices.',
    resellerFixed: 'The reseller (partner of record) cannot be changed after purchase (only by cancelling and buying again).',
    resellerRequired: 'Choose the reseller (partner of record) for this purchase. Pick the indirect reseller on the review card. It cannot be changed after purchase.',
    azurePlanSharedScope:
      'Under the Azure plan the scope is Shared when you buy. Buy with Shared scope; the customer can narrow it to a single subscription later in the Azure portal.',
  },
  refusals: {
    r1Northwind: refusal(
      'Northwind Traders (EA only) is not a Cloud Solution Provider partner, so it cannot buy Azure reservations on behalf of customers here.',
      'Customers outside CSP buy reservations themselves in the Azure portal (or through their Enterprise Agreement).'
    ),
    r2BillingAdmin: refusal(
      'Your role (Billing admin) may not buy Azure reservations.',
      'Ask your partner admin for one of: Admin agent, Global admin, Helpdesk agent, Sales agent or User management admin.',
      '900150',
    ),
    r3DevTest: refusal(
      'As a Sales agent you have no access to the subscription "Contoso Retail Dev/Test", so you may not buy against it.',
      "Choose a subscription you have access to, or ask the customer's admin to grant you access to this Azure subscription.",
      '900150',
    ),
    r4Aruba: refusal(
      'Azure reservations are not available in Aruba, where Aruba Sunset Resorts N.V. is located.',
      'Nothing can be bought for this customer through CSP; the customer can use pay-as-you-go instead.',
      '800070',
    ),
    r5OudeHaven: refusal(
      'De Oude Haven BV has no active Azure subscription ("Oude Haven Production" is suspended).',
      'Reactivate a subscription in Partner Center, or have the customer accept the Microsoft Customer Agreement and add an Azure plan.',
      '800012',
    ),
    r5NieuweKlant: refusal('Nieuwe Klant B.V. has no active Azure subscription.', 'Add an Azure plan for the customer now, then buy against it.', '800012'),
    r6FourthCoffee: refusal(
      "Fourth Coffee Ltd's acceptance of the Microsoft Customer Agreement is not confirmed yet, so nothing can be bought for it.",
      "Confirm the customer's acceptance of the Microsoft Customer Agreement in Partner Center (customer account → Agreement), then try again.",
      '13605',
    ),
    r7SharedScope: refusal(
      'Under the Azure plan the scope is Shared when you buy.',
      'Buy with Shared scope; the customer can narrow it to a single subscription later in the Azure portal.'
    ),
    r9ChooseReseller: refusal(
      'Choose the reseller (partner of record) for this purchase.',
      'Pick the indirect reseller on the review card. It cannot be changed after purchase.'
    ),
    r9UnknownReseller: (mpnId: string) =>
      refusal(`MPN ID ${mpnId} is not one of your indirect resellers.`, 'Pick one of your resellers from the list.', '800016'),
    r9OnlyIndirect: refusal('Only an indirect provider associates a reseller with a purchase.', 'Leave the reseller empty.', '800016'),
    r10NoMonthly: (item: string) =>
      refusal(`${item} has no monthly billing plan, so it is billed one-time.`, 'Choose one-time billing for this item.', '10013'),
    r12OutOfRange: (quantity: string) =>
      refusal(
        `${quantity} is outside the allowed range.`,
        'Enter a whole number from 1 to 1,000.',
        '800017',
      ),
    r12Invalid: (shown: string) =>
      refusal(`"${shown}" is not a valid quantity.`, 'Enter a whole number from 1 to 1,000.', '800017'),
    r12LineInvalid: (shown: string) =>
      refusal(
        `Line 1 (Standard_D2s_v5): "${shown}" is not a valid quantity.`,
        'Enter a whole number from 1 to 1,000.',
        '800017',
      ),
    r12LineOutOfRange: (quantity: string) =>
      refusal(
        `Line 1 (Standard_D2s_v5): ${quantity} is outside the allowed range.`,
        'Enter a whole number from 1 to 1,000.',
        '800017',
      ),
    r9ConfirmTailspin: refusal(
      'Confirm the reseller (partner of record) of this purchase: Tailspin Revenda Ltda. (5520101). It cannot be changed after purchase.',
      'Click Buy on the review card with this reseller chosen, or type "reseller 5520101" and then "buy".',
    ),
    r12OverCart: (inCart: string, fix: string) =>
      refusal(`The cart already holds ${inCart} × Standard_D2s_v5, and one order takes at most 1,000 of it.`, fix, '800017'),
    r12AddAtMost: (room: string) => `Add at most ${room} more, or change the quantity on the review.`,
    notYourCustomer: refusal('That customer is not one of your customers.', 'Search for the customer by name or domain and pick it from the list.'),
  },
};

type Phrases = typeof english;

const dutch: Phrases = {
  says: {
    askCustomer: 'Voor welke klant koopt u? Typ een naam of domein, of kies een klant:',
    customersFound: (n, query) => `${n} klant komt overeen met "${query}":`,
    customerChosen: (name) => `✓ Klant: ${name}`,
    askSegment: 'Welk segment?',
    segments: ['Commercieel', 'Onderwijs', 'Overheid', 'Non-profit'],
    commercial: 'Commercieel',
    askReservationType: 'Welk type reservering?',
    vmTitle: 'Virtuele machines',
    suseTitle: 'SUSE Linux Enterprise (software)',
    askSubscription: (customer) => `Aan welk Azure-abonnement van ${customer} moet de reservering worden gekoppeld?`,
    legacySubscription: 'Azure-abonnement (MS-AZR-0145P)',
    planSubscription: 'Azure-plan',
    subscriptionChosen: (name) => `✓ Abonnement: ${name}`,
    subscriptionChosenStart: '✓ Abonnement: ',
    offerAzurePlan: (customer) => `Wilt u nu een Azure-plan toevoegen voor ${customer} en daarop kopen?`,
    yesAddPlan: 'Ja, een Azure-plan toevoegen',
    no: 'Nee',
    azurePlanAdded: 'Er is een Azure-plan toegevoegd en geregistreerd voor reserveringen.',
    askQuantity: (item) => `Hoeveel ${item}? (het aantal actieve instanties waarop de reservering korting geeft, 1–1.000)`,
    lineAdded: (quantity, item, region, term) => `Toegevoegd aan de winkelwagen: ${quantity} × ${item}, ${region}, ${term}.`,
    lineRaised: (added, total, item, region, term) => `Nog ${added} × ${item}, ${region}, ${term} toegevoegd: de winkelwagen bevat er nu ${total}, op één regel.`,
    askNext: 'Nog een item toevoegen, of de winkelwagen controleren?',
    addAnother: 'Nog een item toevoegen',
    reviewCart: 'Winkelwagen controleren',
    updated: 'Bijgewerkt.',
    changedBeforeBuy: 'U hebt de bestelling op de kaart gewijzigd, dus er is nog niets gekocht: controleer het nieuwe totaal en klik opnieuw op **Kopen**.',
    reviewNotUnderstood: 'Die wijziging begreep ik niet. Voorbeelden: "aantal 2 5", "maandelijks 1", "bereik enkel", "wederverkoper 1", "verwijder 2", "kopen".',
    alreadyBought: 'Deze winkelwagen is al gekocht: hier zijn de orders. Er is niets nieuws besteld.',
    cancelled: 'Geannuleerd. Er is niets gekocht.',
    nothingWasBought: 'Er is niets gekocht. Typ **kopen** om opnieuw te beginnen.',
    notUnderstoodTopLevel: 'Dat begreep ik niet. Typ **kopen**, **orders** of **help**.',
    notUnderstoodTwoChoices: 'Kies een van de opties: typ het nummer (1–2) of de naam, of klik erop.',
    staleCard: 'Die kaart hoort bij een eerdere stap en is niet meer actief. Gebruik de nieuwste kaart of typ uw antwoord.',
    usedCard: 'Die kaart is al gebruikt. Typ "kopen" om een nieuwe aankoop te beginnen of "orders" om de ordergeschiedenis te zien.',
    itemNotShown: 'Dat item staat niet in de lijst die ik liet zien. Kies een van de items uit de nieuwste lijst, of filter opnieuw.',
    filterNotUnderstood: 'Ik kon die filters niet lezen. Kies ze uit de lijsten, of typ bijvoorbeeld "D4s v5 west-europa 3 jaar".',
    help:
      '**kopen** (of "kopen voor <klant>"): de stappen van Partner Center: klant → segment → type reservering → abonnement → items zoeken → aantal → controleren → kopen.\n\n' +
      'Of alles in één zin: "koop 3 D4s v5 West-Europa 3 jaar voor Contoso" gaat meteen naar de controle.\n\n' +
      '**orders** (of "orders <klant>"): de ordergeschiedenis, nieuwste eerst.\n\n' +
      'Bij elke stap: **terug** gaat één vraag terug, **annuleren** stopt zonder te kopen, **help** toont deze uitleg.\n\n' +
      'Elke vraag kunt u beantwoorden door te typen of te klikken: een nummer uit een lijst, een naam, "3 jaar", "west-europa".',
    welcomeAnna:
      'Hallo Anna de Vries! Ik koop Azure-reserveringen voor uw CSP-klanten, zoals in Partner Center.\n\n' +
      'Typ **kopen** om een aankoop te beginnen (of "kopen voor Contoso"), **orders** voor de ordergeschiedenis en op elk moment **help**.\n\n' +
      'Of noem de hele aankoop in één zin: "koop 3 D4s v5 West-Europa 3 jaar voor Contoso".',
    orderHistoryTitle: 'Ordergeschiedenis: alle klanten',
    questionHelp: {
      customer:
        'Kies de klant voor wie de reserveringen zijn: klik erop, typ het nummer, of typ een deel van de naam of het domein om te zoeken (bijv. "contoso").\n\n' +
        'Bij elke vraag: **terug** gaat één vraag terug, **orders** toont de ordergeschiedenis, **annuleren** stopt zonder te kopen.',
      segment:
        'Kies het segment van de klant: dat bepaalt de catalogus en de prijzen. Alleen de segmenten waarvoor de klant gekwalificeerd is, worden aangeboden.\n\n' +
        'Bij elke vraag: **terug** gaat één vraag terug, **orders** toont de ordergeschiedenis, **annuleren** stopt zonder te kopen.',
      reservationType:
        'Kies wat u wilt reserveren (virtuele machines, SQL Database, …): klik erop, of typ het nummer of de naam (bijv. "virtuele machines").\n\n' +
        'Bij elke vraag: **terug** gaat één vraag terug, **orders** toont de ordergeschiedenis, **annuleren** stopt zonder te kopen.',
      quantity:
        'Typ hoeveel instanties de reservering moet dekken: een geheel getal binnen het getoonde bereik.\n\n' +
        'Bij elke vraag: **terug** gaat één vraag terug, **orders** toont de ordergeschiedenis, **annuleren** stopt zonder te kopen.',
      review:
        'Controleer de bestelling en klik op **Kopen**. Wijzig aantallen, facturering, bereik of wederverkoper op de kaart, of typ bijv. "aantal 1 3", "maandelijks 1", "verwijder 2".\n\n' +
        'Bij elke vraag: **terug** gaat één vraag terug, **orders** toont de ordergeschiedenis, **annuleren** stopt zonder te kopen.',
    },
    chooseDemoAgent: 'U staat niet in de agentenlijst. Kies in deze demo namens wie u wilt optreden:',
    actingAsSam: 'U treedt nu op als **Sam Visser** (Verkoopagent, Contoso Cloud Partners B.V.). Typ **kopen** om te beginnen.',
    actingAsBea: 'U treedt nu op als **Bea Smit** (Factureringsbeheerder, Contoso Cloud Partners B.V.). Typ **kopen** om te beginnen.',
    salesAgentAtContoso: 'Verkoopagent · Contoso Cloud Partners B.V.',
    annaIsHerself:
      'U bent Anna de Vries, Beheeragent bij Contoso Cloud Partners B.V., in de agentenlijst: ik treed altijd op als u, dus u kunt niet van agent wisselen.',
    notRegistered:
      'U bent in deze bot niet geregistreerd als agent van een CSP-partner. Vraag uw partnerbeheerder om uw account (uw Microsoft Entra-object-id) toe te voegen aan de agentenlijst van de bot en probeer het opnieuw.',
    checkoutLookedUp:
      'Partner Center had problemen (geen antwoord op tijd). Ik heb de order opgezocht met de aanvraag-id in plaats van hem opnieuw te verzenden: hij is één keer geplaatst.',
    checkoutSentTwice:
      'Partner Center had problemen (geen antwoord op tijd). Ik heb dezelfde aanvraag opnieuw verzonden (2 pogingen, één aanvraag-id), dus de order is één keer geplaatst.',
  },
  card: {
    buy: 'Kopen',
    update: 'Bijwerken',
    cancel: 'Annuleren',
    addToCart: 'Toevoegen aan winkelwagen',
    applyFilters: 'Filters toepassen',
    clearFilters: 'Filters wissen',
    filters: 'Filters: ',
    noFilter: 'geen',
    activeFilters: 'Filters:',
    removeFilter: (name: string) => `✕ ${name}`,
    searchText: (text: string) => `„${text}”`,
    noCapacity: '⛔ Nu geen capaciteit in deze regio',
    noQuota: '⛔ Het vCPU-quotum van het abonnement is hier te laag',
    noMatches: 'Geen reserveringen voldoen aan deze filters',
    showing: (from, to, total) => `Resultaten ${from}–${to} van ${total}`,
    howMany: 'Hoeveel instanties?',
    reviewTitle: 'Uw bestelling controleren',
    customer: 'Klant: ',
    subscription: 'Abonnement: ',
    fixBeforeBuying: 'Los dit op voordat u koopt:',
    pricePerInstance: 'Prijs per instantie',
    priceForTerm: (price, term) => `${price} voor ${term}`,
    lineTotal: 'Regeltotaal',
    monthlyPayment: 'Maandelijkse betaling',
    perMonth: (amount) => `${amount} per maand`,
    billing: 'Facturering',
    monthlyAvailable: 'Maandelijkse facturering mogelijk',
    oneTimeOnly: 'Alleen eenmalig',
    oneTimeOnlyLine: 'Facturering: eenmalig (dit item heeft geen optie voor een betalingsplan)',
    oneTime: 'Eenmalig',
    monthly: 'Maandelijks',
    scope: 'Bereik',
    shared: 'Gedeeld',
    reseller: 'Wederverkoper (Partner of Record)',
    total: (amount) => `Totaal: ${amount}`,
    note: (sentence) => `• ${sentence}`,
    orderPlaced: 'Order geplaatst',
    alreadyBought: 'Deze winkelwagen is al gekocht — er is niets nieuws besteld',
    orderNumber: 'Ordernummer',
    subscriptionFact: 'Abonnement',
    scopeFact: 'Bereik',
    resellerFact: 'Wederverkoper',
    monthlyFact: 'Maandelijks',
    orderLine: (armRegion, term, quantity, amount) => `${armRegion} · ${term} · aantal ${quantity} · ${amount}`,
    orderTotal: (amount) => `Ordertotaal: ${amount}`,
    pending: 'In behandeling',
    historyLine: (quantity, title, armRegion, term) => `${quantity} × ${title} (${armRegion}, ${term})`,
    noOrdersYet: 'Nog geen orders',
  },
  regions: { westeurope: 'West-Europa', northeurope: 'Noord-Europa', brazilsouth: 'Brazilië - zuid', germanywestcentral: 'Duitsland - west-centraal' },
  terms: { P1Y: '1 jaar', P3Y: '3 jaar' },
  money: {
    eur326_67: '€\u00a0326,67',
    eur1193_07: '€\u00a01.193,07',
    eur3579_21: '€\u00a03.579,21',
    eur3920_01: '€\u00a03.920,01',
    eur5965_35: '€\u00a05.965,35',
    usd1044_90: 'US$\u00a01.044,90',
  },
  notes: {
    pricesExcludeTaxes:
      'Prijzen zijn exclusief belastingen (btw). Softwarekosten (Windows, SQL Server-licenties, SUSE en andere) zijn niet inbegrepen in de reserveringsprijzen.',
    pricesIncludeTaxes:
      'Prijzen zijn inclusief belastingen (partner gevestigd in Brazilië). Softwarekosten (Windows, SQL Server-licenties, SUSE en andere) zijn niet inbegrepen in de reserveringsprijzen.',
    resellerFixed: 'De wederverkoper (Partner of Record) kan na de aankoop niet meer worden gewijzigd (alleen door te annuleren en opnieuw te kopen).',
    resellerRequired:
      'Kies de wederverkoper (Partner of Record) voor deze aankoop. Kies de indirecte wederverkoper op de controlekaart. Deze kan na de aankoop niet meer worden gewijzigd.',
    azurePlanSharedScope:
      'Onder het Azure-plan is het bereik bij aankoop Gedeeld. Koop met het bereik Gedeeld; de klant kan het later in Azure Portal beperken tot één abonnement.',
  },
  refusals: {
    r1Northwind: weigering(
      'Northwind Traders (EA only) is geen Cloud Solution Provider-partner en kan hier dus geen Azure-reserveringen kopen namens klanten.',
      'Klanten buiten CSP kopen reserveringen zelf in Azure Portal (of via hun Enterprise Agreement).'
    ),
    r2BillingAdmin: weigering(
      'Uw rol (Factureringsbeheerder) mag geen Azure-reserveringen kopen.',
      'Vraag uw partnerbeheerder om een van deze rollen: Beheeragent, Globale beheerder, Helpdeskmedewerker, Verkoopagent of Beheerder gebruikersbeheer.',
      '900150',
    ),
    r3DevTest: weigering(
      'Als verkoopagent hebt u geen toegang tot het abonnement "Contoso Retail Dev/Test", dus u mag daarop niet kopen.',
      'Kies een abonnement waartoe u toegang hebt, of vraag de beheerder van de klant om u toegang te geven tot dit Azure-abonnement.',
      '900150',
    ),
    r4Aruba: weigering(
      'Azure-reserveringen zijn niet beschikbaar in Aruba, waar Aruba Sunset Resorts N.V. is gevestigd.',
      'Voor deze klant kan via CSP niets worden gekocht; de klant kan in plaats daarvan betalen per gebruik.',
      '800070',
    ),
    r5OudeHaven: weigering(
      'De Oude Haven BV heeft geen actief Azure-abonnement ("Oude Haven Production" is opgeschort).',
      'Activeer een abonnement opnieuw in Partner Center, of laat de klant de Microsoft-klantovereenkomst accepteren en voeg een Azure-plan toe.',
      '800012',
    ),
    r5NieuweKlant: weigering('Nieuwe Klant B.V. heeft geen actief Azure-abonnement.', 'Voeg nu een Azure-plan toe voor de klant en koop daarop.', '800012'),
    r6FourthCoffee: weigering(
      'De acceptatie van de Microsoft-klantovereenkomst door Fourth Coffee Ltd is nog niet bevestigd, dus er kan niets voor deze klant worden gekocht.',
      'Bevestig in Partner Center dat de klant de Microsoft-klantovereenkomst heeft geaccepteerd (klantaccount → Overeenkomst) en probeer het opnieuw.',
      '13605',
    ),
    r7SharedScope: weigering(
      'Onder het Azure-plan is het bereik bij aankoop Gedeeld.',
      'Koop met het bereik Gedeeld; de klant kan het later in Azure Portal beperken tot één abonnement.'
    ),
    r9ChooseReseller: weigering(
      'Kies de wederverkoper (Partner of Record) voor deze aankoop.',
      'Kies de indirecte wederverkoper op de controlekaart. Deze kan na de aankoop niet meer worden gewijzigd.'
    ),
    r9UnknownReseller: (mpnId) =>
      weigering(`MPN-id ${mpnId} is niet een van uw indirecte wederverkopers.`, 'Kies een van uw wederverkopers uit de lijst.', '800016'),
    r9OnlyIndirect: weigering('Alleen een indirecte provider koppelt een wederverkoper aan een aankoop.', 'Laat de wederverkoper leeg.', '800016'),
    r10NoMonthly: (item) =>
      weigering(
        `${item} heeft geen optie voor een betalingsplan en wordt daarom eenmalig gefactureerd.`,
        'Kies eenmalige facturering voor dit item.',
        '10013',
      ),
    r12OutOfRange: (quantity) =>
      weigering(
        `${quantity} valt buiten de toegestane waarden.`,
        'Voer een geheel getal van 1 tot 1.000 in.',
        '800017',
      ),
    r12Invalid: (shown) =>
      weigering(`"${shown}" is geen geldig aantal.`, 'Voer een geheel getal van 1 tot 1.000 in.', '800017'),
    r12LineInvalid: (shown) =>
      weigering(
        `Regel 1 (Standard_D2s_v5): "${shown}" is geen geldig aantal.`,
        'Voer een geheel getal van 1 tot 1.000 in.',
        '800017',
      ),
    r12LineOutOfRange: (quantity) =>
      weigering(
        `Regel 1 (Standard_D2s_v5): ${quantity} valt buiten de toegestane waarden.`,
        'Voer een geheel getal van 1 tot 1.000 in.',
        '800017',
      ),
    r9ConfirmTailspin: weigering(
      'Bevestig de wederverkoper (Partner of Record) van deze aankoop: Tailspin Revenda Ltda. (5520101). Deze kan na de aankoop niet meer worden gewijzigd.',
      'Klik op Kopen op de controlekaart met deze wederverkoper gekozen, of typ "wederverkoper 5520101" en daarna "kopen".',
    ),
    r12OverCart: (inCart, fix) =>
      weigering(`De winkelwagen bevat al ${inCart} × Standard_D2s_v5, en één order bevat er hoogstens 1.000.`, fix, '800017'),
    r12AddAtMost: (room) => `Voeg er hoogstens ${room} aan toe, of wijzig het aantal bij het controleren.`,
    notYourCustomer: weigering('Die klant is niet een van uw klanten.', 'Zoek de klant op naam of domein en kies de klant uit de lijst.'),
  },
};

/** What the bot says in `L`'s language, and the steps many cases share. */
export function stepsIn(L: Lang) {
  const phrases = L.locale === 'nl-NL' ? dutch : english;
  const { says, card, regions, terms } = phrases;
  const askCustomer = shows(says.askCustomer);
  const askSubscription = (customer: string) => shows(says.askSubscription(customer));
  const askNext = lines(says.askNext, says.addAnother, says.reviewCart);
  /** The catalog card's active filters, each a button that removes it, and the count: "Filters:\n✕ West Europe\n✕ 3 years\nShowing 1–5 of 64". */
  const filtered = (parts: string[], from: string, to: string, total: string) => lines(card.activeFilters, ...parts.map(card.removeFilter), card.showing(from, to, total));
  const production = says.subscriptionChosen('Contoso Retail Production');
  return {
    ...phrases,
    ...says,
    help: shows(says.help),
    /** A new order: the confirmation card's heading (no sentence above it says the same). */
    placed: line(card.orderPlaced),
    askCustomer,
    /** Contoso Retail is qualified for the commercial segment only: no other is offered. */
    askSegment: re(`${says.askSegment}\n${says.commercial}`, /$/),
    askType: lines(says.askReservationType, says.vmTitle, ''),
    askSubscription,
    askNext,
    review: lines(card.reviewTitle, card.customer, ''),
    filtered,
    production,
    /** Anna's way to the item list of Contoso Retail's production subscription, typed. */
    toContosoItems: [
      [L.type('buy', 'kopen'), askCustomer],
      ['Contoso Retail', says.customerChosen('Contoso Retail B.V.')],
      [L.type('commercial', 'commercieel'), shows(says.askReservationType)],
      [L.type('virtual machines', 'virtuele machines'), askSubscription('Contoso Retail B.V.')],
      ['Contoso Retail Production', production],
    ] as Step[],
    /** From the item list: 3 × D2s_v5, West Europe, 3 years in the cart. */
    threeD2sV5: [
      [L.type('D2s_v5 westeurope 3 years', 'D2s_v5 west-europa 3 jaar'), filtered([regions.westeurope, 'Standard_D2s_v5', terms.P3Y], '1', '1', '1')],
      ['1', says.askQuantity('Standard_D2s_v5')],
      ['3', [says.lineAdded(3, 'Standard_D2s_v5', regions.westeurope, terms.P3Y), askNext]],
    ] as Step[],
  };
}
