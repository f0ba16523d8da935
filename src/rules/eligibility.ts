// Who may buy for whom: rules R1–R6 and the segment qualification, as pure functions.
import type { Agent, Customer, Partner, Role, Segment, Subscription, Verdict } from '../domain/types';
import { pass, refuse } from './verdict';
import { unavailableMarkets } from './markets';

/** R1: the flow is for partners enrolled in CSP and their CSP customers. */
export function checkCspPartner(partner: Partner): Verdict {
  if (partner.isCsp) return pass('R1_CSP_ONLY');
  return refuse(
    'R1_CSP_ONLY',
    `${partner.name} is not a Cloud Solution Provider partner, so it cannot buy Azure reservations on behalf of customers here.`,
    'Customers outside CSP buy reservations themselves in the Azure portal (or through their Enterprise Agreement).',
  );
}

/** R2: the roles of the article that may buy reservations. */
export const purchasingRoles: ReadonlySet<Role> = new Set<Role>([
  'AdminAgent',
  'GlobalAdmin',
  'HelpdeskAgent',
  'SalesAgent',
  'UserManagementAdmin',
]);

export const roleNames: Record<Role, string> = {
  AdminAgent: 'Admin agent',
  GlobalAdmin: 'Global admin',
  HelpdeskAgent: 'Helpdesk agent',
  SalesAgent: 'Sales agent',
  UserManagementAdmin: 'User management admin',
  BillingAdmin: 'Billing admin',
};

export function checkRole(agent: Agent): Verdict {
  if (purchasingRoles.has(agent.role)) return pass('R2_ROLE');
  return refuse(
    'R2_ROLE',
    `Your role (${roleNames[agent.role]}) may not buy Azure reservations.`,
    'Ask your partner admin for one of: Admin agent, Global admin, Helpdesk agent, Sales agent or User management admin.',
    '900150',
  );
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
  return refuse(
    'R3_SUBSCRIPTION_ACCESS',
    `As a ${roleNames[agent.role]} you have no access to the subscription "${subscription.friendlyName}", so you may not buy against it.`,
    "Choose a subscription you have access to, or ask the customer's admin to grant you access to this Azure subscription.",
    '900150',
  );
}

/** R4: reservations are not sold to customers in the article's unavailable markets. */
export function checkMarket(customer: Customer): Verdict {
  const market = unavailableMarkets.get(customer.country);
  if (!market) return pass('R4_MARKET');
  return refuse(
    'R4_MARKET',
    `Azure reservations are not available in ${market.en}, where ${customer.companyName} is located.`,
    'Nothing can be bought for this customer through CSP; the customer can use pay-as-you-go instead.',
    '800070',
  );
}

/** R5: a reservation is tied to an active Azure subscription of the customer. */
export function checkHasActiveSubscription(customer: Customer, subscriptions: Subscription[]): Verdict {
  if (subscriptions.some((s) => s.status === 'active')) return pass('R5_ACTIVE_SUBSCRIPTION');
  const inactive = subscriptions.filter((s) => s.status !== 'active');
  const why = inactive.length
    ? ` (${inactive.map((s) => `"${s.friendlyName}" is ${s.status}`).join(', ')})`
    : '';
  return refuse(
    'R5_ACTIVE_SUBSCRIPTION',
    `${customer.companyName} has no active Azure subscription${why}.`,
    customer.agreement === 'confirmed'
      ? 'Add an Azure plan for the customer now, then buy against it.'
      : 'Reactivate a subscription in Partner Center, or have the customer accept the Microsoft Customer Agreement and add an Azure plan.',
    '800012',
  );
}

export function checkSubscriptionActive(subscription: Subscription): Verdict {
  if (subscription.status === 'active') return pass('R5_ACTIVE_SUBSCRIPTION');
  return refuse(
    'R5_ACTIVE_SUBSCRIPTION',
    `The subscription "${subscription.friendlyName}" is ${subscription.status}; reservations need an active subscription.`,
    'Choose an active subscription.',
    '800012',
  );
}

/** R6: MCA acceptance must be confirmed before anything is bought. */
export function checkAgreement(customer: Customer): Verdict {
  if (customer.agreement !== 'notConfirmed') return pass('R6_AGREEMENT');
  return refuse(
    'R6_AGREEMENT',
    `${customer.companyName}'s acceptance of the Microsoft Customer Agreement is not confirmed yet, so nothing can be bought for it.`,
    "Confirm the customer's acceptance of the Microsoft Customer Agreement in Partner Center (customer account → Agreement), then try again.",
    '13605',
  );
}

/** R6: a customer that signed the MCA buys under the Azure plan, not a legacy Azure subscription. */
export function checkSubscriptionOffer(customer: Customer, subscription: Subscription): Verdict {
  if (customer.agreement !== 'confirmed' || subscription.kind === 'azurePlan') return pass('R6_AGREEMENT');
  return refuse(
    'R6_AGREEMENT',
    `${customer.companyName} signed the Microsoft Customer Agreement, so reservations are bought under its Azure plan, not the legacy subscription "${subscription.friendlyName}".`,
    "Choose the customer's Azure plan subscription (or add one).",
  );
}

/** R5/R6: an Azure plan can be added on the spot only for a customer whose MCA acceptance is confirmed. */
export function checkCanAddAzurePlan(customer: Customer): Verdict {
  if (customer.agreement === 'confirmed') return pass('R6_AGREEMENT');
  return refuse(
    'R6_AGREEMENT',
    `An Azure plan cannot be added for ${customer.companyName}: the customer has no confirmed acceptance of the Microsoft Customer Agreement.`,
    "Have the customer accept the Microsoft Customer Agreement and confirm it in Partner Center, or reactivate the customer's Azure subscription.",
    '13605',
  );
}

/** The subscriptions offered for a reservation: active, and of the offer the agreement requires (R5, R6). */
export function usableSubscriptions(customer: Customer, subscriptions: Subscription[]): Subscription[] {
  return subscriptions.filter((s) => checkSubscriptionActive(s).ok && checkSubscriptionOffer(customer, s).ok);
}

export const segmentNames: Record<Segment, string> = {
  commercial: 'Commercial',
  education: 'Education',
  government: 'Government',
  nonprofit: 'Nonprofit',
};

/** Partner Center only shows a segment's catalog to customers qualified for it. */
export function checkSegment(customer: Customer, segment: Segment): Verdict {
  if (customer.qualifications.includes(segment)) return pass('SEGMENT');
  return refuse(
    'SEGMENT',
    `${customer.companyName} is not qualified for the ${segmentNames[segment]} segment.`,
    `Choose ${customer.qualifications.map((s) => segmentNames[s]).join(' or ')}, or have the customer's qualification added in Partner Center.`,
  );
}

/** Tenant isolation: an agent only ever acts for its own partner's customers. */
export function checkCustomerBelongsToPartner(customer: Customer | undefined, partnerId: string): Verdict {
  if (customer && customer.partnerId === partnerId) return pass('CUSTOMER_ISOLATION');
  return refuse(
    'CUSTOMER_ISOLATION',
    'That customer is not one of your customers.',
    'Search for the customer by name or domain and pick it from the list.',
  );
}
