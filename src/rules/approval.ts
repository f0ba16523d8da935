// Four eyes above a threshold (issue 17): a partner may set an amount above which a purchase needs a
// second agent's approval, given by an Admin agent or Global admin of the same partner other than the
// buyer. Pure functions returning verdicts; the purchase service asks them and keeps the requests.
import { ruleText, type Agent, type ApprovalLimit, type ApprovalRequest, type Role, type Verdict } from '../domain/types';
import { pass, refuseWith } from './verdict';

/** Who may approve a purchase, and set the partner's approval limit. */
export const approverRoles: readonly Role[] = ['AdminAgent', 'GlobalAdmin'];

/**
 * Passes when the cart's total may be bought without approval: no limit, or a total at most the limit
 * in the limit's currency. A total in another currency cannot be compared without an exchange rate the
 * bot does not have, so it needs approval too: a limit is never bypassed by a currency.
 */
export function checkApprovalNeeded(limit: ApprovalLimit | undefined, total: { minor: number; currency: string }): Verdict {
  if (!limit) return pass('APPROVAL');
  if (total.currency === limit.currency && total.minor <= limit.amountMinor) return pass('APPROVAL');
  return refuseWith('APPROVAL', ruleText('approvalNeeded'));
}

/** May `approver` decide this request: an Admin agent or Global admin of the buyer's partner, not the buyer. */
export function checkMayApprove(approver: Agent, request: Pick<ApprovalRequest, 'partnerId' | 'buyerAgentId'>): Verdict {
  if (approver.partnerId !== request.partnerId) return refuseWith('APPROVAL', ruleText('notYourApproval'));
  if (!approverRoles.includes(approver.role)) return refuseWith('APPROVAL', ruleText('approverRole', { role: approver.role }));
  if (approver.id === request.buyerAgentId) return refuseWith('APPROVAL', ruleText('approverIsBuyer'));
  return pass('APPROVAL');
}

/** May `agent` set or remove the partner's approval limit: an Admin agent or Global admin. */
export function checkMaySetApprovalLimit(agent: Agent): Verdict {
  return approverRoles.includes(agent.role) ? pass('APPROVAL') : refuseWith('APPROVAL', ruleText('approvalLimitRole', { role: agent.role }));
}

/** Is the request still waiting for a decision at `now` (ISO)? */
export function checkApprovalOpen(request: Pick<ApprovalRequest, 'state' | 'expiresAt'>, now: string): Verdict {
  if (request.state !== 'pending') return refuseWith('APPROVAL', ruleText('approvalClosed', { state: request.state }));
  if (request.expiresAt <= now) return refuseWith('APPROVAL', ruleText('approvalExpired'));
  return pass('APPROVAL');
}

/**
 * Passes when no request of the cart waits at `now`: a second Buy on a cart that waits must not send the
 * approvers its card again (an expired one no longer waits: a new request may replace it).
 */
export function checkNotAlreadyWaiting(waiting: Pick<ApprovalRequest, 'state' | 'expiresAt'> | undefined, now: string): Verdict {
  return waiting && checkApprovalOpen(waiting, now).ok ? refuseWith('APPROVAL', ruleText('approvalAlreadyWaiting')) : pass('APPROVAL');
}

/** The partner's agents who may approve a request of `buyer`: at least one is needed before a request is sent. */
export function approversOf(agents: Agent[], buyer: Agent): Agent[] {
  return agents.filter((a) => checkMayApprove(a, { partnerId: buyer.partnerId, buyerAgentId: buyer.id }).ok);
}

/** Passes when someone can approve: a request nobody may decide would only wait until it expires. */
export function checkHasApprover(approvers: Agent[]): Verdict {
  return approvers.length ? pass('APPROVAL') : refuseWith('APPROVAL', ruleText('noApprover'));
}
