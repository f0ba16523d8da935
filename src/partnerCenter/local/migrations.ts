// The embedded Partner Center's own file: the demo world's directory (resellers, customers, their
// subscriptions), the reservations catalog and the orders it has taken. Never edit a migration that has
// shipped: add the next one.
import type { Migration } from '../../store/db';

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'directory, catalog, orders',
    sql: `
CREATE TABLE resellers (
  mpn_id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL,
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
-- The SKU's sort and filter keys (family, size, cores, region) are repeated on each availability: a
-- catalog page is then the first rows of an index range instead of a sort of the whole market.
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
  cores REAL,
  region TEXT NOT NULL,
  FOREIGN KEY (product_id, sku_id) REFERENCES skus(product_id, id)
);
CREATE INDEX availabilities_page ON availabilities(country, segment, reservation_type, is_purchasable, family, cores, arm_sku_name, region, term, arm_region_name);
CREATE INDEX availabilities_region ON availabilities(country, segment, reservation_type, is_purchasable, arm_region_name, term);
CREATE INDEX availabilities_size ON availabilities(country, segment, reservation_type, is_purchasable, arm_sku_name, family);
-- The distinct (size, family) names: typed text is matched against these few, and the rows are found
-- through availabilities_size, instead of LIKE on every availability.
CREATE TABLE sku_names (
  arm_sku_name TEXT NOT NULL,
  family TEXT NOT NULL,
  PRIMARY KEY (arm_sku_name, family)
) WITHOUT ROWID;
CREATE TRIGGER skus_names_insert AFTER INSERT ON skus BEGIN
  INSERT OR IGNORE INTO sku_names VALUES (NEW.arm_sku_name, NEW.family);
END;
-- What the inventory check (POST /extensions/product/checkInventory) answers as restricted: a size a
-- region cannot reserve now (no capacity, no quota). Keyed by size and region as the check is.
CREATE TABLE inventory_restrictions (
  arm_sku_name TEXT NOT NULL,
  arm_region_name TEXT NOT NULL,
  reason_code TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (arm_sku_name, arm_region_name)
);
-- Orders, one per billing cycle of a checked-out cart, keyed by the checkout's MS-RequestId: the same
-- request id again finds them instead of ordering twice.
CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  alternate_id TEXT NOT NULL UNIQUE,
  request_id TEXT NOT NULL,
  cart_id TEXT NOT NULL,
  order_group TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  customer_id TEXT NOT NULL REFERENCES customers(id),
  agent_id TEXT NOT NULL,
  subscription_id TEXT NOT NULL REFERENCES subscriptions(id),
  scope TEXT NOT NULL,
  billing_cycle TEXT NOT NULL,
  currency_code TEXT NOT NULL,
  total_minor INTEGER NOT NULL,
  status TEXT NOT NULL,
  creation_date TEXT NOT NULL,
  UNIQUE (request_id, order_group)
);
CREATE INDEX orders_cart ON orders(cart_id);
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
`,
  },
  {
    version: 2,
    name: 'catalog markets written on demand',
    sql: `
-- The markets whose availabilities are written. A new world writes a market the first time it is asked
-- for; a file seeded whole before this version has every market it holds written already.
CREATE TABLE catalog_markets (
  country TEXT PRIMARY KEY
) WITHOUT ROWID;
INSERT INTO catalog_markets SELECT DISTINCT country FROM availabilities;
`,
  },
];
