// Domain schemas and types of the shared rules/store module. Field names follow the Partner Center
// REST resources (shared/domain/README.md §3) where one exists, so a REST gateway maps them 1:1.
import { z } from 'zod';

export const roles = [
  'AdminAgent',
  'GlobalAdmin',
  'HelpdeskAgent',
  'SalesAgent',
  'UserManagementAdmin',
  'BillingAdmin',
] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const PartnerKind = z.enum(['direct', 'indirectProvider']);
export type PartnerKind = z.infer<typeof PartnerKind>;

export const Partner = z.object({
  id: z.string(),
  name: z.string(),
  kind: PartnerKind,
  /** ISO 3166-1 alpha-2 of the partner's location; Brazil decides whether prices include taxes (R11). */
  country: z.string().length(2),
  /** false for a partner that is not enrolled in CSP (R1). */
  isCsp: z.boolean(),
  mpnId: z.string(),
});
export type Partner = z.infer<typeof Partner>;

/** An indirect reseller that an indirect provider sells through; the partner of record (R9). */
export const Reseller = z.object({
  mpnId: z.string(),
  partnerId: z.string(),
  name: z.string(),
});
export type Reseller = z.infer<typeof Reseller>;

export const Agent = z.object({
  /** The directory object id (Teams sends it as from.aadObjectId). */
  id: z.string(),
  partnerId: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: Role,
});
export type Agent = z.infer<typeof Agent>;

export const segments = ['commercial', 'education', 'government', 'nonprofit'] as const;
export const Segment = z.enum(segments);
export type Segment = z.infer<typeof Segment>;

/** Microsoft Customer Agreement acceptance as Partner Center knows it (R6). */
export const AgreementStatus = z.enum(['notSigned', 'confirmed', 'notConfirmed']);
export type AgreementStatus = z.infer<typeof AgreementStatus>;

export const Customer = z.object({
  id: z.string(),
  partnerId: z.string(),
  companyName: z.string(),
  domain: z.string(),
  /** The customer's Microsoft Entra tenant, used for the Azure portal link. */
  tenantId: z.string(),
  country: z.string().length(2),
  agreement: AgreementStatus,
  /** Segments the customer is qualified for; commercial always. */
  qualifications: z.array(Segment),
  /** For an indirect provider: the reseller this customer was sold through, if any. */
  resellerMpnId: z.string().nullable(),
});
export type Customer = z.infer<typeof Customer>;

export const SubscriptionStatus = z.enum(['active', 'suspended', 'deleted', 'pending']);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

/** Offer ids: the legacy Azure subscription and the Azure plan. */
export const legacyAzureOfferId = 'MS-AZR-0145P';
export const azurePlanOfferId = 'DZH318Z0BPS6:0001';

export const SubscriptionKind = z.enum(['legacyAzure', 'azurePlan']);
export type SubscriptionKind = z.infer<typeof SubscriptionKind>;

export const RegistrationStatus = z.enum(['registered', 'registering', 'notregistered']);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

export const Subscription = z.object({
  id: z.string(),
  customerId: z.string(),
  offerId: z.string(),
  kind: SubscriptionKind,
  friendlyName: z.string(),
  status: SubscriptionStatus,
  billingType: z.enum(['usage', 'license']),
  /** Registration of the Microsoft.Capacity resource provider, a prerequisite for reservations. */
  registrationStatus: RegistrationStatus,
});
export type Subscription = z.infer<typeof Subscription>;

export const BillingCycle = z.enum(['one_time', 'monthly']);
export type BillingCycle = z.infer<typeof BillingCycle>;

export const TermDuration = z.enum(['P1Y', 'P3Y', 'P5Y']);
export type TermDuration = z.infer<typeof TermDuration>;

export const Scope = z.enum(['single', 'shared']);
export type Scope = z.infer<typeof Scope>;

export const ReservationType = z.object({
  key: z.string(),
  /** Partner Center's reservedResourceType. */
  id: z.string(),
  title: z.string(),
  terms: z.array(TermDuration),
  monthlyBillingSupported: z.boolean(),
  unit: z.string(),
});
export type ReservationType = z.infer<typeof ReservationType>;

export const Product = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  reservationType: z.string(),
  productType: z.object({ id: z.literal('Azure'), subType: z.object({ id: z.literal('Reservations') }) }),
});
export type Product = z.infer<typeof Product>;

export const Sku = z.object({
  id: z.string(),
  productId: z.string(),
  title: z.string(),
  minimumQuantity: z.number().int(),
  maximumQuantity: z.number().int(),
  supportedBillingCycles: z.array(BillingCycle),
  purchasePrerequisites: z.array(z.string()),
  dynamicAttributes: z.object({
    armSkuName: z.string(),
    armRegionName: z.string(),
    region: z.string(),
    duration: z.enum(['1Year', '3Years', '5Years']),
    cores: z.number().nullable(),
    ram: z.number().nullable(),
    category: z.string(),
    family: z.string(),
    skuDisplayName: z.string(),
  }),
});
export type Sku = z.infer<typeof Sku>;

export const Availability = z.object({
  id: z.string(),
  productId: z.string(),
  skuId: z.string(),
  catalogItemId: z.string(),
  country: z.string().length(2),
  segment: Segment,
  defaultCurrency: z.object({ code: z.string(), symbol: z.string() }),
  isPurchasable: z.boolean(),
  terms: z.array(z.object({ duration: TermDuration, description: z.string() })),
  /** Price to the partner for one unit for the whole term, in minor units (cents) of the currency. */
  unitPriceMinor: z.number().int().nonnegative(),
});
export type Availability = z.infer<typeof Availability>;

/**
 * What one unit of what a reservation covers costs pay-as-you-go for one hour, in minor units of
 * `currency`, with the meter's own decimals (a meter price is finer than the currency: 17.664 cents).
 */
export interface PayAsYouGoPrice {
  perHourMinor: number;
  currency: string;
}

/** A purchasable item as the agent sees it: availability joined with its SKU and product. */
export const CatalogItem = z.object({
  catalogItemId: z.string(),
  product: Product,
  sku: Sku,
  availability: Availability,
});
export type CatalogItem = z.infer<typeof CatalogItem>;

export const CartLine = z.object({
  id: z.number().int().positive(),
  catalogItemId: z.string(),
  quantity: z.number().int(),
  billingCycle: BillingCycle,
});
export type CartLine = z.infer<typeof CartLine>;

export const CartStatus = z.enum(['active', 'submitted']);
export const Cart = z.object({
  id: z.string(),
  partnerId: z.string(),
  agentId: z.string(),
  customerId: z.string(),
  conversationId: z.string(),
  segment: Segment,
  reservationType: z.string(),
  subscriptionId: z.string().nullable(),
  scope: Scope,
  resellerMpnId: z.string().nullable(),
  status: CartStatus,
  lineItems: z.array(CartLine),
  createdAt: z.string(),
});
export type Cart = z.infer<typeof Cart>;

export const OrderStatus = z.enum(['pending', 'completed', 'cancelled']);
export const OrderLine = z.object({
  lineItemNumber: z.number().int().nonnegative(),
  catalogItemId: z.string(),
  offerId: z.string(),
  friendlyName: z.string(),
  armRegionName: z.string(),
  quantity: z.number().int().positive(),
  termDuration: TermDuration,
  unitPriceMinor: z.number().int().nonnegative(),
  totalMinor: z.number().int().nonnegative(),
  partnerIdOnRecord: z.string(),
  provisioningStatus: z.enum(['Fulfilled', 'PrefulfillmentPending', 'Unfulfilled']),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const Order = z.object({
  id: z.string(),
  alternateId: z.string(),
  cartId: z.string(),
  customerId: z.string(),
  partnerId: z.string(),
  agentId: z.string(),
  subscriptionId: z.string(),
  scope: Scope,
  billingCycle: BillingCycle,
  currencyCode: z.string(),
  lineItems: z.array(OrderLine),
  totalMinor: z.number().int().nonnegative(),
  creationDate: z.string(),
  status: OrderStatus,
});
export type Order = z.infer<typeof Order>;

/**
 * The outcome of a business rule. A refusal always carries the rule code, the Partner Center error code
 * of the same refusal where one exists, and what it says as a rule text: a key and parameters that each
 * catalogue of src/i18n words with the fix (the agent's language on screen, English in the audit trail).
 * A pass may carry a note or a warning the same way.
 */
export type Verdict =
  | { ok: true; code: RuleCode; text?: RuleText }
  | { ok: false; code: RuleCode; text: RuleText; partnerCenterCode?: string };

export const ruleCodes = [
  'R1_CSP_ONLY',
  'R2_ROLE',
  'R3_SUBSCRIPTION_ACCESS',
  'R4_MARKET',
  'R5_ACTIVE_SUBSCRIPTION',
  'R6_AGREEMENT',
  'R7_AZURE_PLAN_SHARED_SCOPE',
  'R8_SCOPE',
  'R9_RESELLER',
  'R10_BILLING_FREQUENCY',
  'R11_PRICE_NOTES',
  'R12_QUANTITY',
  'R13_TERM',
  'R14_TRANSFER',
  'R15_ORDER_LISTING',
  'SEGMENT',
  'CUSTOMER_ISOLATION',
  'CATALOG_AVAILABILITY',
  'SUBSCRIPTION_CHOSEN',
  'CART_NOT_EMPTY',
  'SAVINGS',
  // Four eyes above the partner's approval limit (issue 17).
  'APPROVAL',
  // Partner Center refusals that no rule of ours foresees.
  'INVALID_INPUT',
  'CREDIT_LIMIT',
  'PARTNER_CENTER_ERROR',
] as const;
export type RuleCode = (typeof ruleCodes)[number];

/** A partner's amount above which a purchase needs a second agent's approval (issue 17). */
export interface ApprovalLimit {
  amountMinor: number;
  currency: string;
}

export const approvalStates = ['pending', 'approved', 'rejected', 'withdrawn', 'expired', 'priceChanged', 'failed'] as const;
export type ApprovalState = (typeof approvalStates)[number];

/** A cart's Buy waiting for (or decided by) a second agent: one row per request, its idempotency key unique. */
export interface ApprovalRequest {
  id: string;
  idempotencyKey: string;
  cartId: string;
  partnerId: string;
  customerId: string;
  buyerAgentId: string;
  buyerConversationId: string;
  /** The total the buyer saw on the review when they clicked Buy, and each line's unit price then. */
  totalMinor: number;
  currency: string;
  unitPrices: { lineId: number; catalogItemId: string; quantity: number; unitPriceMinor: number }[];
  /** The reseller the buyer's Buy confirmed (R9). */
  resellerConfirmed: string | null;
  state: ApprovalState;
  decidedBy: string | null;
  reason: string | null;
  orderIds: string[];
  createdAt: string;
  expiresAt: string;
  updatedAt: string;
}

/** What the agent filters the catalog by. */
export interface CatalogFilter {
  region?: string; // ARM name, e.g. westeurope
  family?: string; // e.g. Dsv5
  armSkuName?: string; // e.g. Standard_D4s_v5
  term?: TermDuration;
  text?: string; // free text matched against size and product names
}

/** The regions, families and sizes sold for one reservation type in one market: the words a typed filter may name. */
export interface CatalogVocabulary {
  regions: { armName: string; displayName: string }[];
  families: string[];
  skuNames: string[];
}

/** A page of the catalog for one customer's market, segment and reservation type. */
export interface CatalogSearch {
  country: string;
  segment: Segment;
  reservationType: string;
  filter: CatalogFilter;
  offset: number;
  limit: number;
  /** "AzurePlan" when the reservation is bought under an Azure plan (Partner Center lists that catalog apart). */
  reservationScope?: 'AzurePlan';
  /**
   * The customer and Azure subscription the page's inventory check is for: a gateway whose check is a
   * round trip may send it with the page's reads, for the check that follows to find answered.
   */
  inventoryFor?: { customerId: string; azureSubscriptionId: string };
}

/** How a failed call is treated. */
export type FailureKind =
  /** 429: not carried out; wait as asked and post again. */
  | 'throttled'
  /** 5xx: probably not carried out; look up, then post again. */
  | 'serverError'
  /** No answer: may have been carried out; look up, then post again. */
  | 'noAnswer'
  /** 800060 / 800064: being carried out now; never post again, only look up. */
  | 'inProgress'
  /** Any other Partner Center error: a refusal, nothing was carried out. */
  | 'refused';

/** One failed gateway call, as the agent and the audit trail are told about it. */
export interface GatewayFailure {
  /** other: a call outside the checkout (a search, a replayed order lookup) that failed a turn. */
  call: 'checkout' | 'lookup' | 'other';
  kind: FailureKind;
  code: string;
  status: number;
  retryAfterSeconds?: number;
}

// What a verdict says, as data: a key and its parameters. The rules return these, never sentences;
// each locale's catalogue words every key itself (src/i18n/en-US.ts, nl-NL.ts), English also for the
// audit trail. Parameters hold names and codes, never sentences: a role is its Role, a market its
// country code, a status its enum value, so each language names them itself.

type None = Record<string, never>;

export interface RuleTextParams {
  // R1, R2, R3
  notCsp: { partner: string };
  roleMayNotBuy: { role: Role };
  noSubscriptionAccess: { role: Role; subscription: string };
  // R4
  marketUnavailable: { country: string; customer: string };
  // R5
  noActiveSubscriptionAddPlan: { customer: string; inactive: { name: string; status: SubscriptionStatus }[] };
  noActiveSubscriptionReactivate: { customer: string; inactive: { name: string; status: SubscriptionStatus }[] };
  subscriptionNotActive: { subscription: string; status: SubscriptionStatus };
  noSubscriptionChosen: None;
  // R6
  agreementNotConfirmed: { customer: string };
  legacySubscriptionUnderMca: { customer: string; subscription: string };
  cannotAddAzurePlan: { customer: string };
  // segment qualification and tenant isolation
  segmentNotQualified: { customer: string; segment: Segment; qualified: Segment[] };
  notYourCustomer: None;
  notCustomersSubscription: { customer: string };
  notYourCart: None;
  // catalog availability and inventory
  itemNotInCatalog: None;
  itemNotPurchasable: { item: string };
  itemNotSoldHere: { item: string };
  /** `reasons`: Partner Center's own descriptions of the restrictions (in Partner Center's language). */
  inventoryQuota: { item: string; reasons: string };
  inventoryRestricted: { item: string; reasons: string };
  // R7, R8: scope
  azurePlanSharedScope: None;
  singleScopeWarning: { subscription: string };
  sharedScopeNote: None;
  azurePlanScopeNote: None;
  // R9: reseller
  resellerOnlyIndirect: None;
  resellerRequired: None;
  resellerNotConfirmed: { name: string; mpnId: string };
  resellerUnknown: { mpnId: string };
  resellerFixedWarning: None;
  resellerFixedNote: None;
  // R10: billing frequency
  noMonthlyBilling: { item: string };
  billingFixedNote: None;
  // R11: prices
  pricesExcludeTaxes: None;
  pricesIncludeTaxes: None;
  // R12: quantity
  quantityInvalid: { shown: string; min: number; max: number };
  quantityOutOfRange: { quantity: number; min: number; max: number };
  quantityOverCartMaximum: { item: string; inCart: number; max: number };
  cartEmpty: None;
  // R13: term
  termFixedNote: None;
  fiveYearsOnlyHbv2: None;
  // R14, R15
  transferNote: None;
  orderListingNote: None;
  cartAlreadySubmitted: None;
  // savings against pay-as-you-go (src/rules/savings.ts)
  noPaygPrice: None;
  // four eyes above the partner's approval limit
  approvalNeeded: None;
  approverRole: { role: Role };
  approverIsBuyer: None;
  notYourApproval: None;
  noApprover: None;
  approvalLimitRole: { role: Role };
  approvalClosed: { state: ApprovalState };
  approvalExpired: None;
  approvalAlreadyWaiting: None;
  // a refusal about one line of the cart on review
  lineWithdrawn: { line: number; reason: RuleText };
  lineRefused: { line: number; item: string; reason: RuleText };
  // Partner Center errors (src/purchase/partnerCenterErrors.ts)
  pcRoleNoRights: None;
  pcOfferNotInCountry: None;
  pcSubscriptionNotActive: None;
  pcSubscriptionNotRegistered: None;
  pcSubscriptionNotEnabled: None;
  pcAgreementNotConfirmed: None;
  pcResellerInvalid: None;
  pcNoBillingPlan: None;
  pcQuantityNotAvailable: None;
  pcInventoryNotAvailable: None;
  pcOrderInProgress: None;
  pcCartBeingProcessed: None;
  pcCartSubmitted: None;
  pcInvalidInput: None;
  pcCartLineErrors: None;
  pcQuotaNotAvailable: None;
  pcCreditLimit: None;
  /** An error code without its own text: Partner Center's description is shown as it came. */
  pcUnknown: { code: string; description: string };
  /** Partner Center kept failing: nothing was bought (src/purchase/checkoutRetry.ts). */
  checkoutNotBought: { failures: GatewayFailure[]; attempts: number; code: string };
  /** Partner Center did not answer and no order is visible yet: it may still be placed (R15). */
  checkoutUnknown: { failures: GatewayFailure[]; attempts: number; code: string };
}

export type RuleTextKey = keyof RuleTextParams;

/** One thing a verdict says: a key of RuleTextParams with its parameters. */
export type RuleText = { [K in RuleTextKey]: { key: K; params: RuleTextParams[K] } }[RuleTextKey];

/** Builds a RuleText with its parameters type-checked against its key. */
export function ruleText<K extends RuleTextKey>(key: K, ...params: RuleTextParams[K] extends None ? [] : [RuleTextParams[K]]): RuleText {
  return { key, params: (params[0] ?? {}) as RuleTextParams[K] } as RuleText;
}
