// Four eyes above a threshold (issue 17, point 2): a Buy above the partner's approval limit becomes an
// approval request; an Admin agent or Global admin of the partner other than the buyer approves it (the
// order is then placed once, through the same checkout, every rule and the price checked again) or
// rejects it with a reason; the buyer may withdraw it; it expires. Every change of state is one
// conditional write with its audit event, so two approvers at once make one decision and one order.
import { randomUUID } from 'node:crypto';
import type { Agent, ApprovalLimit, ApprovalRequest, Verdict } from '../domain/types';
import type { ApprovalCard, BotStore } from '../store/botStore';
import type { AuditEvent } from '../store/audit';
import { approversOf, checkApprovalNeeded, checkApprovalOpen, checkHasApprover, checkMayApprove, checkMaySetApprovalLimit, checkNotAlreadyWaiting } from '../rules/approval';
import { firstRefusal, type Refusal } from '../rules/verdict';
import type { Actor, PurchaseService } from './purchaseService';
import type { CheckoutResult, Money, Quote } from './types';

/** How long a request waits for a decision unless configured (APPROVAL_EXPIRY_HOURS). */
export const defaultApprovalExpiryMs = 24 * 60 * 60 * 1000;

/** A request with the people and names its messages need. */
export interface ApprovalView {
  request: ApprovalRequest;
  buyer: Actor;
  customerName: string;
}

export type ApprovalAsked =
  | { kind: 'notNeeded' }
  | { kind: 'refused'; verdict: Refusal }
  /** Sent; the approvers to tell. */
  | ({ kind: 'requested'; approvers: Agent[]; quote: Quote } & ApprovalView)
  | AlreadyWaiting;

/** A second Buy on a cart whose request still waits: nothing is sent again. */
export type AlreadyWaiting = { kind: 'alreadyWaiting'; verdict: Refusal; approvers: Agent[] } & ApprovalView;

export type ApprovalDecision =
  | { kind: 'refused'; verdict: Refusal }
  | ({ kind: 'ordered'; result: CheckoutResult; approver: Agent } & ApprovalView)
  | ({ kind: 'priceChanged'; before: Money; after: Money; approver: Agent } & ApprovalView)
  | ({ kind: 'failed'; verdict: Refusal; uncertain: boolean; approver: Agent } & ApprovalView)
  | ({ kind: 'rejected'; approver: Agent } & ApprovalView)
  | ({ kind: 'withdrawn' | 'expired' } & ApprovalView);

export class ApprovalService {
  constructor(
    private readonly store: BotStore,
    private readonly purchases: PurchaseService,
    private readonly clock: () => Date = () => new Date(),
    private readonly expiresAfterMs = defaultApprovalExpiryMs,
  ) {}

  limit(actor: Actor): Promise<ApprovalLimit | undefined> {
    return Promise.resolve(this.store.approvals.limit(actor.partner.id));
  }

  /** Sets (or, with null, removes) the actor's partner's approval limit. */
  async setLimit(actor: Actor, limit: ApprovalLimit | null): Promise<Verdict> {
    const verdict = checkMaySetApprovalLimit(actor.agent);
    const event = this.event(actor, verdict.ok ? 'approval.limitSet' : 'approval.limitSet.refused', { detail: { limit, code: verdict.code } });
    if (!verdict.ok) await this.store.audit.append(event, this.now());
    else await this.store.approvals.setLimit(actor.partner.id, limit, actor.agent.id, this.now(), event);
    return verdict;
  }

  /**
   * The buyer clicked Buy: the cart's total, quoted now, above the limit becomes a request (one per
   * cart while it waits: a second Buy finds the first and sends nothing; one past its expiry is expired
   * and replaced).
   */
  async requestIfNeeded(buyer: Actor, cartId: string, resellerConfirmed?: string | null): Promise<ApprovalAsked> {
    // Without a limit nothing needs approving, whatever the total: the checkout quotes the cart itself.
    const limit = await this.store.approvals.limit(buyer.partner.id);
    if (!limit) return { kind: 'notNeeded' };
    const quote = await this.purchases.quote(buyer, cartId);
    if (!quote.ok) return { kind: 'refused', verdict: quote.verdict };
    if (checkApprovalNeeded(limit, quote.value.total).ok) return { kind: 'notNeeded' };
    const approvers = approversOf(await this.store.directory.agents(), buyer.agent);
    const noApprover = firstRefusal([checkHasApprover(approvers)]);
    if (noApprover) {
      await this.store.audit.append(this.event(buyer, 'approval.request.refused', { cartId, code: noApprover.code }), this.now());
      return { kind: 'refused', verdict: noApprover };
    }
    const pending = await this.pendingOfCart(buyer, cartId);
    if (pending?.verdict.ok === false) return { kind: 'alreadyWaiting', verdict: pending.verdict, approvers, ...pending.view };
    // Past its expiry and not swept yet: expired now, so that the new request takes its place.
    if (pending) await this.expireIfDue(buyer, pending.view);
    const now = this.clock();
    const id = randomUUID();
    const request = await this.store.approvals.create(
      {
        id,
        // The cart's n-th request: a Buy delivered twice finds the same key.
        idempotencyKey: `${cartId}:${(await this.store.approvals.countForCart(cartId)) + 1}`,
        cartId,
        partnerId: buyer.partner.id,
        customerId: quote.value.customer.id,
        buyerAgentId: buyer.agent.id,
        buyerConversationId: buyer.conversationId,
        totalMinor: quote.value.total.minor,
        currency: quote.value.total.currency,
        unitPrices: unitPrices(quote.value),
        resellerConfirmed: resellerConfirmed ?? null,
        createdAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + this.expiresAfterMs).toISOString(),
      },
      this.event(buyer, 'approval.requested', {
        cartId,
        customerId: quote.value.customer.id,
        detail: { approvalId: id, totalMinor: quote.value.total.minor, currency: quote.value.total.currency, approvers: approvers.map((a) => a.id) },
      }),
    );
    return { kind: 'requested', approvers, quote: quote.value, request, buyer, customerName: quote.value.customer.companyName };
  }

  /** What the approver reviews: the cart as the buyer's review shows it now (read-only). */
  async review(approver: Actor, id: string): Promise<{ kind: 'open'; view: ApprovalView; quote: Quote } | ApprovalDecision> {
    const found = await this.decidable(approver, id);
    if (found.kind !== 'open') return found;
    const quote = await this.purchases.quote(found.view.buyer, found.view.request.cartId);
    return quote.ok ? { kind: 'open', view: found.view, quote: quote.value } : { kind: 'refused', verdict: quote.verdict };
  }

  /**
   * Approves and places the order, once: the request moves from waiting to approved before the
   * checkout (a second approver finds it decided), and the checkout runs as the buyer, every rule
   * checked again. A total that changed since the buyer's Buy is not bought: it goes back to the buyer.
   */
  async approve(approver: Actor, id: string): Promise<ApprovalDecision> {
    const found = await this.decidable(approver, id);
    if (found.kind !== 'open') return found;
    const { view } = found;
    const { request, buyer } = view;
    const quote = await this.purchases.quote(buyer, request.cartId);
    if (!quote.ok) return this.fail(approver, view, quote.verdict, false);
    const before = { minor: request.totalMinor, currency: request.currency };
    if (JSON.stringify(unitPrices(quote.value)) !== JSON.stringify(request.unitPrices) || quote.value.total.minor !== before.minor || quote.value.total.currency !== before.currency) {
      const after = quote.value.total;
      const changed = await this.change(approver, view, 'priceChanged', { decidedBy: approver.agent.id }, { before, after });
      return changed ?? { kind: 'priceChanged', before, after, approver: approver.agent, ...view };
    }
    const decided = await this.change(approver, view, 'approved', { decidedBy: approver.agent.id });
    if (decided) return decided;
    const result = await this.purchases.checkout(buyer, request.cartId, request.resellerConfirmed, request.id);
    if (!result.ok) return this.fail(approver, { ...view, request: { ...request, state: 'approved' } }, result.verdict, 'uncertain' in result);
    const orderIds = result.value.orders.map((o) => o.id);
    await this.store.approvals.change(request.id, 'approved', { state: 'approved', orderIds }, this.now(), this.event(approver, 'approval.ordered', { cartId: request.cartId, customerId: request.customerId, detail: { approvalId: request.id, orders: orderIds } }));
    return { kind: 'ordered', result: result.value, approver: approver.agent, ...view };
  }

  async reject(approver: Actor, id: string, reason: string): Promise<ApprovalDecision> {
    const found = await this.decidable(approver, id);
    if (found.kind !== 'open') return found;
    const decided = { decidedBy: approver.agent.id, reason };
    const refused = await this.change(approver, found.view, 'rejected', decided);
    return refused ?? { kind: 'rejected', approver: approver.agent, ...found.view, request: { ...found.view.request, state: 'rejected', ...decided } };
  }

  /** The buyer withdraws their request (the latest one waiting when no id is given). */
  async withdraw(buyer: Actor, id?: string): Promise<ApprovalDecision | undefined> {
    const request = id ? await this.store.approvals.get(id) : (await this.mine(buyer)).at(-1);
    if (!request || request.buyerAgentId !== buyer.agent.id) return undefined;
    const view = await this.view(request);
    const expired = await this.expireIfDue(buyer, view);
    if (expired) return expired;
    const open = checkApprovalOpen(request, this.now());
    if (!open.ok) return { kind: 'refused', verdict: open };
    return (await this.change(buyer, view, 'withdrawn', {})) ?? { kind: 'withdrawn', ...view };
  }

  /** The sweep: every waiting request past its expiry, expired now (each once, whoever sweeps). */
  async expireDue(): Promise<ApprovalDecision[]> {
    const expired: ApprovalDecision[] = [];
    for (const request of await this.store.approvals.due(this.now())) {
      const view = await this.view(request);
      const decision = await this.expireIfDue(view.buyer, view);
      if (decision?.kind === 'expired') expired.push(decision);
    }
    return expired;
  }

  /** What waits for the actor's decision, and what the actor waits for. */
  async waiting(actor: Actor): Promise<{ toDecide: ApprovalView[]; mine: ApprovalView[] }> {
    const now = this.now();
    const pending = (await this.store.approvals.ofPartner(actor.partner.id, 'pending')).filter((r) => r.expiresAt > now);
    const toDecide = pending.filter((r) => checkMayApprove(actor.agent, r).ok);
    const mine = pending.filter((r) => r.buyerAgentId === actor.agent.id);
    return { toDecide: await Promise.all(toDecide.map((r) => this.view(r))), mine: await Promise.all(mine.map((r) => this.view(r))) };
  }

  /** The cart's request, when it still waits for a decision (a Buy clicked again on an old review card). */
  async alreadyWaiting(buyer: Actor, cartId: string): Promise<AlreadyWaiting | undefined> {
    const pending = await this.pendingOfCart(buyer, cartId);
    if (pending?.verdict.ok !== false) return undefined;
    return { kind: 'alreadyWaiting', verdict: pending.verdict, approvers: await this.approvers(pending.view), ...pending.view };
  }

  /** Keeps where an approval card of the request was sent: its decision replaces it with the outcome. */
  async cardSent(requestId: string, approverId: string, conversationId: string, activityId: string): Promise<void> {
    await this.store.approvals.addCard({ approvalId: requestId, agentId: approverId, conversationId, activityId, sentAt: this.now() });
  }

  /** Where the request's approval cards were sent. */
  cards(requestId: string): Promise<ApprovalCard[]> {
    return Promise.resolve(this.store.approvals.cards(requestId));
  }

  /** Who may decide this request (to tell them how it ended). */
  async approvers(view: ApprovalView): Promise<Agent[]> {
    return approversOf(await this.store.directory.agents(), view.buyer.agent);
  }

  /** The buyer's pending request of the cart, with the verdict on a second one (refused while it has not expired). */
  private async pendingOfCart(buyer: Actor, cartId: string): Promise<{ view: ApprovalView; verdict: Verdict } | undefined> {
    const pending = (await this.mine(buyer)).find((r) => r.cartId === cartId);
    return pending && { view: await this.view(pending), verdict: checkNotAlreadyWaiting(pending, this.now()) };
  }

  private async mine(buyer: Actor): Promise<ApprovalRequest[]> {
    return (await this.store.approvals.ofPartner(buyer.partner.id, 'pending')).filter((r) => r.buyerAgentId === buyer.agent.id);
  }

  /** The request, when this approver may decide it and it still waits (expiring it, when due). */
  private async decidable(approver: Actor, id: string): Promise<{ kind: 'open'; view: ApprovalView } | ApprovalDecision> {
    const request = await this.store.approvals.get(id);
    const may = request ? checkMayApprove(approver.agent, request) : checkMayApprove(approver.agent, { partnerId: '', buyerAgentId: '' });
    if (!may.ok || !request) return this.refuse(approver, id, may as Refusal);
    const view = await this.view(request);
    const expired = await this.expireIfDue(approver, view);
    if (expired) return expired;
    const open = checkApprovalOpen(request, this.now());
    if (!open.ok) return this.refuse(approver, id, open);
    return { kind: 'open', view };
  }

  private async expireIfDue(actor: Actor, view: ApprovalView): Promise<ApprovalDecision | undefined> {
    const { request } = view;
    if (request.state !== 'pending' || request.expiresAt > this.now()) return undefined;
    return (await this.change(actor, view, 'expired', {})) ?? { kind: 'expired', ...view };
  }

  /**
   * Moves a waiting request to `state`, with its audit event; undefined when it moved, or the refusal
   * saying how it was decided when someone else moved it first.
   */
  private async change(
    actor: Actor,
    view: ApprovalView,
    state: 'approved' | 'rejected' | 'withdrawn' | 'expired' | 'priceChanged',
    fields: { decidedBy?: string; reason?: string },
    detail: Record<string, unknown> = {},
  ): Promise<ApprovalDecision | undefined> {
    const { request } = view;
    const event = this.event(actor, `approval.${state}`, { cartId: request.cartId, customerId: request.customerId, detail: { approvalId: request.id, ...fields, ...detail } });
    if (await this.store.approvals.change(request.id, 'pending', { state, ...fields }, this.now(), event)) return undefined;
    const now = (await this.store.approvals.get(request.id))!;
    return this.refuse(actor, request.id, checkApprovalOpen(now, this.now()) as Refusal);
  }

  private async fail(approver: Actor, view: ApprovalView, verdict: Refusal, uncertain: boolean): Promise<ApprovalDecision> {
    const { request } = view;
    const event = this.event(approver, 'approval.failed', { cartId: request.cartId, customerId: request.customerId, code: verdict.code, detail: { approvalId: request.id, uncertain } });
    // An unclear checkout stays approved: its orders may still appear under the cart's request id (R15).
    if (!uncertain) await this.store.approvals.change(request.id, request.state, { state: 'failed', decidedBy: approver.agent.id }, this.now(), event);
    else await this.store.audit.append(event, this.now());
    return { kind: 'failed', verdict, uncertain, approver: approver.agent, ...view };
  }

  private async refuse(actor: Actor, id: string, verdict: Refusal): Promise<ApprovalDecision> {
    await this.store.audit.append(this.event(actor, 'approval.refused', { code: verdict.code, detail: { approvalId: String(id).slice(0, 100), rule: verdict.text.key } }), this.now());
    return { kind: 'refused', verdict };
  }

  private async view(request: ApprovalRequest): Promise<ApprovalView> {
    const found = await this.store.directory.agentAndPartnerByUserId(request.buyerAgentId);
    if (!found) throw new Error(`approval ${request.id}: its buyer is not in the directory`);
    const buyer = { ...found, conversationId: request.buyerConversationId };
    const customer = await this.purchases.customer(buyer, request.customerId).catch(() => undefined);
    return { request, buyer, customerName: customer?.companyName ?? '' };
  }

  private event(actor: Actor, type: string, e: Omit<AuditEvent, 'type'>): AuditEvent {
    return { type, agentId: actor.agent.id, partnerId: actor.partner.id, conversationId: actor.conversationId, ...e };
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

/** What a price check compares: each line's unit price and quantity as quoted. */
function unitPrices(quote: Quote): ApprovalRequest['unitPrices'] {
  return quote.lines.map((l) => ({ lineId: l.lineId, catalogItemId: l.catalogItemId, quantity: l.quantity, unitPriceMinor: l.unitPrice.minor }));
}
