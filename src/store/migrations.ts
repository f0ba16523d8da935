// Versioned schema. Never edit a migration that has shipped: add the next one.
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every change to these tables changes `store_versions.directory`: src/store/versionedCache.ts. */
const directoryTables = ['partners', 'resellers', 'agents', 'agent_channel_ids', 'customers', 'subscriptions', 'agent_subscription_access'];
/** … and `store_versions.catalog`; availabilities get no INSERT trigger (migration 6 says why). */
const catalogTables = ['reservation_types', 'products', 'skus', 'inventory_restrictions'];

function versionTrigger(table: string, operation: 'INSERT' | 'UPDATE' | 'DELETE', column: 'directory' | 'catalog'): string {
  return `CREATE TRIGGER ${table}_version_${operation.toLowerCase()} AFTER ${operation} ON ${table} BEGIN UPDATE store_versions SET ${column} = random(); END;`;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'directory, catalog, carts, ledger, bot state',
    sql: `
CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('direct', 'indirectProvider')),
  country TEXT NOT NULL,
  is_csp INTEGER NOT NULL,
  mpn_id TEXT NOT NULL
);
CREATE TABLE resellers (
  mpn_id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  name TEXT NOT NULL
);
CREATE TABLE agents (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  role TEXT NOT NULL
);
CREATE TABLE agent_channel_ids (
  channel_user_id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL REFERENCES agents(id)
);
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  company_name TEXT NOT NULL,
  domain TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  country TEXT NOT NULL,
  agreement TEXT NOT NULL,
  qualifications TEXT NOT NULL,
  reseller_mpn_id TEXT REFERENCES resellers(mpn_id)
);
CREATE INDEX customers_partner ON customers(partner_id, company_name);
CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  offer_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  friendly_name TEXT NOT NULL,
  status TEXT NOT NULL,
  billing_type TEXT NOT NULL,
  registration_status TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX subscriptions_customer ON subscriptions(customer_id);
-- R3: Sales and Helpdesk agents buy only against subscriptions they were given access to.
CREATE TABLE agent_subscription_access (
  agent_id TEXT NOT NULL REFERENCES agents(id),
  subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
  PRIMARY KEY (agent_id, subscription_id)
);
CREATE TABLE reservation_types (
  key TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  terms TEXT NOT NULL,
  monthly_billing_supported INTEGER NOT NULL,
  unit TEXT NOT NULL,
  sort_order INTEGER NOT NULL
);
CREATE TABLE products (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  reservation_type TEXT NOT NULL REFERENCES reservation_types(key)
);
CREATE TABLE skus (
  product_id TEXT NOT NULL REFERENCES products(id),
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  minimum_quantity INTEGER NOT NULL,
  maximum_quantity INTEGER NOT NULL,
  billing_cycles TEXT NOT NULL,
  prerequisites TEXT NOT NULL,
  arm_sku_name TEXT NOT NULL,
  arm_region_name TEXT NOT NULL,
  region TEXT NOT NULL,
  duration TEXT NOT NULL,
  cores REAL,
  ram REAL,
  category TEXT NOT NULL,
  family TEXT NOT NULL,
  sku_display_name TEXT NOT NULL,
  PRIMARY KEY (product_id, id)
);
CREATE TABLE availabilities (
  catalog_item_id TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  product_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  country TEXT NOT NULL,
  segment TEXT NOT NULL,
  currency_code TEXT NOT NULL,
  currency_symbol TEXT NOT NULL,
  is_purchasable INTEGER NOT NULL,
  term TEXT NOT NULL,
  unit_price_minor INTEGER NOT NULL,
  reservation_type TEXT NOT NULL,
  arm_region_name TEXT NOT NULL,
  family TEXT NOT NULL,
  arm_sku_name TEXT NOT NULL,
  FOREIGN KEY (product_id, sku_id) REFERENCES skus(product_id, id)
);
-- The catalog search: market, segment and type first, then the optional filters.
CREATE INDEX availabilities_search ON availabilities(country, segment, reservation_type, arm_region_name, term, family, arm_sku_name);
CREATE TABLE carts (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  conversation_id TEXT NOT NULL,
  segment TEXT NOT NULL,
  reservation_type TEXT NOT NULL,
  subscription_id TEXT REFERENCES subscriptions(id),
  scope TEXT NOT NULL,
  reseller_mpn_id TEXT REFERENCES resellers(mpn_id),
  status TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE cart_lines (
  cart_id TEXT NOT NULL REFERENCES carts(id),
  id INTEGER NOT NULL,
  catalog_item_id TEXT NOT NULL REFERENCES availabilities(catalog_item_id),
  quantity INTEGER NOT NULL,
  billing_cycle TEXT NOT NULL,
  PRIMARY KEY (cart_id, id)
);
-- The checkout ledger. One row per idempotency key (the cart id, Partner Center's MS-RequestId):
-- a second checkout with the same key finds it and returns the same orders.
CREATE TABLE checkouts (
  idempotency_key TEXT PRIMARY KEY,
  cart_id TEXT NOT NULL UNIQUE REFERENCES carts(id),
  created_at TEXT NOT NULL
);
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  alternate_id TEXT NOT NULL UNIQUE,
  idempotency_key TEXT NOT NULL REFERENCES checkouts(idempotency_key),
  cart_id TEXT NOT NULL REFERENCES carts(id),
  order_group TEXT NOT NULL,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  customer_id TEXT NOT NULL REFERENCES customers(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
  scope TEXT NOT NULL,
  billing_cycle TEXT NOT NULL,
  currency_code TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  status TEXT NOT NULL,
  creation_date TEXT NOT NULL,
  UNIQUE (cart_id, order_group)
);
CREATE INDEX orders_customer ON orders(customer_id, creation_date);
CREATE INDEX orders_partner ON orders(partner_id, creation_date);
CREATE TABLE order_lines (
  order_id TEXT NOT NULL REFERENCES orders(id),
  line_item_number INTEGER NOT NULL,
  catalog_item_id TEXT NOT NULL,
  offer_id TEXT NOT NULL,
  friendly_name TEXT NOT NULL,
  arm_region_name TEXT NOT NULL,
  quantity INTEGER NOT NULL,
  term_duration TEXT NOT NULL,
  unit_price_minor INTEGER NOT NULL,
  total_minor INTEGER NOT NULL,
  partner_id_on_record TEXT NOT NULL,
  provisioning_status TEXT NOT NULL,
  PRIMARY KEY (order_id, line_item_number)
);
-- Append-only: nothing updates or deletes audit events.
CREATE TABLE audit_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  type TEXT NOT NULL,
  code TEXT,
  agent_id TEXT,
  partner_id TEXT,
  customer_id TEXT,
  conversation_id TEXT,
  cart_id TEXT,
  idempotency_key TEXT,
  detail TEXT NOT NULL
);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END;
-- botbuilder Storage: one JSON document per key with its eTag.
CREATE TABLE bot_state (
  key TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'inventory restrictions',
    sql: `
-- What Partner Center's inventory check (POST /extensions/product/checkInventory) answers as restricted:
-- a size a region cannot reserve now (no capacity, no quota). Keyed by size and region as the check is.
CREATE TABLE inventory_restrictions (
  arm_sku_name TEXT NOT NULL,
  arm_region_name TEXT NOT NULL,
  reason_code TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (arm_sku_name, arm_region_name)
);
`,
  },
  {
    version: 3,
    name: 'catalog page order index',
    sql: `
-- A catalog page is sorted by family, cores, size, region name and term. Two of those keys lived only on
-- the SKU, so every page sorted the whole market (thousands of rows, ~8 ms at 90,000 availabilities and
-- linear in the catalog). With them on the availability, a page is the first rows of an index range.
-- The index also covers the filters (region, term, family, size) and the counts, so it replaces
-- availabilities_search (two indexes made the seed, and so the cold start, a third slower).
DROP INDEX availabilities_search;
ALTER TABLE availabilities ADD COLUMN cores REAL;
ALTER TABLE availabilities ADD COLUMN region TEXT;
UPDATE availabilities SET (cores, region) =
  (SELECT s.cores, s.region FROM skus s WHERE s.product_id = availabilities.product_id AND s.id = availabilities.sku_id);
CREATE INDEX availabilities_page ON availabilities(country, segment, reservation_type, is_purchasable, family, cores, arm_sku_name, region, term, arm_region_name);
-- A writer that does not name the two columns (the seed does) gets them from the SKU.
CREATE TRIGGER availabilities_sort_keys AFTER INSERT ON availabilities WHEN NEW.region IS NULL BEGIN
  UPDATE availabilities SET (cores, region) =
    (SELECT s.cores, s.region FROM skus s WHERE s.product_id = NEW.product_id AND s.id = NEW.sku_id)
  WHERE rowid = NEW.rowid;
END;
`,
  },
  {
    version: 4,
    name: 'orders by idempotency key',
    sql: `
-- A checkout (and every replay or retry of it) reads its orders by idempotency key: without an index that
-- was a scan of every order ever placed, 20 ms and growing at 200,000 orders.
CREATE INDEX orders_idempotency_key ON orders(idempotency_key, order_group);
`,
  },
  {
    version: 5,
    name: 'catalog filter indexes and sku names',
    sql: `
-- A search filtered by region (and term) or by size scanned the market's whole range of availabilities_page
-- to count its matches (and to find a page when they are few): linear in the catalog. Led by those
-- filters, the count is an index range and the page sorts only the matches. Narrow on purpose: the seed
-- builds every catalog index on a first start (bench/README.md, cold start).
CREATE INDEX availabilities_region ON availabilities(country, segment, reservation_type, is_purchasable, arm_region_name, term);
CREATE INDEX availabilities_size ON availabilities(country, segment, reservation_type, is_purchasable, arm_sku_name, family);
-- Typed text matches a size or family name anywhere in it (LIKE '%…%'): tested on every row, that was the
-- one search still linear in the market. The distinct (size, family) names are few (64 in the demo
-- catalog): the text is matched against them, and the rows are found through availabilities_size.
CREATE TABLE sku_names (
  arm_sku_name TEXT NOT NULL,
  family TEXT NOT NULL,
  PRIMARY KEY (arm_sku_name, family)
) WITHOUT ROWID;
INSERT OR IGNORE INTO sku_names SELECT arm_sku_name, family FROM skus;
-- NOT EXISTS rather than INSERT OR IGNORE: inside a trigger the OR clause gives way to the firing
-- statement's conflict handling (the REST mirror's upsert), which made a known name an error.
CREATE TRIGGER skus_names_insert AFTER INSERT ON skus BEGIN
  INSERT INTO sku_names SELECT NEW.arm_sku_name, NEW.family
  WHERE NOT EXISTS (SELECT 1 FROM sku_names WHERE arm_sku_name = NEW.arm_sku_name AND family = NEW.family);
END;
CREATE TRIGGER skus_names_update AFTER UPDATE OF arm_sku_name, family ON skus BEGIN
  INSERT INTO sku_names SELECT NEW.arm_sku_name, NEW.family
  WHERE NOT EXISTS (SELECT 1 FROM sku_names WHERE arm_sku_name = NEW.arm_sku_name AND family = NEW.family);
END;
`,
  },
  {
    version: 6,
    name: 'store versions for the read caches',
    sql: `
-- The directory and the catalog are read on every turn and change seldom: the store caches what it reads
-- and drops the cache when these values change. Triggers change them with every insert, update and delete,
-- whoever writes (the REST mirror, another process, a test's own SQL). A random value, not a counter: a
-- rolled-back change restores the old value, and a counter could later reach the rolled-back one again.
CREATE TABLE store_versions (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  directory INTEGER NOT NULL,
  catalog INTEGER NOT NULL
);
INSERT INTO store_versions (id, directory, catalog) VALUES (1, random(), random());
${directoryTables.flatMap((t) => (['INSERT', 'UPDATE', 'DELETE'] as const).map((op) => versionTrigger(t, op, 'directory'))).join('\n')}
${catalogTables.flatMap((t) => (['INSERT', 'UPDATE', 'DELETE'] as const).map((op) => versionTrigger(t, op, 'catalog'))).join('\n')}
-- The catalog caches only items it found, by catalog item id (the primary key): a new availability cannot
-- make a cached one wrong, so inserts (91,648 on a first start) pay no trigger. The REST mirror's upsert
-- fires the UPDATE trigger; INSERT OR REPLACE would not fire DELETE (recursive_triggers is off): not used.
${versionTrigger('availabilities', 'UPDATE', 'catalog')}
${versionTrigger('availabilities', 'DELETE', 'catalog')}
`,
  },
];
