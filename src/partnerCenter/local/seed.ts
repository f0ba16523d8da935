// The embedded Partner Center's demo world: resellers, customers, subscriptions and a Partner Center-like
// reservations catalog, written into its empty, migrated file in one transaction. The partners and their
// agents are the bot's own (src/store/seed.ts).
// Deterministic: fixed dates, ids and prices derive from names by hashing (no Math.random, no clock).
import { createHash } from 'node:crypto';
import catalogReference from '../../data/catalog-reference.json';
import unavailableMarketsFile from '../../data/unavailable-markets.json';
import {
  azurePlanOfferId,
  legacyAzureOfferId,
  segments,
  type AgreementStatus,
  type RegistrationStatus,
  type Segment,
  type SubscriptionKind,
  type SubscriptionStatus,
} from '../../domain/types';
import { statement, type Db } from '../../store/db';
import { demoCustomers, demoPartners, demoResellers, demoSubscriptions } from '../../store/demoIds';

// ---------------------------------------------------------------------------------------------
// Markets and money

export interface Currency {
  code: string;
  symbol: string;
}

/** The currency a market's customers are billed in. Brazil and Latin America: CSP bills in USD. */
export const marketCurrencies: Record<string, Currency> = {
  NL: { code: 'EUR', symbol: '€' },
  BE: { code: 'EUR', symbol: '€' },
  DE: { code: 'EUR', symbol: '€' },
  FR: { code: 'EUR', symbol: '€' },
  ES: { code: 'EUR', symbol: '€' },
  IT: { code: 'EUR', symbol: '€' },
  IE: { code: 'EUR', symbol: '€' },
  AT: { code: 'EUR', symbol: '€' },
  GB: { code: 'GBP', symbol: '£' },
  SE: { code: 'SEK', symbol: 'kr' },
  DK: { code: 'DKK', symbol: 'kr' },
  PL: { code: 'PLN', symbol: 'zł' },
  CH: { code: 'CHF', symbol: 'CHF' },
  US: { code: 'USD', symbol: '$' },
  BR: { code: 'USD', symbol: '$' },
  MX: { code: 'USD', symbol: '$' },
  AR: { code: 'USD', symbol: '$' },
  CL: { code: 'USD', symbol: '$' },
};

/** Fixed demo exchange rates: units of the currency per USD. */
export const usdExchangeRates: Record<string, number> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  DKK: 6.9,
  PLN: 4.0,
  SEK: 10.5,
  CHF: 0.88,
};

/** Price factor per segment: education and nonprofit are 10% cheaper. */
const segmentFactor: Record<Segment, number> = { commercial: 1, education: 0.9, government: 1, nonprofit: 0.9 };

const HOURS_PER_YEAR = 730 * 12;

// ---------------------------------------------------------------------------------------------
// Deterministic helpers

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A name-based GUID (SHA-1, formatted as a version-5 UUID). */
function guidFrom(name: string): string {
  const b = createHash('sha1').update(`reservations-demo:${name}`).digest();
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Digits and consonants (no vowels, no Y), like the characters of Partner Center ids. */
const idAlphabet = '0123456789BCDFGHJKLMNPQRSTVWXZ';
const idSpace = idAlphabet.length ** 4;

function code4(n: number): string {
  let s = '';
  for (let i = 0; i < 4; i++) {
    s = idAlphabet[n % idAlphabet.length] + s;
    n = Math.floor(n / idAlphabet.length);
  }
  return s;
}

/** Sequential 4-character SKU id within a product, as Partner Center numbers them: 0001, 0002, ... 000A. */
function skuIdOf(index: number): string {
  return (index + 1).toString(36).toUpperCase().padStart(4, '0');
}

/** Fixed timestamps, 17 days apart from 2023-01-15 09:00 UTC. */
function fixedDate(index: number): string {
  return new Date(Date.UTC(2023, 0, 15, 9) + index * 17 * 86_400_000).toISOString().replace('.000Z', 'Z');
}

// ---------------------------------------------------------------------------------------------
// Directory

const resellers = [
  { mpnId: demoResellers.tailspin, name: 'Tailspin Revenda Ltda.' },
  { mpnId: demoResellers.wingtip, name: 'Wingtip Soluções em Nuvem' },
  { mpnId: demoResellers.adatum, name: 'Adatum Reseller' },
];

interface SubscriptionSpec {
  /** A demo id, or a key from which a deterministic GUID is derived. */
  id?: string;
  kind: SubscriptionKind;
  friendlyName: string;
  status?: SubscriptionStatus;
  registration?: RegistrationStatus;
}

interface CustomerSpec {
  key: string;
  id?: string;
  partnerId: string;
  name: string;
  domain: string;
  country: string;
  agreement: AgreementStatus;
  qualifications?: Segment[];
  reseller?: string;
  subscriptions: SubscriptionSpec[];
}

const legacy = (friendlyName: string, extra: Partial<SubscriptionSpec> = {}): SubscriptionSpec => ({ kind: 'legacyAzure', friendlyName, ...extra });
const plan = (extra: Partial<SubscriptionSpec> = {}): SubscriptionSpec => ({ kind: 'azurePlan', friendlyName: 'Azure plan', ...extra });
const C = demoPartners.contosoNl;
const F = demoPartners.fabrikamBr;

const customers: CustomerSpec[] = [
  // Contoso's demo customers (demoIds.ts)
  {
    key: 'contosoRetail', id: demoCustomers.contosoRetail, partnerId: C, name: 'Contoso Retail B.V.', domain: 'contosoretail', country: 'NL', agreement: 'notSigned',
    subscriptions: [
      legacy('Contoso Retail Production', { id: demoSubscriptions.contosoRetailProduction }),
      legacy('Contoso Retail Dev/Test', { id: demoSubscriptions.contosoRetailDevTest, registration: 'notregistered' }),
    ],
  },
  { key: 'alpineSki', id: demoCustomers.alpineSki, partnerId: C, name: 'Alpine Ski House GmbH', domain: 'alpineskihouse', country: 'DE', agreement: 'confirmed', subscriptions: [plan({ id: demoSubscriptions.alpineSkiPlan })] },
  {
    key: 'brouwerij', id: demoCustomers.brouwerij, partnerId: C, name: "Brouwerij 't Zonnetje", domain: 'brouwerijzonnetje', country: 'NL', agreement: 'notSigned',
    subscriptions: [legacy("Brouwerij 't Zonnetje Productie", { id: demoSubscriptions.brouwerijProductie }), legacy('Brouwerij Proefomgeving (opgeheven)', { status: 'deleted' })],
  },
  { key: 'cafeNoel', id: demoCustomers.cafeNoel, partnerId: C, name: 'Café Noël SARL', domain: 'cafenoel', country: 'FR', agreement: 'confirmed', subscriptions: [plan({ id: demoSubscriptions.cafeNoelPlan })] },
  { key: 'markdownLtd', id: demoCustomers.markdownLtd, partnerId: C, name: '*Bold* _Ideas_ [Ltd] #1', domain: 'boldideas', country: 'GB', agreement: 'notSigned', subscriptions: [legacy('Bold Ideas Production')] },
  { key: 'arubaResorts', id: demoCustomers.arubaResorts, partnerId: C, name: 'Aruba Sunset Resorts N.V.', domain: 'arubasunsetresorts', country: 'AW', agreement: 'notSigned', subscriptions: [legacy('Aruba Sunset Resorts Production')] },
  { key: 'nieuweKlant', id: demoCustomers.nieuweKlant, partnerId: C, name: 'Nieuwe Klant B.V.', domain: 'nieuweklant', country: 'NL', agreement: 'confirmed', subscriptions: [] },
  {
    key: 'oudeHaven', id: demoCustomers.oudeHaven, partnerId: C, name: 'De Oude Haven BV', domain: 'oudehaven', country: 'BE', agreement: 'notSigned',
    subscriptions: [legacy('Oude Haven Production', { id: demoSubscriptions.oudeHavenSuspended, status: 'suspended' })],
  },
  { key: 'fourthCoffee', id: demoCustomers.fourthCoffee, partnerId: C, name: 'Fourth Coffee Ltd', domain: 'fourthcoffee', country: 'GB', agreement: 'notConfirmed', subscriptions: [legacy('Fourth Coffee Production')] },
  {
    key: 'universiteitZuid', id: demoCustomers.universiteitZuid, partnerId: C, name: 'Universiteit Zuid', domain: 'universiteitzuid', country: 'NL', agreement: 'notSigned',
    qualifications: ['commercial', 'education'], subscriptions: [legacy('Universiteit Zuid Onderzoek')],
  },
  // Contoso's other customers
  { key: 'relecloud', partnerId: C, name: 'Relecloud Ibérica S.L.', domain: 'relecloudiberica', country: 'ES', agreement: 'confirmed', subscriptions: [plan()] },
  { key: 'cantina', partnerId: C, name: 'Cantina Sociale del Chianti S.r.l.', domain: 'cantinachianti', country: 'IT', agreement: 'notSigned', subscriptions: [legacy('Cantina Produzione')] },
  { key: 'ljusgarden', partnerId: C, name: 'Ljusgården Fastigheter AB', domain: 'ljusgarden', country: 'SE', agreement: 'confirmed', subscriptions: [plan()] },
  {
    key: 'cairde', partnerId: C, name: 'Cairde na Gaeilge Trust CLG', domain: 'cairdenagaeilge', country: 'IE', agreement: 'confirmed',
    qualifications: ['commercial', 'nonprofit'], subscriptions: [plan()],
  },
  {
    key: 'regionOstjylland', partnerId: C, name: 'Region Østjylland Digital', domain: 'regionostjylland', country: 'DK', agreement: 'notSigned',
    qualifications: ['commercial', 'government'], subscriptions: [legacy('Region Østjylland Borgerservice')],
  },
  { key: 'wroclaw', partnerId: C, name: 'Wrocławskie Centrum Danych Sp. z o.o.', domain: 'wroclawdane', country: 'PL', agreement: 'notSigned', subscriptions: [legacy('WCD Produkcja')] },
  { key: 'tulpen', partnerId: C, name: 'Tulpen & Zonen B.V.', domain: 'tulpenzonen', country: 'NL', agreement: 'confirmed', subscriptions: [plan()] },
  // Fabrikam's customers: each sold through one of its resellers
  {
    key: 'padaria', id: demoCustomers.padaria, partnerId: F, name: 'Padaria Pão Dourado Ltda.', domain: 'padariapaodourado', country: 'BR', agreement: 'notSigned',
    reseller: demoResellers.tailspin, subscriptions: [legacy('Padaria Produção', { id: demoSubscriptions.padariaProduction })],
  },
  {
    key: 'ipeTecnologia', id: demoCustomers.ipeTecnologia, partnerId: F, name: 'Ipê Tecnologia S.A.', domain: 'ipetecnologia', country: 'BR', agreement: 'confirmed',
    reseller: demoResellers.wingtip, subscriptions: [plan({ id: demoSubscriptions.ipePlan })],
  },
  { key: 'construtora', partnerId: F, name: 'Construtora São Jorge Ltda.', domain: 'construtorasaojorge', country: 'BR', agreement: 'notSigned', reseller: demoResellers.adatum, subscriptions: [legacy('Construtora Produção', { id: demoSubscriptions.construtoraProducao })] },
  { key: 'cooperativa', partnerId: F, name: 'Cooperativa Agrícola Vale Verde', domain: 'valeverde', country: 'BR', agreement: 'confirmed', reseller: demoResellers.tailspin, subscriptions: [plan({ id: demoSubscriptions.cooperativaPlan })] },
  { key: 'andinas', partnerId: F, name: 'Soluciones Andinas SpA', domain: 'solucionesandinas', country: 'CL', agreement: 'confirmed', reseller: demoResellers.wingtip, subscriptions: [plan({ id: demoSubscriptions.andinasPlan })] },
  { key: 'taqueria', partnerId: F, name: 'Taquería El Güero S.A. de C.V.', domain: 'taqueriaelguero', country: 'MX', agreement: 'notSigned', reseller: demoResellers.adatum, subscriptions: [legacy('Taquería Producción', { id: demoSubscriptions.taqueriaProduccion })] },
  { key: 'pampa', partnerId: F, name: 'Estancia La Pampa S.R.L.', domain: 'estancialapampa', country: 'AR', agreement: 'confirmed', reseller: demoResellers.tailspin, subscriptions: [plan({ id: demoSubscriptions.pampaPlan })] },
  { key: 'lakeshore', partnerId: F, name: 'Lakeshore Analytics Inc.', domain: 'lakeshoreanalytics', country: 'US', agreement: 'notSigned', reseller: demoResellers.wingtip, subscriptions: [legacy('Lakeshore Production', { id: demoSubscriptions.lakeshoreProduction })] },
  // Northwind's customer (Northwind is not a CSP partner)
  {
    key: 'northwindClient', id: demoCustomers.northwindClient, partnerId: demoPartners.northwindEa, name: 'Northwind Client Corp.', domain: 'northwindclient', country: 'US', agreement: 'notSigned',
    subscriptions: [legacy('Northwind Client Main', { id: demoSubscriptions.northwindClientMain })],
  },
];

// ---------------------------------------------------------------------------------------------
// Catalog

type RefReservationType = (typeof catalogReference.reservationTypes)[number];
const refRegions = new Map(catalogReference.regions.map((r) => [r.armName, r]));
const paygHourlyUsd = catalogReference.paygHourlyUsd as Record<string, number>;

/** VM series in the demo catalog and how many priced sizes of each (smallest first). */
const vmSeries: { series: string; count: number }[] = [
  { series: 'DSv2', count: 5 },
  { series: 'Dsv3', count: 7 },
  { series: 'Dsv5', count: 8 },
  { series: 'Ddsv5', count: 6 },
  { series: 'Dasv5', count: 6 },
  { series: 'Esv3', count: 6 },
  { series: 'Esv5', count: 8 },
  { series: 'Easv5', count: 6 },
  { series: 'Fsv2', count: 6 },
  { series: 'Lsv3', count: 3 },
  { series: 'NCasT4_v3', count: 3 },
];

/** Regions (ARM names) where VM reservations are sold to the commercial segment. */
const vmRegions = [
  'westeurope', 'northeurope', 'germanywestcentral', 'francecentral', 'uksouth', 'ukwest', 'swedencentral',
  'polandcentral', 'italynorth', 'spaincentral', 'switzerlandnorth', 'norwayeast', 'eastus', 'eastus2',
  'westus2', 'centralus', 'southcentralus', 'brazilsouth', 'mexicocentral', 'canadacentral',
];

/** The only regions where education, government and nonprofit are offered (keeps the catalog small); commercial: all. */
const otherSegmentRegions = new Set(['westeurope', 'northeurope', 'eastus', 'brazilsouth']);

/** Regions where the non-VM reservation types are offered. */
const otherTypeRegions = ['westeurope', 'northeurope', 'uksouth', 'eastus', 'brazilsouth'];

/** What the inventory check refuses now: a size without capacity in one region, one without quota in another. */
const inventoryRestrictions = [
  {
    armSkuName: 'Standard_D96s_v5',
    armRegionName: 'westeurope',
    reasonCode: 'InventoryNotAvailable',
    description: 'There is no capacity for Standard_D96s_v5 in West Europe at the moment.',
  },
  {
    armSkuName: 'Standard_E64s_v5',
    armRegionName: 'northeurope',
    reasonCode: 'QuotaNotAvailable',
    description: "The subscription's vCPU quota for the Esv5 family in North Europe is too low.",
  },
];

/** SKUs sold but not purchasable (isPurchasable false): one VM size in one region. */
const notPurchasable = { armSkuName: 'Standard_D16s_v5', armRegionName: 'northeurope' };

/** The deterministic regional price factor, 0.95-1.25; East US (the payg reference) is 1. */
function regionFactor(armRegionName: string): number {
  if (armRegionName === 'eastus') return 1;
  return 0.95 + (fnv1a(`region:${armRegionName}`) % 30_001) / 100_000;
}

/**
 * The pay-as-you-go price of one VM size for an hour in a market's currency and segment, in minor units
 * (unrounded: a meter price is finer than a cent). From the reference's Linux pay-as-you-go price
 * (catalog-reference.json `paygHourlyUsd`, East US, see its `paygHourlyUsdMeta`) with the region factor,
 * exchange rate and segment factor the reservation prices get, so the two compare. Only VM sizes have a
 * reference price: the other reservation types' hourly figures above are the demo's own, never shown as
 * a pay-as-you-go price.
 */
export function paygHourlyMinor(size: { reservationType: string; armSkuName: string; armRegionName: string; currency: string; segment: Segment }): number | undefined {
  const usd = paygHourlyUsd[size.armSkuName];
  const rate = usdExchangeRates[size.currency];
  if (size.reservationType !== 'VirtualMachines' || usd === undefined || rate === undefined) return undefined;
  return usd * regionFactor(size.armRegionName) * rate * segmentFactor[size.segment] * 100;
}

interface OtherSkuSpec {
  arm: string;
  display: string;
  family: string;
  /** Pay-as-you-go equivalent, USD per unit per hour. */
  hourlyUsd: number;
  cores?: number;
  ram?: number;
  /** Discount overrides (else the type's). */
  d1?: number;
  d3?: number;
}

interface OtherTypeSpec {
  key: string;
  title: string;
  category: string;
  maxQuantity: number;
  d1: number;
  d3: number;
  skus: OtherSkuSpec[];
}

const gen5 = (prefix: string, tiers: [string, string, string, number][]): OtherSkuSpec[] =>
  tiers.map(([code, display, family, hourlyUsd]) => ({ arm: `${prefix}_${code}_Compute_Gen5`, display, family, hourlyUsd }));

const otherTypes: OtherTypeSpec[] = [
  {
    key: 'SqlDatabase', title: 'SQL Database Reserved Capacity', category: 'Databases', maxQuantity: 1000, d1: 0.3, d3: 0.5,
    skus: gen5('SQLDB', [
      ['GP', 'General Purpose Gen5 vCore', 'GP Gen5', 0.2522],
      ['BC', 'Business Critical Gen5 vCore', 'BC Gen5', 0.6784],
      ['HyperScale', 'Hyperscale Gen5 vCore', 'HS Gen5', 0.183],
    ]),
  },
  {
    key: 'SqlManagedInstance', title: 'SQL Managed Instance Reserved Capacity', category: 'Databases', maxQuantity: 1000, d1: 0.3, d3: 0.5,
    skus: gen5('SQLMI', [
      ['GP', 'General Purpose Gen5 vCore', 'GP Gen5', 0.2522],
      ['BC', 'Business Critical Gen5 vCore', 'BC Gen5', 0.6784],
    ]),
  },
  {
    key: 'CosmosDb', title: 'Azure Cosmos DB Reserved Capacity', category: 'Databases', maxQuantity: 9999, d1: 0.2, d3: 0.3,
    skus: [
      { arm: 'CosmosDB_100_RUs', display: '100 RU/s', family: 'Single-region writes', hourlyUsd: 0.008 },
      { arm: 'CosmosDB_100_MultiMaster_RUs', display: '100 Multi-master RU/s', family: 'Multi-region writes', hourlyUsd: 0.016 },
    ],
  },
  {
    key: 'AppServicePremiumV3', title: 'App Service Reserved Instance', category: 'Web', maxQuantity: 100, d1: 0.35, d3: 0.55,
    skus: [
      { arm: 'P1v3', display: 'Premium v3 P1v3', family: 'Premium v3', hourlyUsd: 0.2, cores: 2, ram: 8 },
      { arm: 'P2v3', display: 'Premium v3 P2v3', family: 'Premium v3', hourlyUsd: 0.4, cores: 4, ram: 16 },
      { arm: 'P3v3', display: 'Premium v3 P3v3', family: 'Premium v3', hourlyUsd: 0.8, cores: 8, ram: 32 },
      { arm: 'I1v2', display: 'Isolated v2 I1v2', family: 'Isolated v2', hourlyUsd: 0.412, cores: 2, ram: 8 },
    ],
  },
  {
    key: 'AppServiceIsolatedStamp', title: 'App Service Isolated Stamp Fee Reserved Capacity', category: 'Web', maxQuantity: 10, d1: 0.3, d3: 0.5,
    skus: [
      { arm: 'App_Service_Isolated_Stamp_Windows', display: 'Isolated Stamp Fee (Windows)', family: 'Isolated Stamp', hourlyUsd: 1.37 },
      { arm: 'App_Service_Isolated_Stamp_Linux', display: 'Isolated Stamp Fee (Linux)', family: 'Isolated Stamp', hourlyUsd: 1.37 },
    ],
  },
  {
    key: 'BlobStorage', title: 'Blob Storage Reserved Capacity', category: 'Storage', maxQuantity: 100, d1: 0.17, d3: 0.38,
    skus: [
      { arm: 'Blob_Hot_LRS_100TiB', display: 'Hot LRS 100 TiB', family: 'Hot', hourlyUsd: 2.58 },
      { arm: 'Blob_Cool_GRS_1PiB', display: 'Cool GRS 1 PiB', family: 'Cool', hourlyUsd: 28.73 },
    ],
  },
  {
    key: 'AzureFiles', title: 'Azure Files Reserved Capacity', category: 'Storage', maxQuantity: 100, d1: 0.12, d3: 0.3,
    skus: [
      { arm: 'Files_Hot_ZRS_10TiB', display: 'Hot ZRS 10 TiB', family: 'Hot', hourlyUsd: 0.357 },
      { arm: 'Files_Cool_LRS_100TiB', display: 'Cool LRS 100 TiB', family: 'Cool', hourlyUsd: 2.104 },
    ],
  },
  {
    key: 'ManagedDisk', title: 'Managed Disks Reserved Capacity', category: 'Storage', maxQuantity: 1000, d1: 0.05, d3: 0.1,
    skus: [
      { arm: 'P30', display: 'Premium SSD P30 (1 TiB)', family: 'Premium SSD', hourlyUsd: 0.1852 },
      { arm: 'P40', display: 'Premium SSD P40 (2 TiB)', family: 'Premium SSD', hourlyUsd: 0.3549 },
      { arm: 'P50', display: 'Premium SSD P50 (4 TiB)', family: 'Premium SSD', hourlyUsd: 0.6789 },
      { arm: 'P60', display: 'Premium SSD P60 (8 TiB)', family: 'Premium SSD', hourlyUsd: 1.296 },
    ],
  },
  {
    key: 'DedicatedHost', title: 'Dedicated Host Reserved Instance', category: 'Compute', maxQuantity: 50, d1: 0.38, d3: 0.58,
    skus: [
      { arm: 'Dsv3_Type1', display: 'Dsv3 Type 1', family: 'Dsv3 Host', hourlyUsd: 4.066 },
      { arm: 'Dsv5_Type1', display: 'Dsv5 Type 1', family: 'Dsv5 Host', hourlyUsd: 4.608 },
      { arm: 'Esv3_Type1', display: 'Esv3 Type 1', family: 'Esv3 Host', hourlyUsd: 5.04 },
    ],
  },
  {
    key: 'Databricks', title: 'Azure Databricks Pre-Purchase Plan', category: 'Analytics', maxQuantity: 10, d1: 0.06, d3: 0.14,
    skus: [
      { arm: 'Databricks_DBCU_25000', display: '25,000 DBCU', family: 'DBCU', hourlyUsd: 25_000 / HOURS_PER_YEAR },
      { arm: 'Databricks_DBCU_50000', display: '50,000 DBCU', family: 'DBCU', hourlyUsd: 50_000 / HOURS_PER_YEAR, d1: 0.09, d3: 0.18 },
      { arm: 'Databricks_DBCU_100000', display: '100,000 DBCU', family: 'DBCU', hourlyUsd: 100_000 / HOURS_PER_YEAR, d1: 0.13, d3: 0.23 },
    ],
  },
  {
    key: 'SuseLinux', title: 'SUSE Linux Enterprise Software Plan', category: 'Software plans', maxQuantity: 1000, d1: 0.3, d3: 0.45,
    skus: [
      { arm: 'SLES_Standard_1-2_vCPU_VM', display: 'SLES Standard 1-2 vCPU VM', family: 'SUSE', hourlyUsd: 0.02 },
      { arm: 'SLES_Priority_2-4_vCPU_VM', display: 'SLES Priority 2-4 vCPU VM', family: 'SUSE', hourlyUsd: 0.1 },
      { arm: 'SLES_SAP_Priority_5plus_vCPU_VM', display: 'SLES for SAP Priority 5+ vCPU VM', family: 'SUSE SAP', hourlyUsd: 0.17 },
      { arm: 'SLES_HPC_Standard_3-4_vCPU_VM', display: 'SLES HPC Standard 3-4 vCPU VM', family: 'SUSE HPC', hourlyUsd: 0.05 },
    ],
  },
  {
    key: 'RedHat', title: 'Red Hat Enterprise Linux Software Plan', category: 'Software plans', maxQuantity: 1000, d1: 0.25, d3: 0.4,
    skus: [
      { arm: 'RHEL_1-4_vCPU', display: 'RHEL 1-4 vCPU', family: 'RHEL', hourlyUsd: 0.06 },
      { arm: 'RHEL_5plus_vCPU', display: 'RHEL 5+ vCPU', family: 'RHEL', hourlyUsd: 0.13 },
      { arm: 'RHEL_HA_1-4_vCPU', display: 'RHEL High Availability 1-4 vCPU', family: 'RHEL HA', hourlyUsd: 0.09 },
      { arm: 'RHEL_SAP_HA_5plus_vCPU', display: 'RHEL for SAP with HA 5+ vCPU', family: 'RHEL SAP HA', hourlyUsd: 0.25 },
    ],
  },
  {
    key: 'RedHatOpenShift', title: 'Azure Red Hat OpenShift Reserved Instance', category: 'Containers', maxQuantity: 1000, d1: 0.25, d3: 0.4,
    skus: [
      { arm: 'Red_Hat_OpenShift_General_Purpose_v3_4_vCPU', display: 'OpenShift General Purpose v3, 4 vCPU', family: 'OpenShift', hourlyUsd: 0.684, cores: 4 },
      { arm: 'Red_Hat_OpenShift_Memory_Optimized_v3_8_vCPU', display: 'OpenShift Memory Optimized v3, 8 vCPU', family: 'OpenShift', hourlyUsd: 1.368, cores: 8 },
      { arm: 'Red_Hat_OpenShift_Compute_Optimized_v2_4_vCPU', display: 'OpenShift Compute Optimized v2, 4 vCPU', family: 'OpenShift', hourlyUsd: 0.684, cores: 4 },
    ],
  },
  {
    key: 'MySql', title: 'Azure Database for MySQL Reserved Capacity', category: 'Databases', maxQuantity: 1000, d1: 0.35, d3: 0.58,
    skus: gen5('MySQL', [
      ['GP', 'General Purpose Gen5 vCore', 'GP Gen5', 0.0881],
      ['MO', 'Memory Optimized Gen5 vCore', 'MO Gen5', 0.1191],
    ]),
  },
  {
    key: 'PostgreSql', title: 'Azure Database for PostgreSQL Reserved Capacity', category: 'Databases', maxQuantity: 1000, d1: 0.35, d3: 0.58,
    skus: gen5('PostgreSQL', [
      ['GP', 'General Purpose Gen5 vCore', 'GP Gen5', 0.0881],
      ['MO', 'Memory Optimized Gen5 vCore', 'MO Gen5', 0.1191],
    ]),
  },
  {
    key: 'MariaDb', title: 'Azure Database for MariaDB Reserved Capacity', category: 'Databases', maxQuantity: 1000, d1: 0.35, d3: 0.58,
    skus: gen5('MariaDB', [
      ['GP', 'General Purpose Gen5 vCore', 'GP Gen5', 0.0881],
      ['MO', 'Memory Optimized Gen5 vCore', 'MO Gen5', 0.1191],
    ]),
  },
  {
    key: 'RedisCache', title: 'Azure Cache for Redis Reserved Capacity', category: 'Databases', maxQuantity: 100, d1: 0.35, d3: 0.55,
    skus: [
      { arm: 'Azure_Redis_Cache_Premium_P1_Cache', display: 'Premium P1 (6 GB)', family: 'Premium', hourlyUsd: 0.554 },
      { arm: 'Azure_Redis_Cache_Premium_P3_Cache', display: 'Premium P3 (26 GB)', family: 'Premium', hourlyUsd: 2.215 },
      { arm: 'Azure_Redis_Cache_Enterprise_E10', display: 'Enterprise E10 (12 GB)', family: 'Enterprise', hourlyUsd: 0.839 },
    ],
  },
  {
    key: 'DataExplorer', title: 'Azure Data Explorer Reserved Capacity', category: 'Analytics', maxQuantity: 10000, d1: 0.3, d3: 0.4,
    skus: [{ arm: 'Azure_Data_Explorer_Markup_Unit', display: 'Markup unit (1 cluster vCore)', family: 'Markup', hourlyUsd: 0.11 }],
  },
  {
    key: 'SynapseDedicatedSql', title: 'Azure Synapse Analytics Reserved Capacity', category: 'Analytics', maxQuantity: 1000, d1: 0.37, d3: 0.65,
    skus: [{ arm: 'Synapse_Dedicated_SQL_100_cDWU', display: '100 cDWU', family: 'Dedicated SQL pool', hourlyUsd: 1.2 }],
  },
  {
    key: 'AzureVMwareSolution', title: 'Azure VMware Solution Reserved Instance', category: 'Compute', maxQuantity: 16, d1: 0.27, d3: 0.5,
    skus: [{ arm: 'AV36', display: 'AV36 node', family: 'AV36', hourlyUsd: 8.0, cores: 36, ram: 576 }],
  },
];

const vmDiscount = (years: number, armSkuName: string): number =>
  (years === 1 ? 0.38 : 0.58) + (fnv1a(`discount:${armSkuName}`) % 401) / 10_000; // 0.38-0.42 / 0.58-0.62

interface SkuRow {
  productId: string;
  id: string;
  title: string;
  maxQuantity: number;
  billingCycles: string;
  prerequisites: string;
  armSkuName: string;
  armRegionName: string;
  region: string;
  duration: '1Year' | '3Years';
  cores: number | null;
  ram: number | null;
  category: string;
  family: string;
  displayName: string;
  // for availabilities
  reservationType: string;
  term: 'P1Y' | 'P3Y';
  /** Price for one unit for the whole term, USD, before segment factor. */
  usd: number;
  purchasable: boolean;
  segments: readonly Segment[];
}

function assignProductIds(keys: string[]): Map<string, string> {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const key of keys) {
    let n = fnv1a(`product:${key}`) % idSpace;
    let id = `DZH318Z0${code4(n)}`;
    while (used.has(id)) id = `DZH318Z0${code4((n = (n + 1) % idSpace))}`;
    used.add(id);
    ids.set(key, id);
  }
  return ids;
}

const termYears = (term: string): 1 | 3 => (term === 'P1Y' ? 1 : 3);
const yearsText = (years: number): string => (years === 1 ? '1 Year' : `${years} Years`);

function region(armName: string) {
  const r = refRegions.get(armName);
  if (!r) throw new Error(`seed: unknown region ${armName}`);
  if (r.accessRestricted) throw new Error(`seed: region ${armName} is access-restricted`);
  return r;
}

function buildCatalog() {
  const types = catalogReference.reservationTypes;
  const typeByKey = new Map<string, RefReservationType>(types.map((t) => [t.key, t]));
  const vmType = typeByKey.get('VirtualMachines')!;
  const cycles = (t: RefReservationType) => JSON.stringify(t.monthlyBillingSupported ? ['one_time', 'monthly'] : ['one_time']);

  const productKeys = [...vmSeries.map((s) => `VirtualMachines:${s.series}`), ...otherTypes.map((t) => t.key)];
  const productIds = assignProductIds(productKeys);
  const products: { id: string; title: string; description: string; reservationType: string }[] = [];
  const skus: SkuRow[] = [];

  // Virtual machines: one product per series, one SKU per (size, region, term).
  for (const { series, count } of vmSeries) {
    const sizes = catalogReference.vmSizes.filter((v) => v.series === series && paygHourlyUsd[v.armSkuName] !== undefined).slice(0, count);
    if (sizes.length !== count) throw new Error(`seed: series ${series} has only ${sizes.length} priced sizes`);
    const productId = productIds.get(`VirtualMachines:${series}`)!;
    products.push({
      id: productId,
      title: `Reserved VM Instance, ${series} Series`,
      description: `Reserve ${series} series virtual machines (${sizes[0].category.toLowerCase()}) for one or three years and save on compute compared to pay-as-you-go. Instance size flexibility applies within the size group.`,
      reservationType: vmType.key,
    });
    let index = 0;
    for (const size of sizes) {
      for (const armRegionName of vmRegions) {
        const r = region(armRegionName);
        for (const term of vmType.terms as ('P1Y' | 'P3Y')[]) {
          const years = termYears(term);
          const usd = paygHourlyUsd[size.armSkuName] * HOURS_PER_YEAR * years * (1 - vmDiscount(years, size.armSkuName)) * regionFactor(armRegionName);
          skus.push({
            productId,
            id: skuIdOf(index++),
            title: `Reserved VM Instance, ${size.armSkuName}, ${r.displayName}, ${yearsText(years)}`,
            maxQuantity: 1000,
            billingCycles: cycles(vmType),
            prerequisites: '["AzureSubscriptionRegistration","InventoryCheck"]',
            armSkuName: size.armSkuName,
            armRegionName,
            region: r.displayName,
            duration: years === 1 ? '1Year' : '3Years',
            cores: size.vCPUs,
            ram: size.memoryGiB,
            category: size.category,
            family: series,
            displayName: size.armSkuName,
            reservationType: vmType.key,
            term,
            usd,
            purchasable: !(size.armSkuName === notPurchasable.armSkuName && armRegionName === notPurchasable.armRegionName),
            segments: otherSegmentRegions.has(armRegionName) ? segments : ['commercial'],
          });
        }
      }
    }
  }

  // Other reservation types: one product per type, a few SKUs in a handful of regions.
  for (const spec of otherTypes) {
    const t = typeByKey.get(spec.key);
    if (!t) throw new Error(`seed: unknown reservation type ${spec.key}`);
    const productId = productIds.get(spec.key)!;
    products.push({ id: productId, title: spec.title, description: `${t.title}. Unit: ${t.unit}.`, reservationType: t.key });
    let index = 0;
    for (const s of spec.skus) {
      for (const armRegionName of otherTypeRegions) {
        const r = region(armRegionName);
        for (const term of t.terms as ('P1Y' | 'P3Y')[]) {
          const years = termYears(term);
          const discount = years === 1 ? (s.d1 ?? spec.d1) : (s.d3 ?? spec.d3);
          const usd = s.hourlyUsd * HOURS_PER_YEAR * years * (1 - discount) * regionFactor(armRegionName);
          skus.push({
            productId,
            id: skuIdOf(index++),
            title: `${spec.title}, ${s.display}, ${r.displayName}, ${yearsText(years)}`,
            maxQuantity: spec.maxQuantity,
            billingCycles: cycles(t),
            prerequisites: '["AzureSubscriptionRegistration"]',
            armSkuName: s.arm,
            armRegionName,
            region: r.displayName,
            duration: years === 1 ? '1Year' : '3Years',
            cores: s.cores ?? null,
            ram: s.ram ?? null,
            category: spec.category,
            family: s.family,
            displayName: s.display,
            reservationType: t.key,
            term,
            usd,
            purchasable: true,
            segments: otherSegmentRegions.has(armRegionName) ? segments : ['commercial'],
          });
        }
      }
    }
  }
  // In primary-key order (product id, SKU id): the cheapest for the B-trees.
  skus.sort((x, y) => (x.productId < y.productId ? -1 : x.productId > y.productId ? 1 : 0));
  return { products, skus };
}

// ---------------------------------------------------------------------------------------------
// The seed

/**
 * Fills an empty, migrated Partner Center file with the demo world in one transaction: the directory
 * (resellers, customers, subscriptions) by `fillDirectory`, the demo's unless given, and the catalog's
 * types, products and SKUs. Each market's availabilities are written when that market is first asked
 * for (`writeMarketAvailabilities`): all of them at once would be most of a first start's time.
 * Returns false, without writing anything, when it has customers already.
 */
export function seedPartnerCenter(db: Db, fillDirectory: (db: Db) => void = seedDirectory): boolean {
  return db.transaction((): boolean => {
    if (db.prepare('SELECT 1 FROM customers LIMIT 1').get() !== undefined) return false;
    fillDirectory(db);
    seedCatalog(db);
    return true;
  })();
}

function seedDirectory(db: Db): void {
  const insReseller = db.prepare('INSERT INTO resellers (mpn_id, partner_id, name) VALUES (?, ?, ?)');
  for (const r of resellers) insReseller.run(r.mpnId, demoPartners.fabrikamBr, r.name);

  const insCustomer = db.prepare(
    `INSERT INTO customers (id, partner_id, company_name, domain, tenant_id, country, agreement, qualifications, reseller_mpn_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insSubscription = db.prepare(
    `INSERT INTO subscriptions (id, customer_id, offer_id, kind, friendly_name, status, billing_type, registration_status, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'usage', ?, ?)`,
  );

  let subscriptionIndex = 0;
  for (const c of customers) {
    const customerId = c.id ?? guidFrom(`customer:${c.key}`);
    insCustomer.run(
      customerId,
      c.partnerId,
      c.name,
      `${c.domain}.onmicrosoft.com`,
      guidFrom(`tenant:${c.key}`),
      c.country,
      c.agreement,
      JSON.stringify(c.qualifications ?? ['commercial']),
      c.reseller ?? null,
    );
    c.subscriptions.forEach((s, i) => {
      const subscriptionId = s.id ?? guidFrom(`subscription:${c.key}:${i}`);
      insSubscription.run(
        subscriptionId,
        customerId,
        s.kind === 'azurePlan' ? azurePlanOfferId : legacyAzureOfferId,
        s.kind,
        s.friendlyName,
        s.status ?? 'active',
        s.registration ?? 'registered',
        fixedDate(subscriptionIndex++),
      );
    });
  }
}

/** Market countries: those of the demo customers that are not unavailable markets (R4), sorted. */
export function demoMarketCountries(): string[] {
  const unavailable = new Set(unavailableMarketsFile.markets.map((m) => m.code));
  return [...new Set(customers.map((c) => c.country))].filter((c) => !unavailable.has(c)).sort();
}

function seedCatalog(db: Db): void {
  const insRestriction = db.prepare(
    'INSERT INTO inventory_restrictions (arm_sku_name, arm_region_name, reason_code, description) VALUES (?, ?, ?, ?)',
  );
  for (const r of inventoryRestrictions) insRestriction.run(r.armSkuName, r.armRegionName, r.reasonCode, r.description);
  const insType = db.prepare(
    'INSERT INTO reservation_types (key, id, title, terms, monthly_billing_supported, unit, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const types = [...catalogReference.reservationTypes].sort(
    (a, b) => Number(b.key === 'VirtualMachines') - Number(a.key === 'VirtualMachines'),
  );
  types.forEach((t, i) =>
    insType.run(t.key, t.id, t.title, JSON.stringify(t.terms), t.monthlyBillingSupported ? 1 : 0, t.unit, i + 1),
  );

  const { products, skus } = buildCatalog();
  const insProduct = db.prepare('INSERT INTO products (id, title, description, reservation_type) VALUES (?, ?, ?, ?)');
  for (const p of products) insProduct.run(p.id, p.title, p.description, p.reservationType);

  const insSku = db.prepare(
    `INSERT INTO skus (product_id, id, title, minimum_quantity, maximum_quantity, billing_cycles, prerequisites,
       arm_sku_name, arm_region_name, region, duration, cores, ram, category, family, sku_display_name)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const s of skus) {
    insSku.run(
      s.productId, s.id, s.title, s.maxQuantity, s.billingCycles, s.prerequisites, s.armSkuName, s.armRegionName,
      s.region, s.duration, s.cores, s.ram, s.category, s.family, s.displayName,
    );
  }
}

/**
 * Writes the availabilities of one demo market (every SKU, in each segment it is sold to) in one
 * transaction, unless they are written already; a country that is not a demo market has none.
 */
export function writeMarketAvailabilities(db: Db, country: string): void {
  const written = () => statement(db, 'SELECT 1 FROM catalog_markets WHERE country = ?').get(country) !== undefined;
  // Asked on every search: a written market costs this one read, no write lock.
  if (written()) return;
  const countries = demoMarketCountries();
  // The availability ids derive from the market's place among all markets: the same ids whichever is written first.
  const marketIndex = countries.indexOf(country);
  if (marketIndex < 0) return;
  const currency = marketCurrencies[country];
  if (!currency) throw new Error(`seed: no currency for market ${country}`);
  const rate = usdExchangeRates[currency.code];
  const insAvailability = db.prepare(
    `INSERT INTO availabilities (catalog_item_id, id, product_id, sku_id, country, segment, currency_code, currency_symbol,
       is_purchasable, term, unit_price_minor, reservation_type, arm_region_name, family, arm_sku_name, cores, region)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    if (written()) return;
    for (const s of buildCatalog().skus) {
      const base = fnv1a(`${s.productId}:${s.id}`);
      segments.forEach((segment, si) => {
        if (!s.segments.includes(segment)) return;
        // Unique within the SKU: consecutive offsets from the SKU's hash (fewer than 64 < idSpace).
        const availabilityId = `DZH318Z0${code4((base + marketIndex * segments.length + si) % idSpace)}`;
        insAvailability.run(
          `${s.productId}:${s.id}:${availabilityId}`, availabilityId, s.productId, s.id, country, segment,
          currency.code, currency.symbol, s.purchasable ? 1 : 0, s.term,
          Math.round(s.usd * rate * segmentFactor[segment] * 100), s.reservationType, s.armRegionName, s.family, s.armSkuName,
          s.cores, s.region,
        );
      });
    }
    db.prepare('INSERT INTO catalog_markets (country) VALUES (?)').run(country);
  }).immediate();
}
