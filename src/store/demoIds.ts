// Stable ids of the demo world, so both seeds (the bot's agents, the embedded Partner Center's customers),
// the README and the tests name the same people, customers and subscriptions.
export const demoPartners = {
  contosoNl: 'partner-contoso-nl', // direct-bill CSP partner, Netherlands, EUR
  fabrikamBr: 'partner-fabrikam-br', // indirect provider, Brazil, USD, prices include taxes
  northwindEa: 'partner-northwind-ea', // not enrolled in CSP (R1)
} as const;

export const demoResellers = {
  tailspin: '5520101',
  wingtip: '5520102',
  adatum: '5520103',
} as const;

export const demoAgents = {
  // Contoso (direct, NL)
  anna: 'a0000000-0000-4000-8000-000000000001', // Admin agent
  gijs: 'a0000000-0000-4000-8000-000000000002', // Global admin
  hanna: 'a0000000-0000-4000-8000-000000000003', // Helpdesk agent, access to some subscriptions
  sam: 'a0000000-0000-4000-8000-000000000004', // Sales agent, access to some subscriptions
  umar: 'a0000000-0000-4000-8000-000000000005', // User management admin
  bea: 'a0000000-0000-4000-8000-000000000006', // Billing admin: refused (R2)
  // Fabrikam (indirect provider, BR)
  lucas: 'a0000000-0000-4000-8000-000000000011', // Admin agent
  mariana: 'a0000000-0000-4000-8000-000000000012', // Sales agent, access to every subscription
  // Northwind (not CSP)
  nora: 'a0000000-0000-4000-8000-000000000021', // Admin agent of a non-CSP partner: refused (R1)
} as const;

export const demoCustomers = {
  // Contoso's customers
  contosoRetail: 'c0000000-0000-4000-8000-000000000001', // NL, legacy Azure, two active subscriptions
  alpineSki: 'c0000000-0000-4000-8000-000000000002', // DE, MCA confirmed, Azure plan (shared scope only)
  brouwerij: 'c0000000-0000-4000-8000-000000000003', // NL, name with an apostrophe
  cafeNoel: 'c0000000-0000-4000-8000-000000000004', // FR, name with accents
  markdownLtd: 'c0000000-0000-4000-8000-000000000005', // GB, name with markdown characters
  arubaResorts: 'c0000000-0000-4000-8000-000000000006', // AW, unavailable market (R4)
  nieuweKlant: 'c0000000-0000-4000-8000-000000000007', // NL, no Azure subscription, MCA confirmed: Azure plan can be added
  oudeHaven: 'c0000000-0000-4000-8000-000000000008', // BE, only subscription suspended, MCA not signed
  fourthCoffee: 'c0000000-0000-4000-8000-000000000009', // GB, MCA acceptance not confirmed (R6)
  universiteitZuid: 'c0000000-0000-4000-8000-000000000010', // NL, education qualified, legacy Azure
  // Fabrikam's customers
  padaria: 'c0000000-0000-4000-8000-000000000101', // BR, legacy Azure, sold through Tailspin
  ipeTecnologia: 'c0000000-0000-4000-8000-000000000102', // BR, MCA confirmed, Azure plan
  // Northwind's customer
  northwindClient: 'c0000000-0000-4000-8000-000000000201', // US, legacy Azure
} as const;

export const demoSubscriptions = {
  contosoRetailProduction: 'b0000000-0000-4000-8000-000000000001', // active, legacy; Sam and Hanna have access
  contosoRetailDevTest: 'b0000000-0000-4000-8000-000000000002', // active, legacy; Sam and Hanna have NO access
  alpineSkiPlan: 'b0000000-0000-4000-8000-000000000003', // active, Azure plan
  oudeHavenSuspended: 'b0000000-0000-4000-8000-000000000008', // suspended
  padariaProduction: 'b0000000-0000-4000-8000-000000000101', // active, legacy
  ipePlan: 'b0000000-0000-4000-8000-000000000102', // active, Azure plan
  northwindClientMain: 'b0000000-0000-4000-8000-000000000201', // active, legacy
  // Named for the agents' access (R3): Sam and Hanna have these too, Mariana every Fabrikam subscription.
  brouwerijProductie: 'b88b5595-bfd2-526f-9105-aa1082965c27',
  cafeNoelPlan: 'a807afa9-68fd-5f0a-91e9-86e68214138d',
  construtoraProducao: 'c2786c6f-edca-52a6-bb43-d083030cf7bd',
  cooperativaPlan: '135b1763-b699-5006-80a4-b6d92439caae',
  andinasPlan: '4fa8ddfd-4da5-5695-a7da-284534c354e1',
  taqueriaProduccion: 'f691cd13-3770-53b4-b0e7-47f05db71ad9',
  pampaPlan: 'fd4cb18d-72b5-5617-9efc-35eb749a798d',
  lakeshoreProduction: '607e616f-6daf-5178-a07c-0c303c47a033',
} as const;
