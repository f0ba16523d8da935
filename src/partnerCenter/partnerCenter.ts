// The Partner Center gateway, shaped like its REST resources (shared/domain/README.md §3). The embedded
// implementation (local.ts) keeps the demo world in SQLite; a REST one can replace it without touching dialogs.
import type {
  BillingCycle,
  CatalogItem,
  CatalogVocabulary,
  Customer,
  Order,
  OrderLine,
  PayAsYouGoPrice,
  RegistrationStatus,
  ReservationType,
  Reseller,
  Scope,
  Segment,
  Subscription,
  TermDuration,
} from '../domain/types';
import type { CatalogSearch } from '../domain/types';

/** A Partner Center error: `code` is the documented error code, `status` the HTTP status. */
export class PartnerCenterError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status = 400,
    /** 429 (and some 503s): the seconds Partner Center asked to wait (the Retry-After header). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${description}`);
    this.name = 'PartnerCenterError';
  }
}

/**
 * No answer arrived in time (timeout, connection lost): the request may or may not have been carried
 * out. A caller must look the result up (by request id) before sending it again.
 */
export class PartnerCenterTimeoutError extends PartnerCenterError {
  constructor(description = 'Partner Center did not answer in time.') {
    super('timeout', description, 504);
    this.name = 'PartnerCenterTimeoutError';
  }
}

/** One line of `POST /customers/{c}/carts`, as Partner Center takes it. */
export interface CartLineItemRequest {
  id: number;
  catalogItemId: string;
  quantity: number;
  billingCycle: BillingCycle;
  termDuration: TermDuration;
  provisioningContext: { subscriptionId: string; scope: Scope; duration: '1Year' | '3Years' | '5Years' };
  participants: { key: 'transaction_reseller'; value: string }[];
}

export interface CheckoutRequest {
  customerId: string;
  /** Our cart id. */
  cartId: string;
  /** MS-RequestId: the same value on every retry of this checkout makes it idempotent. */
  requestId: string;
  agentId: string;
  lineItems: CartLineItemRequest[];
}

export interface CheckoutResponse {
  orders: Order[];
  orderErrors: { orderGroupId: string; code: string; description: string }[];
  /** True when this request id had already been checked out: nothing new was ordered. */
  replayed: boolean;
}

/** `POST /extensions/product/checkInventory?country=…`. */
export interface InventoryCheckRequest {
  country: string;
  targetItems: { productId: string; skuId: string }[];
  inventoryContext: { customerId: string; azureSubscriptionId: string; armRegionName: string };
}

export interface InventoryCheckResult {
  productId: string;
  skuId: string;
  isRestricted: boolean;
  restrictions: { reasonCode: string; description: string }[];
}

/** `GET /customers/{c}/orders/{o}/provisioningstatus`: one entry per order line. */
export interface LineProvisioningStatus {
  lineItemNumber: number;
  status: OrderLine['provisioningStatus'];
}

/** A name as a customer search compares it: lower case, accents dropped ("Café Noël" → "cafe noel"). */
export const searchFold = (text: string): string => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

export interface PartnerCenter {
  /**
   * The partner's customers whose name or domain contains the query, accents and case aside, by name:
   * `limit` of them from `offset` (a page), and how many match.
   */
  searchCustomers(partnerId: string, query: string, limit: number, offset?: number): Promise<{ customers: Customer[]; total: number }>;
  /** GET /customers/{id}; undefined when it is not this partner's customer. */
  getCustomer(partnerId: string, customerId: string): Promise<Customer | undefined>;
  /** GET /customers/{id}/subscriptions (Azure plan entitlements included). */
  getSubscriptions(customerId: string): Promise<Subscription[]>;
  /** Adds an Azure plan for a customer (a cart with the Azure plan offer, checked out). */
  createAzurePlan(customerId: string, requestId: string): Promise<Subscription>;
  /** GET …/subscriptions/{s}/registrationstatus (Microsoft.Capacity). */
  getRegistrationStatus(customerId: string, subscriptionId: string): Promise<RegistrationStatus>;
  /** POST …/subscriptions/{s}/registrations → 202. */
  registerSubscription(customerId: string, subscriptionId: string): Promise<void>;
  /** The reseller partners of an indirect provider (GET /relationships?relationship_type=IsIndirectCloudSolutionProviderOf). */
  getResellers(partnerId: string): Promise<Reseller[]>;
  /** The reservation types of the catalog (the products' targetView groups). */
  getReservationTypes(): Promise<ReservationType[]>;
  /** Products → SKUs → availabilities of one market and segment, filtered and paged. */
  searchCatalog(search: CatalogSearch): Promise<{ items: CatalogItem[]; total: number; totalCapped?: boolean }>;
  /** The regions, families and sizes a typed filter may name. */
  getCatalogVocabulary(country: string, segment: Segment, reservationType: string): Promise<CatalogVocabulary>;
  /** GET /products/{p}/skus/{s}/availabilities/{a} by catalogItemId; fetched again at purchase time. */
  getCatalogItem(catalogItemId: string): Promise<CatalogItem | undefined>;
  /**
   * What one unit of what a catalog item reserves costs pay-as-you-go for an hour, in the item's market
   * currency (the partner's Azure price sheet, consumption view); undefined when no such price is known.
   */
  getPayAsYouGoPrice(catalogItemId: string): Promise<PayAsYouGoPrice | undefined>;
  /** Whether the items can be reserved in the subscription and region now (SKUs with the InventoryCheck prerequisite). */
  checkInventory(request: InventoryCheckRequest): Promise<InventoryCheckResult[]>;
  /**
   * POST /customers/{c}/carts (or PUT it) for a cart the agent is reviewing, ahead of its Buy; nothing is
   * bought. A checkout of the same request with the same lines then needs the checkout call alone.
   */
  prepareCheckout(request: CheckoutRequest): Promise<void>;
  /** POST /customers/{c}/carts + POST …/carts/{cart}/checkout, idempotent on requestId. */
  checkout(request: CheckoutRequest): Promise<CheckoutResponse>;
  /** GET /customers/{c}/orders, or every customer's of the partner; newest first. */
  getOrders(partnerId: string, customerId?: string): Promise<Order[]>;
  /** Fulfilment of each line of an order; an order's own status lags behind it. */
  getProvisioningStatus(customerId: string, orderId: string): Promise<LineProvisioningStatus[]>;
  /** The orders a cart became, if it was checked out (looked up instead of resubmitting, R15). */
  getOrdersForRequest(requestId: string): Promise<Order[]>;
}
