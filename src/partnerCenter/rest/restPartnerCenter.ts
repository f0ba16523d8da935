// The PartnerCenter interface over the Partner Center REST API (api.partnercenter.microsoft.com/v1).
// Where the interface asks for something the API does not offer directly, the mapping is written at the
// method. The signed-in account is one partner's: every method asked about another partner answers empty.
import { randomUUID } from 'node:crypto';
import {
  Customer,
  Subscription,
  azurePlanOfferId,
  type AgreementStatus,
  type BillingCycle,
  type Order,
  type OrderLine,
  type RegistrationStatus,
  type Reseller,
  type Segment,
  type TermDuration,
  type PayAsYouGoPrice,
} from '../../domain/types';
import type { CatalogSearch } from '../../domain/types';
import {
  PartnerCenterError,
  searchFold,
  type CheckoutRequest,
  type CheckoutResponse,
  type InventoryCheckRequest,
  type InventoryCheckResult,
  type LineProvisioningStatus,
  type PartnerCenter,
} from '../partnerCenter';
import { RestCatalog, mapLimit, parallelReads } from './catalog';
import { Recent } from './recent';
import { currencyDigits, reservationTypes, toMinor } from './catalogMapping';
import { PartnerCenterUnreachableError, realSleep, type PartnerCenterRestClient } from './client';
import type { CheckoutRecord, JournalLine, RestJournal } from './journal';
import type { PriceList } from './priceSheet';
import {
  WireAgreement,
  WireAvailability,
  WireAzureEntitlement,
  WireCart,
  WireCheckoutResult,
  WireCustomer,
  WireDirectSignStatus,
  WireInventoryResults,
  WireOrder,
  WireProvisioningStatus,
  WireQualifications,
  WireRegistrationStatus,
  WireRelationship,
  WireSubscription,
  collection,
  type WireOrder as WireOrderT,
} from './wire';

export interface RestPartnerCenterOptions {
  /** The partner (in the bot's directory) whose Partner Center account the client signs in to. */
  partnerId: string;
  client: PartnerCenterRestClient;
  prices: PriceList;
  journal: RestJournal;
  log?: (line: string) => void;
  clock?: () => Date;
  catalogTtlMs: number;
  checkoutTimeoutMs: number;
  /** How long registerSubscription polls the registration status before returning. */
  registrationWaitMs: number;
  registrationPollMs?: number;
  /**
   * Customers (agreements, qualifications), the reseller list, subscriptions (status, registration) and
   * inventory checks are reused this long (default a minute). Partner Center checks each again when the
   * cart is made or checked out (13605, 800012, cart line errors), so a stale answer cannot buy wrongly.
   */
  directoryTtlMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const enc = encodeURIComponent;
/** The Azure plan's product (its offer id is "{product}:{sku}"). */
const azurePlanProductId = azurePlanOfferId.split(':')[0];
const azurePlanSkuId = azurePlanOfferId.split(':')[1];
/**
 * A checkout call gives up after its own timeout once it has left; before that it may sign in (again, after
 * a 401). Until the timeout and this margin have passed, a submitted checkout may still be on its way.
 */
const signInMarginMs = 60_000;
/** Orders may be dated a little before the cart by clock skew between Partner Center's services. */
const orderClockSkewMs = 5 * 60_000;

export class RestPartnerCenter implements PartnerCenter {
  private readonly partnerId: string;
  private readonly client: PartnerCenterRestClient;
  private readonly journal: RestJournal;
  private readonly log: (line: string) => void;
  private readonly clock: () => Date;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly catalog: RestCatalog;
  private readonly customers: Recent<Customer | undefined>;
  private readonly relationships: Recent<{ tenantId: string; reseller: Reseller }[]>;
  private readonly subscriptions: Recent<Subscription[]>;
  /** One item's inventory answer (undefined: Partner Center left it out), per market, customer, subscription and region. */
  private readonly inventory: Recent<InventoryCheckResult | undefined>;
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Subscription (or Azure subscription of a plan) id → the id its reservation registration is made on. */
  private readonly registeredAs = new Map<string, string>();

  constructor(private readonly options: RestPartnerCenterOptions) {
    this.partnerId = options.partnerId;
    this.client = options.client;
    this.journal = options.journal;
    this.log = options.log ?? (() => undefined);
    this.clock = options.clock ?? (() => new Date());
    this.sleep = options.sleep ?? realSleep;
    const ttl = options.directoryTtlMs ?? 60_000;
    const now = () => this.now();
    this.customers = new Recent(ttl, now);
    this.relationships = new Recent(ttl, now);
    this.subscriptions = new Recent(ttl, now);
    this.inventory = new Recent(ttl, now);
    this.catalog = new RestCatalog(this.client, options.prices, this.journal, options.catalogTtlMs, () => this.clock().getTime(), this.log);
  }

  // ---- customers ------------------------------------------------------------------------------

  /**
   * GET /customers (the list). Partner Center's customer filter offers only `starts_with` on one field,
   * with no accent folding ("Get a list of customers filtered by a search field"), so the list of up to
   * 500 customers is read and filtered here: the query anywhere in the name or domain, accents and case
   * aside, as the embedded directory searches. An empty query lists them all; a page of them is read in full.
   */
  async searchCustomers(partnerId: string, query: string, limit: number, offset = 0): Promise<{ customers: Customer[]; total: number }> {
    const q = searchFold(query.trim());
    if (partnerId !== this.partnerId || q.length > 256 || limit <= 0) return { customers: [], total: 0 };
    const listed = collection(WireCustomer).parse(await this.client.getJson('listCustomers', '/customers', { size: 500 })).items;
    const matching = listed
      .filter((c) => !q || searchFold(c.companyProfile.companyName).includes(q) || searchFold(c.companyProfile.domain ?? '').includes(q))
      .sort((a, b) => a.companyProfile.companyName.localeCompare(b.companyProfile.companyName, undefined, { sensitivity: 'base' }));
    const total = matching.length;
    const start = Math.max(0, offset);
    const customers = (await mapLimit(matching.slice(start, start + limit), parallelReads, (w) => this.customer(w.id, w))).filter((c): c is Customer => !!c);
    return { customers, total };
  }

  /** GET /customers/{id}; a customer this account cannot see (404/403) is not this partner's. */
  async getCustomer(partnerId: string, customerId: string): Promise<Customer | undefined> {
    if (partnerId !== this.partnerId) return undefined;
    return this.customer(customerId);
  }

  private customer(customerId: string, listed?: WireCustomer): Promise<Customer | undefined> {
    return this.customers.get(customerId, () => this.loadCustomer(customerId, listed));
  }

  /**
   * A Customer from its resources, read in parallel (one round trip on the agent's path): the customer
   * (company profile, billing country, associated reseller) or, for a listed one, its billing profile; its
   * agreements; its qualifications (segments); the reseller relationships.
   * Agreement ("Get confirmation of customer acceptance of Microsoft Customer Agreement", "Get direct sign
   * status"): an MCA acceptance on record (asked for by agreementType: the default answer holds Microsoft
   * Cloud Agreement records only) or signed by the customer itself → confirmed; else a Microsoft Cloud
   * Agreement → notSigned (a legacy customer); neither → notConfirmed (Partner Center answers 13605).
   */
  private async loadCustomer(customerId: string, listed?: WireCustomer): Promise<Customer | undefined> {
    const path = `/customers/${enc(customerId)}`;
    const agreementsOf = (agreementType?: string) =>
      this.client.getJson('getAgreements', `${path}/agreements`, { agreementType }).then((j) => collection(WireAgreement).parse(j).items.length > 0);
    const wirePromise = listed
      ? this.client.getJson('getBillingProfile', `${path}/profiles/billing`).then((b) => WireCustomer.parse({ ...listed, billingProfile: b }))
      : this.client.getJson('getCustomer', path).then((j) => WireCustomer.parse(j));
    const rest = Promise.all([
      agreementsOf('MicrosoftCustomerAgreement'),
      this.client.getJson('getDirectSignStatus', `${path}/directSignedMicrosoftCustomerAgreementStatus`).then((j) => WireDirectSignStatus.parse(j).isSigned),
      agreementsOf(),
      this.client.getJson('getQualifications', `${path}/qualifications`).then((j) => WireQualifications.parse(j)),
      this.resellerRelationships(),
    ]);
    // The customer decides whether there is one; the other answers are awaited only then.
    rest.catch(() => undefined);
    let wire: WireCustomer;
    try {
      wire = await wirePromise;
    } catch (error) {
      if (error instanceof PartnerCenterError && (error.status === 404 || error.status === 403)) return undefined;
      throw error;
    }
    const [mcaAttested, mcaDirectSigned, cloudAgreement, qualifications, resellers] = await rest;
    const agreement: AgreementStatus = mcaAttested || mcaDirectSigned ? 'confirmed' : cloudAgreement ? 'notSigned' : 'notConfirmed';
    return Customer.parse({
      id: wire.id,
      partnerId: this.partnerId,
      companyName: wire.companyProfile.companyName,
      domain: wire.companyProfile.domain ?? '',
      tenantId: wire.companyProfile.tenantId ?? wire.id,
      country: (wire.billingProfile?.defaultAddress?.country ?? '').toUpperCase(),
      agreement,
      qualifications: qualificationSegments(qualifications),
      resellerMpnId: resellers.find((r) => r.tenantId === wire.associatedPartnerId)?.reseller.mpnId ?? null,
    });
  }

  // ---- subscriptions and registration ---------------------------------------------------------

  /**
   * GET /customers/{id}/subscriptions, Azure subscriptions only (legacy MS-AZR-* offers and the Azure plan;
   * licence subscriptions cannot hold reservations). An Azure plan is listed by its Azure subscriptions
   * (GET …/subscriptions/{plan}/azureEntitlements): reservations are bought against one of those; a plan
   * without any is listed itself. The registration status is read for each (GET …/registrationstatus).
   */
  getSubscriptions(customerId: string): Promise<Subscription[]> {
    return this.subscriptions.get(customerId, () => this.loadSubscriptions(customerId));
  }

  private async loadSubscriptions(customerId: string): Promise<Subscription[]> {
    const subscriptions = await this.azureSubscriptions(customerId);
    // One status read per registration (an Azure plan's subscriptions share the plan's).
    const statuses = new Map<string, Promise<RegistrationStatus>>();
    const withRegistration = await mapLimit(subscriptions, 4, async (s) => {
      const target = this.registeredAs.get(s.id) ?? s.id;
      if (!statuses.has(target)) statuses.set(target, this.readRegistrationStatus(customerId, target));
      return Subscription.parse({
        ...s,
        // An inactive subscription may have no registration to report: then it counts as not registered.
        registrationStatus: await statuses.get(target)!.catch((error: unknown) => {
          if (s.status !== 'active' && error instanceof PartnerCenterError && error.status < 500) return 'notregistered' as const;
          throw error;
        }),
      });
    });
    return withRegistration;
  }

  /** The customer's Azure subscriptions without their registration; learns which plan each belongs to. */
  private async azureSubscriptions(customerId: string): Promise<Omit<Subscription, 'registrationStatus'>[]> {
    const wires = collection(WireSubscription).parse(await this.client.getJson('getSubscriptions', `/customers/${enc(customerId)}/subscriptions`)).items;
    const subscriptions = (
      await mapLimit(wires, 4, async (w): Promise<Omit<Subscription, 'registrationStatus'>[]> => {
        const status = subscriptionStatus(w.status);
        if (isAzurePlan(w.offerId)) {
          this.registeredAs.set(w.id, w.id);
          const entitlements = collection(WireAzureEntitlement).parse(
            await this.client.getJson('getAzureEntitlements', `/customers/${enc(customerId)}/subscriptions/${enc(w.id)}/azureEntitlements`),
          ).items;
          const plan = { customerId, offerId: w.offerId, kind: 'azurePlan' as const, billingType: 'usage' as const };
          if (!entitlements.length) return [{ ...plan, id: w.id, friendlyName: w.friendlyName || 'Azure plan', status }];
          for (const e of entitlements) this.registeredAs.set(e.id, w.id);
          // A suspended plan suspends its Azure subscriptions.
          return entitlements.map((e) => ({
            ...plan,
            id: e.id,
            friendlyName: e.friendlyName,
            status: status === 'active' ? subscriptionStatus(e.status) : status,
          }));
        }
        if (!/^MS-AZR-/i.test(w.offerId)) return [];
        this.registeredAs.set(w.id, w.id);
        return [
          {
            id: w.id,
            customerId,
            offerId: w.offerId,
            kind: 'legacyAzure',
            friendlyName: w.friendlyName,
            status,
            billingType: w.billingType?.toLowerCase() === 'license' ? 'license' : 'usage',
          },
        ];
      })
    ).flat();
    return subscriptions;
  }

  /**
   * What is registered for reservations on a subscription: a legacy subscription itself; for an Azure
   * subscription of an Azure plan, the plan ("Purchase Azure reservations": register the Azure plan, with
   * the same call). The plans are learnt from the subscription list, read again for an id not seen yet.
   */
  private async registrationTarget(customerId: string, subscriptionId: string): Promise<string> {
    if (!this.registeredAs.has(subscriptionId)) await this.azureSubscriptions(customerId);
    return this.registeredAs.get(subscriptionId) ?? subscriptionId;
  }

  /**
   * Adds an Azure plan: a cart with the Azure plan's catalog item (product DZH318Z0BPS6, SKU 0001, its
   * availability in the customer's country), checked out with MS-RequestId = requestId; the plan is then
   * found by GET /customers/{c}/subscriptions?order_id={order}, and its first Azure subscription returned.
   * The same requestId again returns the same subscription (the journal keeps the order id).
   */
  async createAzurePlan(customerId: string, requestId: string): Promise<Subscription> {
    return this.serialise(requestId, async () => {
      let record = await this.journal.checkout(requestId);
      if (!record || record.state !== 'ordered') {
        const customer = await this.customer(customerId);
        if (!customer) throw new PartnerCenterError('800002', 'Customer not found.', 404);
        const availabilities = collection(WireAvailability).parse(
          await this.client.getJson('getAvailabilities', `/products/${azurePlanProductId}/skus/${azurePlanSkuId}/availabilities`, {
            country: customer.country,
            targetSegment: 'commercial',
          }),
        ).items;
        const availability = availabilities.find((a) => a.isPurchasable);
        if (!availability) throw new PartnerCenterError('800070', 'The Azure plan is not available in the customer\'s country.');
        record = record ?? this.newRecord(requestId, requestId, customerId, '', 'azurePlan');
        const cart = WireCart.parse(
          (
            await this.client.call({
              op: 'createCart',
              method: 'POST',
              path: `/customers/${enc(customerId)}/carts`,
              idempotent: true,
              // "Purchase Azure reservations": the Azure plan's SKU supports one_time only.
              body: { lineItems: [{ id: 0, catalogItemId: availability.catalogItemId, quantity: 1, billingCycle: 'one_time', provisioningContext: {} }] },
            })
          ).json,
        );
        this.throwLineError(cart);
        record.pcCartId = cart.id;
        record.pcCartCreatedAt = cart.creationTimestamp ?? this.clock().toISOString();
        await this.submitOrRefuse(record);
        const result = WireCheckoutResult.parse(
          (
            await this.client
              .call({
                op: 'checkout',
                method: 'POST',
                path: `/customers/${enc(customerId)}/carts/${enc(cart.id)}/checkout`,
                requestId: record.pcRequestId ?? requestId,
                idempotent: false,
                timeoutMs: this.options.checkoutTimeoutMs,
              })
              .catch(async (error: unknown) => {
                await this.afterCall(record!, error);
                throw error;
              })
          ).json,
        );
        if (!result.orders.length) {
          const e = result.orderErrors[0];
          await this.afterCall(record, undefined);
          await this.saveAnswer(record, 'cart');
          throw new PartnerCenterError(e?.code ?? '800002', e?.description ?? 'The Azure plan was not ordered.');
        }
        record.orderIds = result.orders.map((o) => o.id);
        await this.saveAnswer(record, 'ordered');
      }
      this.subscriptions.forget(customerId);
      const orderId = record.orderIds[0];
      const plans = collection(WireSubscription).parse(
        await this.client.getJson('getSubscriptionsByOrder', `/customers/${enc(customerId)}/subscriptions`, { order_id: orderId }),
      ).items;
      const plan = plans.find((p) => isAzurePlan(p.offerId)) ?? plans[0];
      if (!plan) throw new PartnerCenterError('800060', 'The Azure plan is being created; try again in a few minutes.', 409);
      const entitlements = collection(WireAzureEntitlement).parse(
        await this.client.getJson('getAzureEntitlements', `/customers/${enc(customerId)}/subscriptions/${enc(plan.id)}/azureEntitlements`),
      ).items;
      const first = entitlements[0];
      this.registeredAs.set(plan.id, plan.id);
      if (first) this.registeredAs.set(first.id, plan.id);
      const subscription = Subscription.parse({
        id: first?.id ?? plan.id,
        customerId,
        offerId: plan.offerId,
        kind: 'azurePlan',
        friendlyName: first?.friendlyName ?? (plan.friendlyName || 'Azure plan'),
        status: subscriptionStatus(first?.status ?? plan.status),
        billingType: 'usage',
        registrationStatus: await this.readRegistrationStatus(customerId, plan.id),
      });
      return subscription;
    });
  }

  /** GET …/subscriptions/{s}/registrationstatus of the subscription's registration target. */
  async getRegistrationStatus(customerId: string, subscriptionId: string): Promise<RegistrationStatus> {
    return this.readRegistrationStatus(customerId, await this.registrationTarget(customerId, subscriptionId));
  }

  /** GET …/subscriptions/{s}/registrationstatus → registered | registering | notregistered. */
  private async readRegistrationStatus(customerId: string, subscriptionId: string): Promise<RegistrationStatus> {
    const status = WireRegistrationStatus.parse(
      await this.client.getJson('getRegistrationStatus', `/customers/${enc(customerId)}/subscriptions/${enc(subscriptionId)}/registrationstatus`),
    ).status.toLowerCase();
    return status === 'registered' ? 'registered' : status === 'registering' ? 'registering' : 'notregistered';
  }

  /** POST …/registrations (202), then polls the status until registered or the configured wait is over. */
  async registerSubscription(customerId: string, entitlementOrSubscriptionId: string): Promise<void> {
    const subscriptionId = await this.registrationTarget(customerId, entitlementOrSubscriptionId);
    this.subscriptions.forget(customerId);
    await this.client.call({
      op: 'registerSubscription',
      method: 'POST',
      path: `/customers/${enc(customerId)}/subscriptions/${enc(subscriptionId)}/registrations`,
      idempotent: true,
    });
    const deadline = this.now() + this.options.registrationWaitMs;
    const poll = this.options.registrationPollMs ?? 1000;
    for (;;) {
      const status = await this.readRegistrationStatus(customerId, subscriptionId);
      this.subscriptions.forget(customerId);
      if (status === 'registered' || this.now() + poll > deadline) return;
      await this.sleep(poll);
    }
  }

  // ---- resellers and catalog ------------------------------------------------------------------

  /**
   * GET /relationships?relationship_type=IsIndirectCloudSolutionProviderOf: the indirect resellers of
   * this (indirect provider) account, with their MPN ids. A direct partner has none.
   */
  async getResellers(partnerId: string): Promise<Reseller[]> {
    if (partnerId !== this.partnerId) return [];
    return (await this.resellerRelationships()).map((r) => r.reseller);
  }

  private resellerRelationships(): Promise<{ tenantId: string; reseller: Reseller }[]> {
    return this.relationships.get('', () => this.client
      .getJson('getResellers', '/relationships', { relationship_type: 'IsIndirectCloudSolutionProviderOf' })
      .then((json) =>
        collection(WireRelationship)
          .parse(json)
          .items.filter((r) => r.mpnId && (r.state ?? 'active').toLowerCase() !== 'terminated')
          .map((r) => ({ tenantId: r.id, reseller: { mpnId: r.mpnId!, partnerId: this.partnerId, name: r.name } }))
          .sort((a, b) => a.reseller.name.localeCompare(b.reseller.name)),
      ),
    );
  }

  /** The reservation types are reference data (Partner Center lists products, not types): see catalogMapping.ts. */
  async getReservationTypes() {
    return reservationTypes;
  }

  /**
   * With `inventoryFor`, the inventory check of the SKUs the search reads is sent along with their
   * availability reads (the ids, prerequisites and regions are known from the cached SKUs), so that the
   * page's own check finds it answered or in flight: the page costs one round trip, not two. A check that
   * fails here is forgotten and asked again by the page.
   */
  async searchCatalog(search: CatalogSearch) {
    const context = search.inventoryFor;
    return this.catalog.search(
      search,
      context &&
        ((skus) => {
          const byRegion = new Map<string, { productId: string; skuId: string }[]>();
          for (const { product, sku } of skus.filter((e) => e.sku.purchasePrerequisites.includes('InventoryCheck'))) {
            const region = sku.dynamicAttributes.armRegionName;
            byRegion.set(region, [...(byRegion.get(region) ?? []), { productId: product.id, skuId: sku.id }]);
          }
          for (const [armRegionName, targetItems] of byRegion) {
            this.checkInventory({ country: search.country, targetItems, inventoryContext: { ...context, armRegionName } }).catch(() => undefined);
          }
        }),
    );
  }

  /** Partner Center has no vocabulary resource: the words come from the SKUs of the cached catalog. */
  async getCatalogVocabulary(country: string, segment: Segment, reservationType: string) {
    return this.catalog.vocabulary(country, segment, reservationType);
  }

  async getCatalogItem(catalogItemId: string) {
    return this.catalog.item(catalogItemId);
  }

  /**
   * A reserved VM size's Linux pay-as-you-go price in its region, from the market's price sheet, consumption
   * view (priceSheet.ts decides how a row is matched); the other reservation types have none there.
   */
  async getPayAsYouGoPrice(catalogItemId: string): Promise<PayAsYouGoPrice | undefined> {
    const item = await this.catalog.item(catalogItemId);
    if (!item || item.product.reservationType !== 'VirtualMachines') return undefined;
    const { armSkuName, armRegionName } = item.sku.dynamicAttributes;
    const price = await this.options.prices.hourlyPayAsYouGo({ country: item.availability.country, armSkuName, armRegionName });
    return price && { perHourMinor: price.amount * 10 ** currencyDigits(price.currency), currency: price.currency };
  }

  /**
   * POST /extensions/product/checkInventory?country=… (a read: safe to retry). "Check inventory" takes a
   * list of TargetItems under one inventory context and answers per item (items not found are left out),
   * so the items not already answered go in one call. Each item's answer is reused as the directory is.
   */
  async checkInventory(request: InventoryCheckRequest): Promise<InventoryCheckResult[]> {
    const { customerId, azureSubscriptionId, armRegionName } = request.inventoryContext;
    const key = (t: { productId: string; skuId: string }) =>
      JSON.stringify([request.country.toUpperCase(), customerId, azureSubscriptionId, armRegionName, t.productId, t.skuId]);
    const known = request.targetItems.map((t) => this.inventory.fresh(key(t)));
    const missing = request.targetItems.filter((_, i) => !known[i]);
    const read = missing.length ? this.readInventory({ ...request, targetItems: missing }) : undefined;
    const answers = request.targetItems.map(
      (t, i) => known[i] ?? this.inventory.set(key(t), read!.then((results) => results.find((r) => r.productId === t.productId && r.skuId === t.skuId))),
    );
    return (await Promise.all(answers)).filter((r): r is InventoryCheckResult => r !== undefined);
  }

  private async readInventory(request: InventoryCheckRequest): Promise<InventoryCheckResult[]> {
    const json = (
      await this.client.call({
        op: 'checkInventory',
        method: 'POST',
        path: '/extensions/product/checkInventory',
        query: { country: request.country },
        body: { targetItems: request.targetItems, inventoryContext: request.inventoryContext },
        idempotent: true,
      })
    ).json;
    const parsed = WireInventoryResults.parse(json);
    const results = Array.isArray(parsed) ? parsed : parsed.items;
    return results.map((r) => ({ productId: r.productId, skuId: r.skuId, isRestricted: r.isRestricted, restrictions: r.restrictions }));
  }

  // ---- checkout ---------------------------------------------------------------------------------

  /**
   * POST /customers/{c}/carts (or PUT the cart this request already made), then POST …/checkout with
   * MS-RequestId = requestId. The checkout is sent at most once per state of the journal:
   * - orders known for this request id → returned (replayed);
   * - a checkout whose answer was lost (timeout, 5xx) or was 800060/800064 → the orders are looked up,
   *   never resubmitted blindly; if none is listed yet, 800060 "order in progress";
   * - the cart had been refused (fixable, e.g. 800017) → the same Partner Center cart is updated and
   *   checked out again.
   * Cart line errors (10002, 10003, 10008, 10011, 10013) refuse before any checkout is sent.
   * - the Partner Center cart expired (past its expirationTimestamp: a PUT or the checkout answers 404) →
   *   the same lines go into a new cart, checked out with the same MS-RequestId: nothing was ordered from
   *   the expired one, so there is still one order at most.
   */
  async checkout(request: CheckoutRequest): Promise<CheckoutResponse> {
    return this.serialise(request.requestId, () => this.checkoutOnce(request));
  }

  /**
   * Makes the Partner Center cart while the agent reads the review, so that Buy costs the checkout call
   * alone ("Create a cart", "Update a cart"). Only a request not yet submitted; a cart whose lines have
   * changed since is sent again at checkout, and one that expired meanwhile is made anew there (404).
   */
  async prepareCheckout(request: CheckoutRequest): Promise<void> {
    return this.serialise(request.requestId, async () => {
      const earlier = (await this.journal.checkout(request.requestId)) ?? (await this.journal.checkoutForCart(request.cartId));
      if (earlier && (earlier.requestId !== request.requestId || earlier.state !== 'cart')) return;
      const lineItems = wireLineItems(request);
      if (earlier?.pcCartId && earlier.pcCartLines === JSON.stringify(lineItems)) return;
      const record = earlier ?? this.newRecord(request.requestId, request.cartId, request.customerId, request.agentId, 'reservation');
      await this.putOrPostCart(record, lineItems);
      // Written only over the record as read: another instance that moved this checkout on meanwhile keeps its cart.
      await this.save(record, 'cart');
    });
  }

  private async checkoutOnce(request: CheckoutRequest): Promise<CheckoutResponse> {
    let record = await this.journal.checkout(request.requestId);
    if (!record) {
      const earlier = await this.journal.checkoutForCart(request.cartId);
      if (earlier && earlier.state !== 'cart') throw new PartnerCenterError('800065', 'The cart has already been submitted.', 400);
    }
    if (record?.state === 'ordered') {
      return { orders: await this.ordersOf(record), orderErrors: [], replayed: true };
    }
    if (record?.state === 'submitted') {
      const orders = await this.lookUpOrders(record);
      if (orders.length) return { orders, orderErrors: [], replayed: true };
      // A call (of this instance or another) may be sending it now, and the cart stays active until Partner
      // Center carries the checkout out: it is sent again only once that call is over or past its time.
      if (record.sendingUntil && Date.parse(record.sendingUntil) > this.now()) throw checkoutElsewhere();
      const cart = await this.pcCart(record);
      if (cart && cart.status?.toLowerCase() !== 'active') {
        throw new PartnerCenterError('800060', 'The order is in progress: Partner Center has the checkout but does not list its order yet.', 409);
      }
      // The cart is still active: the earlier checkout never reached Partner Center; sending it again is safe.
      this.log(`[partner-center] checkout ${request.requestId}: the earlier attempt did not reach Partner Center; sending it`);
    }
    record = record ?? this.newRecord(request.requestId, request.cartId, request.customerId, request.agentId, 'reservation');
    record.agentId = request.agentId;
    const lineItems = wireLineItems(request);
    // A cart made while the agent read the review (prepareCheckout) with these very lines is checked out as it is.
    const prepared = record.pcCartId !== null && record.pcCartLines === JSON.stringify(lineItems);
    // What the journal keeps of the lines is read while Partner Center makes the cart.
    const [lines, cart] = await Promise.all([
      Promise.all(request.lineItems.map((l) => this.journalLine(l))),
      prepared ? undefined : this.putOrPostCart(record, lineItems),
    ]);
    record.lines = lines;
    if (!(await this.save(record, 'cart'))) throw checkoutElsewhere();
    if (cart) this.throwLineError(cart);
    // From here the outcome may be unknown: written down before the request leaves.
    await this.submitOrRefuse(record);
    let json: unknown;
    for (let post = 1; ; post++) {
      try {
        json = (
          await this.client.call({
            op: 'checkout',
            method: 'POST',
            path: `/customers/${enc(record.customerId)}/carts/${enc(record.pcCartId!)}/checkout`,
            requestId: record.pcRequestId ?? request.requestId,
            idempotent: false,
            timeoutMs: this.options.checkoutTimeoutMs,
          })
        ).json;
        break;
      } catch (error) {
        if (!(error instanceof PartnerCenterError)) throw error;
        await this.afterCall(record, error);
        // 404: Partner Center no longer knows the cart: an active cart past its expirationTimestamp is
        // removed (checkout, GET and PUT of it answer 404 800002). Nothing was ordered from it, so the same
        // lines go into a new cart, checked out once with the same MS-RequestId. Only once per call: a
        // second 404 is handed back.
        if (post === 1 && error.status === 404 && !(error instanceof PartnerCenterUnreachableError)) {
          this.log(`[partner-center] checkout ${request.requestId}: cart ${record.pcCartId} is gone (${error.code}: ${error.description}); checking the same lines out in a new cart`);
          record.pcCartId = null;
          record.pcCartLines = null;
          if (!(await this.save(record, 'cart'))) throw checkoutElsewhere();
          const fresh = await this.putOrPostCart(record, lineItems);
          if (!(await this.save(record, 'cart'))) throw checkoutElsewhere();
          this.throwLineError(fresh);
          await this.submitOrRefuse(record);
          continue;
        }
        // No answer, 5xx, "in progress", "being processed", "already submitted": the order may exist. The
        // journal keeps the checkout as submitted, so the next call (the caller's lookup through
        // getOrdersForRequest, or a checkout with this request id) looks the order up before anything else.
        const unknown =
          error instanceof PartnerCenterUnreachableError || error.status >= 500 || ['800060', '800064', '800065'].includes(error.code);
        this.log(`[partner-center] checkout ${request.requestId}: ${error.code} (${error.description})${unknown ? '; outcome unknown, to be looked up' : ''}`);
        // A refusal or a 429 (not carried out): nothing was ordered; the cart can be changed and checked out again.
        if (!unknown) await this.saveAnswer(record, 'cart');
        throw error;
      }
    }
    const result = WireCheckoutResult.parse(json);
    record.orderIds = result.orders.map((o) => o.id);
    await this.saveAnswer(record, record.orderIds.length ? 'ordered' : 'cart');
    return {
      orders: result.orders.map((o) => this.toOrder(o, record)),
      orderErrors: result.orderErrors.map((e) => ({ orderGroupId: e.orderGroupId, code: e.code, description: e.description })),
      replayed: false,
    };
  }

  /** The cart Partner Center holds for the record after a PUT of these lines, or a new one (POST). */
  private async putOrPostCart(record: CheckoutRecord, lineItems: WireLineItem[]) {
    const cart = await this.sendCart(record, lineItems);
    record.pcCartLines = cart.lineItems.some((l) => l.error) ? null : JSON.stringify(lineItems);
    return cart;
  }

  private async sendCart(record: CheckoutRecord, lineItems: WireLineItem[]) {
    const customer = enc(record.customerId);
    if (record.pcCartId) {
      try {
        const updated = await this.client.call({
          op: 'updateCart',
          method: 'PUT',
          path: `/customers/${customer}/carts/${enc(record.pcCartId)}`,
          body: { id: record.pcCartId, lineItems },
          idempotent: true,
        });
        return WireCart.parse(updated.json);
      } catch (error) {
        // Expired, or already ordered (all its order groups failed): a new cart.
        if (!(error instanceof PartnerCenterError) || !(error.status === 404 || error.code === '800065')) throw error;
      }
    }
    const created = await this.client.call({ op: 'createCart', method: 'POST', path: `/customers/${customer}/carts`, body: { lineItems }, idempotent: true });
    const cart = WireCart.parse(created.json);
    record.pcCartId = cart.id;
    record.pcCartCreatedAt = cart.creationTimestamp ?? this.clock().toISOString();
    return cart;
  }

  private throwLineError(cart: { lineItems: { error?: { errorCode: string; errorDescription: string } | null }[] }) {
    const error = cart.lineItems.find((l) => l.error)?.error;
    if (error) throw new PartnerCenterError(error.errorCode, error.errorDescription || 'Partner Center refused a cart line.', 400);
  }

  private async pcCart(record: CheckoutRecord) {
    if (!record.pcCartId) return undefined;
    try {
      return WireCart.parse(await this.client.getJson('getCart', `/customers/${enc(record.customerId)}/carts/${enc(record.pcCartId)}`));
    } catch (error) {
      if (error instanceof PartnerCenterError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** What the journal keeps of a cart line: the price quoted now, names for the order history. */
  private async journalLine(l: CheckoutRequest['lineItems'][number]): Promise<JournalLine> {
    const item = await this.catalog.item(l.catalogItemId).catch(() => undefined);
    return {
      id: l.id,
      catalogItemId: l.catalogItemId,
      quantity: l.quantity,
      billingCycle: l.billingCycle,
      termDuration: l.termDuration,
      subscriptionId: l.provisioningContext.subscriptionId,
      scope: l.provisioningContext.scope,
      partnerIdOnRecord: l.participants.find((p) => p.key === 'transaction_reseller')?.value ?? '',
      unitPriceMinor: item?.availability.unitPriceMinor ?? 0,
      currency: item?.availability.defaultCurrency.code ?? '',
      friendlyName: item?.sku.title ?? l.catalogItemId,
      armRegionName: item?.sku.dynamicAttributes.armRegionName ?? '',
    };
  }

  // ---- orders ---------------------------------------------------------------------------------

  /**
   * GET /customers/{c}/orders. Partner Center has no partner-wide order list: without a customer, the
   * history is that of every customer this bot has ordered for (from the journal). Azure plan orders
   * are left out (not reservations). Newest first, at most 50 like the embedded ledger.
   */
  async getOrders(partnerId: string, customerId?: string): Promise<Order[]> {
    if (partnerId !== this.partnerId) return [];
    const customers = customerId ? [customerId] : await this.journal.customersWithOrders(partnerId);
    const perCustomer = await mapLimit(customers, 4, async (c) => {
      let json: unknown;
      try {
        json = await this.client.getJson('getOrders', `/customers/${enc(c)}/orders`);
      } catch (error) {
        // Not a customer of this account: no orders to show.
        if (error instanceof PartnerCenterError && (error.status === 404 || error.status === 403)) return [];
        throw error;
      }
      const wires = collection(WireOrder).parse(json).items.filter((w) => !w.lineItems.every((l) => l.offerId.startsWith(azurePlanProductId)));
      const records = await this.journal.checkoutsForOrders(wires.map((w) => w.id));
      return wires.map((w) => this.toOrder(w, records.get(w.id), c));
    });
    return perCustomer
      .flat()
      .sort((a, b) => b.creationDate.localeCompare(a.creationDate))
      .slice(0, 50);
  }

  /** GET /customers/{c}/orders/{o}/provisioningstatus. */
  async getProvisioningStatus(customerId: string, orderId: string): Promise<LineProvisioningStatus[]> {
    const json = await this.client.getJson('getProvisioningStatus', `/customers/${enc(customerId)}/orders/${enc(orderId)}/provisioningstatus`);
    return WireProvisioningStatus.parse(json).items.map((l) => ({ lineItemNumber: l.lineItemNumber, status: provisioningStatus(l.status) }));
  }

  /**
   * The orders a checkout request became. Partner Center cannot be asked "orders of MS-RequestId X": the
   * journal knows the order ids once a checkout answered; after a lost answer it knows the Partner Center
   * cart, and the orders are found among the customer's orders (see lookUpOrders).
   */
  async getOrdersForRequest(requestId: string): Promise<Order[]> {
    const record = await this.journal.checkout(requestId);
    // Unknown: never checked out by this bot, on any instance, so no orders is the truth (and the
    // follow-up of an unclear checkout may say "not bought"). The journal is the bot's database, shared by
    // its instances and kept across restarts, and a checkout is sent only after its record is written
    // as submitted. A journal that cannot be read throws instead: the follow-up looks again later.
    if (!record || record.purpose !== 'reservation') return [];
    if (record.state === 'ordered') return this.ordersOf(record);
    if (record.state === 'submitted') return this.lookUpOrders(record);
    return [];
  }

  private async ordersOf(record: CheckoutRecord): Promise<Order[]> {
    return mapLimit(record.orderIds, 4, async (id) =>
      this.toOrder(WireOrder.parse(await this.client.getJson('getOrder', `/customers/${enc(record.customerId)}/orders/${enc(id)}`)), record),
    );
  }

  /**
   * Finds the orders of a checkout whose answer was lost. Partner Center's order names no cart, so: the
   * customer's orders created since the cart (less clock skew), not already attributed to another request,
   * whose every line is one of this cart's lines (same product:SKU, quantity and term). Found orders are
   * written to the journal.
   */
  private async lookUpOrders(record: CheckoutRecord): Promise<Order[]> {
    if (record.orderIds.length) return this.ordersOf(record);
    const since = Date.parse(record.pcCartCreatedAt ?? record.createdAt) - orderClockSkewMs;
    const claimed = await this.journal.claimedOrderIds(record.customerId);
    const wires = collection(WireOrder).parse(await this.client.getJson('getOrders', `/customers/${enc(record.customerId)}/orders`)).items;
    const unused = [...record.lines];
    const found: WireOrderT[] = [];
    for (const w of wires.filter((o) => !claimed.has(o.id) && Date.parse(o.creationDate) >= since)) {
      const take: JournalLine[] = [];
      const ok = w.lineItems.every((l) => {
        const i = unused.findIndex((u) => !take.includes(u) && lineMatches(u, l));
        if (i < 0) return false;
        take.push(unused[i]);
        return true;
      });
      if (ok && take.length) {
        found.push(w);
        for (const t of take) unused.splice(unused.indexOf(t), 1);
      }
    }
    if (!found.length) return [];
    record.orderIds = found.map((w) => w.id);
    if (!(await this.save(record, 'ordered'))) {
      // Written since it was read (the checkout's own answer, another lookup): the journal's record stands.
      const current = await this.journal.checkout(record.requestId);
      return current?.state === 'ordered' ? this.ordersOf(current) : [];
    }
    this.log(`[partner-center] checkout ${record.requestId}: found its order(s) ${record.orderIds.join(', ')}`);
    return found.map((w) => this.toOrder(w, record));
  }

  /**
   * A domain Order from Partner Center's. The order resource has no cart, agent, scope or prices: those
   * come from the journal for the orders this bot placed (prices as quoted from the price sheet at
   * checkout); an order placed elsewhere shows what Partner Center gives (and `totalPrice` if present).
   */
  private toOrder(w: WireOrderT, record: CheckoutRecord | undefined, customerId?: string): Order {
    const unused = [...(record?.lines ?? [])];
    const lines: OrderLine[] = w.lineItems.map((l) => {
      const i = unused.findIndex((u) => lineMatches(u, l));
      const r = i >= 0 ? unused.splice(i, 1)[0] : undefined;
      const unit = r?.unitPriceMinor ?? 0;
      return {
        lineItemNumber: l.lineItemNumber,
        catalogItemId: r?.catalogItemId ?? l.offerId,
        offerId: l.offerId,
        friendlyName: l.friendlyName || r?.friendlyName || l.offerId,
        armRegionName: r?.armRegionName ?? l.provisioningContext?.armRegionName ?? '',
        quantity: l.quantity,
        termDuration: termDuration(l.termDuration) ?? r?.termDuration ?? 'P1Y',
        unitPriceMinor: unit,
        totalMinor: unit * l.quantity,
        partnerIdOnRecord: l.partnerIdOnRecord ?? r?.partnerIdOnRecord ?? '',
        provisioningStatus: 'PrefulfillmentPending',
      };
    });
    const first = record?.lines[0];
    const currency = w.currencyCode ?? first?.currency ?? '';
    const priced = record !== undefined && lines.every((l) => l.unitPriceMinor > 0);
    return {
      id: w.id,
      alternateId: w.alternateId ?? w.id,
      cartId: record?.cartId ?? '',
      customerId: record?.customerId ?? customerId ?? w.referenceCustomerId ?? '',
      partnerId: this.partnerId,
      agentId: record?.agentId ?? '',
      subscriptionId: w.lineItems[0]?.subscriptionId ?? first?.subscriptionId ?? w.lineItems[0]?.provisioningContext?.subscriptionId ?? '',
      scope: first?.scope ?? (w.lineItems[0]?.provisioningContext?.scope === 'single' ? 'single' : 'shared'),
      billingCycle: billingCycle(w.billingCycle) ?? first?.billingCycle ?? 'one_time',
      currencyCode: currency,
      lineItems: lines,
      totalMinor: priced || w.totalPrice == null ? lines.reduce((s, l) => s + l.totalMinor, 0) : toMinor(w.totalPrice, currency),
      creationDate: w.creationDate,
      status: orderStatus(w.status),
    };
  }

  // ---- plumbing -------------------------------------------------------------------------------

  private newRecord(requestId: string, cartId: string, customerId: string, agentId: string, purpose: CheckoutRecord['purpose']): CheckoutRecord {
    const now = this.clock().toISOString();
    return {
      requestId,
      purpose,
      cartId,
      customerId,
      partnerId: this.partnerId,
      agentId,
      pcCartId: null,
      pcCartCreatedAt: null,
      pcRequestId: null,
      state: 'cart',
      lines: [],
      orderIds: [],
      createdAt: now,
      updatedAt: now,
      version: 0,
    };
  }

  /**
   * After a checkout call that brought no orders: the call is over, so the checkout is no longer being
   * sent. "Partner Center REST headers": MS-RequestId is sent again unchanged only on a retry after a
   * timeout; after any answer (success or business failure) the next checkout of the record goes under a
   * new one. `error` undefined: an answer without orders (orderErrors only).
   */
  private async afterCall(record: CheckoutRecord, error: unknown) {
    if (!(error === undefined || error instanceof PartnerCenterError)) return;
    if (!(error instanceof PartnerCenterUnreachableError)) record.pcRequestId = randomUUID();
    await this.saveAnswer(record, record.state);
  }

  /**
   * Writes the record in `state` only over the version it was read at (RestJournal.saveCheckout); false
   * when another instance (or call) wrote it since. `sendingUntil`: given only by the write that sends.
   */
  private save(record: CheckoutRecord, state: CheckoutRecord['state'], sendingUntil: string | null = null) {
    record.state = state;
    record.updatedAt = this.clock().toISOString();
    record.sendingUntil = sendingUntil;
    return this.journal.saveCheckout(record);
  }

  /**
   * Records what a checkout call brought. While a call is under way only a lookup that found its orders
   * (the follow-up, a Buy on another instance) writes the record: when it got there first, its record stands.
   */
  private async saveAnswer(record: CheckoutRecord, state: CheckoutRecord['state']) {
    await this.save(record, state);
  }

  /**
   * The write that decides a checkout is sent: the record becomes submitted only over the version it was
   * read at. Two instances that read the same record both try; one writes it and sends the checkout, the
   * other finds its version gone and sends nothing.
   */
  private async submitOrRefuse(record: CheckoutRecord) {
    const sendingUntil = new Date(this.now() + this.options.checkoutTimeoutMs + signInMarginMs).toISOString();
    if (!(await this.save(record, 'submitted', sendingUntil))) throw checkoutElsewhere();
  }

  /** One operation per request id at a time (concurrent Buy clicks wait for the first). */
  private serialise<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.queues.set(key, settled);
    settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }

  private now() {
    return this.clock().getTime();
  }
}

/**
 * Another instance of the bot wrote this checkout's record since it was read: that instance is sending (or
 * has sent) the checkout, so this one sends nothing and the caller looks the order up (R15), as after
 * Partner Center's own "order in progress".
 */
function checkoutElsewhere() {
  return new PartnerCenterError('800060', 'The order is in progress: another instance of the bot is checking this cart out.', 409);
}

function isAzurePlan(offerId: string) {
  return offerId.toUpperCase().startsWith(azurePlanProductId);
}

function lineMatches(u: JournalLine, l: { offerId: string; quantity: number; termDuration?: string | null }): boolean {
  const [product, sku] = u.catalogItemId.split(':');
  const term = termDuration(l.termDuration);
  return l.offerId.toUpperCase().startsWith(`${product}:${sku}`.toUpperCase()) && l.quantity === u.quantity && (!term || term === u.termDuration);
}

/** "Get a customer's qualifications": only an approved qualification opens its segment. */
function qualificationSegments(q: WireQualifications): Segment[] {
  const names = q.filter((x) => x.vettingStatus.toLowerCase() === 'approved').map((x) => x.qualification.toLowerCase());
  const segments = new Set<Segment>(['commercial']);
  for (const n of names) {
    if (n === 'education') segments.add('education');
    else if (n.includes('government') || n === 'stateownedentity') segments.add('government');
    else if (n === 'nonprofit' || n === 'charity') segments.add('nonprofit');
  }
  return (['commercial', 'education', 'government', 'nonprofit'] as const).filter((s) => segments.has(s));
}

function subscriptionStatus(s: string): Subscription['status'] {
  const v = s.toLowerCase();
  if (v === 'active' || v === 'suspended' || v === 'deleted' || v === 'pending') return v;
  if (v === 'disabled' || v === 'warned') return 'suspended';
  if (v === 'expired' || v === 'cancelled' || v === 'canceled') return 'deleted';
  return 'pending';
}

function provisioningStatus(s: string): LineProvisioningStatus['status'] {
  const v = s.toLowerCase();
  return v === 'fulfilled' ? 'Fulfilled' : v === 'unfulfilled' ? 'Unfulfilled' : 'PrefulfillmentPending';
}

function orderStatus(s: string): Order['status'] {
  const v = s.toLowerCase();
  return v === 'completed' ? 'completed' : v === 'cancelled' || v === 'canceled' ? 'cancelled' : 'pending';
}

function billingCycle(s: string | undefined): BillingCycle | undefined {
  const v = (s ?? '').toLowerCase().replace(/[^a-z]/g, '');
  return v === 'onetime' ? 'one_time' : v === 'monthly' ? 'monthly' : undefined;
}

function termDuration(s: string | null | undefined): TermDuration | undefined {
  return s === 'P1Y' || s === 'P3Y' || s === 'P5Y' ? s : undefined;
}

/** The cart lines of a checkout request as Partner Center's cart takes them. */
function wireLineItems(request: CheckoutRequest) {
  return request.lineItems.map((l) => ({
    id: l.id,
    catalogItemId: l.catalogItemId,
    quantity: l.quantity,
    billingCycle: l.billingCycle,
    termDuration: l.termDuration,
    provisioningContext: { ...l.provisioningContext },
    participants: l.participants,
  }));
}
type WireLineItem = ReturnType<typeof wireLineItems>[number];
