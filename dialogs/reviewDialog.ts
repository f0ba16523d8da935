// The cart's last questions: "add another item, or review the cart?", then the review card, where the
// agent changes quantities, billing, scope and reseller until Buy. Every change shows the review again
// (a total is never bought unseen); Buy checks out and confirms the orders.
import type { TurnContext } from 'botbuilder';
import { WaterfallDialog } from './sdk';
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { Actor, PurchaseService, ReviewChanges } from '../src/purchase/purchaseService';
import type { CheckoutResult } from '../src/purchase/types';
import { BillingCycle, Scope } from '../src/domain/types';
import { allWords, alternatives } from '../src/i18n';
import { renderConfirmationCard, renderReviewCard, type OrderNames } from '../cards/render';
import { AnswerPrompt, BACK, isBack, matchChoice, promptChoice, promptWithCard, recogniseChoice, type Recogniser } from './answerPrompt';
import { actorOf, markOrdersConfirmed } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const REVIEW_DIALOG = 'reviewDialog';
const NEXT_PROMPT = 'addAnotherOrReviewPrompt';
const REVIEW_PROMPT = 'reviewPrompt';

export interface ReviewOptions {
  cartId: string;
  customerId: string;
  /** Ask "add another item, or review the cart?" first (after a line was added; "back" at the review). */
  askNext: boolean;
  /** The reseller the agent chose or kept on the review (a card's input, or typed): what a typed "buy" confirms (R9). */
  resellerConfirmed?: string;
}

/** The review ended for another item ("add another", "add item"); "back" at the first question ends it with BACK. */
export const ADD_ANOTHER = 'another';

interface ReviewData {
  resellers: { value: string; title: string }[];
}

type ReviewAnswer =
  | { kind: 'buy' | 'update'; changes: ReviewChanges }
  | { kind: 'addItem' }
  | { kind: 'remove'; lineId: number };

/** Four eyes (dialogs/approvals.ts): a Buy above the partner's approval limit is sent for approval instead. */
export interface BuyApproval {
  askOnBuy(context: TurnContext, buyer: Actor, cartId: string, resellerConfirmed?: string): Promise<'notNeeded' | 'requested' | 'refused'>;
}

export class ReviewDialog extends WaterfallDialog<ReviewOptions> {
  private readonly dependencies = [new AnswerPrompt(NEXT_PROMPT, recogniseChoice, 'next'), new AnswerPrompt(REVIEW_PROMPT, recogniseReview, 'review')];

  constructor(
    private readonly service: PurchaseService,
    private readonly approval?: BuyApproval,
  ) {
    super(REVIEW_DIALOG);
    this.addStep(this.askNextStep.bind(this));
    this.addStep(this.reviewStep.bind(this));
    this.addStep(this.answeredStep.bind(this));
  }

  getDependencies(): Dialog[] {
    return this.dependencies;
  }

  private async askNextStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    if (!step.options.askNext) return step.next('review');
    const say = sayTo(step.context);
    return promptChoice(step, NEXT_PROMPT, say.askNext(), 'next', [
      { value: ADD_ANOTHER, title: say.addAnother(), synonyms: allWords('addAnother') },
      { value: 'review', title: say.reviewCart(), synonyms: allWords('review') },
    ]);
  }

  private async reviewStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    if (isBack(step.result)) return step.endDialog(BACK);
    const say = sayTo(step.context);
    await settleCard(step.context, 'next', say.chose(step.result === ADD_ANOTHER ? say.addAnother() : say.reviewCart()));
    if (step.result === ADD_ANOTHER) return step.endDialog(ADD_ANOTHER);
    // Asked again ("help", "orders"), this question is the review, not "add another or review?".
    step.options.askNext = false;
    const actor = actorOf(step.context);
    const quote = await this.service.quote(actor, step.options.cartId);
    if (!quote.ok) {
      await step.context.sendActivity(say.refusalText(quote.verdict));
      return step.cancelAllDialogs();
    }
    this.service.prepareCheckout(actor, quote.value);
    return promptWithCard<ReviewData>(
      step,
      REVIEW_PROMPT,
      (nonce) => renderReviewCard({ quote: quote.value, nonce, locale: say.locale }),
      { resellers: quote.value.resellers.map((r) => ({ value: r.mpnId, title: r.name })) },
      say.askReview(),
    );
  }

  private async answeredStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    const review = step.options;
    if (isBack(step.result)) return step.replaceDialog(REVIEW_DIALOG, { ...review, askNext: true });
    const say = sayTo(step.context);
    const actor = actorOf(step.context);
    const answer = step.result as ReviewAnswer;
    // Bought in a turn whose answer never arrived (the process was killed, the state not saved): say so.
    const bought = await this.service.ordersForCart(actor, review.cartId);
    if (bought?.ok) return this.confirm(step, bought.value);
    if (answer.kind === 'addItem') {
      await settleCard(step.context, 'review', say.chose(say.addAnother()));
      return step.endDialog(ADD_ANOTHER);
    }
    const reviewAgain = () => step.replaceDialog(REVIEW_DIALOG, { ...review, askNext: false });
    // A review whose cart changed becomes a line without Buy: only the new review below can buy.
    const changed = () => settleCard(step.context, 'review', say.reviewChanged(), false);
    if (answer.kind === 'remove') {
      const removed = await this.service.removeLine(actor, review.cartId, answer.lineId);
      if (!removed.ok) await step.context.sendActivity(say.refusalText(removed.verdict));
      else await changed();
      return reviewAgain();
    }
    const applied = await this.service.applyReview(actor, review.cartId, answer.changes);
    if (applied.changed) await changed();
    for (const refusal of applied.refusals) await step.context.sendActivity(say.refusalText(refusal));
    const named = answer.changes.resellerMpnId;
    if (named !== undefined && !applied.refusals.some((r) => r.code === 'R9_RESELLER')) review.resellerConfirmed = named ?? undefined;
    if (answer.kind === 'update' || applied.changed || applied.refusals.length) {
      // Never buy a total the agent has not seen: any change shows the review again before Buy.
      if (answer.kind === 'buy' && applied.changed) await step.context.sendActivity(say.reviewChangedBeforeBuy());
      else if (!applied.refusals.length) await step.context.sendActivity(say.reviewUpdated());
      return reviewAgain();
    }
    const asked = await this.approval?.askOnBuy(step.context, actor, review.cartId, review.resellerConfirmed);
    if (asked === 'requested') return step.endDialog();
    if (asked === 'refused') return reviewAgain();
    const result = await this.service.checkout(actor, review.cartId, review.resellerConfirmed);
    if (!result.ok) {
      await step.context.sendActivity(say.refusalText(result.verdict));
      // Not confirmed either way (R15): no Buy to click again; the bot looks it up in the background and tells the agent here.
      return 'uncertain' in result ? step.cancelAllDialogs() : reviewAgain();
    }
    return this.confirm(step, result.value);
  }

  private async confirm(step: WaterfallStepContext<ReviewOptions>, result: CheckoutResult): Promise<DialogTurnResult> {
    // Marked first: if anything fails from here on, the turn's error message still names the orders.
    markOrdersConfirmed(step.context, result.orders.map((o) => o.id));
    const customer = await this.service.customer(actorOf(step.context), step.options.customerId);
    // The review's Buy must not stay live above the confirmation; where it cannot change, the confirmation says it all.
    const lines = result.orders.reduce((n, o) => n + o.lineItems.length, 0);
    await settleCard(step.context, 'review', sayTo(step.context).reviewBought(lines, customer.companyName), false);
    await sendConfirmation(step.context, result, customer.companyName, await this.service.orderNames(actorOf(step.context), result.orders));
    return step.endDialog(result.orders.map((o) => o.id));
  }
}

/** The orders a checkout placed (or had placed before: a Buy clicked again), on the confirmation card. */
export async function sendConfirmation(context: TurnContext, result: CheckoutResult, customerName: string, names: OrderNames): Promise<void> {
  const say = sayTo(context);
  // A new order is said by the card's heading alone; a replayed cart is told so above it.
  const text = [
    result.replayed ? say.alreadyBought() : undefined,
    result.failures?.length ? say.checkoutRecovered(result.failures, result.attempts ?? 1, result.foundByLookup ?? false) : undefined,
  ].filter(Boolean).join('\n\n');
  await context.sendActivity({ text, attachments: [renderConfirmationCard({ result, customerName, names, locale: say.locale })] });
}

/** The review card's own inputs; qty_<line> and billing_<line> are read separately. */
const ReviewSubmit = z.object({
  action: z.enum(['buy', 'update', 'addItem']),
  scope: Scope.optional(),
  reseller: z.string().max(40).optional(),
});

/** The review card's Buy/Update/Add (with its inputs), or a typed change or command. */
const recogniseReview: Recogniser<ReviewAnswer, ReviewData> = async (context, input, data) => {
  if (input.submit) {
    const parsed = ReviewSubmit.safeParse(input.submit);
    if (parsed.success) {
      if (parsed.data.action === 'addItem') return { ok: true, value: { kind: 'addItem' } };
      return { ok: true, value: { kind: parsed.data.action, changes: reviewChangesFromCard(input.submit, parsed.data) } };
    }
  } else {
    const typed = parseTypedReview(input.text, data);
    if (typed) return { ok: true, value: typed };
  }
  await context.sendActivity(sayTo(context).reviewNotUnderstood());
  return { ok: false };
};

function reviewChangesFromCard(submit: Record<string, unknown>, parsed: z.infer<typeof ReviewSubmit>): ReviewChanges {
  const quantities: Record<number, unknown> = {};
  const billingCycles: Record<number, BillingCycle> = {};
  for (const [key, value] of Object.entries(submit)) {
    const qty = /^qty_(\d{1,4})$/.exec(key);
    if (qty) quantities[Number(qty[1])] = value;
    const billing = /^billing_(\d{1,4})$/.exec(key);
    const cycle = BillingCycle.safeParse(value);
    if (billing && cycle.success) billingCycles[Number(billing[1])] = cycle.data;
  }
  return {
    quantities,
    billingCycles,
    ...(parsed.scope ? { scope: parsed.scope } : {}),
    // Sent empty when the agent cleared it: an empty reseller never buys (R9).
    ...(parsed.reseller !== undefined ? { resellerMpnId: parsed.reseller } : {}),
  };
}

// What an agent may type on the review, in every catalogue's language whatever the locale (src/i18n).
const anyWord = (key: Parameters<typeof allWords>[0]) => alternatives(allWords(key));
const line = `(?:(?:${anyWord('line')})\\s+)?`;
const reviewPatterns = {
  quantity: new RegExp(`^(?:${anyWord('quantity')})\\s+${line}(\\d{1,4})\\s+(?:(?:${anyWord('to')})\\s+|=\\s*)?(.+)$`),
  billing: new RegExp(`^(${anyWord('monthly')}|${anyWord('oneTime')})\\s+${line}(\\d{1,4})$`),
  scope: new RegExp(`^(?:${anyWord('scope')})\\s+(.+)$`),
  reseller: new RegExp(`^(?:${anyWord('reseller')})\\s+(.+)$`),
  remove: new RegExp(`^(?:${anyWord('remove')})\\s+${line}(\\d{1,4})$`),
};
const billingOf = (word: string): BillingCycle => (allWords('monthly').includes(word) ? 'monthly' : 'one_time');
const scopeOf = (word: string): Scope | undefined =>
  allWords('shared').includes(word) ? 'shared' : allWords('single').includes(word) ? 'single' : undefined;

/** Typed changes on the review. */
function parseTypedReview(text: string, data: ReviewData): ReviewAnswer | undefined {
  const t = text.trim().toLowerCase();
  if (allWords('reviewBuy').includes(t)) return { kind: 'buy', changes: {} };
  if (allWords('reviewAddItem').includes(t)) return { kind: 'addItem' };
  if (allWords('reviewUpdate').includes(t)) return { kind: 'update', changes: {} };
  let m = reviewPatterns.quantity.exec(t);
  if (m) return { kind: 'update', changes: { quantities: { [Number(m[1])]: m[2] } } };
  m = reviewPatterns.billing.exec(t);
  if (m) return { kind: 'update', changes: { billingCycles: { [Number(m[2])]: billingOf(m[1]!) } } };
  m = reviewPatterns.scope.exec(t);
  const scope = m ? scopeOf(m[1]!.trim()) : undefined;
  if (scope) return { kind: 'update', changes: { scope } };
  m = reviewPatterns.reseller.exec(t);
  if (m) {
    const reseller = matchChoice(m[1]!, data.resellers);
    return { kind: 'update', changes: { resellerMpnId: reseller ? reseller.value : m[1]!.trim() } };
  }
  m = reviewPatterns.remove.exec(t);
  if (m) return { kind: 'remove', lineId: Number(m[1]) };
  return undefined;
}
