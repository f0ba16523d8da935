// What may go into an order: scope, reseller, billing frequency, quantity, term (R7–R13), and the
// article's notes (R11, R14, R15).
import type {
  BillingCycle,
  Partner,
  Reseller,
  Scope,
  Subscription,
  TermDuration,
  Verdict,
} from '../domain/types';
import { pass, refuse } from './verdict';

export interface ScopeVerdict {
  scope: Scope;
  verdict: Verdict;
}

/** R7 and R8: which scopes the subscription allows, with what each implies. */
export function scopeOptions(subscription: Subscription): ScopeVerdict[] {
  return (['shared', 'single'] as const).map((scope) => ({ scope, verdict: checkScope(subscription, scope) }));
}

export function checkScope(subscription: Subscription, scope: Scope): Verdict {
  if (scope === 'single' && subscription.kind === 'azurePlan') {
    return refuse(
      'R7_AZURE_PLAN_SHARED_SCOPE',
      'Under the Azure plan the scope is Shared when you buy.',
      'Buy with Shared scope; the customer can narrow it to a single subscription later in the Azure portal.',
    );
  }
  if (scope === 'single') {
    return pass('R8_SCOPE', {
      warning: `The discount applies only to "${subscription.friendlyName}", which may need a vCPU quota increase (a support request in the Azure portal).`,
    });
  }
  return pass('R8_SCOPE', { message: "The discount applies to any subscription in the customer's billing context." });
}

/** The scope a new cart starts with: Shared, the only one every subscription allows (R7). */
export const defaultScope: Scope = 'shared';

/** R9: an indirect provider must name the reseller (partner of record); it is fixed after purchase. */
export function checkReseller(partner: Partner, resellerMpnId: string | null, resellers: Reseller[]): Verdict {
  if (partner.kind !== 'indirectProvider') {
    if (resellerMpnId === null) return pass('R9_RESELLER');
    return refuse('R9_RESELLER', 'Only an indirect provider associates a reseller with a purchase.', 'Leave the reseller empty.', '800016');
  }
  if (resellerMpnId === null) {
    return refuse(
      'R9_RESELLER',
      'Choose the reseller (partner of record) for this purchase.',
      'Pick the indirect reseller on the review card. It cannot be changed after purchase.',
    );
  }
  if (!resellers.some((r) => r.mpnId === resellerMpnId && r.partnerId === partner.id)) {
    return refuse(
      'R9_RESELLER',
      `MPN ID ${resellerMpnId} is not one of your indirect resellers.`,
      'Pick one of your resellers from the list.',
      '800016',
    );
  }
  return pass('R9_RESELLER', { warning: 'The partner of record cannot be changed after purchase (only by cancelling and buying again).' });
}

/** R10: monthly billing only for items with a billing plan; otherwise one-time. */
export function checkBillingCycle(cycle: BillingCycle, supported: BillingCycle[], itemTitle: string): Verdict {
  if (supported.includes(cycle)) return pass('R10_BILLING_FREQUENCY');
  return refuse(
    'R10_BILLING_FREQUENCY',
    `${itemTitle} has no monthly billing plan, so it is billed one-time.`,
    'Choose one-time billing for this item.',
    '10013',
  );
}

export interface QuantityRange {
  minimumQuantity: number;
  maximumQuantity: number;
}

/** R12: a whole number within the SKU's range. Accepts what the agent typed or a card sent. */
export function checkQuantity(raw: unknown, range: QuantityRange): Verdict & { quantity?: number } {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  const allowed = `a whole number from ${range.minimumQuantity} to ${range.maximumQuantity}`;
  const quantity = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(quantity)) {
    return refuse('R12_QUANTITY', `"${text.slice(0, 40)}" is not a valid quantity: enter ${allowed}.`, `Enter ${allowed}.`, '800017');
  }
  if (quantity < range.minimumQuantity || quantity > range.maximumQuantity) {
    return refuse('R12_QUANTITY', `${quantity} is outside the allowed range: enter ${allowed}.`, `Enter ${allowed}.`, '800017');
  }
  return { ...pass('R12_QUANTITY'), quantity };
}

/** R13: 1- or 3-year terms; 5 years only for HBv2 VMs. Fixed after purchase. */
export function checkTerm(term: TermDuration, family: string): Verdict {
  if (term === 'P1Y' || term === 'P3Y' || (term === 'P5Y' && family === 'HBv2')) {
    return pass('R13_TERM', {
      warning: 'Region, size, quantity and term cannot be changed after purchase, except by an exchange.',
    });
  }
  return refuse('R13_TERM', 'A 5-year term exists only for HBv2 virtual machines.', 'Choose a 1-year or 3-year term.');
}

/** R11: what the price includes, depending on where the partner is located. */
export function priceNotes(partner: Partner): Verdict {
  const taxes =
    partner.country === 'BR' ? 'Prices include taxes (partner located in Brazil).' : 'Prices exclude taxes.';
  return pass('R11_PRICE_NOTES', {
    message: `${taxes} Software costs (Windows, SQL Server licences, SUSE and others) are not included in reservation prices.`,
  });
}

/** R14: informational, shown on review. */
export function transferNote(): Verdict {
  return pass('R14_TRANSFER', {
    message: 'Reservations do not move when a subscription is transferred from Direct/EA to CSP or between partners.',
  });
}

/** R15: orders can take up to 15 minutes to be listed; a submitted cart is never submitted again. */
export function checkNotResubmitted(cartStatus: 'active' | 'submitted'): Verdict {
  if (cartStatus === 'active') {
    return pass('R15_ORDER_LISTING', {
      message: "Orders can take up to 15 minutes to appear in Partner Center's order list: do not buy again because an order is not listed yet.",
    });
  }
  return refuse(
    'R15_ORDER_LISTING',
    'This cart has already been submitted; it is not bought a second time.',
    'Open the order history to see its order. Orders can take up to 15 minutes to appear in Partner Center.',
    '800065',
  );
}

/** The article's notes for the review page, for this partner, subscription and scope (R8, R9, R10, R11, R13–R15). */
export function reviewNotes(partner: Partner, subscription: Subscription, scope: Scope): string[] {
  const scopeVerdict = checkScope(subscription, scope);
  return [
    priceNotes(partner).message,
    partner.kind === 'indirectProvider'
      ? 'The reseller (partner of record) cannot be changed after purchase (only by cancelling and buying again).'
      : undefined,
    scopeVerdict.ok ? (scopeVerdict.warning ?? scopeVerdict.message) : undefined,
    subscription.kind === 'azurePlan'
      ? 'Under the Azure plan the scope is Shared when you buy; the customer can narrow it later in the Azure portal.'
      : undefined,
    'Region, size, quantity and term cannot be changed after purchase, except by an exchange.',
    'Billing frequency cannot be changed after purchase.',
    transferNote().message,
    checkNotResubmitted('active').message,
  ].filter((n): n is string => Boolean(n));
}
