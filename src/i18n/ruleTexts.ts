// What a verdict says, as data: a key and its parameters. Every locale's catalogue words each key
// itself (src/i18n/en-US.ts, nl-NL.ts); the English wording also becomes the verdict's `message` and
// `fix`, which the audit trail keeps. Parameters hold names and codes, never sentences: a role is its
// Role, a market its country code, a status its enum value, so each language names them itself.
import type { Role, Segment, SubscriptionStatus } from '../domain/types';
import type { GatewayFailure } from '../purchase/checkoutRetry';

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
  cartEmpty: None;
  // R13: term
  termFixedNote: None;
  fiveYearsOnlyHbv2: None;
  // R14, R15
  transferNote: None;
  orderListingNote: None;
  cartAlreadySubmitted: None;
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

/** A locale's wording of every rule text: a message and, for refusals, the fix. */
export type RuleTexts = { [K in RuleTextKey]: (params: RuleTextParams[K]) => { message: string; fix?: string } };

/** Builds a RuleText with its parameters type-checked against its key. */
export function ruleText<K extends RuleTextKey>(key: K, ...params: RuleTextParams[K] extends None ? [] : [RuleTextParams[K]]): RuleText {
  return { key, params: (params[0] ?? {}) as RuleTextParams[K] } as RuleText;
}

/** The wording of `text` in `texts`. */
export function wordRuleText(texts: RuleTexts, text: RuleText): { message: string; fix?: string } {
  return (texts[text.key] as (params: unknown) => { message: string; fix?: string })(text.params);
}
