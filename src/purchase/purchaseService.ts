// The one door the dialogs use: it asks the rules, the store and Partner Center, and records what happened.
// Nothing a card sends is trusted: ids are looked up again and prices come from the catalog.
import { randomUUID } from 'node:crypto';
import {
  segments,
  type Agent,
  type BillingCycle,
  type CatalogItem,
  type CatalogVocabulary,
  type Cart,
  type Customer,
  type Order,
  type Partner,
  type ReservationType,
  type Scope,
  type Segment,
  type Subscription,
  type Verdict,
  ruleText,
} from '../domain/types';
import type { BotStore } from '../store/botStore';
import type { AuditEvent } from '../store/audit';
import { PartnerCenterError, type CheckoutRequest, type InventoryCheckResult, type PartnerCenter } from '../partnerCenter/partnerCenter';
import {
  checkCanAddAzurePlan,
  checkCustomerBelongsToPartner,
  checkHasActiveSubscription,
  checkRole,
  checkSegment,
  checkSubscriptionAccess,
  checkSubscriptionOffer,
  usableSubscriptions,
} from '../rules/eligibility';
import {
  checkBillingCycle,
  checkNotResubmitted,
  checkQuantity,
  checkQuantityWithCart,
  checkReseller,
  checkScope,
  defaultScope,
  monthlyPayment,
  mustNameReseller,
  reviewNoteTexts,
  scopeOptions,
  type QuantityRange,
} from '../rules/order';
import {
  checkSubscriptionChosen,
  checkoutVerdicts,
  customerVerdicts,
  lineVerdicts,
  mayBuyVerdicts,
  reviewBlockers,
  subscriptionVerdicts,
} from '../rules/checkout';
import { firstRefusal, pass, refuseWith, type Refusal } from '../rules/verdict';
import { cartSavings, lineSavings } from '../rules/savings';
import { checkApprovalNeeded } from '../rules/approval';
import { enUS, verdictWording } from '../i18n';
import { checkInventory, checkSoldInMarket, presetRegion } from '../rules/catalog';
import { parseCatalogQuery } from './catalogQuery';
import { checkoutFailureVerdict, partnerCenterVerdict } from './partnerCenterErrors';
import { checkoutWithRetries, lookupOrders, type CheckoutRetryPolicy } from './checkoutRetry';
import { storageFaultOf } from '../store/db';
import { provisioningFollowUps, unclearCheckoutFollowUp, type FollowUpAddress } from './followUp';
import type { NewFollowUp } from '../store/botStore';
import type { CatalogFilter, CatalogPage, CatalogPageRow, CatalogRow, CheckoutOutcome, CheckoutResult, Outcome, Quote, QuoteLine } from './types';

/** Who is acting, and in which conversation: every audit event names both. */
export interface Actor {
  agent: Agent;
  partner: Partner;
  conversationId: string;
  /** The locale the agent's channel sends (e.g. "nl-NL"): what the bot's follow-ups are worded in. */
  locale?: string;
}

/** The cart when a quantity was asked (PurchaseService.cartPosition). */
export interface CartPosition {
  lastLineId: number;
  inCart: number;
}

export interface ReviewChanges {
  quantities?: Record<number, unknown>;
  billingCycles?: Record<number, BillingCycle>;
  scope?: Scope;
  resellerMpnId?: string | null;
}

/** Catalog rows per page: five keep the catalog card under 1,200 px at Teams width (450 px). */
export const catalogItemsPerPage = 5;
export const customerPageSize = 10;
export const orderHistoryPageSize = 10;

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const no = <T>(verdict: Refusal): Outcome<T> => ({ ok: false, verdict });

export class PurchaseService {
  constructor(
    private readonly store: BotStore,
    private readonly partnerCenter: PartnerCenter,
    private readonly clock: () => Date = () => new Date(),
    /** How a failing checkout is retried (tests shorten the waits). */
    private readonly checkoutRetry: Partial<CheckoutRetryPolicy> = {},
  ) {}

  // ---- who is talking -------------------------------------------------------------------------

  async resolveAgent(userId: string): Promise<{ agent: Agent; partner: Partner } | undefined> {
    return this.store.directory.agentAndPartnerByUserId(userId);
  }

  /**
   * Keeps where the agent talks to the bot (the channel's conversation reference, as JSON), so that
   * messages the bot sends later unasked reach them there.
   */
  async rememberConversation(actor: Actor, channelId: string, reference: Record<string, unknown>): Promise<void> {
    await this.store.conversations.remember(actor.agent.id, actor.conversationId, channelId, reference, this.now());
  }

  /** The demo agents a local user may act as (embedded mode only). */
  async demoAgents(): Promise<{ agent: Agent; partner: Partner }[]> {
    const agents = await this.store.directory.agents();
    const partners = await Promise.all(agents.map((agent) => this.store.directory.partner(agent.partnerId)));
    return agents.flatMap((agent, i) => (partners[i] ? [{ agent, partner: partners[i] }] : []));
  }

  /** R1 and R2: may this agent buy at all? */
  checkMayBuy(actor: Actor): Promise<Outcome<true>> {
    return this.refuseAndAudit(actor, 'purchase.start', mayBuyVerdicts(actor.partner, actor.agent), {}, true);
  }

  // ---- customer, segment, type, subscription --------------------------------------------------

  /** A page of the agent's customers matching `query` (ten a page, from page 0), and how many match. */
  async findCustomers(actor: Actor, query: string, page = 0) {
    return this.partnerCenter.searchCustomers(actor.partner.id, query, customerPageSize, Math.max(0, page) * customerPageSize);
  }

  /** Tenant isolation, R4 and R6 (agreement confirmed) for the chosen customer. */
  async selectCustomer(actor: Actor, customerId: string): Promise<Outcome<Customer>> {
    const customer = await this.partnerCenter.getCustomer(actor.partner.id, customerId);
    const verdicts = customerVerdicts(customer, actor.partner.id);
    const standing = !firstRefusal(verdicts) && customer ? (await this.customerStandings(actor, [customer]))[0] : undefined;
    return this.refuseAndAudit(actor, 'customer.select', standing ? [...verdicts, standing] : verdicts, { customerId }, customer!);
  }

  /** One of the agent's own customers, already chosen (and checked) earlier in the conversation. */
  async customer(actor: Actor, customerId: string): Promise<Customer> {
    const customer = await this.partnerCenter.getCustomer(actor.partner.id, customerId);
    if (!customer) throw new Error(`customer ${customerId} is not a customer of ${actor.partner.id}`);
    return customer;
  }

  canAddAzurePlan(customer: Customer): boolean {
    return checkCanAddAzurePlan(customer).ok;
  }

  segmentChoices(customer: Customer): { segment: Segment; qualified: boolean }[] {
    return segments.map((segment) => ({ segment, qualified: customer.qualifications.includes(segment) }));
  }

  selectSegment(actor: Actor, customer: Customer, segment: Segment): Promise<Outcome<Segment>> {
    return this.refuseAndAudit(actor, 'segment.select', [checkSegment(customer, segment)], { customerId: customer.id }, segment);
  }

  async reservationTypes(): Promise<ReservationType[]> {
    return this.partnerCenter.getReservationTypes();
  }

  /** Partner Center's title of a reservation type. */
  async reservationTypeTitle(key: string): Promise<string | undefined> {
    return (await this.reservationTypes()).find((t) => t.key === key)?.title;
  }

  /** The subscriptions a reservation may be tied to by this agent, or why there are none (R5, R6, R3). */
  async subscriptionChoices(actor: Actor, customer: Customer): Promise<Outcome<Subscription[]>> {
    const { usable, verdicts } = await this.usableSubscriptions(actor, customer);
    return this.refuseAndAudit(actor, 'subscription.list', verdicts, { customerId: customer.id }, usable);
  }

  /** The customer's subscriptions this agent may buy on (R5, R6, R3), and the verdicts that say why there are none. */
  private async usableSubscriptions(
    actor: Actor,
    customer: Customer,
    accessible?: ReadonlySet<string>,
  ): Promise<{ usable: Subscription[]; verdicts: Verdict[] }> {
    const all = await this.partnerCenter.getSubscriptions(customer.id);
    const offered = usableSubscriptions(customer, all);
    accessible ??= await this.store.directory.accessibleSubscriptionIds(actor.agent.id);
    const usable = offered.filter((s) => checkSubscriptionAccess(actor.agent, s, accessible).ok);
    const verdicts: Verdict[] = [checkHasActiveSubscription(customer, offered.length ? offered : all)];
    if (offered.length === 0 && all.some((s) => s.status === 'active')) {
      verdicts.push(checkSubscriptionOffer(customer, all.find((s) => s.status === 'active')!));
    }
    if (offered.length > 0 && usable.length === 0) verdicts.push(checkSubscriptionAccess(actor.agent, offered[0]!, accessible));
    return { usable, verdicts };
  }

  /**
   * Why nothing can be bought for each customer, known before any question about it: tenant isolation,
   * R4, R6, and no subscription this agent may use (R5, R6, R3) unless an Azure plan can be added. The
   * customer list marks such customers; choosing one is refused at once. The agent's subscription access
   * is read once for the whole list.
   */
  async customerStandings(actor: Actor, customers: readonly Customer[]): Promise<(Refusal | undefined)[]> {
    const accessible = await this.store.directory.accessibleSubscriptionIds(actor.agent.id);
    return Promise.all(
      customers.map(async (customer) => {
        const refused = firstRefusal(customerVerdicts(customer, actor.partner.id));
        if (refused) return refused;
        const { verdicts } = await this.usableSubscriptions(actor, customer, accessible);
        const none = firstRefusal(verdicts);
        return none && (none.code === 'R3_SUBSCRIPTION_ACCESS' || !checkCanAddAzurePlan(customer).ok) ? none : undefined;
      }),
    );
  }

  /** R5, R6 and R3 for one subscription, which must belong to the customer; registers it when needed. */
  async selectSubscription(actor: Actor, customer: Customer, subscriptionId: string): Promise<Outcome<Subscription>> {
    const subscription = (await this.partnerCenter.getSubscriptions(customer.id)).find((s) => s.id === subscriptionId);
    if (!subscription) {
      const forged = refuseWith('CUSTOMER_ISOLATION', ruleText('notCustomersSubscription', { customer: customer.companyName }));
      return this.refuseAndAudit(actor, 'subscription.select', [forged], { customerId: customer.id, subscriptionId }, undefined as never);
    }
    const verdicts = subscriptionVerdicts(actor.agent, customer, subscription, await this.store.directory.accessibleSubscriptionIds(actor.agent.id));
    const outcome = await this.refuseAndAudit(actor, 'subscription.select', verdicts, { customerId: customer.id, subscriptionId }, subscription);
    if (!outcome.ok) return outcome;
    return ok(await this.ensureRegistered(customer.id, subscription));
  }

  /** Reservations need the Microsoft.Capacity provider registered on the subscription (Partner Center 800030). */
  private async ensureRegistered(customerId: string, subscription: Subscription): Promise<Subscription> {
    if (subscription.registrationStatus === 'registered') return subscription;
    await this.partnerCenter.registerSubscription(customerId, subscription.id);
    const status = await this.partnerCenter.getRegistrationStatus(customerId, subscription.id);
    return { ...subscription, registrationStatus: status };
  }

  /** R5 with R6: add an Azure plan for a customer that has no active subscription and a confirmed MCA. */
  async addAzurePlan(actor: Actor, customer: Customer): Promise<Outcome<Subscription>> {
    const verdict = checkCanAddAzurePlan(customer);
    const outcome = await this.refuseAndAudit(actor, 'azurePlan.add', [checkRole(actor.agent), verdict], { customerId: customer.id }, true);
    if (!outcome.ok) return outcome;
    const plan = await this.partnerCenter.createAzurePlan(customer.id, randomUUID());
    await this.audit(actor, 'azurePlan.added', { customerId: customer.id, detail: { subscriptionId: plan.id } });
    return ok(await this.ensureRegistered(customer.id, plan));
  }

  // ---- the cart -------------------------------------------------------------------------------

  /**
   * Opens the cart whose id is the idempotency key of its checkout. Coming back to change the
   * subscription keeps the cart (and its lines) when it is still for the same customer, segment and type.
   */
  async openCart(actor: Actor, customer: Customer, segment: Segment, reservationType: string, subscription: Subscription, currentCartId?: string): Promise<string> {
    const current = currentCartId ? await this.store.carts.get(currentCartId) : undefined;
    if (
      current?.status === 'active' &&
      current.agentId === actor.agent.id &&
      current.customerId === customer.id &&
      current.segment === segment &&
      current.reservationType === reservationType
    ) {
      await this.store.carts.update(current.id, { subscriptionId: subscription.id }, this.now());
      return current.id;
    }
    const id = randomUUID();
    // One transaction: a storage fault leaves no cart without its subscription or its audit event.
    const now = this.now();
    await this.store.carts.open(
      {
        id,
        partnerId: actor.partner.id,
        agentId: actor.agent.id,
        customerId: customer.id,
        conversationId: actor.conversationId,
        segment,
        reservationType,
        scope: defaultScope,
        resellerMpnId: mustNameReseller(actor.partner) ? customer.resellerMpnId : null,
        now,
      },
      subscription.id,
      this.event(actor, 'cart.opened', { customerId: customer.id, cartId: id, detail: { segment, reservationType, subscriptionId: subscription.id } }),
    );
    return id;
  }

  /**
   * The cart, when it is this agent's, or a refusal when the id is unknown or someone else's; with
   * `refusedAs` the refusal is recorded in the audit trail as `${refusedAs}.refused`.
   */
  private async ownCart(actor: Actor, cartId: string, refusedAs?: string): Promise<Outcome<Cart>> {
    const cart = await this.store.carts.get(cartId);
    if (!cart || cart.partnerId !== actor.partner.id || cart.agentId !== actor.agent.id) {
      const isolation = refuseWith('CUSTOMER_ISOLATION', ruleText('notYourCart'));
      if (!refusedAs) return no<never>(isolation);
      return this.refuseAndAudit<never>(actor, refusedAs, [isolation], { cartId: String(cartId).slice(0, 200) }, undefined as never);
    }
    return ok(cart);
  }

  async filterFromText(cartId: string, text: string): Promise<CatalogFilter> {
    const cart = await this.store.carts.get(cartId);
    const customer = cart && (await this.cartCustomer(cart));
    if (!cart || !customer) return { text };
    return parseCatalogQuery(text, await this.partnerCenter.getCatalogVocabulary(customer.country, cart.segment, cart.reservationType));
  }

  /**
   * A page of the catalog for the cart's market, with that market's filter choices. Without a filter (the
   * list's first showing) the region filter starts at the customer's country's region, when the market
   * sells one. The page's rows are checked with Partner Center's inventory check (one call for a region's
   * rows, which the gateway may send along with the page's reads), so that a size without capacity or
   * quota is marked on the list rather than refused after a pick.
   */
  async searchCatalog(
    actor: Actor,
    cartId: string,
    filter: CatalogFilter | undefined,
    page: number,
  ): Promise<Outcome<CatalogPage & { vocabulary: CatalogVocabulary }>> {
    const owned = await this.ownCart(actor, cartId, 'catalog.search');
    if (!owned.ok) return owned;
    const cart = owned.value;
    const customer = (await this.cartCustomer(cart))!;
    const vocabulary = await this.partnerCenter.getCatalogVocabulary(customer.country, cart.segment, cart.reservationType);
    const region = filter ? undefined : presetRegion(customer.country, vocabulary.regions);
    const shown: CatalogFilter = filter ?? (region ? { region } : {});
    const safePage = Math.max(0, Math.floor(page));
    const { items, total, totalCapped } = await this.partnerCenter.searchCatalog({
      country: customer.country,
      segment: cart.segment,
      reservationType: cart.reservationType,
      filter: shown,
      offset: safePage * catalogItemsPerPage,
      limit: catalogItemsPerPage,
      // Partner Center lists the reservations bought under an Azure plan apart (reservationScope=AzurePlan).
      ...((await this.cartSubscription(cart))?.kind === 'azurePlan' ? { reservationScope: 'AzurePlan' as const } : {}),
      ...(cart.subscriptionId ? { inventoryFor: { customerId: cart.customerId, azureSubscriptionId: cart.subscriptionId } } : {}),
    });
    const rows = await Promise.all(this.inventoryVerdicts(cart, items).map((verdict, i) => pageRow(items[i]!, verdict)));
    this.audit(actor, 'catalog.search', { customerId: customer.id, cartId, detail: { filter: shown, page: safePage, total, ...(totalCapped ? { totalCapped } : {}) } });
    return ok({ rows, page: safePage, pageSize: catalogItemsPerPage, total, ...(totalCapped ? { totalCapped } : {}), filter: shown, vocabulary });
  }

  /** A catalog item the agent picked, checked to be sold to this cart's customer, segment and type. */
  async catalogRow(actor: Actor, cartId: string, catalogItemId: string): Promise<Outcome<CatalogRow>> {
    const owned = await this.ownCart(actor, cartId, 'item.select');
    if (!owned.ok) return owned;
    const { item, verdict } = await this.itemForCart(owned.value, catalogItemId);
    if (!item) return this.refuseAndAudit(actor, 'item.select', [verdict], { cartId, catalogItemId: catalogItemId.slice(0, 200) }, undefined as never);
    const inventory = await this.inventoryVerdict(owned.value, item);
    return this.refuseAndAudit(actor, 'item.select', [inventory], { cartId, catalogItemId }, toRow(item));
  }

  /**
   * The catalog item of a cart line or pick, with the verdict on whether this cart may have it. The
   * caller passes the cart (and, in a loop over lines, the customer) it has read this turn.
   */
  private async itemForCart(
    cart: Cart,
    catalogItemId: string,
    customer?: Customer,
  ): Promise<{ item?: CatalogItem; verdict: Verdict }> {
    customer ??= await this.cartCustomer(cart);
    const item = await this.partnerCenter.getCatalogItem(catalogItemId);
    const verdict = customer
      ? checkSoldInMarket(item, { country: customer.country, segment: cart.segment, reservationType: cart.reservationType })
      : refuseWith('CUSTOMER_ISOLATION', ruleText('notYourCart'));
    return verdict.ok ? { item, verdict } : { verdict };
  }

  /** Partner Center's inventory check, for SKUs that require it, against the cart's subscription. */
  private inventoryVerdict(cart: Cart, item: CatalogItem): Promise<Verdict> {
    return this.inventoryVerdicts(cart, [item])[0]!;
  }

  /**
   * The inventory check of several items at once, one verdict each: one call per market and region, as
   * "Check inventory" takes a list of TargetItems under one inventory context (its armRegionName); the
   * calls are sent together. A failed call fails its items' verdicts.
   */
  private inventoryVerdicts(cart: Cart, items: CatalogItem[]): Promise<Verdict>[] {
    const subscriptionId = cart.subscriptionId;
    const checked = subscriptionId ? items.filter((item) => item.sku.purchasePrerequisites.includes('InventoryCheck')) : [];
    const groups = new Map<string, CatalogItem[]>();
    for (const item of checked) {
      const key = JSON.stringify([item.availability.country, item.sku.dynamicAttributes.armRegionName]);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    const calls = new Map<CatalogItem, Promise<InventoryCheckResult[]>>();
    for (const group of groups.values()) {
      const call = this.partnerCenter.checkInventory({
        country: group[0]!.availability.country,
        targetItems: group.map((item) => ({ productId: item.product.id, skuId: item.sku.id })),
        inventoryContext: { customerId: cart.customerId, azureSubscriptionId: subscriptionId!, armRegionName: group[0]!.sku.dynamicAttributes.armRegionName },
      });
      for (const item of group) calls.set(item, call);
    }
    return items.map(async (item) => {
      const results = (await calls.get(item)) ?? [];
      // Partner Center answers per item and leaves out the items it does not find.
      const result = results.find((r) => r.productId === item.product.id && r.skuId === item.sku.id);
      return checkInventory(item, result?.isRestricted ? result.restrictions : []);
    });
  }

  /**
   * R12 and R13 for a new line; billing starts one-time (the agent may choose monthly on review, R10).
   * An item the cart holds already is added to its line, within the SKU's maximum for the whole cart (R12).
   * `asked` (the cart as it was when the quantity was asked: its last line id and this item's quantity)
   * makes the add idempotent: a turn retried after a storage fault finds the line its first try added or
   * raised, and sets it to the same quantity instead of adding again.
   * Gives the line's id, its quantity now, whether it was there before, and the item as a catalog row.
   */
  async addLine(
    actor: Actor,
    cartId: string,
    catalogItemId: string,
    rawQuantity: unknown,
    asked?: CartPosition,
  ): Promise<Outcome<{ lineId: number; quantity: number; raised: boolean; row: CatalogRow }>> {
    const owned = await this.ownCart(actor, cartId, 'cart.addLine');
    if (!owned.ok) return owned;
    const { item, verdict } = await this.itemForCart(owned.value, catalogItemId);
    if (!item) return this.refuseAndAudit(actor, 'cart.addLine', [verdict], { cartId, catalogItemId: catalogItemId.slice(0, 200) }, undefined as never);
    const quantity = checkQuantity(rawQuantity, item.sku);
    const existing = owned.value.lineItems.find((l) => l.catalogItemId === catalogItemId && (asked === undefined || l.id <= asked.lastLineId));
    const inCart = asked?.inCart ?? existing?.quantity ?? 0;
    const verdicts = [
      checkNotResubmitted(owned.value.status),
      ...lineVerdicts({ ...toRow(item), quantity: rawQuantity, billingCycle: 'one_time' }),
      quantity.ok && existing ? checkQuantityWithCart(quantity.quantity!, inCart, item.sku, toRow(item).title) : quantity,
      await this.inventoryVerdict(owned.value, item),
    ];
    const outcome = await this.refuseAndAudit(actor, 'cart.addLine', verdicts, { cartId, customerId: owned.value.customerId }, true);
    if (!outcome.ok) return outcome;
    const row = toRow(item);
    // An item the cart holds already raises its line to the new total (R12 across lines).
    const total = existing ? inCart + quantity.quantity! : quantity.quantity!;
    const lineId = await this.store.carts.addLine(
      cartId,
      { catalogItemId, quantity: total, billingCycle: 'one_time', askedAfterLineId: asked?.lastLineId, raiseLineId: existing?.id },
      this.now(),
      existing
        ? this.event(actor, 'cart.lineRaised', { cartId, customerId: owned.value.customerId, detail: { catalogItemId, lineId: existing.id, added: quantity.quantity, quantity: total } })
        : this.event(actor, 'cart.lineAdded', { cartId, customerId: owned.value.customerId, detail: { catalogItemId, quantity: quantity.quantity } }),
    );
    return ok({ lineId, quantity: total, raised: existing !== undefined, row });
  }

  /** R12 for a quantity the agent typed or a card sent, within an item's range: the whole number, or why not. */
  checkQuantity(raw: unknown, range: QuantityRange): Verdict & { quantity?: number } {
    return checkQuantity(raw, range);
  }

  async lineCount(cartId: string): Promise<number> {
    return (await this.store.carts.get(cartId))?.lineItems.length ?? 0;
  }

  /** The cart as it is when a quantity is asked (what addLine's `asked` takes): its highest line id (0 when empty) and how many of the item its line holds. */
  async cartPosition(cartId: string, catalogItemId: string): Promise<CartPosition> {
    const lines = (await this.store.carts.get(cartId))?.lineItems ?? [];
    return {
      lastLineId: Math.max(0, ...lines.map((l) => l.id)),
      inCart: lines.find((l) => l.catalogItemId === catalogItemId)?.quantity ?? 0,
    };
  }

  /** Everything the review card shows, computed from the catalog as it is now. */
  async quote(actor: Actor, cartId: string): Promise<Outcome<Quote>> {
    const owned = await this.ownCart(actor, cartId, 'quote');
    if (!owned.ok) return owned;
    const cart = owned.value;
    const customer = await this.cartCustomer(cart);
    if (!customer) return this.refuseAndAudit<never>(actor, 'quote', [checkCustomerBelongsToPartner(customer, actor.partner.id)], { cartId }, undefined as never);
    const quoted = await this.quoteOf(actor, cart, customer);
    return quoted.ok ? ok(quoted.value.quote) : quoted;
  }

  /** The quote of a cart and customer read this turn, with the catalog items of its lines (in the lines' order). */
  private async quoteOf(actor: Actor, cart: Cart, customer: Customer): Promise<Outcome<{ quote: Quote; items: CatalogItem[] }>> {
    const subscription = await this.cartSubscription(cart);
    if (!subscription) {
      return this.refuseAndAudit<never>(actor, 'quote', [checkSubscriptionChosen(subscription)], { cartId: cart.id, customerId: cart.customerId }, undefined as never);
    }
    const resellers = mustNameReseller(actor.partner) ? await this.partnerCenter.getResellers(actor.partner.id) : [];
    const lines: QuoteLine[] = [];
    const items: CatalogItem[] = [];
    const withdrawn: Refusal[] = [];
    for (const line of cart.lineItems) {
      const { item, verdict } = await this.itemForCart(cart, line.catalogItemId, customer);
      if (!item) {
        // Withdrawn since it was added: named on the review so the agent can remove it; checkout refuses it.
        const reason = (verdict as Refusal).text ?? ruleText('itemNotInCatalog');
        withdrawn.push(refuseWith(verdict.code, ruleText('lineWithdrawn', { line: line.id, reason }), '800070'));
        continue;
      }
      items.push(item);
      const row = toRow(item);
      const total = row.unitPrice.minor * line.quantity;
      const currency = row.unitPrice.currency;
      lines.push({
        ...row,
        lineId: line.id,
        quantity: line.quantity,
        billingCycle: line.billingCycle,
        lineTotal: { minor: total, currency },
        monthlyPayment: line.billingCycle === 'monthly' ? { minor: monthlyPayment(total, row.term), currency } : null,
        savings: lineSavings({ quantity: line.quantity, term: row.term, reservationMinor: total, currency }, await this.payAsYouGoPrice(line.catalogItemId)),
      });
    }
    const currency = lines[0]?.unitPrice.currency ?? '';
    const resellerVerdict = checkReseller(actor.partner, cart.resellerMpnId, resellers);
    const scopes = scopeOptions(subscription);
    const notes = reviewNoteTexts(actor.partner, subscription, cart.scope);
    const total = { minor: lines.reduce((sum, l) => sum + l.lineTotal.minor, 0), currency };
    const blockers = reviewBlockers(withdrawn, cart.lineItems.length, resellerVerdict);
    // What the agent was shown (or, from checkout, what is about to be bought): prices of this moment.
    await this.audit(actor, 'quote', {
      cartId: cart.id,
      customerId: customer.id,
      idempotencyKey: cart.id, // the key its checkout will use
      detail: {
        subscriptionId: subscription.id,
        scope: cart.scope,
        resellerMpnId: cart.resellerMpnId,
        totalMinor: total.minor,
        currency,
        lines: lines.map((l) => ({ lineId: l.lineId, catalogItemId: l.catalogItemId, quantity: l.quantity, billingCycle: l.billingCycle, unitPriceMinor: l.unitPrice.minor, totalMinor: l.lineTotal.minor })),
        blockers: blockers.map((b) => b.code),
      },
    });
    const quote: Quote = {
      cartId: cart.id,
      partner: actor.partner,
      customer,
      subscription,
      currency,
      notes,
      lines,
      total,
      savings: cartSavings(lines.map((l) => l.savings)),
      scope: cart.scope,
      scopeOptions: scopes.map(({ scope, verdict }) => ({
        scope,
        allowed: verdict.ok,
        note: verdict.text,
      })),
      resellerRequired: mustNameReseller(actor.partner),
      resellers,
      resellerMpnId: cart.resellerMpnId,
      blockers,
    };
    return ok({ quote, items });
  }

  /**
   * Applies what the agent changed on the review card. Every value is checked; the valid ones are
   * saved, and the refusals are returned so the agent sees exactly which change was not taken.
   */
  async applyReview(actor: Actor, cartId: string, changes: ReviewChanges): Promise<{ refusals: Refusal[]; changed: boolean }> {
    const owned = await this.ownCart(actor, cartId, 'review');
    if (!owned.ok) return { refusals: [owned.verdict], changed: false };
    const cart = owned.value;
    const submitted = checkNotResubmitted(cart.status);
    if (!submitted.ok) return { refusals: [submitted], changed: false };
    const refusals: Refusal[] = [];
    let changed = false;
    const subscription = (await this.cartSubscription(cart))!;
    const customer = await this.cartCustomer(cart);
    for (const line of cart.lineItems) {
      const { item } = await this.itemForCart(cart, line.catalogItemId, customer);
      if (!item) continue;
      let quantity = line.quantity;
      let billingCycle = line.billingCycle;
      const rawQuantity = changes.quantities?.[line.id];
      if (rawQuantity !== undefined) {
        const verdict = checkQuantity(rawQuantity, item.sku);
        if (verdict.ok) quantity = verdict.quantity!;
        else {
          const reason = verdict.text ?? ruleText('quantityInvalid', { shown: String(rawQuantity).slice(0, 40), min: item.sku.minimumQuantity, max: item.sku.maximumQuantity });
          refusals.push(refuseWith(verdict.code, ruleText('lineRefused', { line: line.id, item: item.sku.dynamicAttributes.skuDisplayName, reason }), verdict.partnerCenterCode));
        }
      }
      const cycle = changes.billingCycles?.[line.id];
      if (cycle !== undefined) {
        const verdict = checkBillingCycle(cycle, item.sku.supportedBillingCycles, item.sku.title);
        if (verdict.ok) billingCycle = cycle;
        else refusals.push(verdict);
      }
      if (quantity !== line.quantity || billingCycle !== line.billingCycle) {
        await this.store.carts.setLine(cartId, line.id, quantity, billingCycle);
        changed = true;
      }
    }
    if (changes.scope !== undefined && changes.scope !== cart.scope) {
      const verdict = checkScope(subscription, changes.scope);
      if (verdict.ok) changed = (await this.store.carts.update(cartId, { scope: changes.scope }, this.now())) || changed;
      else refusals.push(verdict);
    }
    // An emptied reseller empties the cart's (R9): it never buys with the one proposed before.
    const resellerMpnId = changes.resellerMpnId === undefined ? undefined : (changes.resellerMpnId ?? '').trim() || null;
    if (resellerMpnId !== undefined && resellerMpnId !== cart.resellerMpnId) {
      const resellers = await this.partnerCenter.getResellers(actor.partner.id);
      const verdict = checkReseller(actor.partner, resellerMpnId, resellers);
      if (verdict.ok || resellerMpnId === null) changed = (await this.store.carts.update(cartId, { resellerMpnId }, this.now())) || changed;
      if (!verdict.ok) refusals.push(verdict);
    }
    for (const r of refusals) await this.audit(actor, 'review.refused', { cartId, customerId: cart.customerId, code: r.code, detail: { message: verdictWording(enUS, r).message } });
    return { refusals, changed };
  }

  async removeLine(actor: Actor, cartId: string, lineId: number): Promise<Outcome<true>> {
    const owned = await this.ownCart(actor, cartId, 'cart.removeLine');
    if (!owned.ok) return owned;
    if (owned.value.status !== 'active') return no(checkNotResubmitted(owned.value.status) as Refusal);
    await this.store.carts.removeLine(cartId, lineId);
    return ok(true);
  }

  // ---- checkout -------------------------------------------------------------------------------

  /**
   * Buys the cart. Every rule is checked again here (the card may be stale or forged), prices come
   * from the catalog, and the cart id is the request id: a second checkout returns the first orders.
   * `confirmedResellerMpnId`: the reseller the agent's Buy confirmed (R9, an indirect provider's).
   */
  /**
   * While the agent reads the review, Partner Center is asked to make the cart it shows (nothing is
   * bought): Buy then waits for the checkout call alone. Not awaited by the review; a failure here costs
   * nothing, as checkout makes the cart itself when it finds none with these lines.
   */
  prepareCheckout(actor: Actor, quote: Quote): void {
    if (quote.blockers.length > 0 || quote.lines.length === 0) return;
    this.partnerCenter.prepareCheckout(checkoutRequest(actor, quote)).catch(() => undefined);
  }

  /** `approvalId`: the approved request of this cart, when its total is above the partner's approval limit. */
  async checkout(actor: Actor, cartId: string, confirmedResellerMpnId?: string | null, approvalId?: string): Promise<CheckoutOutcome> {
    // A second Buy of the same cart (a double click, a redelivery, on this instance or another) waits
    // here for the first one's answer, then finds the cart submitted and shows the same orders.
    return this.store.withCheckoutLock(String(cartId), () => this.checkoutHoldingLock(actor, cartId, confirmedResellerMpnId, approvalId));
  }

  private async checkoutHoldingLock(actor: Actor, cartId: string, confirmedResellerMpnId?: string | null, approvalId?: string): Promise<CheckoutOutcome> {
    const owned = await this.ownCart(actor, cartId);
    if (!owned.ok) return this.refuseAndAudit(actor, 'checkout', [owned.verdict], { cartId }, undefined as never);
    const cart = owned.value;
    const customer = await this.cartCustomer(cart);
    if (!customer) return this.refuseAndAudit(actor, 'checkout', [checkCustomerBelongsToPartner(customer, actor.partner.id)], { cartId }, undefined as never);
    const portalUrl = azurePortalReservationsUrl(customer);
    await this.audit(actor, 'checkout.attempt', { cartId, customerId: customer.id, idempotencyKey: cart.id });
    if (cart.status === 'submitted') {
      // R15: never resubmit; look the orders up instead.
      const bought = await this.boughtOrders(cart, customer);
      await this.auditAfterCheckout(actor, 'checkout.replayed', { cartId, customerId: customer.id, idempotencyKey: cart.id, detail: { orders: bought.orders.map((o) => o.id) } });
      return ok(bought);
    }
    const quoted = await this.quoteOf(actor, cart, customer);
    if (!quoted.ok) return this.refuseAndAudit(actor, 'checkout', [quoted.verdict], { cartId }, undefined as never);
    const { quote, items } = quoted.value;
    const subscription = quote.subscription;
    const resellers = quote.resellers;
    // The lines' inventory checks are sent at once (one call per region).
    const inventory = await Promise.all(this.inventoryVerdicts(cart, items));
    const verdicts = checkoutVerdicts({
      partner: actor.partner,
      agent: actor.agent,
      customer,
      subscription,
      accessibleSubscriptionIds: await this.store.directory.accessibleSubscriptionIds(actor.agent.id),
      scope: cart.scope,
      resellerMpnId: cart.resellerMpnId,
      confirmedResellerMpnId,
      resellers,
      lines: quote.lines,
      reviewBlockers: quote.blockers,
      inventory,
    });
    verdicts.push(await this.approvalVerdict(cart, quote.total, approvalId));
    const allowed = await this.refuseAndAudit(actor, 'checkout', verdicts, { cartId, customerId: customer.id }, true);
    if (!allowed.ok) return allowed;
    // Retried with the same request id; after a failure that may have been carried out the order is
    // looked up by that id before anything is posted again (checkoutRetry.ts).
    const attempt = await checkoutWithRetries(this.partnerCenter, checkoutRequest(actor, quote), this.checkoutRetry);
    const context = { cartId, customerId: customer.id, idempotencyKey: cart.id };
    if (attempt.failures.length) {
      await this.auditAfterCheckout(actor, 'checkout.gatewayFailures', { ...context, detail: { attempts: attempt.attempts, outcome: attempt.kind, failures: attempt.failures } });
    }
    if (attempt.kind === 'bought') {
      const response = attempt.response;
      await this.recordOrders(actor, cart.id, customer.id, response.orders);
      await this.followUp(provisioningFollowUps(addressOf(actor), customer, response.orders, this.clock()));
      await this.auditAfterCheckout(actor, response.replayed ? 'checkout.replayed' : 'checkout.completed', {
        ...context,
        detail: { orders: response.orders.map((o) => o.id), orderErrors: response.orderErrors, ...(attempt.foundByLookup ? { foundByLookup: true } : {}) },
      });
      const recovery = attempt.failures.length ? { attempts: attempt.attempts, failures: attempt.failures, foundByLookup: attempt.foundByLookup } : {};
      return ok(await this.withSavings({ ...response, portalUrl, ...recovery }));
    }
    const verdict = attempt.kind === 'refused' ? partnerCenterVerdict(attempt.error) : checkoutFailureVerdict(attempt);
    const refused = await this.refuseAndAudit(actor, 'checkout', [verdict], { cartId, customerId: customer.id }, undefined as never);
    if (attempt.kind !== 'unknown' || refused.ok) return refused;
    // R15: not known either way; the bot looks again in the background and tells the agent here.
    await this.followUp([unclearCheckoutFollowUp(addressOf(actor), customer, cart.id, this.clock())]);
    return { ...refused, uncertain: true };
  }

  /** Four eyes: a total above the partner's approval limit is bought only with this cart's approved request. */
  private async approvalVerdict(cart: Cart, total: Quote['total'], approvalId?: string): Promise<Verdict> {
    const approval = approvalId ? await this.store.approvals.get(approvalId) : undefined;
    if (approval?.cartId === cart.id && approval.state === 'approved') return pass('APPROVAL');
    return checkApprovalNeeded(await this.store.approvals.limit(cart.partnerId), total);
  }

  /** The orders a cart of this agent became, if it was bought (a Buy clicked again on an old card). Only looks. */
  async ordersForCart(actor: Actor, cartId: string): Promise<Outcome<CheckoutResult> | undefined> {
    const owned = await this.ownCart(actor, cartId, 'orders.forCart');
    if (!owned.ok) return undefined;
    const cart = owned.value;
    const customer = await this.customer(actor, cart.customerId);
    if (cart.status === 'submitted') return ok(await this.boughtOrders(cart, customer));
    // A checkout whose answer was lost (a timeout, a killed process) may have been carried out: Partner
    // Center knows its orders by the request id, and the journal records them now.
    const orders = await this.partnerCenter.getOrdersForRequest(cartId).catch((error: unknown) => {
      // Not known now: a Buy checks out with the same request id, which Partner Center answers with those orders.
      if (error instanceof PartnerCenterError) return [];
      throw error;
    });
    if (!orders.length) return undefined;
    await this.recordOrders(actor, cartId, cart.customerId, orders);
    await this.followUp(provisioningFollowUps(addressOf(actor), customer, orders, this.clock()));
    return ok(await this.withSavings({ orders, orderErrors: [], replayed: true, portalUrl: azurePortalReservationsUrl(customer) }));
  }

  /** A submitted cart's orders, looked up by its request id (they may take up to 15 minutes to be listed, R15). */
  private async boughtOrders(cart: Cart, customer: Customer): Promise<CheckoutResult> {
    const orders = await lookupOrders(this.partnerCenter, cart.id, this.checkoutRetry);
    return this.withSavings({ orders, orderErrors: [], replayed: true, portalUrl: azurePortalReservationsUrl(customer) });
  }

  /**
   * One page of the agent's order history (of one customer), newest first. A page past the last (a
   * forged or outdated card) is the last page.
   */
  async orderHistory(actor: Actor, customerId?: string, page = 0) {
    let customer: Customer | undefined;
    if (customerId) {
      customer = await this.partnerCenter.getCustomer(actor.partner.id, customerId);
      if (!customer) return no<never>(checkCustomerBelongsToPartner(undefined, actor.partner.id) as Refusal);
    }
    const all = await this.partnerCenter.getOrders(actor.partner.id, customerId);
    const last = Math.max(0, Math.ceil(all.length / orderHistoryPageSize) - 1);
    const shown = Math.min(Math.max(0, Math.trunc(page) || 0), last);
    const pageOrders = all.slice(shown * orderHistoryPageSize, (shown + 1) * orderHistoryPageSize);
    const orders = await Promise.all(pageOrders.map((o) => this.withProvisioning(o)));
    const names: Record<string, string> = {};
    /** customerId → the customer's reservations in the Azure portal, where each order is managed. */
    const portalUrls: Record<string, string> = {};
    for (const id of new Set(orders.map((o) => o.customerId))) {
      const owner = await this.partnerCenter.getCustomer(actor.partner.id, id);
      names[id] = owner?.companyName ?? id;
      if (owner) portalUrls[id] = azurePortalReservationsUrl(owner);
    }
    return ok({ orders, customer, paging: { page: shown, pageSize: orderHistoryPageSize, total: all.length }, customerNames: names, portalUrls });
  }

  /** The names the orders' confirmation shows: their subscriptions' and resellers' (ids stay for any unknown). */
  async orderNames(actor: Actor, orders: Order[]): Promise<{ subscriptions: Record<string, string>; resellers: Record<string, string> }> {
    const subscriptions: Record<string, string> = {};
    for (const customerId of new Set(orders.map((o) => o.customerId))) {
      for (const s of await this.partnerCenter.getSubscriptions(customerId)) subscriptions[s.id] = s.friendlyName;
    }
    const resellers: Record<string, string> = {};
    if (mustNameReseller(actor.partner)) for (const r of await this.partnerCenter.getResellers(actor.partner.id)) resellers[r.mpnId] = r.name;
    return { subscriptions, resellers };
  }

  /** A pending order with its lines' fulfilment as Partner Center reports it now; complete once every line is fulfilled. */
  private async withProvisioning(order: Order): Promise<Order> {
    if (order.status !== 'pending') return order;
    const statuses = new Map(
      (await this.partnerCenter.getProvisioningStatus(order.customerId, order.id)).map((l) => [l.lineItemNumber, l.status]),
    );
    const lineItems = order.lineItems.map((l) => ({ ...l, provisioningStatus: statuses.get(l.lineItemNumber) ?? l.provisioningStatus }));
    const complete = lineItems.every((l) => l.provisioningStatus === 'Fulfilled');
    return { ...order, lineItems, status: complete ? 'completed' : 'pending' };
  }

  /**
   * The pay-as-you-go price savings compare with. It only informs: when Partner Center cannot tell it now
   * the savings say no price is known, and buying goes on.
   */
  private payAsYouGoPrice(catalogItemId: string) {
    return this.partnerCenter.getPayAsYouGoPrice(catalogItemId).catch(() => undefined);
  }

  /** What the orders save against pay-as-you-go, line by line and together (the confirmation shows it). */
  private async withSavings(result: CheckoutResult): Promise<CheckoutResult> {
    const orders = await Promise.all(
      result.orders.map((o) =>
        Promise.all(
          o.lineItems.map(async (l) =>
            lineSavings({ quantity: l.quantity, term: l.termDuration, reservationMinor: l.totalMinor, currency: o.currencyCode }, await this.payAsYouGoPrice(l.catalogItemId)),
          ),
        ),
      ),
    );
    return { ...result, savings: { orders, total: cartSavings(orders.flat()) } };
  }

  // ---- plumbing -------------------------------------------------------------------------------

  /** Writes the first refusal among `verdicts` to the audit trail as `${type}.refused` and returns it; with none, `value`. */
  private async refuseAndAudit<T>(
    actor: Actor,
    type: string,
    verdicts: Verdict[],
    context: { customerId?: string; cartId?: string; subscriptionId?: string; catalogItemId?: string },
    value: T,
  ): Promise<Outcome<T>> {
    const refusal = firstRefusal(verdicts);
    if (!refusal) return ok(value);
    await this.audit(actor, `${type}.refused`, {
      customerId: context.customerId,
      cartId: context.cartId,
      code: refusal.code,
      detail: {
        message: verdictWording(enUS, refusal).message,
        partnerCenterCode: refusal.partnerCenterCode,
        subscriptionId: context.subscriptionId,
        catalogItemId: context.catalogItemId,
      },
    });
    return no(refusal);
  }

  private async audit(actor: Actor, type: string, e: EventContext) {
    await this.store.audit.append(this.event(actor, type, e), this.now());
  }

  /** An audit event naming who acted and in which conversation. */
  private event(actor: Actor, type: string, e: EventContext): AuditEvent {
    return { type, agentId: actor.agent.id, partnerId: actor.partner.id, conversationId: actor.conversationId, ...e };
  }

  /** The cart's customer and subscription, asked of Partner Center (the cart keeps only their ids). */
  private cartCustomer(cart: Cart): Promise<Customer | undefined> {
    return this.partnerCenter.getCustomer(cart.partnerId, cart.customerId);
  }

  private async cartSubscription(cart: Cart): Promise<Subscription | undefined> {
    if (!cart.subscriptionId) return undefined;
    return (await this.partnerCenter.getSubscriptions(cart.customerId)).find((s) => s.id === cart.subscriptionId);
  }

  /**
   * The checkout journal's entry for a bought cart (which marks it submitted) and an order.created event
   * per order, in one transaction, the first time its orders are seen. A storage fault here is not the
   * turn's (see auditAfterCheckout): the cart stays active, and its next checkout finds the same orders
   * under the same request id and records them then.
   */
  private async recordOrders(actor: Actor, cartId: string, customerId: string, orders: Order[]) {
    if (!orders.length) return;
    const events = orders.map((o) => {
      const detail = { orderId: o.id, totalMinor: o.totalMinor, currency: o.currencyCode, lines: o.lineItems.length };
      return this.event(actor, 'order.created', { customerId, cartId, idempotencyKey: cartId, detail });
    });
    try {
      await this.store.journal.record(cartId, cartId, orders.map((o) => o.id), this.now(), events);
    } catch (error) {
      if (!storageFaultOf(error)) throw error;
    }
  }

  /** Follow-ups to run later; like the audit after a checkout, a storage fault here is not the turn's. */
  private async followUp(jobs: NewFollowUp[]) {
    try {
      await this.store.followUps.add(jobs, this.now());
    } catch (error) {
      if (!storageFaultOf(error)) throw error;
    }
  }

  /**
   * An audit event written after Partner Center answered: if the database fails now (busy, full), the
   * purchase still happened and the agent must see its orders, so a storage fault here is not the turn's.
   */
  private async auditAfterCheckout(actor: Actor, type: string, e: EventContext) {
    try {
      await this.audit(actor, type, e);
    } catch (error) {
      if (!storageFaultOf(error)) throw error;
    }
  }

  private now() {
    return this.clock().toISOString();
  }
}

type EventContext = { customerId?: string; cartId?: string; idempotencyKey?: string; code?: string; detail?: Record<string, unknown> };

/**
 * A listed item with what the inventory check says of it now. A check Partner Center fails to answer
 * marks nothing: picking the item checks again.
 */
async function pageRow(item: CatalogItem, inventory: Promise<Verdict>): Promise<CatalogPageRow> {
  const verdict = await inventory.catch((error: unknown) => {
    if (error instanceof PartnerCenterError) return undefined;
    throw error;
  });
  if (!verdict || verdict.ok) return toRow(item);
  return { ...toRow(item), restriction: verdict.text.key === 'inventoryQuota' ? 'noQuota' : 'noCapacity' };
}

function toRow(item: CatalogItem): CatalogRow {
  const { sku, availability, product } = item;
  return {
    catalogItemId: item.catalogItemId,
    title: sku.dynamicAttributes.skuDisplayName,
    productTitle: product.title,
    family: sku.dynamicAttributes.family,
    armRegionName: sku.dynamicAttributes.armRegionName,
    region: sku.dynamicAttributes.region,
    term: availability.terms[0].duration,
    cores: sku.dynamicAttributes.cores,
    ram: sku.dynamicAttributes.ram,
    unitPrice: { minor: availability.unitPriceMinor, currency: availability.defaultCurrency.code },
    minimumQuantity: sku.minimumQuantity,
    maximumQuantity: sku.maximumQuantity,
    monthlyBillingSupported: sku.supportedBillingCycles.includes('monthly'),
  };
}

/** Where the bot tells the actor about a purchase later: their conversation, in their language. */
function addressOf(actor: Actor): FollowUpAddress {
  return { partnerId: actor.partner.id, agentId: actor.agent.id, conversationId: actor.conversationId, locale: actor.locale };
}

/** Where the reservation is managed: the customer's tenant in the Azure portal, on its reservations. */
export function azurePortalReservationsUrl(customer: Customer): string {
  return `https://portal.azure.com/#@${encodeURIComponent(customer.domain)}/view/Microsoft_Azure_Reservations/ReservationsBrowseBlade`;
}

/** The checkout Partner Center is sent for a quoted cart; the cart id is the request id (R15). */
function checkoutRequest(actor: Actor, quote: Quote): CheckoutRequest {
  return {
    customerId: quote.customer.id,
    cartId: quote.cartId,
    requestId: quote.cartId,
    agentId: actor.agent.id,
    lineItems: quote.lines.map((l) => ({
      id: l.lineId,
      catalogItemId: l.catalogItemId,
      quantity: l.quantity,
      billingCycle: l.billingCycle,
      termDuration: l.term,
      provisioningContext: { subscriptionId: quote.subscription.id, scope: quote.scope, duration: l.term === 'P1Y' ? '1Year' : l.term === 'P3Y' ? '3Years' : '5Years' },
      participants: quote.resellerMpnId ? [{ key: 'transaction_reseller', value: quote.resellerMpnId }] : [],
    })),
  };
}
