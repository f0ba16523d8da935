// The embedded Partner Center: the demo world in its own SQLite file (DATA_DIR/partner-center.db),
// validating a checkout as Partner Center does and writing its orders as one transaction keyed by the
// request id. Only this folder reads that file's tables.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { randomToken } from '../../randomToken';
import { azurePlanOfferId, type Order, type OrderLine, type PayAsYouGoPrice, type Subscription } from '../../domain/types';
import type { CatalogSearch } from '../../domain/types';
import { openDatabase, type Db, type OpenOptions } from '../../store/db';
import { checkBillingCycle, checkQuantity } from '../../rules/order';
import { checkAgreement, checkSubscriptionActive } from '../../rules/eligibility';
import {
  PartnerCenterError,
  type CheckoutRequest,
  type CheckoutResponse,
  type InventoryCheckRequest,
  type InventoryCheckResult,
  type LineProvisioningStatus,
  type PartnerCenter,
} from '../partnerCenter';
import { migrations } from './migrations';
import { demoMarketCountries, paygHourlyMinor, seedPartnerCenter, writeMarketAvailabilities } from './seed';
import { PartnerCenterDirectory } from './directory';
import { CatalogStore, type MarketWriter } from './catalog';
import { OrderBook, type NewOrder } from './orders';

/**
 * The embedded world fulfils every order line this long after the order (by its clock): until then "Get
 * order provisioning status" answers PrefulfillmentPending and the order is pending, then Fulfilled and
 * completed, as Partner Center does within minutes
 * (https://learn.microsoft.com/en-us/partner-center/developer/get-order-provisioning-status; "Get an order by ID").
 */
export const fulfilmentDelayMs = 5 * 60_000;

/** Partner Center order ids are opaque strings; ours are 24 url-safe characters. */
const newOrderId = () => randomToken(18);
const newAlternateId = () => randomToken(6, 'hex');

export interface LocalPartnerCenterOptions extends OpenOptions {
  clock?: () => Date;
  /** Write the demo world into a new file (default); false opens it as it is. */
  seed?: boolean;
  /**
   * The bot's store file as releases before the split wrote it (its versions 1 to 6 held this world's
   * tables): a new file of this Partner Center takes its customers, subscriptions and orders from there.
   */
  combinedFile?: string;
}

export class LocalPartnerCenter implements PartnerCenter {
  readonly directory: PartnerCenterDirectory;
  readonly catalog: CatalogStore;
  readonly orders: OrderBook;

  constructor(
    readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
    markets?: MarketWriter,
  ) {
    this.directory = new PartnerCenterDirectory(db);
    this.catalog = new CatalogStore(db, markets);
    this.orders = new OrderBook(db);
  }

  /**
   * Opens (creating and migrating) the file and writes the demo world into it when it is empty; a demo
   * market's availabilities are written when the catalog is first asked about that market.
   */
  static open(file: string, options: LocalPartnerCenterOptions = {}): LocalPartnerCenter {
    const db = openDatabase(file, migrations, options);
    const seed = options.seed ?? true;
    try {
      if (seed) seedWorld(db, options.combinedFile);
    } catch (error) {
      db.close();
      throw error;
    }
    const markets = seed ? { countries: demoMarketCountries(), write: (country: string) => writeMarketAvailabilities(db, country) } : undefined;
    return new LocalPartnerCenter(db, options.clock, markets);
  }

  close(): void {
    this.db.close();
  }

  async searchCustomers(partnerId: string, query: string, limit: number, offset?: number) {
    return this.directory.searchCustomers(partnerId, query, limit, offset);
  }

  async getCustomer(partnerId: string, customerId: string) {
    const customer = this.directory.customer(customerId);
    return customer?.partnerId === partnerId ? customer : undefined;
  }

  async getSubscriptions(customerId: string) {
    return this.directory.subscriptions(customerId);
  }

  async createAzurePlan(customerId: string, requestId: string): Promise<Subscription> {
    const existing = this.directory.subscription(requestId);
    if (existing) return existing;
    const plan: Subscription = {
      id: requestId,
      customerId,
      offerId: azurePlanOfferId,
      kind: 'azurePlan',
      friendlyName: 'Azure plan',
      status: 'active',
      billingType: 'usage',
      registrationStatus: 'notregistered',
    };
    this.directory.insertSubscription(plan, this.clock().toISOString());
    return plan;
  }

  async getRegistrationStatus(_customerId: string, subscriptionId: string) {
    const s = this.directory.subscription(subscriptionId);
    if (!s) throw new PartnerCenterError('800002', 'Subscription not found.', 404);
    return s.registrationStatus;
  }

  async registerSubscription(_customerId: string, subscriptionId: string) {
    // The embedded world registers at once; Partner Center answers 202 and finishes within minutes.
    this.directory.setRegistrationStatus(subscriptionId, 'registered');
  }

  async getResellers(partnerId: string) {
    return this.directory.resellers(partnerId);
  }

  async getReservationTypes() {
    return this.catalog.reservationTypes();
  }

  async searchCatalog(search: CatalogSearch) {
    return this.catalog.search(search);
  }

  async getCatalogVocabulary(country: string, segment: CatalogSearch['segment'], reservationType: string) {
    return this.catalog.vocabulary(country, segment, reservationType);
  }

  async getCatalogItem(catalogItemId: string) {
    return this.catalog.item(catalogItemId);
  }

  async getPayAsYouGoPrice(catalogItemId: string): Promise<PayAsYouGoPrice | undefined> {
    const item = this.catalog.item(catalogItemId);
    if (!item) return undefined;
    const currency = item.availability.defaultCurrency.code;
    const perHourMinor = paygHourlyMinor({
      reservationType: item.product.reservationType,
      armSkuName: item.sku.dynamicAttributes.armSkuName,
      armRegionName: item.sku.dynamicAttributes.armRegionName,
      currency,
      segment: item.availability.segment,
    });
    return perHourMinor === undefined ? undefined : { perHourMinor, currency };
  }

  async checkInventory(request: InventoryCheckRequest): Promise<InventoryCheckResult[]> {
    const { armRegionName } = request.inventoryContext;
    return request.targetItems.map(({ productId, skuId }) => {
      const restrictions = this.catalog.inventoryRestrictions(productId, skuId, armRegionName);
      return { productId, skuId, isRestricted: restrictions.length > 0, restrictions };
    });
  }

  async prepareCheckout(): Promise<void> {
    // The embedded world makes its order from the request at checkout: there is no cart to make ahead.
  }

  async checkout(request: CheckoutRequest): Promise<CheckoutResponse> {
    return this.db
      .transaction((): CheckoutResponse => {
        const earlier = this.orders.forRequest(request.requestId);
        if (earlier.length) return { orders: earlier, orderErrors: [], replayed: true };
        if (this.orders.hasOrdersForCart(request.cartId)) throw new PartnerCenterError('800065', 'The cart has already been submitted.', 409);
        this.orders.insert(request.requestId, this.priceOrders(request));
        return { orders: this.orders.forRequest(request.requestId), orderErrors: [], replayed: false };
      })
      .immediate();
  }

  /** Validates every line against the catalog as it is now and prices it; any error refuses the whole cart. */
  private priceOrders(request: CheckoutRequest): NewOrder[] {
    const { directory, catalog } = this;
    const customer = directory.customer(request.customerId);
    if (!customer) throw new PartnerCenterError('800002', 'Customer not found.', 404);
    // As Partner Center: nothing may be bought until the customer's MCA acceptance is confirmed (R6).
    if (!checkAgreement(customer).ok) {
      throw new PartnerCenterError('13605', "The customer's acceptance of the Microsoft Customer Agreement has not been confirmed.");
    }
    if (request.lineItems.length === 0) throw new PartnerCenterError('800009', 'The cart has no line items.');
    const groups = new Map<string, NewOrder>();
    const now = this.clock().toISOString();
    for (const line of request.lineItems) {
      const item = catalog.item(line.catalogItemId);
      const { availability } = item ?? {};
      if (!item || !availability?.isPurchasable || availability.country !== customer.country || !customer.qualifications.includes(availability.segment)) {
        throw new PartnerCenterError('800070', `Catalog item ${line.catalogItemId} is not available for this customer.`);
      }
      const subscription = directory.subscription(line.provisioningContext.subscriptionId);
      if (!subscription || subscription.customerId !== customer.id) {
        throw new PartnerCenterError('800002', 'The subscription does not belong to this customer.');
      }
      if (!checkSubscriptionActive(subscription).ok) throw new PartnerCenterError('800012', 'The subscription is not active.');
      if (subscription.registrationStatus !== 'registered') {
        throw new PartnerCenterError('800030', 'The subscription is not registered for reservations.');
      }
      if (!checkQuantity(line.quantity, item.sku).ok) throw new PartnerCenterError('800017', 'Quantity not available.');
      if (!checkBillingCycle(line.billingCycle, item.sku.supportedBillingCycles, item.sku.title).ok) {
        throw new PartnerCenterError('10013', 'Billing plan not supported for this item.');
      }
      if (line.termDuration !== item.availability.terms[0].duration) {
        throw new PartnerCenterError('800002', 'The term does not match the catalog item.');
      }
      // Partner Center splits a cart into one order per billing cycle.
      const group = line.billingCycle;
      let order = groups.get(group);
      if (!order) {
        order = {
          id: newOrderId(),
          alternateId: newAlternateId(),
          orderGroup: group,
          cartId: request.cartId,
          customerId: customer.id,
          partnerId: customer.partnerId,
          agentId: request.agentId,
          subscriptionId: subscription.id,
          scope: line.provisioningContext.scope,
          billingCycle: line.billingCycle,
          currencyCode: item.availability.defaultCurrency.code,
          lineItems: [],
          totalMinor: 0,
          creationDate: now,
          status: 'pending',
        };
        groups.set(group, order);
      }
      const orderLine: OrderLine = {
        lineItemNumber: order.lineItems.length,
        catalogItemId: item.catalogItemId,
        offerId: `${item.product.id}:${item.sku.id}`,
        friendlyName: item.sku.title,
        armRegionName: item.sku.dynamicAttributes.armRegionName,
        quantity: line.quantity,
        termDuration: line.termDuration,
        unitPriceMinor: item.availability.unitPriceMinor,
        totalMinor: item.availability.unitPriceMinor * line.quantity,
        partnerIdOnRecord: line.participants.find((p) => p.key === 'transaction_reseller')?.value ?? '',
        provisioningStatus: 'PrefulfillmentPending',
      };
      order.lineItems.push(orderLine);
      order.totalMinor += orderLine.totalMinor;
    }
    return [...groups.values()];
  }

  /** "Get an order by ID" and the order lists: an order is pending until every line is fulfilled, then completed. */
  async getOrders(partnerId: string, customerId?: string): Promise<Order[]> {
    return this.orders.orders(partnerId, customerId).map((o) => {
      const lineItems = o.lineItems.map((l) => ({ ...l, provisioningStatus: this.lineStatus(o, l.provisioningStatus) }));
      return { ...o, lineItems, status: o.status === 'pending' && lineItems.every((l) => l.provisioningStatus === 'Fulfilled') ? 'completed' : o.status };
    });
  }

  async getProvisioningStatus(customerId: string, orderId: string): Promise<LineProvisioningStatus[]> {
    const order = this.orders.order(orderId);
    if (!order || order.customerId !== customerId) throw new PartnerCenterError('800002', 'Order not found.', 404);
    return order.lineItems.map((l) => ({ lineItemNumber: l.lineItemNumber, status: this.lineStatus(order, l.provisioningStatus) }));
  }

  /** A line that failed stays Unfulfilled; the others are fulfilled once the delay has passed. */
  private lineStatus(order: Order, stored: OrderLine['provisioningStatus']): OrderLine['provisioningStatus'] {
    const fulfilled = this.clock().getTime() - Date.parse(order.creationDate) >= fulfilmentDelayMs;
    return stored === 'Unfulfilled' || !fulfilled ? stored : 'Fulfilled';
  }

  /** The demo's way to show a failed provisioning: every line of the order is Unfulfilled from now on. */
  failProvisioning(orderId: string): void {
    this.orders.failProvisioning(orderId);
  }

  async getOrdersForRequest(requestId: string): Promise<Order[]> {
    return this.orders.forRequest(requestId);
  }
}

export const newRequestId = () => randomUUID();

/**
 * The demo world into an empty file: from the combined file of an earlier release when there is one
 * (its directory and orders; the catalog is the seed's either way), else the demo's own.
 */
function seedWorld(db: Db, combinedFile: string | undefined): void {
  if (db.prepare('SELECT 1 FROM customers LIMIT 1').get() !== undefined) return;
  if (!combinedFile || !hasTable(combinedFile, 'customers')) {
    seedPartnerCenter(db);
    return;
  }
  db.prepare('ATTACH DATABASE ? AS combined').run(combinedFile);
  try {
    seedPartnerCenter(db, () => db.exec(`
      INSERT INTO resellers SELECT mpn_id, partner_id, name FROM combined.resellers;
      INSERT INTO customers SELECT id, partner_id, company_name, domain, tenant_id, country, agreement, qualifications, reseller_mpn_id FROM combined.customers;
      INSERT INTO subscriptions SELECT id, customer_id, offer_id, kind, friendly_name, status, billing_type, registration_status, created_at FROM combined.subscriptions;
      INSERT INTO orders SELECT id, alternate_id, idempotency_key, cart_id, order_group, partner_id, customer_id, agent_id, subscription_id, scope,
        billing_cycle, currency_code, total_minor, status, creation_date FROM combined.orders;
      INSERT INTO order_lines SELECT order_id, line_item_number, catalog_item_id, offer_id, friendly_name, arm_region_name, quantity,
        term_duration, unit_price_minor, total_minor, partner_id_on_record, provisioning_status FROM combined.order_lines;`));
  } finally {
    db.exec('DETACH DATABASE combined');
  }
}

function hasTable(file: string, table: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined;
  } finally {
    db.close();
  }
}
