// The bot's store as versions 1 to 6 wrote it (Partner Center's tables in the same file) opened by this
// release: carts, their lines, the checkout journal, the audit trail and bot state are all still there;
// the embedded Partner Center's new file has the customers, subscriptions and orders it had; the store
// keeps no Partner Center table, and the ledger check finds the journal and the orders agree.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Store } from '../../../src/store/store';
import { migrations } from '../../../src/store/migrations';
import { ledgerProblems } from '../../../src/store/ledgerCheck';
import { LocalPartnerCenter } from '../../../src/partnerCenter/local';
import { demoAgents, demoCustomers, demoPartners, demoSubscriptions } from '../../../src/store/demoIds';

const fixture = path.join(__dirname, '../../support/fixtures/combinedStoreV6.sql');
const at = '2026-06-01T10:00:00.000Z';

/** A version-6 file with one bought cart (two orders), one cart in progress, two audit events and a saved conversation. */
function writeVersion6(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(fs.readFileSync(fixture, 'utf8'));
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  run(`INSERT INTO partners VALUES (?, 'Contoso Cloud Partners B.V.', 'direct', 'NL', 1, '4410101')`, demoPartners.contosoNl);
  run(`INSERT INTO agents VALUES (?, ?, 'Anna de Vries', 'anna@example.nl', 'AdminAgent')`, demoAgents.anna, demoPartners.contosoNl);
  run(`INSERT INTO agent_channel_ids VALUES ('demo-anna', ?)`, demoAgents.anna);
  run(`INSERT INTO customers VALUES (?, ?, 'Contoso Retail (renamed in 2026) B.V.', 'contosoretail.onmicrosoft.com', 't-1', 'NL', 'notSigned', '["commercial"]', NULL)`,
    demoCustomers.contosoRetail, demoPartners.contosoNl);
  run(`INSERT INTO subscriptions VALUES (?, ?, 'MS-AZR-0145P', 'legacyAzure', 'Production', 'active', 'usage', 'registered', ?)`,
    demoSubscriptions.contosoRetailProduction, demoCustomers.contosoRetail, at);
  run(`INSERT INTO agent_subscription_access VALUES (?, ?)`, demoAgents.anna, demoSubscriptions.contosoRetailProduction);
  run(`INSERT INTO reservation_types VALUES ('VirtualMachines', 'vm', 'Virtual machines', '["P1Y","P3Y"]', 1, 'instance', 1)`);
  run(`INSERT INTO products VALUES ('P1', 'Dsv5', 'Dsv5 series', 'VirtualMachines')`);
  run(`INSERT INTO skus VALUES ('P1', '0001', 'D2s v5', 1, 100, '["one_time","monthly"]', '[]', 'Standard_D2s_v5', 'westeurope', 'West Europe', '3Years', 2, 8, 'General', 'Dsv5', 'D2s v5')`);
  for (const a of ['A1', 'A2']) {
    run(`INSERT INTO availabilities (catalog_item_id, id, product_id, sku_id, country, segment, currency_code, currency_symbol, is_purchasable, term,
           unit_price_minor, reservation_type, arm_region_name, family, arm_sku_name) VALUES (?, ?, 'P1', '0001', 'NL', 'commercial', 'EUR', '€', 1, 'P3Y', 1000, 'VirtualMachines', 'westeurope', 'Dsv5', 'Standard_D2s_v5')`,
      `P1:0001:${a}`, a);
  }
  const cart = (id: string, status: string) =>
    run(`INSERT INTO carts VALUES (?, ?, ?, ?, ?, 'commercial', 'VirtualMachines', ?, 'shared', NULL, ?, ?, ?)`,
      id, demoPartners.contosoNl, demoAgents.anna, demoCustomers.contosoRetail, `conversation-${id}`, demoSubscriptions.contosoRetailProduction, status, at, at);
  cart('cart-bought', 'submitted');
  cart('cart-open', 'active');
  run(`INSERT INTO cart_lines VALUES ('cart-bought', 1, 'P1:0001:A1', 2, 'one_time'), ('cart-bought', 2, 'P1:0001:A2', 1, 'monthly'), ('cart-open', 1, 'P1:0001:A1', 5, 'one_time')`);
  run(`INSERT INTO checkouts VALUES ('cart-bought', 'cart-bought', ?)`, at);
  for (const [id, group, cycle, total] of [['order-a', 'one_time', 'one_time', 2000], ['order-b', 'monthly', 'monthly', 1000]] as const) {
    run(`INSERT INTO orders VALUES (?, ?, 'cart-bought', 'cart-bought', ?, ?, ?, ?, ?, 'shared', ?, 'EUR', ?, 'pending', ?)`,
      id, `alt-${id}`, group, demoPartners.contosoNl, demoCustomers.contosoRetail, demoAgents.anna, demoSubscriptions.contosoRetailProduction, cycle, total, at);
  }
  run(`INSERT INTO order_lines VALUES ('order-a', 0, 'P1:0001:A1', 'P1:0001', 'D2s v5', 'westeurope', 2, 'P3Y', 1000, 2000, '', 'PrefulfillmentPending'),
       ('order-b', 0, 'P1:0001:A2', 'P1:0001', 'D2s v5', 'westeurope', 1, 'P3Y', 1000, 1000, '', 'PrefulfillmentPending')`);
  run(`INSERT INTO audit_events (at, type, agent_id, cart_id, detail) VALUES (?, 'checkout.attempt', ?, 'cart-bought', '{}'), (?, 'checkout.completed', ?, 'cart-bought', '{"orders":["order-a","order-b"]}')`,
    at, demoAgents.anna, at, demoAgents.anna);
  run(`INSERT INTO bot_state VALUES ('msteams/conversations/c1/', 'etag-1', '{"dialogState":{}}', ?)`, at);
  db.close();
}

describe('store/migrations: a file written before Partner Center had its own', () => {
  let dir: string;
  let storeFile: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'store-upgrade-'));
    storeFile = path.join(dir, 'reservations.db');
    writeVersion6(storeFile);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps carts, lines, the journal, the audit trail and bot state; Partner Center keeps its customers and orders', () => {
    // As bot/server.ts opens them: the embedded Partner Center first, then the store.
    const pc = LocalPartnerCenter.open(path.join(dir, 'partner-center.db'), { combinedFile: storeFile });
    const store = Store.open(storeFile);
    try {
      assert.equal(store.carts.get('cart-bought')?.status, 'submitted', 'the bought cart is still bought');
      assert.deepEqual(
        store.carts.get('cart-bought')?.lineItems.map((l) => [l.catalogItemId, l.quantity, l.billingCycle]),
        [['P1:0001:A1', 2, 'one_time'], ['P1:0001:A2', 1, 'monthly']],
        'with its lines',
      );
      assert.deepEqual(store.carts.get('cart-open')?.lineItems.map((l) => l.quantity), [5], 'the cart in progress keeps its line');
      assert.deepEqual(store.journal.orderIds('cart-bought'), ['order-b', 'order-a'], 'the journal names the orders of the checkout, by billing group');
      assert.deepEqual(store.audit.list().map((e) => e.type), ['checkout.attempt', 'checkout.completed'], 'the audit trail is whole');
      assert.throws(() => store.db.prepare("UPDATE audit_events SET type = 'x'").run(), /append-only/, 'and still append-only');
      assert.deepEqual(store.db.prepare('SELECT key, etag FROM bot_state').all(), [{ key: 'msteams/conversations/c1/', etag: 'etag-1' }], 'the saved conversation');
      assert.ok(store.directory.accessibleSubscriptionIds(demoAgents.anna).has(demoSubscriptions.contosoRetailProduction), 'the agent keeps her access');
      const tables = (store.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[]);
      for (const gone of ['customers', 'subscriptions', 'resellers', 'availabilities', 'skus', 'products', 'orders', 'order_lines', 'store_versions']) {
        assert.ok(!tables.includes(gone), `no ${gone} table in the store`);
      }
      store.db.prepare(`INSERT INTO agent_channel_ids VALUES ('anna-2', ?)`).run(demoAgents.anna);
      assert.equal(store.directory.agentAndPartnerByUserId('anna-2')?.agent.id, demoAgents.anna, 'the directory takes writes (no trigger left on a dropped table)');

      assert.equal(pc.directory.customer(demoCustomers.contosoRetail)?.companyName, 'Contoso Retail (renamed in 2026) B.V.', 'Partner Center has the customer as the old file had it');
      assert.deepEqual(pc.orders.forRequest('cart-bought').map((o) => [o.id, o.totalMinor]), [['order-b', 1000], ['order-a', 2000]], 'and its orders, by request id');
      assert.ok(pc.catalog.reservationTypes().length > 1, 'the catalog is the demo seed');
      assert.deepEqual(ledgerProblems(store.db, pc.orders.idsByRequest()), [], 'the journal and the orders agree');
    } finally {
      store.close();
      pc.close();
    }
  });

  it('opens the upgraded files again as they are', () => {
    const pc = LocalPartnerCenter.open(path.join(dir, 'partner-center.db'), { combinedFile: storeFile });
    const store = Store.open(storeFile);
    try {
      assert.equal(store.db.prepare('SELECT MAX(version) AS v FROM schema_migrations').pluck().get(), migrations.at(-1)!.version, "at this release's version");
      assert.deepEqual(store.journal.orderIds('cart-bought'), ['order-b', 'order-a'], 'the journal as it was');
      assert.equal(pc.orders.forRequest('cart-bought').length, 2, 'no order copied twice');
    } finally {
      store.close();
      pc.close();
    }
  });
});
