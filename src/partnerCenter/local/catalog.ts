// The embedded Partner Center's catalog: reservation types, products, SKUs and availabilities, with the
// filtered search.
import { statement, type Db } from '../../store/db';
import {
  type CatalogItem,
  type CatalogVocabulary,
  type ReservationType,
  type Segment,
  type Sku,
  type TermDuration,
} from '../../domain/types';
import type { CatalogSearch } from '../../domain/types';

interface ItemRow {
  catalog_item_id: string;
  availability_id: string;
  product_id: string;
  sku_id: string;
  country: string;
  segment: string;
  currency_code: string;
  currency_symbol: string;
  is_purchasable: number;
  term: string;
  unit_price_minor: number;
  product_title: string;
  product_description: string;
  reservation_type: string;
  sku_title: string;
  minimum_quantity: number;
  maximum_quantity: number;
  billing_cycles: string;
  prerequisites: string;
  arm_sku_name: string;
  arm_region_name: string;
  region: string;
  duration: string;
  cores: number | null;
  ram: number | null;
  category: string;
  family: string;
  sku_display_name: string;
}

const itemSelect = `
  SELECT a.catalog_item_id, a.id AS availability_id, a.product_id, a.sku_id, a.country, a.segment,
         a.currency_code, a.currency_symbol, a.is_purchasable, a.term, a.unit_price_minor,
         p.title AS product_title, p.description AS product_description, p.reservation_type,
         s.title AS sku_title, s.minimum_quantity, s.maximum_quantity, s.billing_cycles, s.prerequisites,
         s.arm_sku_name, s.arm_region_name, s.region, s.duration, s.cores, s.ram, s.category, s.family,
         s.sku_display_name
  FROM availabilities a
  JOIN skus s ON s.product_id = a.product_id AND s.id = a.sku_id
  JOIN products p ON p.id = a.product_id`;

const termDescriptions: Record<TermDuration, string> = { P1Y: '1 year', P3Y: '3 years', P5Y: '5 years' };

/**
 * A row as the domain's CatalogItem. Not parsed with zod again: catalog rows are only written from the
 * seed's typed constants, and the seed test checks every seeded row against the schema.
 */
function toItem(r: ItemRow): CatalogItem {
  const term = r.term as TermDuration;
  return {
    catalogItemId: r.catalog_item_id,
    product: {
      id: r.product_id,
      title: r.product_title,
      description: r.product_description,
      reservationType: r.reservation_type,
      productType: { id: 'Azure', subType: { id: 'Reservations' } },
    },
    sku: {
      id: r.sku_id,
      productId: r.product_id,
      title: r.sku_title,
      minimumQuantity: r.minimum_quantity,
      maximumQuantity: r.maximum_quantity,
      supportedBillingCycles: JSON.parse(r.billing_cycles) as Sku['supportedBillingCycles'],
      purchasePrerequisites: JSON.parse(r.prerequisites) as string[],
      dynamicAttributes: {
        armSkuName: r.arm_sku_name,
        armRegionName: r.arm_region_name,
        region: r.region,
        duration: r.duration as Sku['dynamicAttributes']['duration'],
        cores: r.cores,
        ram: r.ram,
        category: r.category,
        family: r.family,
        skuDisplayName: r.sku_display_name,
      },
    },
    availability: {
      id: r.availability_id,
      productId: r.product_id,
      skuId: r.sku_id,
      catalogItemId: r.catalog_item_id,
      country: r.country,
      segment: r.segment as Segment,
      defaultCurrency: { code: r.currency_code, symbol: r.currency_symbol },
      isPurchasable: r.is_purchasable === 1,
      terms: [{ duration: term, description: termDescriptions[term] }],
      unitPriceMinor: r.unit_price_minor,
    },
  };
}

/**
 * A search counts at most this many matching rows (plus one, to know there are more): the count is then
 * bounded whatever the catalog's size, and the card shows "1,000+" instead of an exact total.
 */
export const CATALOG_COUNT_CAP = 1000;

/** Up to this many matches a typed text's page is sorted from its own rows rather than found by a walk of the page order. */
const SPARSE_MATCHES = 200;

export interface CatalogSearchResult {
  items: CatalogItem[];
  total: number;
  totalCapped?: true;
}

/** Where a market's availabilities come from when it is first asked for: the demo world's seed. */
export interface MarketWriter {
  readonly countries: readonly string[];
  write(country: string): void;
}

export class CatalogStore {
  /** Each market's vocabulary, by country, segment and type (a few hundred entries at most). */
  private readonly vocabularies = new Map<string, CatalogVocabulary>();

  constructor(
    private readonly db: Db,
    private readonly markets?: MarketWriter,
  ) {}

  /** Writes every market's availabilities not written yet (for readers of the whole catalog). */
  writeAllMarkets(): void {
    for (const country of this.markets?.countries ?? []) this.ensureMarket(country);
  }

  /** The writer looks the market up first: a written one costs one indexed read. */
  private ensureMarket(country: string): void {
    this.markets?.write(country);
  }

  reservationTypes(): ReservationType[] {
    const rows = statement(this.db, 'SELECT * FROM reservation_types ORDER BY sort_order, key').all() as {
      key: string;
      id: string;
      title: string;
      terms: string;
      monthly_billing_supported: number;
      unit: string;
    }[];
    // Written only from the typed reservation types of the seed: not parsed again.
    return rows.map((r) => ({
      key: r.key,
      id: r.id,
      title: r.title,
      terms: JSON.parse(r.terms) as ReservationType['terms'],
      monthlyBillingSupported: r.monthly_billing_supported === 1,
      unit: r.unit,
    }));
  }

  /**
   * Purchasable items of one market, segment and type that match the filter, in a stable order.
   * `total` counts the matching rows up to max(CATALOG_COUNT_CAP, offset + limit); when more rows match,
   * `totalCapped` is present (true) and `total` is that bound (a later page exists: paging goes on past the cap).
   */
  search(q: CatalogSearch): CatalogSearchResult {
    this.ensureMarket(q.country);
    const where = ['a.country = ?', 'a.segment = ?', 'a.reservation_type = ?', 'a.is_purchasable = 1'];
    const args: (string | number)[] = [q.country, q.segment, q.reservationType];
    const f = q.filter;
    if (f.region) (where.push('a.arm_region_name = ?'), args.push(f.region));
    if (f.term) (where.push('a.term = ?'), args.push(f.term));
    if (f.family) (where.push('a.family = ?'), args.push(f.family));
    if (f.armSkuName) (where.push('a.arm_sku_name = ?'), args.push(f.armSkuName));
    if (f.text) {
      // The same as testing both names of every row, through the few distinct names (sku_names).
      where.push(
        `(a.arm_sku_name, a.family) IN (SELECT arm_sku_name, family FROM sku_names WHERE arm_sku_name LIKE ? ESCAPE '\\' OR family LIKE ? ESCAPE '\\')`,
      );
      const pattern = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(pattern, pattern);
    }
    const clause = where.join(' AND ');
    const bound = Math.max(CATALOG_COUNT_CAP, q.offset + q.limit);
    const counted = (
      statement(this.db, `SELECT COUNT(*) AS n FROM (SELECT 1 FROM availabilities a WHERE ${clause} LIMIT ?)`).get(...args, bound + 1) as { n: number }
    ).n;
    const totalCapped = counted > bound;
    const total = totalCapped ? bound : counted;
    const order = 'a.family, a.cores, a.arm_sku_name, a.region, a.term';
    // A size's rows, and those of a typed text that matches few, sit in blocks of the page order that SQLite
    // cannot seek to (family and cores come first): such a page is sorted from availabilities_size's ranges
    // (its matches only) and only the page's rows are joined. Every other page is the first matching rows
    // of availabilities_page's range, found after about page ÷ density rows.
    const fromSizes = f.armSkuName !== undefined || (f.text !== undefined && counted <= SPARSE_MATCHES);
    const rows = statement(
      this.db,
      fromSizes
        ? `${itemSelect} JOIN (SELECT a.rowid AS rid FROM availabilities a INDEXED BY availabilities_size WHERE ${clause}
             ORDER BY ${order} LIMIT ? OFFSET ?) page ON a.rowid = page.rid ORDER BY ${order}`
        : `${itemSelect} WHERE ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
      .all(...args, q.limit, q.offset) as ItemRow[];
    return { items: rows.map(toItem), total, ...(totalCapped ? { totalCapped: true as const } : {}) };
  }

  item(catalogItemId: string): CatalogItem | undefined {
    const find = () => statement(this.db, `${itemSelect} WHERE a.catalog_item_id = ?`).get(catalogItemId) as ItemRow | undefined;
    let r = find();
    // An id names no market: one not found may be in a market not written yet.
    if (!r && this.markets) {
      this.writeAllMarkets();
      r = find();
    }
    return r && toItem(r);
  }

  /** Why a SKU's size cannot be reserved in a region now (Partner Center's inventory check); empty when it can. */
  inventoryRestrictions(productId: string, skuId: string, armRegionName: string): { reasonCode: string; description: string }[] {
    return statement(
      this.db,
      `SELECT r.reason_code AS reasonCode, r.description FROM skus s
       JOIN inventory_restrictions r ON r.arm_sku_name = s.arm_sku_name AND r.arm_region_name = ?
       WHERE s.product_id = ? AND s.id = ? ORDER BY r.reason_code`,
    )
      .all(armRegionName, productId, skuId) as { reasonCode: string; description: string }[];
  }

  /**
   * The words a typed filter can use: regions, families and sizes sold for one type in one market. Read
   * once per market: its three DISTINCT scans are the dearest reads of a catalog turn (bench/README.md,
   * tenth pass), and a market's rows do not change once written.
   */
  vocabulary(country: string, segment: Segment, reservationType: string): CatalogVocabulary {
    this.ensureMarket(country);
    const key = JSON.stringify([country, segment, reservationType]);
    let words = this.vocabularies.get(key);
    if (!words) this.vocabularies.set(key, (words = this.readVocabulary(country, segment, reservationType)));
    return words;
  }

  private readVocabulary(country: string, segment: Segment, reservationType: string): CatalogVocabulary {
    const args = [country, segment, reservationType];
    const base = 'FROM availabilities a WHERE a.country = ? AND a.segment = ? AND a.reservation_type = ?';
    const regions = statement(
      this.db,
      // The SKU's region names are on the availability: the market's index range alone.
      `SELECT DISTINCT a.arm_region_name AS armName, a.region AS displayName ${base} ORDER BY a.region`,
    )
      .all(...args) as { armName: string; displayName: string }[];
    const families = (statement(this.db, `SELECT DISTINCT a.family AS f ${base} ORDER BY 1`).all(...args) as { f: string }[]).map((r) => r.f);
    const skuNames = (statement(this.db, `SELECT DISTINCT a.arm_sku_name AS n ${base} ORDER BY 1`).all(...args) as { n: string }[]).map(
      (r) => r.n,
    );
    return { regions, families, skuNames };
  }
}
