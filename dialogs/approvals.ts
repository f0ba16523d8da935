// Four eyes above a threshold (issue 17): what the buyer, the approvers and an admin see and type. Buy on
// a cart above the partner's approval limit sends the request to the approvers where they talk to the
// bot (a proactive card) and tells the buyer it waits; Approve / Reject on that card, "approvals",
// "withdraw" and "approval limit …" work whatever question a conversation waits at. Every decision is
// the ApprovalService's; this file asks and tells.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Agent, ApprovalLimit } from '../src/domain/types';
import type { AlreadyWaiting, ApprovalDecision, ApprovalService, ApprovalView } from '../src/purchase/approvals';
import type { Actor } from '../src/purchase/purchaseService';
import type { Quote } from '../src/purchase/types';
import { allWords, alternatives } from '../src/i18n';
import { renderApprovalCard } from '../cards/render';
import { escapeInlineMarkdown, formatDateTime, formatMinor } from '../cards/format';
import type { Proactive } from './proactive';
import { sayTo, type Say } from './messages';
import { replaceMessage } from './settledCard';
import { sendConfirmation } from './reviewDialog';
import { turnIdentity, turnInput } from './turn';
import type { PurchaseService } from '../src/purchase/purchaseService';

/** Approve / Reject on the approval card; the reason is the card's text box, checked here. */
const ApprovalSubmit = z.object({
  action: z.enum(['approve', 'reject']),
  requestId: z.string().min(1).max(64),
  reason: z.string().max(500).optional(),
});

const anyWord = (key: Parameters<typeof allWords>[0]) => alternatives(allWords(key));
const approvalsPattern = new RegExp(`^(?:${anyWord('approvals')})$`, 'i');
const withdrawPattern = new RegExp(`^(?:${anyWord('withdraw')})$`, 'i');
const limitPattern = new RegExp(`^(?:${anyWord('approvalLimit')})(?:\\s+(.*))?$`, 'i');
const offPattern = new RegExp(`^(?:${anyWord('off')})$`, 'i');
/** "100000 EUR", "100.000,50 eur", "EUR 100000": an amount with at most two decimals and a currency code. */
const amountPattern = /^(?:([A-Za-z]{3})\s*)?(\d{1,3}(?:[.,\s]\d{3})*|\d+)(?:[.,](\d{1,2}))?(?:\s*([A-Za-z]{3}))?$/;

const names = (agents: Agent[]) => agents.map((a) => escapeInlineMarkdown(a.displayName));
const name = (agent: Agent) => escapeInlineMarkdown(agent.displayName);

export class ApprovalDialogs {
  constructor(
    private readonly approvals: ApprovalService,
    private readonly purchases: PurchaseService,
    private readonly proactive: Proactive,
  ) {}

  /**
   * The review's Buy: above the limit, the request is sent and the buyer told ('requested', also when
   * it already waits: then nothing is sent again), or the refusal said ('refused'); below it
   * ('notNeeded') the review checks out as before.
   */
  async askOnBuy(context: TurnContext, buyer: Actor, cartId: string, resellerConfirmed?: string): Promise<'notNeeded' | 'requested' | 'refused'> {
    const say = sayTo(context);
    const asked = await this.approvals.requestIfNeeded(buyer, cartId, resellerConfirmed);
    if (asked.kind === 'notNeeded') return 'notNeeded';
    if (asked.kind === 'refused') {
      await context.sendActivity(say.refusalText(asked.verdict));
      return 'refused';
    }
    if (asked.kind === 'alreadyWaiting') {
      await this.sayAlreadyWaiting(context, asked);
      return 'requested';
    }
    await context.sendActivity(say.approvals.waiting(names(asked.approvers), formatDateTime(asked.request.expiresAt, say.locale)));
    await Promise.all(asked.approvers.map((approver) => this.proactive.toAgent(approver.id, (c) => this.sendCard(c, asked, asked.quote, approver.id))));
    return 'requested';
  }

  /** A Buy clicked on an old review card: true, having said so, when that cart's request still waits. */
  async tellIfWaiting(context: TurnContext, buyer: Actor, cartId: string): Promise<boolean> {
    const waiting = await this.approvals.alreadyWaiting(buyer, cartId);
    if (waiting) await this.sayAlreadyWaiting(context, waiting);
    return waiting !== undefined;
  }

  private async sayAlreadyWaiting(context: TurnContext, waiting: AlreadyWaiting): Promise<void> {
    const say = sayTo(context);
    const [since, expires] = [waiting.request.createdAt, waiting.request.expiresAt].map((at) => formatDateTime(at, say.locale));
    await context.sendActivity(say.approvals.alreadyWaiting(names(waiting.approvers), since!, expires!));
  }

  /** Approval card clicks and commands, whatever the conversation waits for; false when the turn is not about approvals. */
  async handle(context: TurnContext): Promise<boolean> {
    const actor = turnIdentity(context).actor;
    if (!actor) return false;
    const input = turnInput(context);
    const say = sayTo(context);
    if (input.submit) {
      if (input.submit.action !== 'approve' && input.submit.action !== 'reject') return false;
      const submit = ApprovalSubmit.safeParse(input.submit);
      const reason = submit.success ? submit.data.reason?.trim() : undefined;
      if (!submit.success || (submit.data.action === 'reject' && !reason)) {
        await context.sendActivity(say.approvals.reasonNeeded());
        return true;
      }
      const decision = submit.data.action === 'approve' ? await this.approvals.approve(actor, submit.data.requestId) : await this.approvals.reject(actor, submit.data.requestId, reason!);
      await this.tell(context, decision);
      return true;
    }
    const text = input.text.replace(/[.!]+$/, '');
    if (approvalsPattern.test(text)) {
      await this.list(context, actor);
      return true;
    }
    if (withdrawPattern.test(text)) {
      const decision = await this.approvals.withdraw(actor);
      if (decision) await this.tell(context, decision);
      else await context.sendActivity(say.approvals.nothingToWithdraw());
      return true;
    }
    const limit = limitPattern.exec(text);
    if (limit) {
      await this.setLimit(context, actor, (limit[1] ?? '').trim());
      return true;
    }
    return false;
  }

  /** The sweep: expired requests, each told to its buyer and approvers once. */
  async expireDue(): Promise<number> {
    const expired = await this.approvals.expireDue();
    for (const decision of expired) {
      if (decision.kind === 'refused') continue;
      await this.notifyOthers(decision, undefined);
      await this.settleCards(decision);
    }
    return expired.length;
  }

  private async list(context: TurnContext, actor: Actor): Promise<void> {
    const say = sayTo(context);
    const { toDecide, mine } = await this.approvals.waiting(actor);
    const line = (v: ApprovalView) =>
      say.approvals.listLine(name(v.buyer.agent), escapeInlineMarkdown(v.customerName), formatMinor(v.request.totalMinor, v.request.currency, say.locale), formatDateTime(v.request.expiresAt, say.locale));
    await context.sendActivity(say.approvals.list(toDecide.map(line), mine.map(line)));
    // The approval cards of what waits, to decide from here too.
    for (const view of toDecide) {
      const review = await this.approvals.review(actor, view.request.id);
      if (review.kind === 'open') await this.sendCard(context, view, review.quote, actor.agent.id);
    }
  }

  private async setLimit(context: TurnContext, actor: Actor, argument: string): Promise<void> {
    const say = sayTo(context);
    if (argument === '') {
      const current = await this.approvals.limit(actor);
      await context.sendActivity(current ? say.approvals.limitIs(formatMinor(current.amountMinor, current.currency, say.locale)) : say.approvals.noLimit());
      return;
    }
    const limit = offPattern.test(argument) ? null : parseLimit(argument);
    if (limit === undefined) {
      await context.sendActivity(say.approvals.limitNotUnderstood());
      return;
    }
    const verdict = await this.approvals.setLimit(actor, limit);
    if (!verdict.ok) await context.sendActivity(say.refusalText(verdict));
    else await context.sendActivity(limit ? say.approvals.limitSet(formatMinor(limit.amountMinor, limit.currency, say.locale)) : say.approvals.limitOff());
  }

  /** The approval card, in `approverId`'s conversation; where it went is kept, for the decision to replace it. */
  private async sendCard(context: TurnContext, view: ApprovalView, quote: Quote, approverId: string): Promise<void> {
    const say = sayTo(context);
    const total = formatMinor(view.request.totalMinor, view.request.currency, say.locale);
    const sent = await context.sendActivity({
      text: say.approvals.requested(name(view.buyer.agent), escapeInlineMarkdown(view.customerName), total),
      attachments: [renderApprovalCard({ quote, requestId: view.request.id, buyerName: view.buyer.agent.displayName, expires: formatDateTime(view.request.expiresAt, say.locale), locale: say.locale })],
    });
    if (sent?.id) await this.approvals.cardSent(view.request.id, approverId, context.activity.conversation.id, sent.id);
  }

  /**
   * Every approval card of the decided request becomes its one-line outcome where its channel can replace
   * it: the card in this turn's conversation (`context`) now, the others unasked. Elsewhere the cards stay
   * and a later click is told the request no longer waits.
   */
  private async settleCards(decision: Exclude<ApprovalDecision, { kind: 'refused' }>, context?: TurnContext): Promise<void> {
    for (const card of await this.approvals.cards(decision.request.id)) {
      const settle = async (c: TurnContext) => void (await replaceMessage(c, card.activityId, outcomeLine(c, decision, card.agentId)));
      if (context && card.conversationId === context.activity.conversation.id) await settle(context);
      else await this.proactive.toConversation(card.conversationId, settle);
    }
  }

  /** Says the decision in this turn, and tells the others proactively. */
  private async tell(context: TurnContext, decision: ApprovalDecision): Promise<void> {
    const say = sayTo(context);
    if (decision.kind === 'refused') {
      await context.sendActivity(say.refusalText(decision.verdict));
      return;
    }
    const actorId = turnIdentity(context).actor?.agent.id;
    const isBuyer = actorId === decision.buyer.agent.id;
    await this.say(context, decision, isBuyer);
    await this.notifyOthers(decision, actorId);
    await this.settleCards(decision, context);
  }

  /** The buyer's conversation and every approver's, except the one of `exceptAgentId` (told in their own turn). */
  private async notifyOthers(decision: Exclude<ApprovalDecision, { kind: 'refused' }>, exceptAgentId: string | undefined): Promise<void> {
    if (decision.buyer.agent.id !== exceptAgentId) await this.proactive.toConversation(decision.request.buyerConversationId, (c) => this.say(c, decision, true));
    // Approvers hear how a request ended that they did not decide: withdrawn or expired.
    if (decision.kind === 'withdrawn' || decision.kind === 'expired') {
      for (const approver of await this.approvals.approvers(decision)) {
        if (approver.id !== exceptAgentId) await this.proactive.toAgent(approver.id, (c) => this.say(c, decision, false));
      }
    }
  }

  /** The decision as the buyer (`toBuyer`) or an approver reads it. */
  private async say(context: TurnContext, d: Exclude<ApprovalDecision, { kind: 'refused' }>, toBuyer: boolean): Promise<void> {
    const say: Say = sayTo(context);
    const t = say.approvals;
    const customer = escapeInlineMarkdown(d.customerName);
    const buyer = name(d.buyer.agent);
    switch (d.kind) {
      case 'ordered': {
        if (!toBuyer) {
          await context.sendActivity(t.approvedApprover(buyer, customer, d.result.orders.map((o) => o.id).join(', ')));
          return;
        }
        await context.sendActivity(t.approvedBuyer(name(d.approver), customer));
        await sendConfirmation(context, d.result, d.customerName, await this.purchases.orderNames(d.buyer, d.result.orders));
        return;
      }
      case 'rejected':
        await context.sendActivity(toBuyer ? t.rejectedBuyer(name(d.approver), customer, escapeInlineMarkdown(d.request.reason ?? '')) : t.rejectedApprover(buyer, customer));
        return;
      case 'priceChanged': {
        const [before, after] = [formatMinor(d.before.minor, d.before.currency, say.locale), formatMinor(d.after.minor, d.after.currency, say.locale)];
        await context.sendActivity(toBuyer ? t.priceChangedBuyer(name(d.approver), customer, before, after) : t.priceChangedApprover(buyer, before, after));
        return;
      }
      case 'failed':
        await context.sendActivity(`${t.failed(customer)}\n\n${say.refusalText(d.verdict)}`);
        return;
      case 'expired':
        await context.sendActivity(toBuyer ? t.expiredBuyer(customer) : t.expiredApprover(buyer, customer));
        return;
      case 'withdrawn':
        await context.sendActivity(toBuyer ? t.withdrawnBuyer(customer) : t.withdrawnApprover(buyer, customer));
    }
  }
}

/** How a decided request's approval card reads once settled, in the card's conversation; `cardAgentId`: whose card it is. */
function outcomeLine(context: TurnContext, d: Exclude<ApprovalDecision, { kind: 'refused' }>, cardAgentId: string): string {
  const t = sayTo(context).approvals;
  const [buyer, customer] = [name(d.buyer.agent), escapeInlineMarkdown(d.customerName)];
  const by = (approver: Agent) => (approver.id === cardAgentId ? t.you() : name(approver));
  switch (d.kind) {
    case 'ordered':
      return t.settledApproved(by(d.approver), buyer, customer, d.result.orders.map((o) => o.id).join(', '));
    case 'rejected':
      return t.settledRejected(by(d.approver), buyer, customer, escapeInlineMarkdown(d.request.reason ?? ''));
    case 'priceChanged':
      return t.settledPriceChanged(by(d.approver), buyer, customer);
    case 'failed':
      return t.settledFailed(by(d.approver), buyer, customer, d.uncertain);
    case 'withdrawn':
      return t.settledWithdrawn(buyer, customer);
    case 'expired':
      return t.settledExpired(buyer, customer);
  }
}

/** "100000 EUR" as 10,000,000 cents of EUR; undefined when it is not an amount with a currency. */
export function parseLimit(text: string): ApprovalLimit | undefined {
  const m = amountPattern.exec(text.trim());
  const currency = (m?.[1] ?? m?.[4])?.toUpperCase();
  if (!m || !currency || (m[1] && m[4])) return undefined;
  const whole = Number(m[2]!.replace(/[.,\s]/g, ''));
  const cents = Number((m[3] ?? '0').padEnd(2, '0'));
  const amountMinor = whole * 100 + cents;
  return Number.isSafeInteger(amountMinor) ? { amountMinor, currency } : undefined;
}
