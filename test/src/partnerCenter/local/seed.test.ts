// The demo world: the bot's half (partners, agents, their subscription access: src/store/seed.ts) and the
// embedded Partner Center's (resellers, customers, subscriptions, catalog: src/partnerCenter/local/seed.ts),
// read on one connection: Partner Center's file with the bot's store attached, so a query may join both.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import catalogReference from '../../../../src/data/catalog-reference.json';
import unavailableMarketsFile from '../../../../src/data/unavailable-markets.json';
import { openDatabase, type Db } from '../../../../src/store/db';
import {
  demoAgents,
  demoCustomers,
  demoPartners,
  demoResellers,
  demoSubscriptions,
} from '../../../../src/store/demoIds';
import { openStoreDatabase } from '../../../../src/store/store';
import { seedDemoAgents } from '../../../../src/store/seed';
import { migrations } from '../../../../src/partnerCenter/local/migrations';
import { demoMarketCountries, marketCurrencies, seedPartnerCenter, writeMarketAvailabilities } from '../../../../src/partnerCenter/local/seed';
import { azurePlanOfferId, legacyAzureOfferId, roles, segments } from '../../../../src/domain/types';

type Row = Record<string, unknown>;

const all = <T = Row>(db: Db, sql: string, ...args: unknown[]): T[] => db.prepare(sql).all(...args) as T[];
const get = <T = Row>(db: Db, sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;
const count = (db: Db, sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;

/** Tables the seeds write, with the order that makes a dump canonical. */
const storeTables: Record<string, string> = {
  partners: 'id',
  agents: 'id',
  agent_channel_ids: 'channel_user_id',
  agent_subscription_access: 'agent_id, subscription_id',
};
const partnerCenterTables: Record<string, string> = {
  resellers: 'mpn_id',
  customers: 'id',
  subscriptions: 'id',
  reservation_types: 'key',
  products: 'id',
  skus: 'product_id, id',
  availabilities: 'catalog_item_id',
};

/** A fingerprint of every seeded table: row count and a hash of all rows in key order (built in SQL: fast). */
function dump(db: Db, tables: Record<string, string> = { ...storeTables, ...partnerCenterTables }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [table, order] of Object.entries(tables)) {
    const columns = all<{ name: string }>(db, `PRAGMA table_info(${table})`).map((c) => `quote(${c.name})`);
    const { n, text } = get<{ n: number; text: string | null }>(
      db,
      `SELECT COUNT(*) AS n, group_concat(${columns.join(" || ',' || ")}, char(10) ORDER BY ${order}) AS text FROM ${table}`,
    );
    out[table] = `${n}:${createHash('sha256').update(text ?? '').digest('hex')}`;
  }
  return out;
}

const newPartnerCenter = () => openDatabase(':memory:', migrations);

/** Seeds a new Partner Center and writes every market's availabilities, in the given order. */
function seedWhole(db: Db, countries = demoMarketCountries()): void {
  assert.equal(seedPartnerCenter(db), true);
  for (const country of countries) writeMarketAvailabilities(db, country);
}

describe('the demo world (both seeds)', () => {
  let dir: string;
  let store: Db;
  let db: Db;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-world-'));
    const storeFile = path.join(dir, 'reservations.db');
    store = openStoreDatabase(storeFile);
    assert.equal(seedDemoAgents(store), true);
    db = newPartnerCenter();
    seedWhole(db);
    db.prepare('ATTACH DATABASE ? AS bot').run(storeFile);
  });

  after(() => {
    db.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('directory', () => {
    it('has the three partners', () => {
      const partners = all<{ id: string; name: string; kind: string; country: string; is_csp: number; mpn_id: string }>(
        db,
        'SELECT * FROM partners ORDER BY id',
      );
      assert.deepEqual(
        partners.map((p) => [p.id, p.name, p.kind, p.country, p.is_csp]),
        [
          [demoPartners.contosoNl, 'Contoso Cloud Partners B.V.', 'direct', 'NL', 1],
          [demoPartners.fabrikamBr, 'Fabrikam Distribuidora Ltda.', 'indirectProvider', 'BR', 1],
          [demoPartners.northwindEa, 'Northwind Traders (EA only)', 'direct', 'US', 0],
        ],
      );
      for (const p of partners) assert.match(p.mpn_id, /^\d{7}$/);
      assert.equal(new Set(partners.map((p) => p.mpn_id)).size, 3);
    });

    it('has the three resellers of Fabrikam', () => {
      const resellers = all<{ mpn_id: string; partner_id: string; name: string }>(db, 'SELECT * FROM resellers ORDER BY mpn_id');
      assert.deepEqual(
        resellers.map((r) => r.mpn_id),
        Object.values(demoResellers).sort(),
      );
      for (const r of resellers) assert.equal(r.partner_id, demoPartners.fabrikamBr);
      assert.deepEqual(
        resellers.map((r) => r.name.split(' ')[0]),
        ['Tailspin', 'Wingtip', 'Adatum'],
      );
    });

    it('has every demo agent with its role, partner, name, e-mail and channel id', () => {
      const expected: Record<keyof typeof demoAgents, [string, string, string]> = {
        anna: ['AdminAgent', demoPartners.contosoNl, 'Anna de Vries'],
        gijs: ['GlobalAdmin', demoPartners.contosoNl, 'Gijs Bakker'],
        hanna: ['HelpdeskAgent', demoPartners.contosoNl, 'Hanna Jansen'],
        sam: ['SalesAgent', demoPartners.contosoNl, 'Sam Visser'],
        umar: ['UserManagementAdmin', demoPartners.contosoNl, 'Umar El Amrani'],
        bea: ['BillingAdmin', demoPartners.contosoNl, 'Bea Smit'],
        lucas: ['AdminAgent', demoPartners.fabrikamBr, 'Lucas Silva'],
        mariana: ['SalesAgent', demoPartners.fabrikamBr, 'Mariana Costa'],
        nora: ['AdminAgent', demoPartners.northwindEa, 'Nora Lindqvist'],
      };
      assert.equal(count(db, 'SELECT COUNT(*) AS n FROM agents'), Object.keys(demoAgents).length);
      for (const [key, id] of Object.entries(demoAgents) as [keyof typeof demoAgents, string][]) {
        const a = get<{ role: string; partner_id: string; display_name: string; email: string }>(db, 'SELECT * FROM agents WHERE id = ?', id);
        assert.ok(a, key);
        assert.deepEqual([a.role, a.partner_id, a.display_name], expected[key], key);
        assert.ok((roles as readonly string[]).includes(a.role));
        assert.match(a.email, /^[a-z.]+@[a-z]+(\.[a-z]+)+$/, a.email);
        const channel = get<{ agent_id: string }>(db, 'SELECT agent_id FROM agent_channel_ids WHERE channel_user_id = ?', `demo-${key}`);
        assert.equal(channel?.agent_id, id, `demo-${key}`);
      }
    });

    it('has at least 25 customers in at least 10 countries, with well-formed columns', () => {
      const customers = all<{
        id: string; partner_id: string; company_name: string; domain: string; tenant_id: string; country: string;
        agreement: string; qualifications: string; reseller_mpn_id: string | null;
      }>(db, 'SELECT * FROM customers');
      assert.ok(customers.length >= 25, `${customers.length} customers`);
      assert.ok(new Set(customers.map((c) => c.country)).size >= 10);
      const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
      for (const c of customers) {
        assert.match(c.id, guid);
        assert.match(c.tenant_id, guid);
        assert.match(c.domain, /^[a-z0-9]+\.onmicrosoft\.com$/);
        assert.match(c.country, /^[A-Z]{2}$/);
        assert.ok(['notSigned', 'confirmed', 'notConfirmed'].includes(c.agreement));
        const q = JSON.parse(c.qualifications) as string[];
        assert.ok(q.includes('commercial'), c.company_name);
        for (const s of q) assert.ok((segments as readonly string[]).includes(s));
        if (c.partner_id === demoPartners.fabrikamBr) assert.ok(c.reseller_mpn_id, `${c.company_name} has a reseller`);
        else assert.equal(c.reseller_mpn_id, null);
      }
      assert.equal(new Set(customers.map((c) => c.tenant_id)).size, customers.length);
      assert.equal(new Set(customers.map((c) => c.domain)).size, customers.length);
      for (const partner of [demoPartners.contosoNl, demoPartners.fabrikamBr]) {
        assert.ok(customers.filter((c) => c.partner_id === partner).length >= 5);
      }
      const qualified = (segment: string) => customers.filter((c) => (JSON.parse(c.qualifications) as string[]).includes(segment));
      assert.ok(qualified('government').length >= 1);
      assert.ok(qualified('nonprofit').length >= 1);
    });

    it('has the special customers as the demo ids describe them', () => {
      const c = (id: string) =>
        get<{ partner_id: string; company_name: string; country: string; agreement: string; qualifications: string; reseller_mpn_id: string | null }>(
          db,
          'SELECT * FROM customers WHERE id = ?',
          id,
        );
      for (const id of Object.values(demoCustomers)) assert.ok(c(id), id);
      assert.equal(c(demoCustomers.brouwerij).company_name, "Brouwerij 't Zonnetje");
      assert.equal(c(demoCustomers.cafeNoel).company_name, 'Café Noël SARL');
      assert.equal(c(demoCustomers.markdownLtd).company_name, '*Bold* _Ideas_ [Ltd] #1');
      assert.equal(c(demoCustomers.arubaResorts).country, 'AW');
      assert.equal(c(demoCustomers.alpineSki).country, 'DE');
      assert.equal(c(demoCustomers.oudeHaven).country, 'BE');
      assert.equal(c(demoCustomers.contosoRetail).agreement, 'notSigned');
      assert.equal(c(demoCustomers.oudeHaven).agreement, 'notSigned');
      assert.equal(c(demoCustomers.alpineSki).agreement, 'confirmed');
      assert.equal(c(demoCustomers.nieuweKlant).agreement, 'confirmed');
      assert.equal(c(demoCustomers.ipeTecnologia).agreement, 'confirmed');
      assert.equal(c(demoCustomers.fourthCoffee).agreement, 'notConfirmed');
      assert.deepEqual(JSON.parse(c(demoCustomers.universiteitZuid).qualifications), ['commercial', 'education']);
      assert.equal(c(demoCustomers.padaria).reseller_mpn_id, demoResellers.tailspin);
      assert.equal(c(demoCustomers.northwindClient).partner_id, demoPartners.northwindEa);
      for (const id of [demoCustomers.padaria, demoCustomers.ipeTecnologia]) assert.equal(c(id).partner_id, demoPartners.fabrikamBr);
    });

    it('has the demo subscriptions with their properties', () => {
      const s = (id: string) =>
        get<{ customer_id: string; offer_id: string; kind: string; status: string; registration_status: string; billing_type: string; friendly_name: string }>(
          db,
          'SELECT * FROM subscriptions WHERE id = ?',
          id,
        );
      const legacy = [legacyAzureOfferId, 'legacyAzure'];
      const plan = [azurePlanOfferId, 'azurePlan'];
      const expect: [string, string, string[], string][] = [
        [demoSubscriptions.contosoRetailProduction, demoCustomers.contosoRetail, legacy, 'active'],
        [demoSubscriptions.contosoRetailDevTest, demoCustomers.contosoRetail, legacy, 'active'],
        [demoSubscriptions.alpineSkiPlan, demoCustomers.alpineSki, plan, 'active'],
        [demoSubscriptions.oudeHavenSuspended, demoCustomers.oudeHaven, legacy, 'suspended'],
        [demoSubscriptions.padariaProduction, demoCustomers.padaria, legacy, 'active'],
        [demoSubscriptions.ipePlan, demoCustomers.ipeTecnologia, plan, 'active'],
        [demoSubscriptions.northwindClientMain, demoCustomers.northwindClient, legacy, 'active'],
      ];
      for (const [id, customer, [offer, kind], status] of expect) {
        const row = s(id);
        assert.ok(row, id);
        assert.deepEqual([row.customer_id, row.offer_id, row.kind, row.status, row.billing_type], [customer, offer, kind, status, 'usage'], id);
      }
      assert.equal(s(demoSubscriptions.contosoRetailProduction).friendly_name, 'Contoso Retail Production');
      assert.equal(s(demoSubscriptions.contosoRetailDevTest).friendly_name, 'Contoso Retail Dev/Test');
      assert.equal(s(demoSubscriptions.contosoRetailDevTest).registration_status, 'notregistered');
      assert.equal(s(demoSubscriptions.contosoRetailProduction).registration_status, 'registered');
    });

    it('gives every customer a subscription that matches its agreement, with the planned exceptions', () => {
      const customers = all<{ id: string; agreement: string }>(db, 'SELECT id, agreement FROM customers');
      const subsOf = (id: string) =>
        all<{ offer_id: string; kind: string; status: string; created_at: string; friendly_name: string }>(
          db,
          'SELECT * FROM subscriptions WHERE customer_id = ?',
          id,
        );
      for (const c of customers) {
        const subs = subsOf(c.id);
        for (const s of subs) {
          assert.match(s.created_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          assert.ok(s.friendly_name.length > 0);
          assert.equal(s.offer_id, s.kind === 'azurePlan' ? azurePlanOfferId : legacyAzureOfferId);
        }
        const active = subs.filter((s) => s.status === 'active');
        if (c.id === demoCustomers.nieuweKlant) assert.equal(subs.length, 0);
        else if (c.id === demoCustomers.oudeHaven) assert.deepEqual(subs.map((s) => s.status), ['suspended']);
        else assert.ok(active.length >= 1, `${c.id} has an active subscription`);
        const expectedKind = c.agreement === 'confirmed' ? 'azurePlan' : 'legacyAzure';
        for (const s of subs) assert.equal(s.kind, expectedKind, c.id);
      }
      for (const id of [demoCustomers.arubaResorts, demoCustomers.fourthCoffee]) {
        assert.deepEqual(subsOf(id).map((s) => [s.kind, s.status]), [['legacyAzure', 'active']]);
      }
      assert.ok(count(db, "SELECT COUNT(*) AS n FROM subscriptions WHERE status = 'deleted'") >= 1);
      assert.equal(count(db, "SELECT COUNT(*) AS n FROM subscriptions WHERE registration_status = 'notregistered'"), 1);
    });

    it('gives Hanna and Sam access to some Contoso subscriptions but not Dev/Test, and Mariana to every Fabrikam one', () => {
      const accessOf = (agent: string) =>
        all<{ id: string; customer_id: string; partner_id: string }>(
          db,
          `SELECT s.id, s.customer_id, c.partner_id FROM agent_subscription_access x
           JOIN subscriptions s ON s.id = x.subscription_id JOIN customers c ON c.id = s.customer_id
           WHERE x.agent_id = ? ORDER BY s.id`,
          agent,
        );
      for (const agent of [demoAgents.hanna, demoAgents.sam]) {
        const access = accessOf(agent);
        const ids = access.map((a) => a.id);
        assert.ok(ids.includes(demoSubscriptions.contosoRetailProduction));
        assert.ok(!ids.includes(demoSubscriptions.contosoRetailDevTest));
        for (const a of access) assert.equal(a.partner_id, demoPartners.contosoNl);
        const others = new Set(access.map((a) => a.customer_id).filter((c) => c !== demoCustomers.contosoRetail));
        assert.ok(others.size >= 2 && others.size <= 3, `${others.size} other customers`);
      }
      assert.deepEqual(accessOf(demoAgents.hanna).map((a) => a.id), accessOf(demoAgents.sam).map((a) => a.id));
      const fabrikamSubs = all<{ id: string }>(
        db,
        'SELECT s.id FROM subscriptions s JOIN customers c ON c.id = s.customer_id WHERE c.partner_id = ? ORDER BY s.id',
        demoPartners.fabrikamBr,
      ).map((r) => r.id);
      assert.ok(fabrikamSubs.length >= 5);
      assert.deepEqual(accessOf(demoAgents.mariana).map((a) => a.id), fabrikamSubs);
    });

    it('keeps every foreign key valid, and gives access only to subscriptions Partner Center has', () => {
      assert.deepEqual(all(db, 'PRAGMA main.foreign_key_check'), []);
      assert.deepEqual(all(store, 'PRAGMA foreign_key_check'), []);
      assert.deepEqual(all(db, 'SELECT subscription_id FROM agent_subscription_access WHERE subscription_id NOT IN (SELECT id FROM subscriptions)'), []);
    });
  });

  describe('catalog', () => {
    it('has all 21 reservation types, virtual machines first', () => {
      const types = all<{ key: string; id: string; terms: string; monthly_billing_supported: number; sort_order: number }>(
        db,
        'SELECT * FROM reservation_types ORDER BY sort_order',
      );
      assert.equal(types.length, 21);
      assert.equal(types[0].key, 'VirtualMachines');
      for (const ref of catalogReference.reservationTypes) {
        const t = types.find((x) => x.key === ref.key);
        assert.ok(t, ref.key);
        assert.equal(t.id, ref.id);
        assert.deepEqual(JSON.parse(t.terms), ref.terms);
        assert.equal(t.monthly_billing_supported, ref.monthlyBillingSupported ? 1 : 0);
      }
    });

    it('has a product per VM series and per other type, with Partner Center-like ids', () => {
      const products = all<{ id: string; title: string; reservation_type: string }>(db, 'SELECT * FROM products');
      for (const p of products) assert.match(p.id, /^DZH318Z0[0-9A-Z]{4}$/);
      const vm = products.filter((p) => p.reservation_type === 'VirtualMachines');
      for (const p of vm) assert.match(p.title, /^Reserved VM Instance, \S+ Series$/);
      assert.ok(vm.some((p) => p.title === 'Reserved VM Instance, Dsv5 Series'));
      const types = new Set(products.map((p) => p.reservation_type));
      for (const key of ['SqlDatabase', 'CosmosDb', 'AppServicePremiumV3', 'SuseLinux', 'Databricks', 'RedHat']) assert.ok(types.has(key), key);
      assert.ok(types.size >= 10);
    });

    it('has at least 60 real VM sizes of at least 8 series in at least 20 open regions, one SKU per size, region and term', () => {
      const vmSkus = all<{
        product_id: string; id: string; title: string; arm_sku_name: string; arm_region_name: string; region: string; duration: string;
        cores: number; ram: number; category: string; family: string; sku_display_name: string; minimum_quantity: number;
        maximum_quantity: number; billing_cycles: string; prerequisites: string; product_title: string;
      }>(
        db,
        `SELECT s.*, p.title AS product_title FROM skus s JOIN products p ON p.id = s.product_id
         WHERE p.reservation_type = 'VirtualMachines'`,
      );
      const sizes = new Set(vmSkus.map((s) => s.arm_sku_name));
      const series = new Set(vmSkus.map((s) => s.family));
      const regions = new Set(vmSkus.map((s) => s.arm_region_name));
      assert.ok(sizes.size >= 60, `${sizes.size} sizes`);
      assert.ok(series.size >= 8, `${series.size} series`);
      assert.ok(regions.size >= 20, `${regions.size} regions`);
      assert.equal(vmSkus.length, sizes.size * regions.size * 2);
      const keys = new Set(vmSkus.map((s) => `${s.arm_sku_name}|${s.arm_region_name}|${s.duration}`));
      assert.equal(keys.size, vmSkus.length);

      const refSizes = new Map(catalogReference.vmSizes.map((v) => [v.armSkuName, v]));
      const refRegions = new Map(catalogReference.regions.map((r) => [r.armName, r]));
      const payg = catalogReference.paygHourlyUsd as Record<string, number>;
      for (const s of vmSkus) {
        const size = refSizes.get(s.arm_sku_name);
        const region = refRegions.get(s.arm_region_name);
        assert.ok(size && region, s.title);
        assert.ok(payg[s.arm_sku_name] > 0, `${s.arm_sku_name} has a payg price`);
        assert.equal(region.accessRestricted, false);
        assert.equal(s.region, region.displayName);
        assert.equal(s.family, size.series);
        assert.equal(s.product_title, `Reserved VM Instance, ${size.series} Series`);
        assert.deepEqual([s.cores, s.ram, s.category, s.sku_display_name], [size.vCPUs, size.memoryGiB, size.category, s.arm_sku_name]);
        const years = s.duration === '1Year' ? '1 Year' : '3 Years';
        assert.ok(['1Year', '3Years'].includes(s.duration));
        assert.equal(s.title, `Reserved VM Instance, ${s.arm_sku_name}, ${region.displayName}, ${years}`);
        assert.match(s.id, /^[0-9A-Z]{4}$/);
        assert.equal(s.minimum_quantity, 1);
        assert.ok(s.maximum_quantity >= 100);
        assert.deepEqual(JSON.parse(s.billing_cycles), ['one_time', 'monthly']);
        assert.deepEqual(JSON.parse(s.prerequisites), ['AzureSubscriptionRegistration', 'InventoryCheck']);
      }
      assert.ok(vmSkus.some((s) => s.title === 'Reserved VM Instance, Standard_D4s_v5, West Europe, 3 Years'));
    });

    it('gives the other types a few SKUs with terms, billing cycles and prerequisites from their type', () => {
      const rows = all<{
        key: string; terms: string; monthly_billing_supported: number; sku_count: number; names: number; regions: number;
        durations: string; cycles: string; prerequisites: string; families: number;
      }>(
        db,
        `SELECT t.key, t.terms, t.monthly_billing_supported, COUNT(*) AS sku_count, COUNT(DISTINCT s.arm_sku_name) AS names,
                COUNT(DISTINCT s.arm_region_name) AS regions, GROUP_CONCAT(DISTINCT s.duration) AS durations,
                GROUP_CONCAT(DISTINCT s.billing_cycles) AS cycles, GROUP_CONCAT(DISTINCT s.prerequisites) AS prerequisites,
                COUNT(DISTINCT s.family) AS families
         FROM skus s JOIN products p ON p.id = s.product_id JOIN reservation_types t ON t.key = p.reservation_type
         WHERE t.key <> 'VirtualMachines' GROUP BY t.key`,
      );
      assert.ok(rows.length >= 9);
      for (const r of rows) {
        const terms = JSON.parse(r.terms) as string[];
        assert.ok(r.names >= 1 && r.regions >= 3, r.key);
        assert.equal(r.sku_count, r.names * r.regions * terms.length, r.key);
        assert.deepEqual(r.durations.split(',').sort(), terms.map((t) => (t === 'P1Y' ? '1Year' : '3Years')).sort(), r.key);
        assert.equal(r.cycles, JSON.stringify(r.monthly_billing_supported ? ['one_time', 'monthly'] : ['one_time']), r.key);
        assert.equal(r.prerequisites, '["AzureSubscriptionRegistration"]', r.key);
      }
      // R10: no monthly billing for Databricks, SUSE, Red Hat and OpenShift.
      for (const key of ['Databricks', 'SuseLinux', 'RedHat']) {
        assert.equal(rows.find((r) => r.key === key)?.cycles, '["one_time"]', key);
      }
      const suse = all<{ family: string; cores: number | null; ram: number | null }>(
        db,
        "SELECT s.family, s.cores, s.ram FROM skus s JOIN products p ON p.id = s.product_id WHERE p.reservation_type = 'SuseLinux'",
      );
      for (const s of suse) assert.deepEqual([s.cores, s.ram], [null, null]);
      assert.ok(suse.some((s) => s.family === 'SUSE'));
      const sql = all<{ family: string }>(
        db,
        "SELECT DISTINCT s.family FROM skus s JOIN products p ON p.id = s.product_id WHERE p.reservation_type = 'SqlDatabase'",
      );
      assert.ok(sql.some((s) => s.family === 'GP Gen5'));
    });

    it('makes every catalog item id product:sku:availability and points it at its SKU', () => {
      const total = count(db, 'SELECT COUNT(*) AS n FROM availabilities');
      assert.equal(count(db, "SELECT COUNT(*) AS n FROM availabilities WHERE catalog_item_id = product_id || ':' || sku_id || ':' || id"), total);
      assert.equal(count(db, 'SELECT COUNT(*) AS n FROM availabilities a JOIN skus s ON s.product_id = a.product_id AND s.id = a.sku_id'), total);
      assert.equal(count(db, "SELECT COUNT(*) AS n FROM availabilities WHERE id GLOB 'DZH318Z0[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]'"), total);
      // One availability per (SKU, market, segment).
      assert.equal(count(db, 'SELECT COUNT(*) AS n FROM (SELECT DISTINCT product_id, sku_id, country, segment FROM availabilities)'), total);
      // Denormalised columns agree with the SKU and product.
      assert.equal(
        count(
          db,
          `SELECT COUNT(*) AS n FROM availabilities a JOIN skus s ON s.product_id = a.product_id AND s.id = a.sku_id
           JOIN products p ON p.id = a.product_id
           WHERE a.reservation_type = p.reservation_type AND a.arm_region_name = s.arm_region_name AND a.family = s.family
             AND a.arm_sku_name = s.arm_sku_name
             AND a.term = CASE s.duration WHEN '1Year' THEN 'P1Y' WHEN '3Years' THEN 'P3Y' END`,
        ),
        total,
      );
      assert.ok(total < 150_000, `${total} availabilities`);
      // Every SKU has availabilities.
      assert.equal(count(db, 'SELECT COUNT(*) AS n FROM (SELECT DISTINCT product_id, sku_id FROM availabilities)'), count(db, 'SELECT COUNT(*) AS n FROM skus'));
    });

    it('offers the markets of the demo customers except unavailable ones, in their currency', () => {
      const unavailable = new Set(unavailableMarketsFile.markets.map((m) => m.code));
      const customerCountries = all<{ country: string }>(db, 'SELECT DISTINCT country FROM customers').map((r) => r.country);
      const expected = customerCountries.filter((c) => !unavailable.has(c)).sort();
      const markets = all<{ country: string }>(db, 'SELECT DISTINCT country FROM availabilities ORDER BY country').map((r) => r.country);
      assert.deepEqual(markets, expected);
      assert.deepEqual(demoMarketCountries(), expected);
      assert.ok(!markets.includes('AW'));
      const currencies = all<{ country: string; currency_code: string; currency_symbol: string }>(
        db,
        'SELECT DISTINCT country, currency_code, currency_symbol FROM availabilities',
      );
      assert.equal(currencies.length, markets.length);
      for (const c of currencies) assert.deepEqual({ code: c.currency_code, symbol: c.currency_symbol }, marketCurrencies[c.country]);
      const code = (country: string) => currencies.find((c) => c.country === country)?.currency_code;
      assert.equal(code('NL'), 'EUR');
      assert.equal(code('DE'), 'EUR');
      assert.equal(code('GB'), 'GBP');
      assert.equal(code('BR'), 'USD');
      assert.equal(code('US'), 'USD');
      assert.equal(code('DK'), 'DKK');
      assert.equal(code('PL'), 'PLN');
    });

    it('covers everything for commercial and all four segments somewhere', () => {
      const markets = demoMarketCountries().length;
      const skuCount = count(db, 'SELECT COUNT(*) AS n FROM skus');
      assert.equal(count(db, "SELECT COUNT(*) AS n FROM availabilities WHERE segment = 'commercial'"), skuCount * markets);
      const bySegment = all<{ segment: string; n: number }>(db, 'SELECT segment, COUNT(*) AS n FROM availabilities GROUP BY segment ORDER BY segment');
      assert.deepEqual(bySegment.map((r) => r.segment), [...segments].sort());
      for (const r of bySegment) assert.ok(r.n > 0);
      // The education customer finds VM reservations in its own market.
      assert.ok(count(db, "SELECT COUNT(*) AS n FROM availabilities WHERE country = 'NL' AND segment = 'education' AND reservation_type = 'VirtualMachines'") > 100);
    });

    it('prices plausibly: integer minor units, 3 years cheaper than three 1-year terms, education and nonprofit 10% off', () => {
      assert.equal(count(db, 'SELECT COUNT(*) AS n FROM availabilities WHERE unit_price_minor <= 0 OR unit_price_minor <> CAST(unit_price_minor AS INTEGER)'), 0);
      // Compared in memory: the self-joins have no index to use.
      const rows = all<{ product_id: string; sku_id: string; country: string; segment: string; term: string; reservation_type: string; arm_sku_name: string; arm_region_name: string; unit_price_minor: number }>(
        db,
        'SELECT product_id, sku_id, country, segment, term, reservation_type, arm_sku_name, arm_region_name, unit_price_minor FROM availabilities',
      );
      const byTerm = new Map<string, number>();
      for (const r of rows) byTerm.set(`${r.reservation_type}|${r.arm_sku_name}|${r.arm_region_name}|${r.country}|${r.segment}|${r.term}`, r.unit_price_minor);
      let vmPairs = 0;
      for (const r of rows) {
        if (r.term !== 'P1Y') continue;
        const three = byTerm.get(`${r.reservation_type}|${r.arm_sku_name}|${r.arm_region_name}|${r.country}|${r.segment}|P3Y`);
        if (r.reservation_type === 'VirtualMachines') (assert.ok(three !== undefined), vmPairs++);
        if (three === undefined) continue;
        assert.ok(three < 3 * r.unit_price_minor, `${r.arm_sku_name}: ${three} < 3 × ${r.unit_price_minor}`);
        assert.ok(three > r.unit_price_minor, r.arm_sku_name);
      }
      assert.ok(vmPairs > 1000);
      // Standard_D2s_v5 (0.096 USD/h pay-as-you-go): a 1-year reservation in USD is about 0.096 × 8760 × 0.6 ≈ 505 USD.
      const d2 = all<{ unit_price_minor: number }>(
        db,
        "SELECT unit_price_minor FROM availabilities WHERE arm_sku_name = 'Standard_D2s_v5' AND term = 'P1Y' AND country = 'US' AND segment = 'commercial'",
      );
      assert.equal(d2.length, 20);
      for (const p of d2) assert.ok(p.unit_price_minor >= 0.95 * 46_000 && p.unit_price_minor <= 1.25 * 55_000, String(p.unit_price_minor));
      const eastus = get<{ unit_price_minor: number }>(
        db,
        "SELECT unit_price_minor FROM availabilities WHERE arm_sku_name = 'Standard_D2s_v5' AND arm_region_name = 'eastus' AND term = 'P1Y' AND country = 'NL' AND segment = 'commercial'",
      );
      const usd = get<{ unit_price_minor: number }>(
        db,
        "SELECT unit_price_minor FROM availabilities WHERE arm_sku_name = 'Standard_D2s_v5' AND arm_region_name = 'eastus' AND term = 'P1Y' AND country = 'US' AND segment = 'commercial'",
      );
      assert.ok(Math.abs(eastus.unit_price_minor - usd.unit_price_minor * 0.92) <= 1, 'EUR = USD × 0.92');
      const commercial = new Map<string, number>();
      for (const r of rows) if (r.segment === 'commercial') commercial.set(`${r.product_id}:${r.sku_id}:${r.country}`, r.unit_price_minor);
      const segmentPrices = rows
        .filter((r) => r.segment !== 'commercial')
        .map((r) => ({ segment: r.segment, ratio: r.unit_price_minor / commercial.get(`${r.product_id}:${r.sku_id}:${r.country}`)! }));
      for (const p of segmentPrices) {
        const expected = p.segment === 'government' ? 1 : 0.9;
        assert.ok(Math.abs(p.ratio - expected) < 0.001, `${p.segment} ${p.ratio}`);
      }
    });

    it('marks a small handful of items not purchasable', () => {
      const n = count(db, 'SELECT COUNT(*) AS n FROM availabilities WHERE is_purchasable = 0');
      assert.ok(n > 0 && n < 200, `${n} not purchasable`);
      assert.equal(count(db, 'SELECT COUNT(*) AS n FROM availabilities WHERE is_purchasable NOT IN (0, 1)'), 0);
      const skus = all(db, 'SELECT DISTINCT arm_sku_name, arm_region_name FROM availabilities WHERE is_purchasable = 0');
      assert.equal(skus.length, 1);
    });

    it('restricts the inventory of two sizes the catalog sells, one for capacity and one for quota', () => {
      const restrictions = all(db, 'SELECT * FROM inventory_restrictions ORDER BY reason_code') as Record<string, string>[];
      assert.deepEqual(restrictions.map((r) => r.reason_code), ['InventoryNotAvailable', 'QuotaNotAvailable'], 'one of each reason');
      for (const r of restrictions) {
        const sold = count(db, `SELECT COUNT(*) AS n FROM skus WHERE arm_sku_name = '${r.arm_sku_name}' AND arm_region_name = '${r.arm_region_name}'`);
        assert.ok(sold > 0, `${r.arm_sku_name} is sold in ${r.arm_region_name}`);
        assert.ok(r.description.includes(r.arm_sku_name) || r.description.includes('quota'), `the description says why: ${r.description}`);
      }
    });
  });

  describe('idempotence and determinism', () => {
    it('returns false and changes nothing when the world exists', () => {
      const before = dump(db);
      const changes = () => count(db, 'SELECT total_changes() AS n') + count(store, 'SELECT total_changes() AS n');
      const changesBefore = changes();
      assert.equal(seedPartnerCenter(db), false);
      assert.equal(seedDemoAgents(store), false);
      assert.equal(changes(), changesBefore);
      assert.deepEqual(dump(db), before);
    });

    it('writes nothing into a store that already has a partner, nor a Partner Center that has a customer', () => {
      const other = openStoreDatabase(':memory:');
      other.prepare("INSERT INTO partners (id, name, kind, country, is_csp, mpn_id) VALUES ('p', 'P', 'direct', 'NL', 1, '1234567')").run();
      assert.equal(seedDemoAgents(other), false);
      assert.equal(count(other, 'SELECT COUNT(*) AS n FROM agents'), 0);
      other.close();
      const pc = newPartnerCenter();
      pc.prepare("INSERT INTO customers VALUES ('c', 'p', 'C', 'c.example', 't', 'NL', 'confirmed', '[\"commercial\"]', NULL)").run();
      assert.equal(seedPartnerCenter(pc), false);
      assert.equal(count(pc, 'SELECT COUNT(*) AS n FROM availabilities'), 0);
      pc.close();
    });

    it('gives identical worlds in two fresh files, whichever market is written first', () => {
      const a = newPartnerCenter();
      const b = newPartnerCenter();
      seedWhole(a);
      seedWhole(b, [...demoMarketCountries()].reverse());
      const dumpA = dump(a, partnerCenterTables);
      assert.deepEqual(dump(b, partnerCenterTables), dumpA);
      assert.deepEqual(dumpA, dump(db, partnerCenterTables));
      a.close();
      b.close();
    });
  });
});
