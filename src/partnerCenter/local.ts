// The embedded Partner Center: the demo world in SQLite, validating a checkout as Partner Center does
// and writing it as one transaction keyed by the request id.
import { randomUUID } from 'node:crypto';
import { randomToken } from '../randomToken';
import { azurePlanOfferId, type Order, type OrderLine, type Subscription } from '../domain/types';
import type { Store } from '../store/store';
import type { CatalogSearch } from '../domain/types';
import type { NewOrder } from '../store/ledger';
import { checkBillingCycle, checkQuantity } from '../rules/order';
import { checkSubscriptionActive } from '../rules/eligibility';
import {
  PartnerCenterError,
  type CheckoutRequest,
  type CheckoutResponse,
  type InventoryCheckRequest,
  type InventoryCheckResult,
  type LineProvisioningStatus,
  type PartnerCenter,
} from './partnerCenter';

/** The embedded world fulfils every order line this long after the order, as Partner Center does within minutes. */
export const fulfilmentDelayMs = 60_000;

/** Partner Center order ids are opaque strings; ours are 24 url-safe characters. */
const newOrderId = () => randomToken(18);
const newAlternateId = () => randomToken(6, 'hex');

export class LocalPartnerCenter implements PartnerCenter {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async searchCustomers(partnerId: string, query: string, limit: number) {
    return this.store.directory.searchCustomers(partnerId, query, limit);
  }

  async getCustomer(partnerId: string, customerId: string) {
    const customer = this.store.directory.customer(customerId);
    return customer?.partnerId === partnerId ? customer : undefined;
  }

  async getSubscriptions(customerId: string) {
    return this.store.directory.subscriptions(customerId);
  }

  async createAzurePlan(customerId: string, requestId: string): Promise<Subscription> {
    const existing = this.store.directory.subscription(requestId);
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
    this.store.directory.insertSubscription(plan, this.clock().toISOString());
    return plan;
  }

  async getRegistrationStatus(_customerId: string, subscriptionId: string) {
    const s = this.store.directory.subscription(subscriptionId);
    if (!s) throw new PartnerCenterError('800002', 'Subscription not found.', 404);
    return s.registrationStatus;
  }

  async registerSubscription(_customerId: string, subscriptionId: string) {
    // The embedded world registers at once; Partner Center answers 202 and finishes within minutes.
    this.store.directory.setRegistrationStatus(subscriptionId, 'registered');
  }

  async getResellers(partnerId: string) {
    return this.store.directory.resellers(partnerId);
  }

  async getReservationTypes() {
    return this.store.catalog.reservationTypes();
  }

  async searchCatalog(search: CatalogSearch) {
    return this.store.catalog.search(search);
  }

  async getCatalogVocabulary(country: string, segment: CatalogSearch['segment'], reservationType: string) {
    return this.store.catalog.vocabulary(country, segment, reservationType);
  }

  async getCatalogItem(catalogItemId: string) {
    return this.store.catalog.item(catalogItemId);
  }

  async checkInventory(request: InventoryCheckRequest): Promise<InventoryCheckResult[]> {
    const { armRegionName } = request.inventoryContext;
    return request.targetItems.map(({ productId, skuId }) => {
      const restrictions = this.store.catalog.inventoryRestrictions(productId, skuId, armRegionName);
      return { productId, skuId, isRestricted: restrictions.length > 0, restrictions };
    });
  }

  async checkout(request: CheckoutRequest): Promise<CheckoutResponse> {
    const { ledger } = this.store;
    return ledger.transaction(() => {
      if (ledger.hasCheckout(request.requestId)) {
        return { orders: ledger.ordersForKey(request.requestId), orderErrors: [], replayed: true };
      }
      const orders = this.priceOrders(request);
      const now = this.clock().toISOString();
      ledger.recordCheckout(request.requestId, request.cartId, orders, now);
      for (const o of orders) {
        this.store.audit.append(
          {
            type: 'order.created',
            agentId: o.agentId,
            partnerId: o.partnerId,
            customerId: o.customerId,
            conversationId: this.store.carts.get(request.cartId)?.conversationId,
            cartId: request.cartId,
            idempotencyKey: request.requestId,
            detail: { orderId: o.id, totalMinor: o.totalMinor, currency: o.currencyCode, lines: o.lineItems.length },
          },
          now,
        );
      }
      return { orders: ledger.ordersForKey(request.requestId), orderErrors: [], replayed: false };
    });
  }

  /** Validates every line against the catalog as it is now and prices it; any error refuses the whole cart. */
  private priceOrders(request: CheckoutRequest): NewOrder[] {
    const { directory, catalog } = this.store;
    const cart = this.store.carts.get(request.cartId);
    const customer = directory.customer(request.customerId);
    if (!cart || !customer || cart.customerId !== customer.id) {
      throw new PartnerCenterError('800002', 'The cart does not belong to this customer.');
    }
    if (cart.status !== 'active') throw new PartnerCenterError('800065', 'The cart has already been submitted.', 409);
    // As Partner Center: nothing may be bought until the customer's MCA acceptance is confirmed (R6).
    if (customer.agreement === 'notConfirmed') {
      throw new PartnerCenterError('13605', "The customer's acceptance of the Microsoft Customer Agreement has not been confirmed.");
    }
    if (request.lineItems.length === 0) throw new PartnerCenterError('800009', 'The cart has no line items.');
    const groups = new Map<string, NewOrder>();
    const now = this.clock().toISOString();
    for (const line of request.lineItems) {
      const item = catalog.item(line.catalogItemId);
      if (!item || !item.availability.isPurchasable || item.availability.country !== customer.country || item.availability.segment !== cart.segment) {
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
          cartId: cart.id,
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

  async getOrders(partnerId: string, customerId?: string): Promise<Order[]> {
    return this.store.ledger.orders(partnerId, customerId);
  }

  async getProvisioningStatus(customerId: string, orderId: string): Promise<LineProvisioningStatus[]> {
    const order = this.store.ledger.order(orderId);
    if (!order || order.customerId !== customerId) throw new PartnerCenterError('800002', 'Order not found.', 404);
    const fulfilled = this.clock().getTime() - Date.parse(order.creationDate) >= fulfilmentDelayMs;
    return order.lineItems.map((l) => ({ lineItemNumber: l.lineItemNumber, status: fulfilled ? 'Fulfilled' : l.provisioningStatus }));
  }

  async getOrdersForRequest(requestId: string): Promise<Order[]> {
    return this.store.ledger.ordersForKey(requestId);
  }
}

export const newRequestId = () => randomUUID();
