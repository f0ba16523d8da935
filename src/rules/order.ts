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
import { ruleText, type RuleText } from '../domain/types';
import { pass, refuseWith } from './verdict';

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
    return refuseWith('R7_AZURE_PLAN_SHARED_SCOPE', ruleText('azurePlanSharedScope'));
  }
  if (scope === 'single') {
    return pass('R8_SCOPE', ruleText('singleScopeWarning', { subscription: subscription.friendlyName }));
  }
  return pass('R8_SCOPE', ruleText('sharedScopeNote'));
}

/** The scope a new cart starts with: Shared, the only one every subscription allows (R7). */
export const defaultScope: Scope = 'shared';

/** R9: an indirect provider names the reseller (partner of record) of each purchase; a direct partner never does. */
export function mustNameReseller(partner: Partner): boolean {
  return partner.kind === 'indirectProvider';
}

/** R9: the reseller an indirect provider names must be one of its own; it is fixed after purchase. */
export function checkReseller(partner: Partner, resellerMpnId: string | null, resellers: Reseller[]): Verdict {
  if (!mustNameReseller(partner)) {
    if (resellerMpnId === null) return pass('R9_RESELLER');
    return refuseWith('R9_RESELLER', ruleText('resellerOnlyIndirect'), '800016');
  }
  if (resellerMpnId === null) {
    return refuseWith('R9_RESELLER', ruleText('resellerRequired'));
  }
  if (!resellers.some((r) => r.mpnId === resellerMpnId && r.partnerId === partner.id)) {
    return refuseWith('R9_RESELLER', ruleText('resellerUnknown', { mpnId: resellerMpnId }), '800016');
  }
  return pass('R9_RESELLER', ruleText('resellerFixedWarning'));
}

/**
 * R9: the partner of record cannot be changed after purchase, so an indirect provider's Buy confirms the
 * reseller the review shows (`confirmedMpnId`: what the card's Buy carried, or what the agent named). A
 * Buy that confirms none, or another one, buys nothing; neither does a cart without a reseller.
 */
export function checkResellerConfirmed(partner: Partner, cartMpnId: string | null, confirmedMpnId: string | null | undefined, resellers: Reseller[]): Verdict {
  if (!mustNameReseller(partner)) return pass('R9_RESELLER');
  if (cartMpnId === null) return refuseWith('R9_RESELLER', ruleText('resellerRequired'));
  if (confirmedMpnId === cartMpnId) return pass('R9_RESELLER');
  const name = resellers.find((r) => r.mpnId === cartMpnId)?.name ?? cartMpnId;
  return refuseWith('R9_RESELLER', ruleText('resellerNotConfirmed', { name, mpnId: cartMpnId }));
}

/** R10: monthly billing only for items with a billing plan; otherwise one-time. */
export function checkBillingCycle(cycle: BillingCycle, supported: BillingCycle[], itemTitle: string): Verdict {
  if (supported.includes(cycle)) return pass('R10_BILLING_FREQUENCY');
  return refuseWith('R10_BILLING_FREQUENCY', ruleText('noMonthlyBilling', { item: itemTitle }), '10013');
}

const termYears: Record<TermDuration, number> = { P1Y: 1, P3Y: 3, P5Y: 5 };

/** R10: billed monthly, a line's total for the whole term is paid in equal monthly parts, in minor units. */
export function monthlyPayment(totalMinor: number, term: TermDuration): number {
  return Math.round(totalMinor / (12 * termYears[term]));
}

export interface QuantityRange {
  minimumQuantity: number;
  maximumQuantity: number;
}

/** R12: a whole number within the SKU's range. Accepts what the agent typed or a card sent. */
export function checkQuantity(raw: unknown, range: QuantityRange): Verdict & { quantity?: number } {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  const [min, max] = [range.minimumQuantity, range.maximumQuantity];
  const quantity = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(quantity)) {
    return refuseWith('R12_QUANTITY', ruleText('quantityInvalid', { shown: text.slice(0, 40), min, max }), '800017');
  }
  if (quantity < min || quantity > max) {
    return refuseWith('R12_QUANTITY', ruleText('quantityOutOfRange', { quantity, min, max }), '800017');
  }
  return { ...pass('R12_QUANTITY'), quantity };
}

/**
 * R12 across the cart: the SKU's maximum holds per item, however many times it is added. Adding an item
 * the cart holds already adds to its line: `inCart` is what the line holds, `added` what the agent adds.
 */
export function checkQuantityWithCart(added: number, inCart: number, range: QuantityRange, item: string): Verdict {
  if (inCart + added <= range.maximumQuantity) return pass('R12_QUANTITY');
  return refuseWith('R12_QUANTITY', ruleText('quantityOverCartMaximum', { item, inCart, max: range.maximumQuantity }), '800017');
}

/** R12 for a whole cart: the lines of one item together stay within its maximum (checkout asks it again). */
export function checkCartQuantities(lines: readonly (QuantityRange & { catalogItemId: string; quantity: unknown; title: string })[]): Verdict[] {
  const byItem = new Map<string, { total: number; range: QuantityRange; title: string; lines: number }>();
  for (const line of lines) {
    const quantity = typeof line.quantity === 'number' ? line.quantity : Number(line.quantity);
    const known = byItem.get(line.catalogItemId);
    if (known) Object.assign(known, { total: known.total + quantity, lines: known.lines + 1 });
    else byItem.set(line.catalogItemId, { total: quantity, range: line, title: line.title, lines: 1 });
  }
  return [...byItem.values()]
    .filter((item) => item.lines > 1)
    .map((item) => checkQuantityWithCart(0, item.total, item.range, item.title));
}

/** R13: 1- or 3-year terms; 5 years only for HBv2 VMs. Fixed after purchase. */
export function checkTerm(term: TermDuration, family: string): Verdict {
  if (term === 'P1Y' || term === 'P3Y' || (term === 'P5Y' && family === 'HBv2')) {
    return pass('R13_TERM', ruleText('termFixedNote'));
  }
  return refuseWith('R13_TERM', ruleText('fiveYearsOnlyHbv2'));
}

/** R11: what the price includes, depending on where the partner is located. */
export function priceNotes(partner: Partner): Verdict {
  return pass('R11_PRICE_NOTES', ruleText(partner.country === 'BR' ? 'pricesIncludeTaxes' : 'pricesExcludeTaxes'));
}

/** R14: informational, shown on review. */
export function transferNote(): Verdict {
  return pass('R14_TRANSFER', ruleText('transferNote'));
}

/** R15: orders can take up to 15 minutes to be listed; a submitted cart is never submitted again. */
export function checkNotResubmitted(cartStatus: 'active' | 'submitted'): Verdict {
  if (cartStatus === 'active') {
    return pass('R15_ORDER_LISTING', ruleText('orderListingNote'));
  }
  return refuseWith('R15_ORDER_LISTING', ruleText('cartAlreadySubmitted'), '800065');
}

/** The article's notes for the review page, for this partner, subscription and scope (R8, R9, R10, R11, R13–R15). */
export function reviewNoteTexts(partner: Partner, subscription: Subscription, scope: Scope): RuleText[] {
  const scopeVerdict = checkScope(subscription, scope);
  return [
    priceNotes(partner).text,
    mustNameReseller(partner) ? ruleText('resellerFixedNote') : undefined,
    scopeVerdict.ok ? scopeVerdict.text : undefined,
    subscription.kind === 'azurePlan' ? ruleText('azurePlanScopeNote') : undefined,
    ruleText('termFixedNote'),
    ruleText('billingFixedNote'),
    transferNote().text,
    checkNotResubmitted('active').text,
  ].filter((n): n is RuleText => Boolean(n));
}
