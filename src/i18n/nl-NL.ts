// De Nederlandse (nl-NL) berichtencatalogus. Typed as `Catalogue`: every key of en-US.ts must be here,
// with the same parameters, or the project does not compile.
//
// Terms follow /work/shared/domain/glossary.nl-NL.md, not the seed article's machine translation:
// Azure-reservering, Azure-plan (never "Azure-abonnement" for the plan), Microsoft-klantovereenkomst,
// Beheeragent, wederverkoper, Partner of Record, optie voor een betalingsplan, ordernummer. The agent
// is addressed with "u", as in Partner Center's Dutch texts.
import type { ApprovalState, BillingCycle, GatewayFailure, Order, Role, Scope, Segment, SubscriptionStatus, TermDuration } from '../domain/types';
import { unavailableMarkets } from '../rules/markets';
import regionNames from '../data/region-names.json';
import type { Catalogue } from './en-US';
import { wordRuleText, type RuleTexts } from './ruleTexts';

const roles: Record<Role, string> = {
  AdminAgent: 'Beheeragent',
  GlobalAdmin: 'Globale beheerder',
  HelpdeskAgent: 'Helpdeskmedewerker',
  SalesAgent: 'Verkoopagent',
  UserManagementAdmin: 'Beheerder gebruikersbeheer',
  BillingAdmin: 'Factureringsbeheerder',
};

const segments: Record<Segment, string> = {
  commercial: 'Commercieel',
  education: 'Onderwijs',
  government: 'Overheid',
  nonprofit: 'Non-profit',
};

const subscriptionStatus: Record<SubscriptionStatus, string> = {
  active: 'actief',
  suspended: 'opgeschort',
  deleted: 'verwijderd',
  pending: 'in behandeling',
};

const terms: Record<TermDuration, string> = { P1Y: '1 jaar', P3Y: '3 jaar', P5Y: '5 jaar' };

/**
 * Partner Center's reservation types, in Dutch: short and distinct, the service name first, so each fits
 * a button at Teams width (450 px). A type not listed keeps Partner Center's title.
 */
const reservationTypes: Record<string, string> = {
  VirtualMachines: 'Virtuele machines',
  SqlDatabase: 'SQL Database (vCore)',
  SqlManagedInstance: 'SQL Managed Instance (vCore)',
  CosmosDb: 'Cosmos DB (doorvoer)',
  AppServicePremiumV3: 'App Service (Premium v3, Isolated v2)',
  AppServiceIsolatedStamp: 'App Service Environment v2 (stempelkosten)',
  BlobStorage: 'Blob Storage / Data Lake Gen2',
  AzureFiles: 'Azure Files',
  ManagedDisk: 'Managed Disks (Premium SSD)',
  DedicatedHost: 'Dedicated Host',
  Databricks: 'Databricks (vooraf gekocht)',
  SuseLinux: 'SUSE Linux Enterprise (software)',
  RedHat: 'Red Hat Enterprise Linux (software)',
  RedHatOpenShift: 'Red Hat OpenShift',
  MySql: 'Database for MySQL',
  PostgreSql: 'Database for PostgreSQL',
  MariaDb: 'Database for MariaDB',
  RedisCache: 'Cache for Redis',
  DataExplorer: 'Data Explorer (toeslag)',
  SynapseDedicatedSql: 'Synapse Analytics (toegewezen SQL-pool)',
  AzureVMwareSolution: 'VMware Solution',
};

const regions: Record<string, string> = regionNames.nl;

const market = (country: string) => unavailableMarkets.get(country)?.nl ?? country;

/** Een geheel getal zoals nl-NL het schrijft: 1.000. */
const integers = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const int = (n: number) => integers.format(n);

const inactiveList = (inactive: { name: string; status: SubscriptionStatus }[]) =>
  inactive.length ? ` (${inactive.map((s) => `"${s.name}" is ${subscriptionStatus[s.status]}`).join(', ')})` : '';

/** Wat er misging met Partner Center, in een paar woorden ("HTTP 500, geen antwoord op tijd"). */
function gatewayFailures(failures: GatewayFailure[]): string {
  const words = failures.map((f) => {
    const what =
      f.kind === 'throttled'
        ? `afgeremd (429${f.retryAfterSeconds !== undefined ? `, gevraagd ${f.retryAfterSeconds} s te wachten` : ''})`
        : f.kind === 'noAnswer'
          ? 'geen antwoord op tijd'
          : f.kind === 'inProgress'
            ? f.code === '800064'
              ? 'winkelwagen wordt door een andere aanvraag verwerkt (800064)'
              : 'order wordt verwerkt (800060)'
            : f.kind === 'serverError'
              ? `HTTP ${f.status}`
              : `fout ${f.code}`;
    return f.call === 'lookup' ? `order opzoeken: ${what}` : what;
  });
  return [...new Set(words)].join(', ');
}

const tries = (attempts: number) => `${int(attempts)} ${attempts === 1 ? 'poging' : 'pogingen'} met dezelfde aanvraag-id`;

const allowedQuantity = (min: number, max: number) => `een geheel getal van ${int(min)} tot ${int(max)}`;

const approvalStates: Record<ApprovalState, string> = {
  pending: 'wachtend',
  approved: 'goedgekeurd',
  rejected: 'afgewezen',
  withdrawn: 'ingetrokken',
  expired: 'verlopen',
  priceChanged: 'teruggestuurd omdat de prijs is gewijzigd',
  failed: 'goedgekeurd, maar de bestelling is mislukt',
};

const rules: RuleTexts = {
  notCsp: ({ partner }) => ({
    message: `${partner} is geen Cloud Solution Provider-partner en kan hier dus geen Azure-reserveringen kopen namens klanten.`,
    fix: 'Klanten buiten CSP kopen reserveringen zelf in Azure Portal (of via hun Enterprise Agreement).',
  }),
  roleMayNotBuy: ({ role }) => ({
    message: `Uw rol (${roles[role]}) mag geen Azure-reserveringen kopen.`,
    fix: 'Vraag uw partnerbeheerder om een van deze rollen: Beheeragent, Globale beheerder, Helpdeskmedewerker, Verkoopagent of Beheerder gebruikersbeheer.',
  }),
  noSubscriptionAccess: ({ role, subscription }) => ({
    message: `Als ${roles[role].toLowerCase()} hebt u geen toegang tot het abonnement "${subscription}", dus u mag daarop niet kopen.`,
    fix: 'Kies een abonnement waartoe u toegang hebt, of vraag de beheerder van de klant om u toegang te geven tot dit Azure-abonnement.',
  }),
  marketUnavailable: ({ country, customer }) => ({
    message: `Azure-reserveringen zijn niet beschikbaar in ${market(country)}, waar ${customer} is gevestigd.`,
    fix: 'Voor deze klant kan via CSP niets worden gekocht; de klant kan in plaats daarvan betalen per gebruik.',
  }),
  noActiveSubscriptionAddPlan: ({ customer, inactive }) => ({
    message: `${customer} heeft geen actief Azure-abonnement${inactiveList(inactive)}.`,
    fix: 'Voeg nu een Azure-plan toe voor de klant en koop daarop.',
  }),
  noActiveSubscriptionReactivate: ({ customer, inactive }) => ({
    message: `${customer} heeft geen actief Azure-abonnement${inactiveList(inactive)}.`,
    fix: 'Activeer een abonnement opnieuw in Partner Center, of laat de klant de Microsoft-klantovereenkomst accepteren en voeg een Azure-plan toe.',
  }),
  subscriptionNotActive: ({ subscription, status }) => ({
    message: `Het abonnement "${subscription}" is ${subscriptionStatus[status]}; voor reserveringen is een actief abonnement nodig.`,
    fix: 'Kies een actief abonnement.',
  }),
  noSubscriptionChosen: () => ({ message: 'Er is geen abonnement gekozen voor deze winkelwagen.', fix: 'Kies een abonnement.' }),
  agreementNotConfirmed: ({ customer }) => ({
    message: `De acceptatie van de Microsoft-klantovereenkomst door ${customer} is nog niet bevestigd, dus er kan niets voor deze klant worden gekocht.`,
    fix: 'Bevestig in Partner Center dat de klant de Microsoft-klantovereenkomst heeft geaccepteerd (klantaccount → Overeenkomst) en probeer het opnieuw.',
  }),
  legacySubscriptionUnderMca: ({ customer, subscription }) => ({
    message: `${customer} heeft de Microsoft-klantovereenkomst ondertekend, dus reserveringen worden gekocht onder het Azure-plan van de klant, niet onder het verouderde abonnement "${subscription}".`,
    fix: 'Kies het Azure-plan van de klant (of voeg er een toe).',
  }),
  cannotAddAzurePlan: ({ customer }) => ({
    message: `Er kan geen Azure-plan worden toegevoegd voor ${customer}: de klant heeft geen bevestigde acceptatie van de Microsoft-klantovereenkomst.`,
    fix: 'Laat de klant de Microsoft-klantovereenkomst accepteren en bevestig dat in Partner Center, of activeer het Azure-abonnement van de klant opnieuw.',
  }),
  segmentNotQualified: ({ customer, segment, qualified }) => ({
    message: `${customer} is niet gekwalificeerd voor het segment ${segments[segment]}.`,
    fix: `Kies ${qualified.map((s) => segments[s]).join(' of ')}, of laat de kwalificatie van de klant toevoegen in Partner Center.`,
  }),
  notYourCustomer: () => ({
    message: 'Die klant is niet een van uw klanten.',
    fix: 'Zoek de klant op naam of domein en kies de klant uit de lijst.',
  }),
  notCustomersSubscription: ({ customer }) => ({ message: `Dat abonnement is niet van ${customer}.`, fix: 'Kies een abonnement uit de lijst.' }),
  notYourCart: () => ({ message: 'Die winkelwagen is niet van u.', fix: 'Begin een nieuwe aankoop met "kopen".' }),
  approvalNeeded: () => ({
    message: 'Deze bestelling ligt boven de goedkeuringsgrens van uw partner: een tweede agent moet haar goedkeuren voordat ze wordt gekocht.',
    fix: 'Klik op Kopen in het overzicht: de bestelling gaat dan ter goedkeuring naar uw beheeragents en globale beheerders.',
  }),
  approverRole: ({ role }) => ({ message: `Alleen een beheeragent of een globale beheerder kan over goedkeuringen beslissen; u bent ${roles[role]}.`, fix: 'Laat het over aan een beheeragent of globale beheerder van uw partner.' }),
  approverIsBuyer: () => ({ message: 'U hebt deze bestelling zelf geplaatst, dus u kunt haar niet zelf goedkeuren.', fix: 'Een andere beheeragent of globale beheerder van uw partner moet erover beslissen.' }),
  notYourApproval: () => ({ message: 'Dat goedkeuringsverzoek is niet van uw partner.', fix: 'Typ **goedkeuringen** om te zien wat op u wacht.' }),
  noApprover: () => ({
    message: 'Deze bestelling ligt boven de goedkeuringsgrens van uw partner, en geen andere beheeragent of globale beheerder van uw partner kan haar goedkeuren.',
    fix: 'Vraag uw partnerbeheerder een tweede beheeragent toe te voegen of de goedkeuringsgrens te verhogen.',
  }),
  approvalLimitRole: ({ role }) => ({ message: `Alleen een beheeragent of een globale beheerder kan de goedkeuringsgrens instellen; u bent ${roles[role]}.`, fix: 'Vraag het een beheeragent of globale beheerder van uw partner.' }),
  approvalClosed: ({ state }) => ({ message: `Dat goedkeuringsverzoek wacht niet meer: het is ${approvalStates[state]}.`, fix: 'Typ **goedkeuringen** om te zien wat nog wacht.' }),
  approvalExpired: () => ({ message: 'Dat goedkeuringsverzoek is verlopen: er is niets gekocht.', fix: 'De koper kan de winkelwagen opnieuw bekijken en opnieuw op Kopen klikken.' }),
  approvalAlreadyWaiting: () => ({ message: 'Deze bestelling wacht al op goedkeuring, dus ze wordt niet opnieuw gestuurd.', fix: 'Wacht op de beslissing, of typ **intrekken** om ze in te trekken.' }),
  itemNotInCatalog: () => ({ message: 'Dat item staat niet in de catalogus.', fix: 'Kies een item uit de zoekresultaten.' }),
  itemNotPurchasable: ({ item }) => ({ message: `${item} kan op dit moment niet worden gekocht.`, fix: 'Kies een andere grootte, regio of looptijd.' }),
  itemNotSoldHere: ({ item }) => ({
    message: `${item} wordt niet aan deze klant verkocht voor dit segment en dit type reservering.`,
    fix: 'Kies een item uit de zoekresultaten.',
  }),
  inventoryQuota: ({ item, reasons }) => ({
    message: `${item} kan nu niet worden gereserveerd voor dit abonnement: ${reasons}`,
    fix: 'Vraag de klant om een verhoging van het vCPU-quotum (een ondersteuningsaanvraag in Azure Portal), of kies een andere regio of grootte.',
  }),
  inventoryRestricted: ({ item, reasons }) => ({
    message: `${item} kan nu niet worden gereserveerd voor dit abonnement: ${reasons}`,
    fix: 'Kies een andere regio of grootte, of probeer het later opnieuw.',
  }),
  azurePlanSharedScope: () => ({
    message: 'Onder het Azure-plan is het bereik bij aankoop Gedeeld.',
    fix: 'Koop met het bereik Gedeeld; de klant kan het later in Azure Portal beperken tot één abonnement.',
  }),
  singleScopeWarning: ({ subscription }) => ({
    message: `De reserveringskorting geldt alleen voor "${subscription}"; daarvoor is mogelijk een verhoging van het vCPU-quotum nodig (een ondersteuningsaanvraag in Azure Portal).`,
  }),
  sharedScopeNote: () => ({ message: 'De reserveringskorting geldt voor elk abonnement in de factureringscontext van de klant.' }),
  azurePlanScopeNote: () => ({
    message: 'Onder het Azure-plan is het bereik bij aankoop Gedeeld; de klant kan het later in Azure Portal beperken.',
  }),
  resellerOnlyIndirect: () => ({ message: 'Alleen een indirecte provider koppelt een wederverkoper aan een aankoop.', fix: 'Laat de wederverkoper leeg.' }),
  resellerRequired: () => ({
    message: 'Kies de wederverkoper (Partner of Record) voor deze aankoop.',
    fix: 'Kies de indirecte wederverkoper op de controlekaart. Deze kan na de aankoop niet meer worden gewijzigd.',
  }),
  resellerNotConfirmed: ({ name, mpnId }) => ({
    message: `Bevestig de wederverkoper (Partner of Record) van deze aankoop: ${name} (${mpnId}). Deze kan na de aankoop niet meer worden gewijzigd.`,
    fix: `Klik op Kopen op de controlekaart met deze wederverkoper gekozen, of typ "wederverkoper ${mpnId}" en daarna "kopen".`,
  }),
  resellerUnknown: ({ mpnId }) => ({ message: `MPN-id ${mpnId} is niet een van uw indirecte wederverkopers.`, fix: 'Kies een van uw wederverkopers uit de lijst.' }),
  resellerFixedWarning: () => ({ message: 'De Partner of Record kan na de aankoop niet meer worden gewijzigd (alleen door te annuleren en opnieuw te kopen).' }),
  resellerFixedNote: () => ({
    message: 'De wederverkoper (Partner of Record) kan na de aankoop niet meer worden gewijzigd (alleen door te annuleren en opnieuw te kopen).',
  }),
  noMonthlyBilling: ({ item }) => ({
    message: `${item} heeft geen optie voor een betalingsplan en wordt daarom eenmalig gefactureerd.`,
    fix: 'Kies eenmalige facturering voor dit item.',
  }),
  billingFixedNote: () => ({ message: 'De factureringsfrequentie kan na de aankoop niet meer worden gewijzigd.' }),
  pricesExcludeTaxes: () => ({
    message: 'Prijzen zijn exclusief belastingen (btw). Softwarekosten (Windows, SQL Server-licenties, SUSE en andere) zijn niet inbegrepen in de reserveringsprijzen.',
  }),
  pricesIncludeTaxes: () => ({
    message:
      'Prijzen zijn inclusief belastingen (partner gevestigd in Brazilië). Softwarekosten (Windows, SQL Server-licenties, SUSE en andere) zijn niet inbegrepen in de reserveringsprijzen.',
  }),
  quantityInvalid: ({ shown, min, max }) => ({
    message: `"${shown}" is geen geldig aantal.`,
    fix: `Voer ${allowedQuantity(min, max)} in.`,
  }),
  quantityOutOfRange: ({ quantity, min, max }) => ({
    message: `${quantity} valt buiten de toegestane waarden.`,
    fix: `Voer ${allowedQuantity(min, max)} in.`,
  }),
  quantityOverCartMaximum: ({ item, inCart, max }) => ({
    message: `De winkelwagen bevat al ${int(inCart)} × ${item}, en één order bevat er hoogstens ${int(max)}.`,
    fix: inCart < max ? `Voeg er hoogstens ${int(max - inCart)} aan toe, of wijzig het aantal bij het controleren.` : 'Wijzig in plaats daarvan het aantal bij het controleren.',
  }),
  cartEmpty: () => ({ message: 'De winkelwagen is leeg.', fix: 'Voeg een item toe voordat u koopt.' }),
  termFixedNote: () => ({ message: 'Regio, grootte, aantal en looptijd kunnen na de aankoop niet meer worden gewijzigd, behalve door een omruiling.' }),
  fiveYearsOnlyHbv2: () => ({ message: 'Een looptijd van 5 jaar bestaat alleen voor virtuele HBv2-machines.', fix: 'Kies een looptijd van 1 jaar of 3 jaar.' }),
  transferNote: () => ({
    message: 'Reserveringen gaan niet mee wanneer een abonnement wordt overgedragen van Direct/EA naar CSP of tussen partners.',
  }),
  orderListingNote: () => ({
    message: 'Het kan tot 15 minuten duren voordat orders in de orderlijst van Partner Center verschijnen: koop niet opnieuw omdat een order nog niet in de lijst staat.',
  }),
  cartAlreadySubmitted: () => ({
    message: 'Deze winkelwagen is al verzonden; hij wordt geen tweede keer gekocht.',
    fix: 'Open de ordergeschiedenis om de order te zien. Het kan tot 15 minuten duren voordat orders in Partner Center verschijnen.',
  }),
  noPaygPrice: () => ({ message: 'Geen prijs voor betalen per gebruik bekend: geen besparing te tonen.' }),
  lineWithdrawn: ({ line, reason }) => ({
    message: `Regel ${line}: ${wordRuleText(rules, reason).message}`,
    fix: `Verwijder de regel met "verwijder ${line}".`,
  }),
  lineRefused: ({ line, item, reason }) => {
    const { message, fix } = wordRuleText(rules, reason);
    return { message: `Regel ${line} (${item}): ${message}`, ...(fix ? { fix } : {}) };
  },
  pcRoleNoRights: () => ({
    message: 'Partner Center meldt dat uw rol geen rechten heeft om dit te kopen.',
    fix: 'Vraag uw partnerbeheerder om een rol die reserveringen mag kopen.',
  }),
  pcOfferNotInCountry: () => ({
    message: 'Deze aanbieding is niet beschikbaar in het land van de klant.',
    fix: 'Kies een ander item; reserveringen worden niet verkocht in de niet-beschikbare markten.',
  }),
  pcSubscriptionNotActive: () => ({ message: 'Het abonnement is niet actief.', fix: 'Kies een actief abonnement.' }),
  pcSubscriptionNotRegistered: () => ({
    message: 'Het abonnement is nog niet geregistreerd voor reserveringen.',
    fix: 'Wacht een paar minuten tot de registratie is voltooid en koop dan opnieuw.',
  }),
  pcSubscriptionNotEnabled: () => ({
    message: 'Het abonnement is niet ingeschakeld voor de aankoop van reserveringen.',
    fix: 'Kies een ander abonnement of vraag Microsoft-ondersteuning om het in te schakelen.',
  }),
  pcAgreementNotConfirmed: () => ({
    message: 'De acceptatie van de Microsoft-klantovereenkomst door de klant is niet bevestigd.',
    fix: 'Bevestig de acceptatie van de Microsoft-klantovereenkomst in Partner Center en probeer het opnieuw.',
  }),
  pcResellerInvalid: () => ({ message: 'De MPN-id is geen geldige indirecte wederverkoper.', fix: 'Kies een van uw indirecte wederverkopers.' }),
  pcNoBillingPlan: () => ({ message: 'Dit item heeft geen optie voor een betalingsplan.', fix: 'Kies eenmalige facturering voor dit item.' }),
  pcQuantityNotAvailable: () => ({ message: 'Dat aantal is niet beschikbaar.', fix: 'Voer een aantal binnen de toegestane waarden in.' }),
  pcInventoryNotAvailable: () => ({ message: 'Er is geen voorraad beschikbaar voor dit item in die regio.', fix: 'Kies een andere regio of grootte.' }),
  pcOrderInProgress: () => ({ message: 'De order wordt verwerkt.', fix: 'Koop niet opnieuw: open over een paar minuten de ordergeschiedenis.' }),
  pcCartBeingProcessed: () => ({
    message: 'De winkelwagen wordt door een andere aanvraag verwerkt.',
    fix: 'Wacht even en open de ordergeschiedenis; koop niet opnieuw.',
  }),
  pcCartSubmitted: () => ({ message: 'De winkelwagen is al verzonden.', fix: 'Open de ordergeschiedenis om de order te zien.' }),
  pcInvalidInput: () => ({
    message: 'Partner Center kon de aankoop niet aannemen zoals die is verzonden: er klopt iets niet meer (een abonnement, looptijd of item is gewijzigd).',
    fix: 'Controleer de winkelwagen en koop opnieuw; blijft het mislukken, begin dan een nieuwe aankoop met "kopen".',
  }),
  pcCartLineErrors: () => ({
    message: 'Partner Center heeft een of meer regels van de winkelwagen geweigerd.',
    fix: 'Controleer de winkelwagen, wijzig of verwijder de geweigerde regel en koop dan opnieuw.',
  }),
  pcQuotaNotAvailable: () => ({
    message: 'Het vCPU-quotum van het abonnement is te laag om dit item in die regio te reserveren.',
    fix: 'Vraag de klant een verhoging van het vCPU-quotum aan te vragen (een ondersteuningsaanvraag in Azure Portal), of kies een andere regio of grootte.',
  }),
  pcCreditLimit: () => ({
    message: 'Deze aankoop zou de kredietlimiet overschrijden die Microsoft voor uw partneraccount heeft ingesteld.',
    fix: 'Vraag uw partnerbeheerder de kredietlimiet in Partner Center te laten verhogen, of koop minder items.',
  }),
  checkoutNotBought: ({ failures, attempts }) => ({
    message: `Partner Center neemt de order op dit moment niet aan (${gatewayFailures(failures)}; ${tries(attempts)}). Er is niets gekocht en niets in rekening gebracht: Partner Center heeft geen order voor deze winkelwagen.`,
    fix: 'Klik over een minuut of twee opnieuw op Kopen. Dezelfde aanvraag-id wordt verzonden, dus deze winkelwagen kan nooit twee keer worden gekocht.',
  }),
  checkoutUnknown: ({ failures, attempts }) => ({
    message: `Ik kon de aankoop niet bevestigen: Partner Center gaf geen antwoord (${gatewayFailures(failures)}; ${tries(attempts)}) en er is nog geen order voor deze winkelwagen zichtbaar. De order kan nog worden geplaatst: het kan tot 15 minuten duren voordat orders verschijnen.`,
    fix: 'Koop niet opnieuw: ik blijf de order opzoeken en laat u hier weten of die is geplaatst. U kunt ook over een paar minuten **orders** typen.',
  }),
  pcUnknown: ({ code, description }) => ({
    message: `Partner Center heeft de aankoop geweigerd (${code}): ${description}`,
    fix: 'Controleer de winkelwagen en probeer het opnieuw; open eerst de ordergeschiedenis om zeker te weten dat er niets is gekocht.',
  }),
};

const channels: Catalogue['channels'] = {
  webChatPage: {
    lang: 'nl',
    title: 'Azure-reserveringenbot: Web Chat',
    heading: 'Azure-reserveringenbot',
    intro: 'Lokale demo: Web Chat praat met de bot via zijn eigen Direct Line-eindpunt. Niets hier is geverifieerd.',
    sendBoxPlaceholder: 'Typ kopen, orders of help',
    botName: 'Reserveringenbot',
    userName: 'U',
    botAvatarInitials: 'RB',
    userAvatarInitials: 'U',
    loadFailed: 'Web Chat kon niet starten:',
    startupLine: (port) => `Web Chat-pagina op http://localhost:${port}/ (lokaal Direct Line-eindpunt, alleen voor demo's)`,
    disabled:
      'De Web Chat-pagina staat uit: de bot heeft een MicrosoftAppId en draait dus voor een echt kanaal. Stel WEB_CHAT=on in om de lokale pagina toch te tonen.',
    notInstalled: 'De Web Chat-pagina staat uit: deze installatie heeft geen botframework-webchat-pakket (een ontwikkelpakket). Installeer met npm install om de pagina te tonen.',
  },
  terminal: {
    banner: (target) => `Azure-reserveringenbot: terminalchat (${target}). Typ /help voor uitleg over het beantwoorden van kaarten, /quit om te stoppen.`,
    inProcess: (databaseFile) => `in dit proces, database ${databaseFile}`,
    remote: (url) => `bot op ${url}`,
    prompt: 'u> ',
    botPrefix: 'bot> ',
    help: [
      'Typ om met de bot te praten: kopen, orders, help, annuleren, terug, of een antwoord.',
      '[1], [2], …: alleen een nummer drukt op die knop van de nieuwste kaart (of kiest die keuze).',
      '[a], [b], …: "a=waarde" vult dat veld van de nieuwste kaart in (een keuze met het nummer of de naam), "a?" toont de keuzes.',
      'Een nummer hoger dan het aantal knoppen van de kaart wordt als bericht verzonden (bijvoorbeeld een aantal).',
      '/card toont de nieuwste kaart opnieuw, /help toont deze uitleg, /quit (of Ctrl-D) stopt.',
    ].join('\n'),
    noCard: 'Er is geen kaart om op een knop te drukken: typ uw antwoord.',
    unknownField: (letter) => `De nieuwste kaart heeft geen veld [${letter}].`,
    fieldSet: (label, shown) => `${label}: ${shown}`,
    noSuchChoice: (value, label, letter) => `"${value}" is geen van de keuzes van ${label}. Typ "${letter}?" om ze te zien.`,
    choicesOf: (label) => `Keuzes van ${label}:`,
    notAChoiceField: (label) => `${label} is geen keuzelijst: typ een willekeurige waarde.`,
    pressed: (title) => `(op "${title}" gedrukt)`,
    requestFailed: (detail) => `De bot gaf geen antwoord: ${detail}`,
    bye: 'Tot ziens.',
    cardLabels: {
      empty: '(leeg)',
      required: 'verplicht',
      choices: (n) => `${n} keuzes`,
      link: (title, url) => `${title}: ${url}`,
      fields: 'Velden:',
    },
    usage: [
      'Gebruik: npm run chat [-- [--url URL] [--as GEBRUIKERS_ID]]',
      '  (geen --url)  de bot in dit proces uitvoeren op de ingebouwde opslag (DATA_DIR, standaard data/)',
      '  --url URL     met een draaiende bot praten, bijvoorbeeld http://localhost:3978 (die zonder MicrosoftAppId draait)',
      '  --as ID       de gebruikers-id in het kanaal, bijvoorbeeld demo-anna (standaard: een gebruiker die niet in de agentenlijst staat, zodat de bot de demo-agents aanbiedt)',
    ].join('\n'),
  },
  teamsApp: {
    shortName: 'Reserveringen',
    fullName: 'Bot voor het kopen van Azure-reserveringen',
    shortDescription: 'Koop Azure-reserveringen voor uw CSP-klanten, zoals in Partner Center.',
    fullDescription:
      'Een chatbot voor de agents van een Microsoft CSP-partner: hij koopt Azure-reserveringen namens de klanten van de partner, ' +
      'volgens de stappen van Partner Center (klant, segment, type reservering, abonnement, items, aantallen, controleren, kopen) ' +
      'en weigert wat Partner Center zou weigeren. Typ kopen om te beginnen, orders voor de ordergeschiedenis en op elk moment help.',
    developerName: 'Ontwikkelaars reserveringenbot',
    written: (file) => `Teams-app-pakket: ${file}`,
    uploadHint: (botId) => `Bot-id ${botId}; upload het pakket in Teams: Apps → Uw apps beheren → Een app uploaden → Een aangepaste app uploaden.`,
    commands: [
      { title: 'kopen', description: 'Een reservering kopen (of "kopen voor <klant>")' },
      { title: 'orders', description: 'De ordergeschiedenis tonen (of "orders <klant>")' },
      { title: 'help', description: 'Wat de bot kan en hoe u hem antwoordt' },
    ],
  },
};

export const nlNL: Catalogue = {
  locale: 'nl-NL',

  names: {
    roles,
    segments,
    subscriptionStatus,
    terms,
    billingCycles: { one_time: 'Eenmalig', monthly: 'Maandelijks' } satisfies Record<BillingCycle, string>,
    scopes: { single: 'Eén abonnement', shared: 'Gedeeld' } satisfies Record<Scope, string>,
    orderStatus: { pending: 'In behandeling', completed: 'Voltooid', cancelled: 'Geannuleerd' } satisfies Record<Order['status'], string>,
    reservationType: (key, title) => reservationTypes[key] ?? title,
    region: (armName, displayName) => regions[armName] ?? displayName,
    market,
    gatewayFailures,
  },

  rules,

  words: {
    buy: ['kopen', 'koop', 'aanschaffen', 'nieuwe bestelling'],
    reservations: ['reservering', 'reserveringen'],
    forCustomer: ['voor'],
    orders: ['orders', 'ordergeschiedenis', 'bestellingen'],
    ordersOf: ['voor', 'van'],
    switchAgent: ['wissel agent', 'optreden als', 'wie ben ik'],
    greeting: ['hallo', 'hoi', 'goedemorgen', 'goedemiddag', 'goedenavond'],
    cancel: ['annuleren', 'annuleer', 'stoppen'],
    help: ['help', 'hulp'],
    back: ['terug', 'ga terug', 'vorige stap'],
    yes: ['ja', 'toevoegen'],
    no: ['nee'],
    nextPage: ['volgende', 'meer'],
    previousPage: ['vorige'],
    clearFilters: ['alles', 'alle', 'wissen'],
    review: ['controleren', 'klaar', 'gereed', 'winkelwagen controleren'],
    addAnother: ['nog een', 'toevoegen', 'nog een item'],
    reviewBuy: ['kopen', 'bestellen', 'bevestigen'],
    reviewAddItem: ['item toevoegen', 'nog een item toevoegen', 'nog een', 'toevoegen'],
    reviewUpdate: ['bijwerken', 'vernieuwen'],
    quantity: ['aantal'],
    line: ['regel'],
    to: ['naar', 'op'],
    monthly: ['maandelijks'],
    oneTime: ['eenmalig'],
    scope: ['bereik'],
    shared: ['gedeeld'],
    single: ['enkel', 'één abonnement', 'een abonnement'],
    reseller: ['wederverkoper'],
    remove: ['verwijder', 'verwijderen'],
    years: ['jaar', 'jaren'],
    searchNoise: ['in', 'voor', 'de', 'het', 'een', 'looptijd', 'regio', 'grootte', 'serie', 'reservering', 'reserveringen'],
    // goedkeuringen (vier ogen boven de grens van de partner)
    approvals: ['goedkeuringen', 'goedkeuringsverzoeken'],
    withdraw: ['intrekken', 'verzoek intrekken'],
    approvalLimit: ['goedkeuringsgrens'],
    off: ['uit', 'geen'],
    reservationTypes: {
      VirtualMachines: ['virtuele machine', 'virtuele machines'],
      SqlDatabase: ['sql'],
      CosmosDb: ['cosmos'],
      AppServicePremiumV3: ['app service'],
      SuseLinux: ['suse'],
      RedHat: ['red hat'],
    },
  },

  say: {
    refusal: (message, fix, partnerCenterCode) =>
      [`⛔ ${message}`, fix ? `Wat te doen: ${fix}` : undefined, partnerCenterCode ? `_Partner Center-foutcode ${partnerCenterCode}_` : undefined]
        .filter(Boolean)
        .join('\n\n'),
    staleCard: () => 'Die kaart hoort bij een eerdere stap en is niet meer actief. Gebruik de nieuwste kaart of typ uw antwoord.',
    usedCard: () => 'Die kaart is al gebruikt. Typ "kopen" om een nieuwe aankoop te beginnen of "orders" om de ordergeschiedenis te zien.',
    welcome: (name) =>
      `Hallo${name ? ` ${name}` : ''}! Ik koop Azure-reserveringen voor uw CSP-klanten, zoals in Partner Center.\n\n` +
      'Typ **kopen** om een aankoop te beginnen (of "kopen voor Contoso"), **orders** voor de ordergeschiedenis en op elk moment **help**.\n\n' +
      'Of noem de hele aankoop in één zin: "koop 3 D4s v5 West-Europa 3 jaar voor Contoso".',
    help: () =>
      [
        '**kopen** (of "kopen voor <klant>"): de stappen van Partner Center: klant → segment → type reservering → abonnement → items zoeken → aantal → controleren → kopen.',
        'Of alles in één zin: "koop 3 D4s v5 West-Europa 3 jaar voor Contoso" gaat meteen naar de controle.',
        '**orders** (of "orders <klant>"): de ordergeschiedenis, nieuwste eerst.',
        'Bij elke stap: **terug** gaat één vraag terug, **annuleren** stopt zonder te kopen, **help** toont deze uitleg.',
        'Elke vraag kunt u beantwoorden door te typen of te klikken: een nummer uit een lijst, een naam, "3 jaar", "west-europa".',
      ].join('\n\n'),
    questionHelp: (question) =>
      [
        {
          agent: 'Kies namens wie u in deze demo optreedt: klik op een agent, of typ het nummer of de voornaam.',
          customer: 'Kies de klant voor wie de reserveringen zijn: klik erop, typ het nummer, of typ een deel van de naam of het domein om te zoeken (bijv. "contoso").',
          segment: 'Kies het segment van de klant: dat bepaalt de catalogus en de prijzen. Alleen de segmenten waarvoor de klant gekwalificeerd is, worden aangeboden.',
          reservationType: 'Kies wat u wilt reserveren (virtuele machines, SQL Database, …): klik erop, of typ het nummer of de naam (bijv. "virtuele machines").',
          subscription: 'Kies het Azure-abonnement van de klant waaraan de reservering wordt gekoppeld en waarop wordt gefactureerd: klik erop, of typ het nummer of de naam.',
          size: 'Kies de VM-grootte die u bedoelde: klik erop, of typ het nummer of de versie (bijv. "v5").',
          term: 'Kies hoe lang de reservering loopt: klik erop, of typ bijv. "3 jaar".',
          item: 'Kies een item met de knop of het nummer; verfijn de lijst door te typen (bijv. "D4s v5 west-europa 3 jaar"), "volgende" en "vorige" bladeren, ✕ bij een filter verwijdert dat filter, "wissen" verwijdert alle filters.',
          quantity: 'Typ hoeveel instanties de reservering moet dekken: een geheel getal binnen het getoonde bereik.',
          next: 'Voeg nog een item toe aan de winkelwagen, of controleer de winkelwagen om te kopen.',
          review: 'Controleer de bestelling en klik op **Kopen**. Wijzig aantallen, facturering, bereik of wederverkoper op de kaart, of typ bijv. "aantal 1 3", "maandelijks 1", "verwijder 2".',
        }[question],
        'Bij elke vraag: **terug** gaat één vraag terug, **orders** toont de ordergeschiedenis, **annuleren** stopt zonder te kopen.',
      ].join('\n\n'),
    notUnderstoodTopLevel: () => 'Dat begreep ik niet. Typ **kopen**, **orders** of **help**.',
    cancelled: () => 'Geannuleerd. Er is niets gekocht.',
    unknownUserProduction: () =>
      'U bent in deze bot niet geregistreerd als agent van een CSP-partner. Vraag uw partnerbeheerder om uw account (uw Microsoft Entra-object-id) toe te voegen aan de agentenlijst van de bot en probeer het opnieuw.',
    chooseDemoAgent: () => 'U staat niet in de agentenlijst. Kies in deze demo namens wie u wilt optreden:',
    actingAs: (agent, partner) =>
      `U treedt nu op als **${agent.displayName}** (${roles[agent.role]}, ${partner.name}). Typ **kopen** om te beginnen.`,
    directoryIdentity: (agent, partner) =>
      `U bent ${agent.displayName}, ${roles[agent.role]} bij ${partner.name}, in de agentenlijst: ik treed altijd op als u, dus u kunt niet van agent wisselen.`,
    demoAgentSubtitle: (agent, partner) => `${roles[agent.role]} · ${partner.name}`,
    notUnderstoodChoice: (choices) => `Kies een van de opties: typ het nummer (1–${int(choices.length)}) of de naam, of klik erop.`,

    askCustomer: () => 'Voor welke klant koopt u? Typ een naam of domein, of kies een klant:',
    customersFound: (first, shown, total, query) => {
      const last = first + shown - 1;
      const more = last < total ? ', of "volgende"' : '';
      if (query) {
        const range = first === 1 ? `de eerste ${int(shown)} staan hieronder` : `${int(first)}–${int(last)} staan hieronder`;
        return `${int(total)} ${total === 1 ? 'klant komt' : 'klanten komen'} overeen met "${query}"${total > shown ? ` (${range}; typ meer van de naam om te verfijnen${more})` : ''}:`;
      }
      const range = first === 1 ? `de eerste ${int(shown)}` : `${int(first)}–${int(last)}`;
      return `Uw klanten${total > shown ? ` (${range} van ${int(total)}; typ een naam om te zoeken${more})` : ''}:`;
    },
    noCustomerMatches: (query) => `Geen klant komt overeen met "${query}". Typ een andere naam of een ander domein.`,
    answered: (question, answer) =>
      `✓ ${({ customer: 'Klant', segment: 'Segment', reservationType: 'Type reservering', subscription: 'Abonnement', size: 'VM-grootte', term: 'Looptijd', item: 'Item', quantity: 'Aantal' } as const)[question]}: ${answer}`,
    chose: (choice) => `✓ ${choice}`,
    reviewChanged: () => '✓ Gewijzigd: de bijgewerkte bestelling staat hieronder',
    continuedBelow: () => '↓ Verder hieronder',
    reviewBought: (lines, customer) => `✓ Gekocht: ${int(lines)} item${lines === 1 ? '' : 's'} voor ${customer} (zie de bevestiging hieronder)`,
    askSegment: () => 'Welk segment?',
    askReservationType: () => 'Welk type reservering?',
    askSubscription: (customer) => `Aan welk Azure-abonnement van ${customer} moet de reservering worden gekoppeld?`,
    subscriptionSubtitle: (s) => (s.kind === 'azurePlan' ? 'Azure-plan' : `Azure-abonnement (${s.offerId})`),
    offerAzurePlan: (customer) => `Wilt u nu een Azure-plan toevoegen voor ${customer} en daarop kopen?`,
    yes: () => 'Ja, een Azure-plan toevoegen',
    no: () => 'Nee',
    azurePlanAdded: () => 'Er is een Azure-plan toegevoegd en geregistreerd voor reserveringen.',
    nothingBought: () => 'Er is niets gekocht. Typ **kopen** om opnieuw te beginnen.',
    askSize: () => 'Welke VM-grootte bedoelt u?',
    askTerm: () => 'Voor welke looptijd?',
    sentenceUnread: (words) => `"${words}" in uw zin begreep ik niet; ik vraag wat er ontbreekt.`,
    askItem: () =>
      'Kies een item, of filter door te typen, bijvoorbeeld "D4s v5 west-europa 3 jaar". Met "volgende" en "vorige" bladert u door de resultaten.',
    askQuantity: (title, min, max) => `Hoeveel ${title}? (het aantal actieve instanties waarop de reservering korting geeft, ${int(min)}–${int(max)})`,
    lineAdded: (quantity, title, region, term) => `Toegevoegd aan de winkelwagen: ${int(quantity)} × ${title}, ${region}, ${term}.`,
    lineRaised: (added, total, title, region, term) =>
      `Nog ${int(added)} × ${title}, ${region}, ${term} toegevoegd: de winkelwagen bevat er nu ${int(total)}, op één regel.`,
    askNext: () => 'Nog een item toevoegen, of de winkelwagen controleren?',
    addAnother: () => 'Nog een item toevoegen',
    reviewCart: () => 'Winkelwagen controleren',
    askReview: () =>
      'Controleer de bestelling en klik op **Kopen**. U kunt ook typen: "kopen", "aantal 1 3" (regel 1 naar 3), "maandelijks 1", "eenmalig 1", "bereik gedeeld", "wederverkoper 2", "verwijder 2", "item toevoegen".',
    reviewUpdated: () => 'Bijgewerkt.',
    reviewNotUnderstood: () =>
      'Die wijziging begreep ik niet. Voorbeelden: "aantal 2 5", "maandelijks 1", "bereik enkel", "wederverkoper 1", "verwijder 2", "kopen".',
    alreadyBought: () => 'Deze winkelwagen is al gekocht: hier zijn de orders. Er is niets nieuws besteld.',
    noOrdersFor: (name) => `${name} heeft nog geen orders.`,
    orderHistoryTitle: (name) => (name ? `Ordergeschiedenis: ${name}` : 'Ordergeschiedenis: alle klanten'),
    reviewChangedBeforeBuy: () =>
      'U hebt de bestelling op de kaart gewijzigd, dus er is nog niets gekocht: controleer het nieuwe totaal en klik opnieuw op **Kopen**.',
    filterNotUnderstood: () => 'Ik kon die filters niet lezen. Kies ze uit de lijsten, of typ bijvoorbeeld "D4s v5 west-europa 3 jaar".',
    noSuchRow: (rows) => (rows ? `Kies een nummer van 1 tot ${int(rows)}.` : 'Er valt op deze pagina niets te kiezen: wijzig de filters.'),
    itemNotShown: () => 'Dat item staat niet in de lijst die ik liet zien. Kies een van de items uit de nieuwste lijst, of filter opnieuw.',
    noMorePages: () => 'Er zijn geen resultaten meer.',
    severalCustomersForOrders: (n, query) =>
      `${int(n)} klanten komen overeen met "${query}"; hier zijn de orders van al uw klanten. Typ meer van de naam voor één klant.`,
    turnFailed: () =>
      'Sorry, er ging aan mijn kant iets mis en dit gesprek is opnieuw begonnen. Er is niets twee keer gekocht: typ **orders** om te zien wat er is besteld, of **kopen** om opnieuw te beginnen.',
    followUp: {
      provisioningCompleted: (orderId, customer, items) => `Order ${orderId} voor ${customer} is voltooid: Partner Center heeft ${items} ingericht.`,
      provisioningFailed: (orderId, customer, items) =>
        `Partner Center kon order ${orderId} voor ${customer} niet inrichten (${items}). Open de order in Partner Center om te zien waarom, of neem contact op met Microsoft-ondersteuning; koop niet opnieuw voordat u het weet.`,
      checkoutBought: (customer, orderIds) =>
        `Update over de aankoop voor ${customer} die ik niet kon bevestigen: die is toch geplaatst, als ${orderIds.length === 1 ? 'order' : 'orders'} ${orderIds.join(', ')}. Koop niet opnieuw.`,
      checkoutNotBought: (customer, minutes) =>
        `Update over de aankoop voor ${customer} die ik niet kon bevestigen: Partner Center heeft er ${int(minutes)} minuten later geen order voor, dus er is niets gekocht en niets in rekening gebracht. Typ **kopen** om opnieuw te beginnen.`,
      reservationExpiring: (orderId, customer, items, date, days) =>
        `De reserveringen van order ${orderId} voor ${customer} (${items}) lopen af op ${date}, over ${int(days)} dagen. Koop vóór die datum nieuwe om daarna de reserveringskorting te houden: typ **kopen**.`,
    },
    checkoutRecovered: (failures, attempts, foundByLookup) =>
      foundByLookup
        ? `Partner Center had problemen (${gatewayFailures(failures)}). Ik heb de order opgezocht met de aanvraag-id in plaats van hem opnieuw te verzenden: hij is één keer geplaatst.`
        : `Partner Center had problemen (${gatewayFailures(failures)}). Ik heb dezelfde aanvraag opnieuw verzonden (${int(attempts)} pogingen, één aanvraag-id), dus de order is één keer geplaatst.`,
    storageFault: (kind, confirmedOrderIds = []) => {
      const cause = {
        busy: 'de database van de bot is bezet (een ander proces houdt hem vast)',
        readonly: 'de database van de bot is op dit moment alleen-lezen',
        full: 'de database van de bot is vol (er is geen schijfruimte meer voor)',
        io: 'de bot kon niet naar zijn database schrijven',
        unreachable: 'de bot kan zijn databaseserver op dit moment niet bereiken',
      }[kind];
      const retry = {
        busy: 'Verstuur uw laatste bericht zo meteen opnieuw.',
        readonly: 'Verstuur uw laatste bericht opnieuw zodra een beheerder de database weer beschrijfbaar heeft gemaakt.',
        full: 'Verstuur uw laatste bericht opnieuw zodra een beheerder ruimte voor de database heeft vrijgemaakt.',
        io: 'Verstuur uw laatste bericht zo meteen opnieuw; lukt het steeds niet, meld het dan aan uw beheerder.',
        unreachable: 'Verstuur uw laatste bericht zo meteen opnieuw; lukt het steeds niet, meld het dan aan uw beheerder.',
      }[kind];
      if (confirmedOrderIds.length) {
        return `⚠️ Ik kon het gesprek niet opslaan: ${cause}. Uw order is toch geplaatst (${confirmedOrderIds.length === 1 ? 'ordernummer' : 'ordernummers'} ${confirmedOrderIds.join(', ')}) en wordt nooit twee keer gekocht: typ **orders** om hem te zien.`;
      }
      return `⚠️ Ik kon die stap niet opslaan: ${cause}. Er is niets gekocht en uw gesprek staat nog waar het was vóór uw laatste bericht. ${retry}`;
    },
    partnerCenterFault: (failures, confirmedOrderIds = []) =>
      confirmedOrderIds.length
        ? `⚠️ Partner Center gaf geen antwoord (${gatewayFailures(failures)}) nadat uw order was geplaatst. Uw order staat (${confirmedOrderIds.length === 1 ? 'ordernummer' : 'ordernummers'} ${confirmedOrderIds.join(', ')}) en wordt nooit twee keer gekocht: typ **orders** om hem te zien.`
        : `⚠️ Partner Center antwoordt op dit moment niet (${gatewayFailures(failures)}). Met dit bericht is niets gekocht en uw gesprek staat nog waar het was vóór dit bericht: verstuur het zo meteen opnieuw.`,
    anotherAgentsPurchase: () =>
      'Een andere agent koopt in dit gesprek en alleen die kan de vragen ervan beantwoorden: er is niets gewijzigd. Begin uw eigen aankoop in een eigen chat met mij.',
  },

  approvals: {
    waiting: (approvers: string[], expires: string) =>
      `Deze bestelling ligt boven de goedkeuringsgrens van uw partner, dus ik heb haar ter goedkeuring naar ${approvers.join(', ')} gestuurd. Ik laat u hier weten hoe erover is beslist; het verzoek verloopt ${expires}. Typ **intrekken** om het in te trekken.`,
    alreadyWaiting: (approvers: string[], since: string, expires: string) =>
      `Deze bestelling wacht al op goedkeuring: ik heb haar op ${since} naar ${approvers.join(', ')} gestuurd, en het verzoek verloopt ${expires}. Ik heb haar niet opnieuw gestuurd. Typ **intrekken** om het in te trekken.`,
    requested: (buyer: string, customer: string, total: string) => `${buyer} vraagt u een bestelling voor ${customer} goed te keuren: ${total}.`,
    approvedBuyer: (approver: string, customer: string) => `✓ ${approver} heeft uw bestelling voor ${customer} goedgekeurd: ze is geplaatst.`,
    approvedApprover: (buyer: string, customer: string, orders: string) => `✓ U hebt de bestelling van ${buyer} voor ${customer} goedgekeurd: ze is geplaatst (${orders}). Ik heb het ${buyer} laten weten.`,
    rejectedBuyer: (approver: string, customer: string, reason: string) => `✗ ${approver} heeft uw bestelling voor ${customer} afgewezen: “${reason}”. Er is niets gekocht.`,
    rejectedApprover: (buyer: string, customer: string) => `U hebt de bestelling van ${buyer} voor ${customer} afgewezen: er is niets gekocht, en ik heb het ${buyer} laten weten.`,
    priceChangedBuyer: (approver: string, customer: string, before: string, after: string) =>
      `⚠️ ${approver} heeft uw bestelling voor ${customer} goedgekeurd, maar de prijs is intussen gewijzigd: die was ${before} en is nu ${after}. Er is niets gekocht. Typ **kopen** om opnieuw te beginnen en goedkeuring voor de nieuwe prijs te vragen.`,
    priceChangedApprover: (buyer: string, before: string, after: string) =>
      `Er is niets gekocht: de prijs is gewijzigd van ${before} naar ${after} terwijl het verzoek wachtte. Het is teruggegaan naar ${buyer}.`,
    failed: (customer: string) => `De goedgekeurde bestelling voor ${customer} is niet geplaatst:`,
    expiredBuyer: (customer: string) => `Over uw bestelling voor ${customer} is niet op tijd beslist: het goedkeuringsverzoek is verlopen en er is niets gekocht. Typ **kopen** om opnieuw te beginnen.`,
    expiredApprover: (buyer: string, customer: string) => `Het goedkeuringsverzoek van ${buyer} voor ${customer} is verlopen: er is niets gekocht.`,
    withdrawnBuyer: (customer: string) => `Ingetrokken: uw bestelling voor ${customer} wacht niet meer op goedkeuring. Er is niets gekocht.`,
    withdrawnApprover: (buyer: string, customer: string) => `${buyer} heeft het goedkeuringsverzoek voor ${customer} ingetrokken: er is niets gekocht.`,
    nothingToWithdraw: () => 'U hebt geen bestelling die op goedkeuring wacht.',
    you: () => 'u',
    settledApproved: (by: string, buyer: string, customer: string, orders: string) => `✓ Goedgekeurd door ${by}: de bestelling van ${buyer} voor ${customer}, geplaatst (${orders})`,
    settledRejected: (by: string, buyer: string, customer: string, reason: string) => `✗ Afgewezen door ${by}: de bestelling van ${buyer} voor ${customer} (“${reason}”)`,
    settledPriceChanged: (by: string, buyer: string, customer: string) => `⚠️ Goedgekeurd door ${by}, niet gekocht: de prijs van de bestelling van ${buyer} voor ${customer} is intussen gewijzigd`,
    settledFailed: (by: string, buyer: string, customer: string, uncertain: boolean) =>
      `⚠️ Goedgekeurd door ${by}, ${uncertain ? 'nog niet bevestigd' : 'niet geplaatst'}: de bestelling van ${buyer} voor ${customer}`,
    settledWithdrawn: (buyer: string, customer: string) => `✗ Ingetrokken door ${buyer}: de bestelling voor ${customer}, niets gekocht`,
    settledExpired: (buyer: string, customer: string) => `✗ Verlopen: de bestelling van ${buyer} voor ${customer}, niet op tijd beslist`,
    reasonNeeded: () => 'Typ om af te wijzen de reden in het vak op de kaart (hoogstens 500 tekens) en klik dan op Afwijzen.',
    list: (toDecide: string[], mine: string[]) =>
      [
        toDecide.length ? `**Wacht op uw goedkeuring:**\n\n${toDecide.map((l) => `- ${l}`).join('\n')}` : 'Er wacht niets op uw goedkeuring.',
        mine.length ? `**Wacht op goedkeuring door een ander:**\n\n${mine.map((l) => `- ${l}`).join('\n')}\n\nTyp **intrekken** om uw laatste in te trekken.` : 'Geen van uw bestellingen wacht op goedkeuring.',
      ].join('\n\n'),
    listLine: (buyer: string, customer: string, total: string, expires: string) => `${buyer}: ${customer}, ${total} (verloopt ${expires})`,
    limitIs: (amount: string) => `De goedkeuringsgrens is ${amount}: bestellingen daarboven hebben de goedkeuring van een tweede agent nodig.`,
    noLimit: () => 'Er is geen goedkeuringsgrens: bestellingen hebben geen goedkeuring nodig.',
    limitSet: (amount: string) => `Goedkeuringsgrens ingesteld: bestellingen boven ${amount} hebben nu de goedkeuring van een tweede beheeragent of globale beheerder nodig.`,
    limitOff: () => 'Goedkeuringsgrens uit: bestellingen hebben geen goedkeuring meer nodig.',
    limitNotUnderstood: () => 'Typ bijvoorbeeld **goedkeuringsgrens 100000 EUR** (een bedrag en een valuta), of **goedkeuringsgrens uit**.',
  },

  cards: {
    listSeparator: ' · ',
    orderLineSeparator: '; ',
    size: (cores, ram) => [cores === null ? null : `${cores} vCPU`, ram === null ? null : `${ram} GB RAM`].filter(Boolean).join(' · '),
    searchText: (text) => `„${text}”`,
    filters: 'Filters: ',
    noFilter: 'geen',
    activeFilters: 'Filters:',
    removeFilter: (name) => `✕ ${name}`,
    removeFilterTooltip: (name) => `Filter ${name} verwijderen`,
    noCapacity: '⛔ Nu geen capaciteit in deze regio',
    noQuota: '⛔ Het vCPU-quotum van het abonnement is hier te laag',
    showing: (from, to, total) => `Resultaten ${from}–${to} van ${total}`,
    atLeast: (count) => `${count}+`,
    noMatches: 'Geen reserveringen voldoen aan deze filters',
    region: 'Regio',
    term: 'Looptijd',
    sizeLabel: 'Grootte',
    pricePerInstance: 'Prijs per instantie',
    priceForTerm: (price, term) => `${price} voor ${term}`,
    billing: 'Facturering',
    monthlyAvailable: 'Maandelijkse facturering mogelijk',
    oneTimeOnly: 'Alleen eenmalig',
    previousPage: 'Vorige pagina',
    nextPage: 'Volgende pagina',
    anyRegion: "Alle regio's",
    family: 'Familie (serie)',
    any: 'Alle',
    sizeOrName: 'Grootte of naam',
    sizeOrNameExample: 'bijv. D4s v5',
    applyFilters: 'Filters toepassen',
    clearFilters: 'Filters wissen',
    howMany: 'Hoeveel instanties?',
    quantityLabel: (min, max) => `Aantal (aantal instanties, ${min}–${max})`,
    quantityError: (min, max) => `Voer een geheel aantal instanties in van ${min} tot ${max}.`,
    addToCart: 'Toevoegen aan winkelwagen',
    reviewTitle: 'Uw bestelling controleren',
    customer: 'Klant: ',
    subscription: 'Abonnement: ',
    fixBeforeBuying: 'Los dit op voordat u koopt:',
    lineTotal: 'Regeltotaal',
    monthlyPayment: 'Maandelijkse betaling',
    perMonth: (amount) => `${amount} per maand`,
    billingFrequency: 'Factureringsfrequentie',
    chooseBilling: 'Kies eenmalige of maandelijkse facturering.',
    oneTimeOnlyLine: 'Facturering: eenmalig (dit item heeft geen optie voor een betalingsplan)',
    scope: 'Bereik',
    chooseScope: 'Kies het bereik van de reservering.',
    scopeNote: (scope, note) => `${scope}: ${note}`,
    reseller: 'Wederverkoper (Partner of Record)',
    chooseReseller: 'Kies een wederverkoper',
    resellerChoice: (name, mpnId) => `${name} (${mpnId})`,
    total: (total) => `Totaal: ${total}`,
    savings: (saving, percent, payg, months, utilisation) =>
      `Besparing: ${saving} (${percent}) t.o.v. ${payg} betalen per gebruik; terugverdiend na ${months} mnd vol gebruik (${utilisation} gebruik)`,
    savingsUnknown: (sentence) => `Besparing: ${sentence}`,
    savingsPartial: 'Artikelen zonder prijs voor betalen per gebruik tellen niet mee.',
    note: (text) => `• ${text}`,
    buy: 'Kopen',
    update: 'Bijwerken',
    addAnotherItem: 'Nog een item toevoegen',
    cancel: 'Annuleren',
    // goedkeuringsverzoek (het overzicht, alleen-lezen)
    approvalTitle: 'Goedkeuring gevraagd',
    requestedBy: (buyer: string) => `Gevraagd door ${buyer}`,
    expires: (when: string) => `Verloopt ${when}`,
    rejectReason: 'Reden (om af te wijzen)',
    rejectReasonPlaceholder: 'Waarom niet?',
    quantityShort: 'Aantal',
    approve: 'Goedkeuren',
    reject: 'Afwijzen',
    orderPlaced: 'Order geplaatst',
    alreadyBought: 'Deze winkelwagen is al gekocht — er is niets nieuws besteld',
    nothingOrdered: 'Er is geen order geplaatst',
    orderNumber: 'Ordernummer',
    subscriptionLabel: 'Abonnement',
    resellerOfRecord: 'Wederverkoper',
    portalLink: 'Azure Portal',
    status: 'Status',
    created: 'Gemaakt',
    orderLine: (region, term, quantity, total) => `${region} · ${term} · aantal ${quantity} · ${total}`,
    orderTotal: (total) => `Ordertotaal: ${total}`,
    someNotOrdered: 'Sommige items konden niet worden besteld:',
    orderError: (description, code, orderGroupId) => `${description} (fout ${code}, ordergroep ${orderGroupId})`,
    listingNote:
      'Het kan tot 15 minuten duren voordat orders in de orderlijst van Partner Center verschijnen. Koop niet opnieuw omdat een order nog niet in de lijst staat.',
    manageInPortal: 'Beheren in Azure Portal',
    noOrdersYet: 'Nog geen orders',
    ordersShowing: (from, to, total) => `Orders ${from}–${to} van ${total}, nieuwste eerst`,
    historyLine: (quantity, name, region, term) => `${quantity} × ${name} (${region}, ${term})`,
  },
  channels,
};
