// The embedded Partner Center's CatalogStore.search: the count of matching rows is bounded
// (CATALOG_COUNT_CAP), so a search costs the same whatever the catalog's size; paging goes on past the
// bound. Rows read back are valid CatalogItems.
import assert from 'node:assert/strict';
import type { Db } from '../../../../src/store/db';
import { CATALOG_COUNT_CAP, CatalogStore } from '../../../../src/partnerCenter/local/catalog';
import type { CatalogSearch } from '../../../../src/domain/types';
import { LocalPartnerCenter } from '../../../../src/partnerCenter/local';
import { CatalogItem, ReservationType } from '../../../../src/domain/types';

describe('partnerCenter/local/catalog: capped search count', () => {
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
    const pc = LocalPartnerCenter.open(':memory:');
    pc.catalog.writeAllMarkets();
    db = pc.db;
    catalog = pc.catalog;
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

describe('partnerCenter/local/catalog: rows read back are valid domain values', () => {
  // toItem maps rows without parsing them again: the seed must have written valid CatalogItems.
  let world: LocalPartnerCenter;
  before(() => {
    world = LocalPartnerCenter.open(':memory:');
    world.catalog.writeAllMarkets();
  });
  after(() => world.close());

  it('every seeded availability reads back as a valid CatalogItem', () => {
    const ids = (world.db.prepare('SELECT catalog_item_id AS id FROM availabilities').all() as { id: string }[]).map((r) => r.id);
    assert.ok(ids.length > 90_000, `the demo catalog is seeded (${ids.length})`);
    const catalog = new CatalogStore(world.db);
    for (const id of ids) {
      const item = catalog.item(id);
      const parsed = CatalogItem.safeParse(item);
      assert.ok(parsed.success, `${id} is a valid CatalogItem: ${parsed.success ? '' : parsed.error.message}`);
    }
  });

  it('every seeded reservation type reads back as a valid ReservationType', () => {
    const types = new CatalogStore(world.db).reservationTypes();
    assert.equal(types.length, 21, 'the 21 demo reservation types');
    for (const t of types) assert.ok(ReservationType.safeParse(t).success, `${t.key} is a valid ReservationType`);
  });
});

describe('partnerCenter/local/catalog: markets written when first asked for', () => {
  let world: LocalPartnerCenter;
  beforeEach(() => {
    world = LocalPartnerCenter.open(':memory:');
  });
  afterEach(() => world.close());
  const rowsOf = (country: string) =>
    (world.db.prepare('SELECT COUNT(*) AS n FROM availabilities WHERE country = ?').get(country) as { n: number }).n;
  const vmSearch = (country: string): CatalogSearch => ({
    country,
    segment: 'commercial',
    reservationType: 'VirtualMachines',
    filter: {},
    offset: 0,
    limit: 5,
  });

  it('a new world holds no availabilities; the first search of a market writes that market only', () => {
    assert.equal(rowsOf('NL'), 0);
    const page = world.catalog.search(vmSearch('NL'));
    assert.equal(page.items.length, 5);
    assert.ok(page.items.every((i) => i.availability.country === 'NL'));
    assert.equal(rowsOf('NL'), 5728);
    assert.equal(rowsOf('BR'), 0);
  });

  it('the vocabulary of a market not searched yet is its own', () => {
    const words = world.catalog.vocabulary('BR', 'commercial', 'VirtualMachines');
    assert.ok(words.regions.some((r) => r.armName === 'brazilsouth'));
    assert.ok(rowsOf('BR') > 0);
  });

  it('an item of a market not written yet is found by its id, as in a world written whole', () => {
    const whole = LocalPartnerCenter.open(':memory:');
    whole.catalog.writeAllMarkets();
    const id = (whole.db.prepare("SELECT catalog_item_id AS id FROM availabilities WHERE country = 'DE' LIMIT 1").get() as { id: string }).id;
    assert.deepEqual(world.catalog.item(id), whole.catalog.item(id));
    whole.close();
    assert.equal(world.catalog.item('no:such:item'), undefined);
  });

  it('a market with no demo customers has no availabilities to write', () => {
    assert.deepEqual(world.catalog.search(vmSearch('CU')).items, []);
  });
});

describe('partnerCenter/local: pay-as-you-go prices of the embedded world', () => {
  let pc: LocalPartnerCenter;
  before(() => (pc = LocalPartnerCenter.open(':memory:')));
  after(() => pc.close());

  const find = async (country: string, segment: CatalogSearch['segment'], reservationType: string, armSkuName: string, region: string, term: 'P1Y' | 'P3Y') => {
    const { items } = await pc.searchCatalog({ country, segment, reservationType, filter: { armSkuName, region, term }, offset: 0, limit: 1 });
    return items[0]!;
  };

  // The inputs of test/src/rules/savings.test.ts: the reference's USD price per hour × the seed's region
  // factor × exchange rate × segment factor × 100, and the reservation price the same factors give.
  for (const c of [
    { country: 'NL', segment: 'commercial', size: 'Standard_D2s_v5', region: 'westeurope', term: 'P3Y', perHourMinor: 10.9764096, currency: 'EUR', unitMinor: 119307 },
    { country: 'BR', segment: 'commercial', size: 'Standard_D2s_v5', region: 'brazilsouth', term: 'P1Y', perHourMinor: 9.719808, currency: 'USD', unitMinor: 52245 },
    { country: 'NL', segment: 'education', size: 'Standard_F4s_v2', region: 'northeurope', term: 'P3Y', perHourMinor: 15.327031824, currency: 'EUR', unitMinor: 163696 },
  ] as const) {
    it(`${c.size}, ${c.region}, ${c.term}, ${c.country} ${c.segment}: ${c.perHourMinor} ${c.currency} cents an hour`, async () => {
      const item = await find(c.country, c.segment, 'VirtualMachines', c.size, c.region, c.term);
      assert.equal(item.availability.unitPriceMinor, c.unitMinor);
      const price = await pc.getPayAsYouGoPrice(item.catalogItemId);
      assert.equal(price?.currency, c.currency);
      assert.ok(Math.abs(price!.perHourMinor - c.perHourMinor) < 1e-9, `${price?.perHourMinor}`);
    });
  }

  it('knows none for the other reservation types, nor for an unknown item', async () => {
    const sql = (await pc.searchCatalog({ country: 'NL', segment: 'commercial', reservationType: 'SqlDatabase', filter: {}, offset: 0, limit: 1 })).items[0]!;
    assert.equal(await pc.getPayAsYouGoPrice(sql.catalogItemId), undefined);
    assert.equal(await pc.getPayAsYouGoPrice('DZH318Z0XXXX:0001:DZH318Z0YYYY'), undefined);
  });
});
