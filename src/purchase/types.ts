// What the PurchaseService hands to the dialogs and cards: plain data, computed on the server.
import type {
  Agent,
  BillingCycle,
  CatalogFilter,
  Customer,
  Order,
  Partner,
  Reseller,
  Scope,
  Subscription,
  TermDuration,
  Verdict,
  GatewayFailure,
} from '../domain/types';

import type { RuleText } from '../domain/types';
import type { CartSavings, Savings } from '../rules/savings';

export type { CatalogFilter } from '../domain/types';

export interface Money {
  /** Minor units (cents) of `currency`. */
  minor: number;
  currency: string;
}

/** One row of a catalog search result: what the agent picks before setting a quantity. */
export interface CatalogRow {
  catalogItemId: string;
  title: string; // e.g. "Standard_D4s_v5"
  productTitle: string; // e.g. "Reserved VM Instance, Dsv5 Series"
  family: string;
  armRegionName: string;
  region: string; // display name, e.g. "West Europe"
  term: TermDuration;
  cores: number | null;
  ram: number | null;
  unitPrice: Money; // the whole term, one unit
  minimumQuantity: number;
  maximumQuantity: number;
  monthlyBillingSupported: boolean;
}

/** A row of a catalog page, as Partner Center's inventory check sees it now: restricted rows are shown, never offered. */
export interface CatalogPageRow extends CatalogRow {
  /** No capacity for this size in its region, or not enough vCPU quota in the subscription [800010]. */
  restriction?: 'noCapacity' | 'noQuota';
}

export interface CatalogPage {
  rows: CatalogPageRow[];
  page: number; // 0-based
  pageSize: number;
  total: number;
  /** More rows match than `total` (the count stops at a bound): the card shows "1,000+", a next page exists. */
  totalCapped?: boolean;
  /** The filter the page was found with: the one asked for, or the customer's region for a first page. */
  filter: CatalogFilter;
}

export interface QuoteLine extends CatalogRow {
  lineId: number;
  quantity: number;
  billingCycle: BillingCycle;
  lineTotal: Money;
  /** With monthly billing: what is charged each month of the term. */
  monthlyPayment: Money | null;
  /** Against running the same instances pay-as-you-go for the term, or why that is not known. */
  savings: Savings;
}

export interface ScopeOption {
  scope: Scope;
  allowed: boolean;
  /** Why the option is not allowed, or what choosing it implies (vCPU quota warning); worded per locale. */
  note?: RuleText;
}

export interface Quote {
  cartId: string;
  partner: Partner;
  customer: Customer;
  subscription: Subscription;
  currency: string;
  lines: QuoteLine[];
  total: Money;
  /** The lines' savings added up. */
  savings: CartSavings;
  scope: Scope;
  scopeOptions: ScopeOption[];
  /** Indirect provider: the reseller (partner of record) must be chosen (R9). */
  resellerRequired: boolean;
  resellers: Reseller[];
  resellerMpnId: string | null;
  /** The article's notes for the review page: taxes, software costs, partner of record, quota, 15 minutes; worded per locale. */
  notes: RuleText[];
  /** Refusals that block Buy until fixed (e.g. no reseller chosen yet). */
  blockers: Extract<Verdict, { ok: false }>[];
}

export interface OrderSavings {
  orders: Savings[][];
  total: CartSavings;
}

export interface CheckoutResult {
  orders: Order[];
  orderErrors: { orderGroupId: string; code: string; description: string }[];
  /** True when this cart had already been checked out: the same orders are returned, nothing new was bought. */
  replayed: boolean;
  /** The customer's tenant in the Azure portal, on its reservations. */
  portalUrl: string;
  /** Each order's lines' savings (in the orders' and their lines' order), and all of them added up. */
  savings?: OrderSavings;
  /** Set when Partner Center failed on the way: the posts made (one request id) and what went wrong. */
  attempts?: number;
  failures?: GatewayFailure[];
  /** The checkout's answer was lost and the orders were found by looking the request id up. */
  foundByLookup?: boolean;
}

/**
 * A checkout's outcome: bought, refused (nothing bought), or `uncertain`: Partner Center did not answer
 * and no order is visible yet (R15: the agent must look again later, not buy again).
 */
export type CheckoutOutcome = Outcome<CheckoutResult> | { ok: false; verdict: Extract<Verdict, { ok: false }>; uncertain: true };

export interface AgentContext {
  agent: Agent;
  partner: Partner;
}

/** A refusal or success from the service: the dialogs show it, they do not decide it. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; verdict: Extract<Verdict, { ok: false }> };
