// Who may buy for whom: rules R1–R6 and the segment qualification, as pure functions.
import { ruleText, type Agent, type Customer, type Partner, type Role, type Segment, type Subscription, type Verdict } from '../domain/types';
import { pass, refuseWith } from './verdict';
import { unavailableMarkets } from './markets';

/** R1: the flow is for partners enrolled in CSP and their CSP customers. */
export function checkCspPartner(partner: Partner): Verdict {
  if (partner.isCsp) return pass('R1_CSP_ONLY');
  return refuseWith('R1_CSP_ONLY', ruleText('notCsp', { partner: partner.name }));
}

/** R2: the roles of the article that may buy reservations. */
export const purchasingRoles: ReadonlySet<Role> = new Set<Role>([
  'AdminAgent',
  'GlobalAdmin',
  'HelpdeskAgent',
  'SalesAgent',
  'UserManagementAdmin',
]);

export function checkRole(agent: Agent): Verdict {
  if (purchasingRoles.has(agent.role)) return pass('R2_ROLE');
  return refuseWith('R2_ROLE', ruleText('roleMayNotBuy', { role: agent.role }), '900150');
}

/** R3: Sales and Helpdesk agents need explicit access to the customer's Azure subscription. */
export const rolesNeedingSubscriptionAccess: ReadonlySet<Role> = new Set<Role>(['SalesAgent', 'HelpdeskAgent']);

export function checkSubscriptionAccess(
  agent: Agent,
  subscription: Subscription,
  accessibleSubscriptionIds: ReadonlySet<string>,
): Verdict {
  if (!rolesNeedingSubscriptionAccess.has(agent.role) || accessibleSubscriptionIds.has(subscription.id)) {
    return pass('R3_SUBSCRIPTION_ACCESS');
  }
  return refuseWith(
    'R3_SUBSCRIPTION_ACCESS',
    ruleText('noSubscriptionAccess', { role: agent.role, subscription: subscription.friendlyName }),
    '900150',
  );
}

/** R4: reservations are not sold to customers in the article's unavailable markets. */
export function checkMarket(customer: Customer): Verdict {
  const market = unavailableMarkets.get(customer.country);
  if (!market) return pass('R4_MARKET');
  return refuseWith('R4_MARKET', ruleText('marketUnavailable', { country: market.code, customer: customer.companyName }), '800070');
}

/** R5: a reservation is tied to an active Azure subscription of the customer. */
export function checkHasActiveSubscription(customer: Customer, subscriptions: Subscription[]): Verdict {
  if (subscriptions.some((s) => s.status === 'active')) return pass('R5_ACTIVE_SUBSCRIPTION');
  const params = {
    customer: customer.companyName,
    inactive: subscriptions.filter((s) => s.status !== 'active').map((s) => ({ name: s.friendlyName, status: s.status })),
  };
  const text =
    customer.agreement === 'confirmed'
      ? ruleText('noActiveSubscriptionAddPlan', params)
      : ruleText('noActiveSubscriptionReactivate', params);
  return refuseWith('R5_ACTIVE_SUBSCRIPTION', text, '800012');
}

export function checkSubscriptionActive(subscription: Subscription): Verdict {
  if (subscription.status === 'active') return pass('R5_ACTIVE_SUBSCRIPTION');
  return refuseWith(
    'R5_ACTIVE_SUBSCRIPTION',
    ruleText('subscriptionNotActive', { subscription: subscription.friendlyName, status: subscription.status }),
    '800012',
  );
}

/** R6: MCA acceptance must be confirmed before anything is bought. */
export function checkAgreement(customer: Customer): Verdict {
  if (customer.agreement !== 'notConfirmed') return pass('R6_AGREEMENT');
  return refuseWith('R6_AGREEMENT', ruleText('agreementNotConfirmed', { customer: customer.companyName }), '13605');
}

/** R6: a customer that signed the MCA buys under the Azure plan, not a legacy Azure subscription. */
export function checkSubscriptionOffer(customer: Customer, subscription: Subscription): Verdict {
  if (customer.agreement !== 'confirmed' || subscription.kind === 'azurePlan') return pass('R6_AGREEMENT');
  return refuseWith(
    'R6_AGREEMENT',
    ruleText('legacySubscriptionUnderMca', { customer: customer.companyName, subscription: subscription.friendlyName }),
  );
}

/** R5/R6: an Azure plan can be added on the spot only for a customer whose MCA acceptance is confirmed. */
export function checkCanAddAzurePlan(customer: Customer): Verdict {
  if (customer.agreement === 'confirmed') return pass('R6_AGREEMENT');
  return refuseWith('R6_AGREEMENT', ruleText('cannotAddAzurePlan', { customer: customer.companyName }), '13605');
}

/** The subscriptions offered for a reservation: active, and of the offer the agreement requires (R5, R6). */
export function usableSubscriptions(customer: Customer, subscriptions: Subscription[]): Subscription[] {
  return subscriptions.filter((s) => checkSubscriptionActive(s).ok && checkSubscriptionOffer(customer, s).ok);
}

/** Partner Center only shows a segment's catalog to customers qualified for it. */
export function checkSegment(customer: Customer, segment: Segment): Verdict {
  if (customer.qualifications.includes(segment)) return pass('SEGMENT');
  return refuseWith(
    'SEGMENT',
    ruleText('segmentNotQualified', { customer: customer.companyName, segment, qualified: customer.qualifications }),
  );
}

/** Tenant isolation: an agent only ever acts for its own partner's customers. */
export function checkCustomerBelongsToPartner(customer: Customer | undefined, partnerId: string): Verdict {
  if (customer && customer.partnerId === partnerId) return pass('CUSTOMER_ISOLATION');
  return refuseWith('CUSTOMER_ISOLATION', ruleText('notYourCustomer'));
}
