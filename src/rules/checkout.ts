// The verdicts a purchase needs, as one list for checkout. Each step of the flow asks the part of it
// that it decides (who buys, for whom, under which subscription, which lines), and checkout asks it all
// again: a card may be stale or forged, and the world may have changed since the step.
import {
  ruleText,
  type Agent,
  type BillingCycle,
  type Customer,
  type Partner,
  type Reseller,
  type Scope,
  type Subscription,
  type TermDuration,
  type Verdict,
} from '../domain/types';
import {
  checkAgreement,
  checkCspPartner,
  checkCustomerBelongsToPartner,
  checkMarket,
  checkRole,
  checkSubscriptionAccess,
  checkSubscriptionActive,
  checkSubscriptionOffer,
} from './eligibility';
import { checkBillingCycle, checkCartQuantities, checkQuantity, checkReseller, checkResellerConfirmed, checkScope, checkTerm, type QuantityRange } from './order';
import { pass, refuseWith, type Refusal } from './verdict';

/** R1 and R2: may this agent buy at all? */
export function mayBuyVerdicts(partner: Partner, agent: Agent): Verdict[] {
  return [checkCspPartner(partner), checkRole(agent)];
}

/** Tenant isolation, R4 and R6 for a customer the agent names; the rest is not asked of another partner's customer. */
export function customerVerdicts(customer: Customer | undefined, partnerId: string): Verdict[] {
  const isolation = checkCustomerBelongsToPartner(customer, partnerId);
  if (!customer || !isolation.ok) return [isolation];
  return [isolation, checkMarket(customer), checkAgreement(customer)];
}

/** R5, R6 and R3 for the subscription a reservation is tied to. */
export function subscriptionVerdicts(
  agent: Agent,
  customer: Customer,
  subscription: Subscription,
  accessibleSubscriptionIds: ReadonlySet<string>,
): Verdict[] {
  return [
    checkSubscriptionActive(subscription),
    checkSubscriptionOffer(customer, subscription),
    checkSubscriptionAccess(agent, subscription, accessibleSubscriptionIds),
  ];
}

/** A cart is bought under the subscription chosen for it; without one there is nothing to check it against. */
export function checkSubscriptionChosen(subscription: Subscription | undefined): Verdict {
  if (subscription) return pass('SUBSCRIPTION_CHOSEN');
  return refuseWith('SUBSCRIPTION_CHOSEN', ruleText('noSubscriptionChosen'));
}

/** A cart with no line has nothing to buy. */
export function checkCartNotEmpty(lineCount: number): Verdict {
  if (lineCount > 0) return pass('CART_NOT_EMPTY');
  return refuseWith('CART_NOT_EMPTY', ruleText('cartEmpty'));
}

/** One line of a purchase as the rules see it: the item's limits with what the agent chose. */
export interface PurchaseLine extends QuantityRange {
  catalogItemId: string;
  /** What the agent typed or a card sent; checked to be a whole number in range. */
  quantity: unknown;
  billingCycle: BillingCycle;
  monthlyBillingSupported: boolean;
  term: TermDuration;
  family: string;
  /** The size's name, as the refusals name it. */
  title: string;
}

/** R12, R10 and R13 for one line. */
export function lineVerdicts(line: PurchaseLine): Verdict[] {
  const supported: BillingCycle[] = line.monthlyBillingSupported ? ['one_time', 'monthly'] : ['one_time'];
  return [checkQuantity(line.quantity, line), checkBillingCycle(line.billingCycle, supported, line.title), checkTerm(line.term, line.family)];
}

/** What blocks Buy on the review card until the agent fixes it: lines withdrawn, an empty cart, no reseller (R9). */
export function reviewBlockers(withdrawnLines: Refusal[], lineCount: number, reseller: Verdict): Refusal[] {
  return [...withdrawnLines, checkCartNotEmpty(lineCount), reseller].filter((v): v is Refusal => !v.ok);
}

/** Everything a checkout is about to buy, as Partner Center and the cart have it now. */
export interface Purchase {
  partner: Partner;
  agent: Agent;
  customer: Customer;
  subscription: Subscription;
  accessibleSubscriptionIds: ReadonlySet<string>;
  scope: Scope;
  resellerMpnId: string | null;
  /** The reseller the agent's Buy confirmed (R9); undefined when it confirmed none. */
  confirmedResellerMpnId?: string | null;
  resellers: Reseller[];
  lines: PurchaseLine[];
  /** What blocks Buy on the review card (reviewBlockers), as the cart is now. */
  reviewBlockers: Refusal[];
  /** Partner Center's inventory check of each line's item. */
  inventory: Verdict[];
}

/** The one list checkout asks, in the order the agent is told the first refusal. */
export function checkoutVerdicts(p: Purchase): Verdict[] {
  return [
    ...mayBuyVerdicts(p.partner, p.agent),
    ...customerVerdicts(p.customer, p.partner.id),
    ...subscriptionVerdicts(p.agent, p.customer, p.subscription, p.accessibleSubscriptionIds),
    checkScope(p.subscription, p.scope),
    checkReseller(p.partner, p.resellerMpnId, p.resellers),
    checkResellerConfirmed(p.partner, p.resellerMpnId, p.confirmedResellerMpnId, p.resellers),
    ...p.reviewBlockers,
    ...p.lines.flatMap(lineVerdicts),
    ...checkCartQuantities(p.lines),
    ...p.inventory,
  ];
}
