// From Partner Center's products, SKUs and availabilities to the domain's CatalogItem, and the reservation
// types the bot offers. Partner Center has no "reservation type" field on a product and no list of them:
// - the types are the public reference list (src/data/catalog-reference.json, compiled from Microsoft docs;
//   not the demo catalog), with the `targetView` Partner Center groups their products under;
// - a product belongs to a type by its productType.subType ("Get a list of products": the kind of
//   reservation, the reserved resource type of the reference list); where several types share a subType
//   (SQL Database and SQL Managed Instance), or a product has none, by its title within its targetView.
import catalogReference from '../../data/catalog-reference.json';
import {
  Availability,
  CatalogItem,
  Product,
  ReservationType,
  Sku,
  type Segment,
  type TermDuration,
} from '../../domain/types';
import type { WireAvailability, WireProduct, WireSku } from './wire';

interface TypeRoute {
  targetView: 'AzureReservationsVM' | 'AzureReservationsSQL' | 'AzureReservationsCosmosDb' | 'AzureReservations';
  title: RegExp;
}

/** Where each reservation type's products are listed, and how a product title names the type. */
const routes: Record<string, TypeRoute> = {
  VirtualMachines: { targetView: 'AzureReservationsVM', title: /reserved vm instance|virtual machine/i },
  SqlManagedInstance: { targetView: 'AzureReservationsSQL', title: /managed instance/i },
  SqlDatabase: { targetView: 'AzureReservationsSQL', title: /sql database/i },
  CosmosDb: { targetView: 'AzureReservationsCosmosDb', title: /cosmos/i },
  AppServiceIsolatedStamp: { targetView: 'AzureReservations', title: /isolated stamp/i },
  AppServicePremiumV3: { targetView: 'AzureReservations', title: /app service(?!.*stamp)/i },
  BlobStorage: { targetView: 'AzureReservations', title: /blob/i },
  AzureFiles: { targetView: 'AzureReservations', title: /azure files/i },
  ManagedDisk: { targetView: 'AzureReservations', title: /managed disk/i },
  DedicatedHost: { targetView: 'AzureReservations', title: /dedicated host/i },
  Databricks: { targetView: 'AzureReservations', title: /databricks/i },
  SuseLinux: { targetView: 'AzureReservations', title: /suse/i },
  RedHat: { targetView: 'AzureReservations', title: /red hat enterprise linux/i },
  RedHatOpenShift: { targetView: 'AzureReservations', title: /openshift/i },
  MySql: { targetView: 'AzureReservations', title: /mysql/i },
  PostgreSql: { targetView: 'AzureReservations', title: /postgre/i },
  MariaDb: { targetView: 'AzureReservations', title: /mariadb/i },
  RedisCache: { targetView: 'AzureReservations', title: /redis/i },
  DataExplorer: { targetView: 'AzureReservations', title: /data explorer/i },
  SynapseDedicatedSql: { targetView: 'AzureReservations', title: /synapse|data warehouse/i },
  AzureVMwareSolution: { targetView: 'AzureReservations', title: /vmware/i },
};

/** The reservation types, Virtual Machines first (the order the embedded catalog uses). */
export const reservationTypes: ReservationType[] = [...catalogReference.reservationTypes]
  .sort((a, b) => Number(b.key === 'VirtualMachines') - Number(a.key === 'VirtualMachines'))
  .filter((t) => routes[t.key])
  .map((t) =>
    ReservationType.parse({ key: t.key, id: t.id, title: t.title, terms: t.terms, monthlyBillingSupported: t.monthlyBillingSupported, unit: t.unit }),
  );

export function targetViewOf(reservationType: string): TypeRoute['targetView'] | undefined {
  return routes[reservationType]?.targetView;
}

/** Whether a product (listed under the type's targetView) is of this reservation type. */
export function productIsOfType(product: { title: string; productType?: { subType?: { id: string } | null } }, reservationType: string): boolean {
  const route = routes[reservationType];
  if (!route) return false;
  const subType = product.productType?.subType?.id.toLowerCase();
  const bySubType = reservationTypes.filter((t) => t.id.toLowerCase() === subType).map((t) => t.key);
  if (bySubType.length === 1) return bySubType[0] === reservationType;
  // Within a shared targetView (or subType) the first matching title wins, so "SQL Managed Instance" is not also SQL Database.
  const candidates = Object.entries(routes).filter(([key, r]) => r.targetView === route.targetView && (!bySubType.length || bySubType.includes(key)));
  return candidates.find(([, r]) => r.title.test(product.title))?.[0] === reservationType;
}

/**
 * The size family of a SKU: `dynamicAttributes.family` when Partner Center sends it, otherwise derived
 * from a VM size name (Standard_D4s_v5 → Dsv5, Standard_NC4as_T4_v3 → NCasT4_v3), else the category.
 */
export function familyOf(attrs: { armSkuName: string; family?: string; category?: string }): string {
  if (attrs.family) return attrs.family;
  const vm = /^Standard_([A-Z]+)\d+(?:-\d+)?([a-z]*)(?:_(.+))?$/.exec(attrs.armSkuName);
  if (vm) return `${vm[1]}${vm[2]}${vm[3] ?? ''}`;
  return attrs.category ?? attrs.armSkuName;
}

const durations: Record<string, '1Year' | '3Years' | '5Years'> = {
  '1Year': '1Year',
  '3Years': '3Years',
  '5Years': '5Years',
  P1Y: '1Year',
  P3Y: '3Years',
  P5Y: '5Years',
};
export const termOfDuration: Record<'1Year' | '3Years' | '5Years', TermDuration> = { '1Year': 'P1Y', '3Years': 'P3Y', '5Years': 'P5Y' };
const termDescriptions: Record<TermDuration, string> = { P1Y: '1 year', P3Y: '3 years', P5Y: '5 years' };

export function skuDuration(sku: WireSku): '1Year' | '3Years' | '5Years' | undefined {
  return durations[sku.dynamicAttributes.duration ?? ''];
}

export function toProduct(p: WireProduct, reservationType: string): Product {
  return Product.parse({
    id: p.id,
    title: p.title,
    description: p.description,
    reservationType,
    productType: { id: 'Azure', subType: { id: 'Reservations' } },
  });
}

/**
 * The domain's SKU, or undefined for one without the dynamic attributes a reservation needs (size, region,
 * duration): "Get a list of SKUs for a product" warns the keys can change without notice, so one such SKU
 * is left out rather than failing its product's list.
 */
export function toSku(s: WireSku): Sku | undefined {
  const duration = skuDuration(s);
  const a = s.dynamicAttributes;
  if (!duration || !a.armSkuName || !a.armRegionName) return undefined;
  const cycles = s.supportedBillingCycles.map((c) => c.toLowerCase().replace(/[^a-z]/g, '')).flatMap((c) =>
    c === 'onetime' ? ['one_time' as const] : c === 'monthly' ? ['monthly' as const] : [],
  );
  return Sku.parse({
    id: s.id,
    productId: s.productId,
    title: s.title,
    minimumQuantity: s.minimumQuantity,
    maximumQuantity: s.maximumQuantity,
    supportedBillingCycles: cycles.length ? [...new Set(cycles)] : ['one_time'],
    purchasePrerequisites: s.purchasePrerequisites,
    dynamicAttributes: {
      armSkuName: a.armSkuName,
      armRegionName: a.armRegionName,
      region: a.region ?? a.armRegionName,
      duration,
      cores: a.cores ?? null,
      ram: a.ram ?? null,
      category: a.category ?? '',
      family: familyOf({ armSkuName: a.armSkuName, family: a.family, category: a.category }),
      skuDisplayName: a.skuDisplayName ?? a.armSkuName,
    },
  });
}

const segments: Record<string, Segment> = {
  commercial: 'commercial',
  education: 'education',
  government: 'government',
  nonprofit: 'nonprofit',
  charity: 'nonprofit',
};

export function segmentOf(value: string): Segment | undefined {
  return segments[value.toLowerCase()];
}

/** The term an availability sells (its own `terms`, else the SKU's duration). */
export function termOf(availability: WireAvailability, sku: Sku): TermDuration {
  const listed = availability.terms.map((t) => t.duration).find((d): d is TermDuration => d === 'P1Y' || d === 'P3Y' || d === 'P5Y');
  return listed ?? termOfDuration[sku.dynamicAttributes.duration];
}

export function toCatalogItem(product: Product, sku: Sku, a: WireAvailability, unitPriceMinor: number): CatalogItem | undefined {
  const segment = segmentOf(a.segment);
  if (!segment) return undefined;
  const term = termOf(a, sku);
  const availability = Availability.parse({
    id: a.id,
    productId: product.id,
    skuId: sku.id,
    catalogItemId: a.catalogItemId,
    country: a.country.toUpperCase(),
    segment,
    defaultCurrency: { code: a.defaultCurrency.code, symbol: a.defaultCurrency.symbol },
    isPurchasable: a.isPurchasable,
    terms: [{ duration: term, description: a.terms.find((t) => t.duration === term)?.description || termDescriptions[term] }],
    unitPriceMinor,
  });
  return CatalogItem.parse({ catalogItemId: a.catalogItemId, product, sku, availability });
}

/** Minor units of a currency (JPY 0, EUR 2, …). */
export function currencyDigits(code: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** currencyDigits(currency));
}
