// The cart's last questions: "add another item, or review the cart?", then the review card, where the
// agent changes quantities, billing, scope and reseller until Buy. Every change shows the review again
// (a total is never bought unseen); Buy checks out and confirms the orders.
import type { TurnContext } from 'botbuilder';
import { WaterfallDialog } from './sdk';
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Actor, PurchaseService } from '../src/purchase/purchaseService';
import type { CheckoutResult } from '../src/purchase/types';
import { renderConfirmationCard, type OrderNames } from '../cards/render';
import { isBack } from './question';
import { ADD_ANOTHER, ADD_ANOTHER_QUESTION, AddAnotherQuestion } from './addAnotherQuestion';
import { REVIEW_QUESTION, ReviewQuestion, type ReviewAnswer, type ReviewQuestionOptions } from './reviewQuestion';
import { actorOf, markOrdersConfirmed } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const REVIEW_DIALOG = 'reviewDialog';

export interface ReviewOptions {
  cartId: string;
  customerId: string;
  /** Ask "add another item, or review the cart?" first (after a line was added; "back" at the review). */
  askNext: boolean;
  /** The reseller the agent chose or kept on the review (a card's input, or typed): what a typed "buy" confirms (R9). */
  resellerConfirmed?: string;
}

/** Four eyes (dialogs/approvals.ts): a Buy above the partner's approval limit is sent for approval instead. */
export interface BuyApproval {
  askOnBuy(context: TurnContext, buyer: Actor, cartId: string, resellerConfirmed?: string): Promise<'notNeeded' | 'requested' | 'refused'>;
}

/** Ends with the orders bought, with ADD_ANOTHER for another item ("add another", "add item"), or with BACK at its first question. */
export class ReviewDialog extends WaterfallDialog<ReviewOptions> {
  private readonly dependencies: Dialog[];

  constructor(
    private readonly service: PurchaseService,
    private readonly approval?: BuyApproval,
  ) {
    super(REVIEW_DIALOG);
    this.addStep(this.askNextStep.bind(this));
    this.addStep(this.reviewStep.bind(this));
    this.addStep(this.answeredStep.bind(this));
    this.dependencies = [new AddAnotherQuestion(), new ReviewQuestion(service)];
  }

  getDependencies(): Dialog[] {
    return this.dependencies;
  }

  private async askNextStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    if (!step.options.askNext) return step.next('review');
    return step.beginDialog(ADD_ANOTHER_QUESTION);
  }

  private async reviewStep(step: WaterfallStepContext<ReviewOptions>): Promise<DialogTurnResult> {
    if (isBack(step.result) || step.result === ADD_ANOTHER) return step.endDialog(step.result);
    const { cartId } = step.options;
    return step.beginDialog(REVIEW_QUESTION, { cartId } satisfies ReviewQuestionOptions);
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
