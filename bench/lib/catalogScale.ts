// Bench-side catalog sizes: the embedded Partner Center's seeded catalog shrunk or grown to `target` availabilities with
// the demo catalog's shape (the seed itself is untouched; the seed tests pin it).
// - Smaller: a uniform, deterministic sample of the SKUs is kept, with all their availabilities.
// - Larger: SKUs are cloned as new sizes of the same family (arm name suffixed "_r<round>"), with every
//   availability of the original (same markets, segments, prices): each market's share of the catalog,
//   and so each search's number of matching rows, grows with the catalog (no new markets are invented).
import type { Db } from '../../src/store/db';

interface SkuKey {
  product_id: string;
  id: string;
}

/** FNV-1a: a deterministic shuffle key. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const count = (db: Db, sql: string): number => (db.prepare(sql).get() as { n: number }).n;

const availabilityColumns = [
  'catalog_item_id', 'id', 'product_id', 'sku_id', 'country', 'segment', 'currency_code', 'currency_symbol', 'is_purchasable',
  'term', 'unit_price_minor', 'reservation_type', 'arm_region_name', 'family', 'arm_sku_name', 'cores', 'region',
];
const skuColumns = [
  'product_id', 'id', 'title', 'minimum_quantity', 'maximum_quantity', 'billing_cycles', 'prerequisites', 'arm_sku_name',
  'arm_region_name', 'region', 'duration', 'cores', 'ram', 'category', 'family', 'sku_display_name',
];

/** Shrinks or grows the catalog of a seeded database to exactly `target` availabilities. */
export function scaleCatalog(db: Db, target: number): { availabilities: number; skus: number; shrunk: boolean } {
  const current = count(db, 'SELECT COUNT(*) AS n FROM availabilities');
  const skus = (db.prepare('SELECT product_id, id FROM skus').all() as SkuKey[]).sort(
    (a, b) => hash(`${a.product_id}:${a.id}`) - hash(`${b.product_id}:${b.id}`) || (a.id < b.id ? -1 : 1),
  );
  const byKey = new Map<string, Record<string, unknown>[]>();
  for (const row of db.prepare(`SELECT ${availabilityColumns.join(', ')} FROM availabilities ORDER BY catalog_item_id`).all() as Record<string, unknown>[]) {
    const key = `${row.product_id as string}:${row.sku_id as string}`;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push(row);
  }

  // Deleting a SKU checks the availabilities that reference it; nothing indexes that side (the product
  // never deletes SKUs), so the shrink runs without foreign-key checks. It deletes children first anyway.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (target < current) db.pragma('foreign_keys = OFF');
  db.transaction(() => {
    if (target < current) {
      // Keep whole SKUs in shuffled order while they fit, then part of the next one.
      let kept = 0;
      const delAvailability = db.prepare('DELETE FROM availabilities WHERE catalog_item_id = ?');
      const delSku = db.prepare('DELETE FROM skus WHERE product_id = ? AND id = ?');
      for (const sku of skus) {
        const rows = byKey.get(`${sku.product_id}:${sku.id}`) ?? [];
        const keep = Math.max(0, Math.min(rows.length, target - kept));
        kept += keep;
        for (const row of rows.slice(keep)) delAvailability.run(row.catalog_item_id);
        if (keep === 0) delSku.run(sku.product_id, sku.id);
      }
    } else if (target > current) {
      const insSku = db.prepare(
        `INSERT INTO skus (${skuColumns.join(', ')}) SELECT product_id, ?, title || ?, minimum_quantity, maximum_quantity, billing_cycles,
           prerequisites, arm_sku_name || ?, arm_region_name, region, duration, cores, ram, category, family, sku_display_name || ?
         FROM skus WHERE product_id = ? AND id = ?`,
      );
      const insAvailability = db.prepare(
        `INSERT INTO availabilities (${availabilityColumns.join(', ')}) VALUES (${availabilityColumns.map(() => '?').join(', ')})`,
      );
      let added = 0;
      for (let round = 1; added < target - current; round++) {
        for (const sku of skus) {
          if (added >= target - current) break;
          const rows = byKey.get(`${sku.product_id}:${sku.id}`) ?? [];
          const newId = `${sku.id}~${round}`;
          const suffix = `_r${round}`;
          insSku.run(newId, ` (bench copy ${round})`, suffix, suffix, sku.product_id, sku.id);
          for (const row of rows) {
            if (added >= target - current) break;
            const copy: Record<string, unknown> = { ...row, sku_id: newId, catalog_item_id: `${sku.product_id}:${newId}:${row.id as string}`, arm_sku_name: `${row.arm_sku_name as string}${suffix}` };
            insAvailability.run(...availabilityColumns.map((c) => copy[c]));
            added++;
          }
        }
      }
    }
  })();
  if (foreignKeys) db.pragma('foreign_keys = ON');
  return {
    availabilities: count(db, 'SELECT COUNT(*) AS n FROM availabilities'),
    skus: count(db, 'SELECT COUNT(*) AS n FROM skus'),
    shrunk: target < current,
  };
}
