// The directory and catalog read caches (src/store/versionedCache.ts, migration 6): a read after any change
// sees the change, whoever made it (this connection's own SQL at once, a rolled-back transaction, another
// connection once VERSION_REUSE_MS have passed), and what the cache hands out cannot be changed by the caller.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Store } from '../../../src/store/store';
import { VERSION_REUSE_MS } from '../../../src/store/versionedCache';
import { demoAgents, demoCustomers, demoPartners, demoSubscriptions } from '../../../src/store/demoIds';

/** A seeded file with the store's connection and a second one (another process), new for every test. */
function twoConnections(): { store: Store; other: Database.Database } {
  const c = {} as { store: Store; other: Database.Database; dir: string };
  beforeEach(() => {
    c.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-cache-'));
    c.store = Store.open(path.join(c.dir, 'reservations.db'));
    c.other = new Database(path.join(c.dir, 'reservations.db'));
  });
  afterEach(() => {
    c.other.close();
    c.store.close();
    fs.rmSync(c.dir, { recursive: true, force: true });
  });
  return c;
}

/** Another connection's commit is seen by the caches at most VERSION_REUSE_MS late. */
const otherConnectionLag = () => new Promise((resolve) => setTimeout(resolve, VERSION_REUSE_MS + 1));

describe('store: read caches dropped on every change', () => {
  const c = twoConnections();


  const itemId = () => (c.store.db.prepare(`SELECT catalog_item_id FROM availabilities WHERE country = 'NL' LIMIT 1`).pluck().get() as string);

  it('serves a repeated lookup from the cache (the same object) until a row changes', () => {
    const first = c.store.directory.customer(demoCustomers.contosoRetail);
    assert.ok(first, 'Contoso Retail exists');
    assert.equal(c.store.directory.customer(demoCustomers.contosoRetail), first, 'the cached object is handed out again');
    // A change to any directory row, even another customer's, drops the cache.
    c.store.db.prepare(`UPDATE customers SET domain = domain WHERE id = ?`).run(demoCustomers.alpineSki);
    const reread = c.store.directory.customer(demoCustomers.contosoRetail);
    assert.notEqual(reread, first, 'read again after a change');
    assert.deepEqual(reread, first, 'with the same content');
  });

  it("sees this connection's own UPDATE, INSERT and DELETE of directory rows at the next read", () => {
    assert.equal(c.store.directory.customer(demoCustomers.contosoRetail)?.companyName, 'Contoso Retail B.V.');
    c.store.db.prepare(`UPDATE customers SET company_name = 'Renamed B.V.' WHERE id = ?`).run(demoCustomers.contosoRetail);
    assert.equal(c.store.directory.customer(demoCustomers.contosoRetail)?.companyName, 'Renamed B.V.', 'update seen');

    assert.equal(c.store.directory.agentAndPartnerByUserId('new-channel-id'), undefined, 'unknown user (a miss, cached)');
    c.store.db.prepare('INSERT INTO agent_channel_ids (channel_user_id, agent_id) VALUES (?, ?)').run('new-channel-id', demoAgents.anna);
    assert.equal(c.store.directory.agentAndPartnerByUserId('new-channel-id')?.agent.id, demoAgents.anna, 'insert seen: the cached miss was dropped');

    assert.ok(c.store.directory.accessibleSubscriptionIds(demoAgents.sam).has(demoSubscriptions.contosoRetailProduction));
    c.store.db.prepare('DELETE FROM agent_subscription_access WHERE agent_id = ?').run(demoAgents.sam);
    assert.equal(c.store.directory.accessibleSubscriptionIds(demoAgents.sam).size, 0, 'delete seen: access withdrawn');
  });

  it('sees a change committed by another connection', async () => {
    assert.equal(c.store.directory.partner(demoPartners.contosoNl)?.isCsp, true);
    assert.equal(c.store.directory.subscription(demoSubscriptions.contosoRetailProduction)?.status, 'active');
    c.other.prepare('UPDATE partners SET is_csp = 0 WHERE id = ?').run(demoPartners.contosoNl);
    c.other.prepare(`UPDATE subscriptions SET status = 'suspended' WHERE id = ?`).run(demoSubscriptions.contosoRetailProduction);
    await otherConnectionLag();
    assert.equal(c.store.directory.partner(demoPartners.contosoNl)?.isCsp, false, 'the partner left CSP');
    assert.equal(c.store.directory.subscription(demoSubscriptions.contosoRetailProduction)?.status, 'suspended');
  });

  it('never keeps what a rolled-back transaction read, even when a later change is committed', async () => {
    const id = demoCustomers.contosoRetail;
    assert.equal(c.store.directory.customer(id)?.companyName, 'Contoso Retail B.V.');
    const inside = c.store.db.transaction(() => {
      c.store.db.prepare(`UPDATE customers SET company_name = 'Never B.V.' WHERE id = ?`).run(id);
      assert.equal(c.store.directory.customer(id)?.companyName, 'Never B.V.', 'inside the transaction its own change is read');
      throw new Error('roll back');
    });
    assert.throws(inside, /roll back/);
    // The next committed change must not make the rolled-back read current again.
    c.other.prepare(`UPDATE customers SET domain = 'renamed.example' WHERE id = ?`).run(id);
    await otherConnectionLag();
    const after = c.store.directory.customer(id);
    assert.equal(after?.companyName, 'Contoso Retail B.V.', 'the rolled-back name is gone');
    assert.equal(after?.domain, 'renamed.example', 'the committed change is read');
  });

  it("sees a catalog price change and a withdrawn item; finds an item inserted after a miss", async () => {
    const id = itemId();
    const before = c.store.catalog.item(id)!;
    c.other.prepare('UPDATE availabilities SET unit_price_minor = unit_price_minor + 100 WHERE catalog_item_id = ?').run(id);
    await otherConnectionLag();
    assert.equal(c.store.catalog.item(id)?.availability.unitPriceMinor, before.availability.unitPriceMinor + 100, 'new price read');

    const types = c.store.catalog.reservationTypes();
    c.other.prepare(`UPDATE reservation_types SET monthly_billing_supported = 1 - monthly_billing_supported WHERE key = 'VirtualMachines'`).run();
    await otherConnectionLag();
    assert.notEqual(
      c.store.catalog.reservationTypes().find((t) => t.key === 'VirtualMachines')?.monthlyBillingSupported,
      types.find((t) => t.key === 'VirtualMachines')?.monthlyBillingSupported,
      'reservation type change read',
    );

    c.other.prepare('DELETE FROM availabilities WHERE catalog_item_id = ?').run(id);
    await otherConnectionLag();
    assert.equal(c.store.catalog.item(id), undefined, 'a deleted item is gone');

    // Inserts into availabilities change no version (migration 6): a miss must not be cached.
    const row = c.store.db.prepare('SELECT * FROM availabilities WHERE catalog_item_id <> ? LIMIT 1').get(id) as Record<string, unknown>;
    const copyId = `${String(row.catalog_item_id)}-copy`;
    assert.equal(c.store.catalog.item(copyId), undefined, 'not there yet');
    const cols = Object.keys(row);
    c.other.prepare(`INSERT INTO availabilities (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((col) => (col === 'catalog_item_id' ? copyId : row[col])) as never[]);
    await otherConnectionLag();
    assert.equal(c.store.catalog.item(copyId)?.catalogItemId, copyId, 'found once inserted');
  });

  it('hands out frozen objects: a caller cannot change what the next caller reads', () => {
    const customer = c.store.directory.customer(demoCustomers.contosoRetail)!;
    assert.throws(() => {
      (customer as { companyName: string }).companyName = 'Mutated';
    }, TypeError);
    assert.throws(() => (customer.qualifications as string[]).push('education'), TypeError);
    const item = c.store.catalog.item(itemId())!;
    assert.throws(() => {
      (item.availability as { unitPriceMinor: number }).unitPriceMinor = 1;
    }, TypeError);
    assert.equal(c.store.directory.customer(demoCustomers.contosoRetail)?.companyName, 'Contoso Retail B.V.');
  });
});

describe('store: catalog page cache', () => {
  const c = twoConnections();
  const q = { country: 'NL', segment: 'commercial' as const, reservationType: 'VirtualMachines', filter: { region: 'westeurope', term: 'P1Y' as const }, offset: 0, limit: 10 };


  it('answers a repeated search from the cache, the same as the uncached search', () => {
    const first = c.store.catalog.search(q);
    assert.deepEqual(first, c.store.catalog.readSearch(q), 'cached = uncached');
    assert.equal(c.store.catalog.search({ ...q, filter: { term: 'P1Y', region: 'westeurope' } }), first, 'same query, other key order: the cached page');
    assert.notDeepEqual(c.store.catalog.search({ ...q, offset: 10 }).items, first.items, 'another page is another entry');
  });

  for (const writer of ['this connection', 'another connection'] as const) {
  it(`shows a new availability, a price change and a withdrawn item on the next search, written by ${writer}`, async () => {
    // This connection's own writes are seen at once (the REST mirror writes the catalog this way).
    const db = writer === 'this connection' ? c.store.db : c.other;
    const settle = writer === 'this connection' ? async () => undefined : otherConnectionLag;
    const first = c.store.catalog.search(q);
    const top = first.items[0]!;
    // A copy of the first row that sorts before it (same family and cores, a size name just before it).
    const row = c.store.db.prepare('SELECT * FROM availabilities WHERE catalog_item_id = ?').get(top.catalogItemId) as Record<string, unknown>;
    const copyId = `${top.catalogItemId}-copy`;
    const cols = Object.keys(row);
    db
      .prepare(`INSERT INTO availabilities (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`)
      .run(...(cols.map((col) => (col === 'catalog_item_id' ? copyId : col === 'arm_sku_name' ? ' ' + String(row[col]) : row[col])) as never[]));
    await settle();
    const withNew = c.store.catalog.search(q);
    assert.equal(withNew.total, first.total + 1, 'the new row is counted');
    assert.equal(withNew.items[0]?.catalogItemId, copyId, 'and listed first');

    db.prepare('UPDATE availabilities SET unit_price_minor = unit_price_minor * 2 WHERE catalog_item_id = ?').run(top.catalogItemId);
    await settle();
    const repriced = c.store.catalog.search(q).items.find((i) => i.catalogItemId === top.catalogItemId);
    assert.equal(repriced?.availability.unitPriceMinor, top.availability.unitPriceMinor * 2, 'the new price is listed');

    db.prepare('DELETE FROM availabilities WHERE catalog_item_id = ?').run(copyId);
    await settle();
    assert.deepEqual(c.store.catalog.search(q).items.map((i) => i.catalogItemId), c.store.catalog.readSearch(q).items.map((i) => i.catalogItemId));
    assert.ok(!c.store.catalog.search(q).items.some((i) => i.catalogItemId === copyId), 'the withdrawn row is gone');
  });
  }
});
