// CatalogStore.search: the count of matching rows is bounded (CATALOG_COUNT_CAP), so a search costs the
// same whatever the catalog's size; paging goes on past the bound. Rows read back are valid CatalogItems.
import assert from 'node:assert/strict';
import { openDatabase, type Db } from '../../../src/store/db';
import { seedDemoWorld } from '../../../src/store/seed';
import { CATALOG_COUNT_CAP, CatalogStore } from '../../../src/store/catalog';
import type { CatalogSearch } from '../../../src/domain/types';
import { Store } from '../../../src/store/store';
import { CatalogItem, ReservationType } from '../../../src/domain/types';
import { StoreMirror } from '../../../src/partnerCenter/rest/mirror';

describe('store/catalog: capped search count', () => {
  let db: Db;
  let catalog: CatalogStore;
  const search = (over: Partial<CatalogSearch> = {}): CatalogSearch => ({
    country: 'NL',
    segment: 'commercial',
    reservationType: 'VirtualMachines',
    filter: {},
    offset: 0,
    limit: 10,
    ...over,
  });
  const exact = (q: CatalogSearch): number =>
    (db
      .prepare(
        `SELECT COUNT(*) AS n FROM availabilities WHERE country = ? AND segment = ? AND reservation_type = ? AND is_purchasable = 1`,
      )
      .get(q.country, q.segment, q.reservationType) as { n: number }).n;

  before(() => {
    db = openDatabase(':memory:');
    assert.equal(seedDemoWorld(db), true);
    catalog = new CatalogStore(db);
  });
  after(() => db.close());

  it('counts at most CATALOG_COUNT_CAP rows and says the total is capped when more match', () => {
    const q = search();
    const all = exact(q);
    assert.ok(all > CATALOG_COUNT_CAP, `the demo market has more than ${CATALOG_COUNT_CAP} rows (${all})`);
    const page = catalog.search(q);
    assert.equal(page.total, CATALOG_COUNT_CAP, 'the count stops at the cap');
    assert.equal(page.totalCapped, true, 'and says so');
    assert.equal(page.items.length, 10, 'a full page');
  });

  it('gives the exact total when fewer rows match', () => {
    const page = catalog.search(search({ filter: { family: 'Dsv5', region: 'westeurope' } }));
    assert.ok(page.total > 0 && page.total <= CATALOG_COUNT_CAP, `some rows (${page.total})`);
    assert.equal(page.totalCapped, undefined, 'no totalCapped: the total is exact');
    const none = catalog.search(search({ filter: { region: 'nowhere' } }));
    assert.deepEqual(none, { items: [], total: 0 });
  });

  it('lists a size, a region and term, or a typed text in page order on every page, with the exact total', () => {
    const reference = (where: string, params: string[]) =>
      (db
        .prepare(
          `SELECT catalog_item_id AS id FROM availabilities NOT INDEXED WHERE country = 'NL' AND segment = 'commercial'
           AND reservation_type = 'VirtualMachines' AND is_purchasable = 1 AND ${where} ORDER BY family, cores, arm_sku_name, region, term`,
        )
        .all(...params) as { id: string }[]).map((r) => r.id);
    const like = "(arm_sku_name LIKE ? ESCAPE '\\' OR family LIKE ? ESCAPE '\\')";
    for (const [filter, where, params] of [
      [{ armSkuName: 'Standard_D4s_v5' }, 'arm_sku_name = ?', ['Standard_D4s_v5']],
      [{ region: 'westeurope', term: 'P3Y' as const }, 'arm_region_name = ? AND term = ?', ['westeurope', 'P3Y']],
      // typed text: few matches (sorted from their own rows), many (found along the page order), a LIKE wildcard typed literally
      [{ text: 'd4s' }, like, ['%d4s%', '%d4s%']],
      [{ text: '_v2' }, like, ['%\\_v2%', '%\\_v2%']],
      [{ text: 'Esv' }, like, ['%Esv%', '%Esv%']],
    ] as const) {
      const all = reference(where, [...params]);
      assert.ok(all.length > 20, `${JSON.stringify(filter)} matches several pages (${all.length})`);
      const listed: string[] = [];
      for (let offset = 0; offset < Math.min(all.length, 300); offset += 10) {
        const page = catalog.search(search({ filter, offset }));
        assert.equal(page.total, all.length, `${JSON.stringify(filter)}: the exact total`);
        listed.push(...page.items.map((i) => i.catalogItemId));
      }
      assert.deepEqual(listed, all.slice(0, 300), `${JSON.stringify(filter)}: every row once, in page order`);
    }
  });

  it('pages past the cap: the count reaches the requested page, and the last page is exact', () => {
    const q = search();
    const all = exact(q);
    const past = catalog.search(search({ offset: CATALOG_COUNT_CAP, limit: 10 }));
    assert.equal(past.items.length, 10, 'rows after the cap');
    assert.equal(past.total, CATALOG_COUNT_CAP + 10, 'counted as far as this page');
    assert.equal(past.totalCapped, true, 'more rows follow');
    const lastOffset = Math.floor((all - 1) / 10) * 10;
    const last = catalog.search(search({ offset: lastOffset }));
    assert.equal(last.total, all, 'the exact total on the last page');
    assert.equal(last.totalCapped, undefined);
    assert.equal(last.items.length, all - lastOffset);
  });
});

describe('store/catalog: rows read back are valid domain values', () => {
  // toItem maps rows without parsing them again: every writer must have written a valid CatalogItem.
  let store: Store;
  before(() => {
    store = Store.open(':memory:');
  });
  after(() => store.close());

  it('every seeded availability reads back as a valid CatalogItem', () => {
    const ids = (store.db.prepare('SELECT catalog_item_id AS id FROM availabilities').all() as { id: string }[]).map((r) => r.id);
    assert.ok(ids.length > 90_000, `the demo catalog is seeded (${ids.length})`);
    const catalog = new CatalogStore(store.db);
    for (const id of ids) {
      const item = catalog.item(id);
      const parsed = CatalogItem.safeParse(item);
      assert.ok(parsed.success, `${id} is a valid CatalogItem: ${parsed.success ? '' : parsed.error.message}`);
    }
  });

  it('every seeded reservation type reads back as a valid ReservationType', () => {
    const types = new CatalogStore(store.db).reservationTypes();
    assert.equal(types.length, 21, 'the 21 demo reservation types');
    for (const t of types) assert.ok(ReservationType.safeParse(t).success, `${t.key} is a valid ReservationType`);
  });

  it("reads back what the REST gateway's mirror wrote, field for field", () => {
    const catalog = new CatalogStore(store.db);
    const seeded = catalog.item((store.db.prepare('SELECT catalog_item_id AS id FROM availabilities LIMIT 1').get() as { id: string }).id)!;
    const written: CatalogItem = {
      ...seeded,
      catalogItemId: 'PRODX:SKUX:AVAILX',
      product: { ...seeded.product, id: 'PRODX', title: 'Mirrored product' },
      sku: { ...seeded.sku, id: 'SKUX', productId: 'PRODX', supportedBillingCycles: ['one_time', 'monthly'], purchasePrerequisites: ['InventoryCheck'] },
      availability: { ...seeded.availability, id: 'AVAILX', productId: 'PRODX', skuId: 'SKUX', catalogItemId: 'PRODX:SKUX:AVAILX', unitPriceMinor: 4242 },
    };
    const mirror = new StoreMirror(store);
    mirror.catalogItem(CatalogItem.parse(written));
    // Mirrored again (a catalog refresh): the upsert path, with names sku_names already knows.
    mirror.catalogItem(CatalogItem.parse(written));
    assert.deepEqual(catalog.item('PRODX:SKUX:AVAILX'), written, 'the row maps back to the item the mirror wrote');
    const byText = catalog.search({ country: written.availability.country, segment: written.availability.segment, reservationType: written.product.reservationType, filter: { text: written.sku.dynamicAttributes.armSkuName }, offset: 0, limit: 1000 });
    assert.ok(byText.items.some((i) => i.catalogItemId === 'PRODX:SKUX:AVAILX'), 'typed text finds the mirrored item');
  });
});
