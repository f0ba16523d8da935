// The purchase, one question after another: customer, segment, reservation type, subscription, then
// lines into the cart and the review. Each question is a small dialog (question.ts) that asks until it
// has an answer to end with; these steps keep the answers in their options and skip a question already
// answered. "back" ends a question with BACK: the steps forget the latest answer and start again, so the
// question before is asked again. Steps ask and show; every decision is the PurchaseService's.
// A purchase said in one sentence ("buy 3 D4s v5 west europe 3 years for Contoso", purchaseSentence.ts)
// starts with what it names: a question with a single possible answer is not asked, the named item is
// found (wantedItemQuestion.ts), and its line goes straight to the review.
import { Dialog, WaterfallDialog } from './sdk';
import type { DialogContext, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import type { Segment } from '../src/domain/types';
import { isBack } from './question';
import { CancelAndHelpDialog, type ApprovalInterruption } from './cancelAndHelpDialog';
import { CUSTOMER_QUESTION, CustomerQuestion } from './customerQuestion';
import { SEGMENT_QUESTION, SegmentQuestion } from './segmentQuestion';
import { RESERVATION_TYPE_QUESTION, ReservationTypeQuestion } from './reservationTypeQuestion';
import { SUBSCRIPTION_QUESTION, SubscriptionQuestion, type ChosenSubscription } from './subscriptionQuestion';
import { ADD_LINE_DIALOG, AddLineDialog, type AddLineOptions, type AddLineResult } from './addLineDialog';
import type { CatalogPosition } from './itemListQuestion';
import { WANTED_ITEM_QUESTION, WantedItemQuestion, type WantedItemOptions } from './wantedItemQuestion';
import type { WantedItem } from '../src/purchase/purchaseSentence';
import { REVIEW_DIALOG, ReviewDialog, type BuyApproval, type ReviewOptions } from './reviewDialog';
import { ADD_ANOTHER } from './addAnotherQuestion';
import { actorOf, turnIdentity } from './turn';
import { sayTo } from './messages';

export const PURCHASE_DIALOG = 'purchaseDialog';
const PURCHASE_STEPS = 'purchaseSteps';

export interface PurchaseOptions {
  /** The agent who started the purchase: it is theirs alone. */
  agentId: string;
  /** "buy for Contoso": the first customer search. */
  customerQuery?: string;
  /** "buy 3 D4s v5 west europe 3 years for Contoso": the item the sentence named (purchaseSentence.ts). */
  wanted?: WantedItem;
}

/** The answers so far: the steps' options, carried over when the steps start again. */
interface Purchase extends PurchaseOptions {
  customerId?: string;
  segment?: Segment;
  reservationType?: string;
  subscriptionId?: string;
  cartId?: string;
  /** Where the item list was, to show it so again. */
  catalog?: CatalogPosition;
  /** A one-sentence purchase: a question with only one possible answer is not asked, until the agent goes back. */
  takeOnlyChoice?: boolean;
}

/** The answers in the order they are asked: "back" forgets the latest one given. */
const answerOrder = ['customerId', 'segment', 'reservationType', 'subscriptionId'] as const;

type PurchaseStep = WaterfallStepContext<Purchase>;

export class PurchaseDialog extends CancelAndHelpDialog {
  constructor(
    private readonly service: PurchaseService,
    approval?: BuyApproval & ApprovalInterruption,
  ) {
    super(PURCHASE_DIALOG, service, approval);
    this.addDialog(new CustomerQuestion(service))
      .addDialog(new SegmentQuestion(service))
      .addDialog(new ReservationTypeQuestion(service))
      .addDialog(new SubscriptionQuestion(service))
      .addDialog(new WantedItemQuestion(service))
      .addDialog(new AddLineDialog(service))
      .addDialog(new ReviewDialog(service, approval))
      .addDialog(
        new WaterfallDialog<Purchase>(PURCHASE_STEPS, [
          this.customerStep.bind(this),
          this.segmentStep.bind(this),
          this.reservationTypeStep.bind(this),
          this.subscriptionStep.bind(this),
          this.addLineStep.bind(this),
          this.reviewStep.bind(this),
          this.finalStep.bind(this),
        ]),
      );
    this.initialDialogId = PURCHASE_STEPS;
  }

  async beginDialog(outerDc: DialogContext, options: PurchaseOptions): Promise<DialogTurnResult> {
    outerDc.activeDialog!.state.agentId = options.agentId;
    if (!options.wanted) return super.beginDialog(outerDc, options);
    // A sentence naming a VM size answers the reservation type.
    return super.beginDialog(outerDc, { ...options, reservationType: options.wanted.reservationType, takeOnlyChoice: true } satisfies Purchase);
  }

  /**
   * A purchase is its agent's alone: anyone else (a colleague in a group chat, another partner's agent
   * reusing the conversation id) is told so, and the purchase stays as it was.
   */
  async continueDialog(outerDc: DialogContext): Promise<DialogTurnResult> {
    if (outerDc.activeDialog!.state.agentId !== turnIdentity(outerDc.context).actor?.agent.id) {
      await outerDc.context.sendActivity(sayTo(outerDc.context).anotherAgentsPurchase());
      return Dialog.EndOfTurn;
    }
    return super.continueDialog(outerDc);
  }

  private async customerStep(step: PurchaseStep): Promise<DialogTurnResult> {
    const purchase = step.options;
    if (purchase.customerId) return step.next(purchase.customerId);
    const may = await this.service.checkMayBuy(actorOf(step.context));
    if (!may.ok) {
      await step.context.sendActivity(sayTo(step.context).refusalText(may.verdict));
      return step.endDialog();
    }
    return step.beginDialog(CUSTOMER_QUESTION, { query: purchase.customerQuery, takeOnlyChoice: purchase.takeOnlyChoice });
  }

  private async segmentStep(step: PurchaseStep): Promise<DialogTurnResult> {
    const purchase = step.options;
    // The search was for the first list: back at the customer, the question lists every customer.
    Object.assign(purchase, { customerId: step.result as string, customerQuery: undefined });
    if (purchase.segment) return step.next(purchase.segment);
    return step.beginDialog(SEGMENT_QUESTION, { customerId: purchase.customerId, takeOnlyChoice: purchase.takeOnlyChoice });
  }

  private async reservationTypeStep(step: PurchaseStep): Promise<DialogTurnResult> {
    if (isBack(step.result)) return this.previousQuestion(step);
    const purchase = step.options;
    purchase.segment = step.result as Segment;
    if (purchase.reservationType) return step.next(purchase.reservationType);
    return step.beginDialog(RESERVATION_TYPE_QUESTION);
  }

  private async subscriptionStep(step: PurchaseStep): Promise<DialogTurnResult> {
    if (isBack(step.result)) return this.previousQuestion(step);
    const purchase = step.options;
    purchase.reservationType = step.result as string;
    if (purchase.subscriptionId && purchase.cartId) return step.next({ subscriptionId: purchase.subscriptionId, cartId: purchase.cartId } satisfies ChosenSubscription);
    const { customerId, segment, reservationType, cartId, takeOnlyChoice } = purchase;
    return step.beginDialog(SUBSCRIPTION_QUESTION, { customerId: customerId!, segment: segment!, reservationType, cartId, takeOnlyChoice });
  }

  private async addLineStep(step: PurchaseStep): Promise<DialogTurnResult> {
    if (isBack(step.result)) return this.previousQuestion(step);
    const purchase = step.options;
    const { subscriptionId, cartId } = step.result as ChosenSubscription;
    // A new cart (another customer, segment or type) starts with the whole list.
    if (cartId !== purchase.cartId) purchase.catalog = undefined;
    Object.assign(purchase, { subscriptionId, cartId });
    const line: AddLineOptions = { cartId, reservationType: purchase.reservationType!, catalog: purchase.catalog };
    const { wanted } = purchase;
    // A VM size means nothing to another type the agent chose after going back.
    if (!wanted || (wanted.reservationType && wanted.reservationType !== purchase.reservationType)) return step.beginDialog(ADD_LINE_DIALOG, line);
    return step.beginDialog(WANTED_ITEM_QUESTION, { line: { ...line, quantity: wanted.quantity, billingCycle: wanted.billingCycle }, wanted } satisfies WantedItemOptions);
  }

  private async reviewStep(step: PurchaseStep): Promise<DialogTurnResult> {
    const purchase = step.options;
    const line = step.result as AddLineResult;
    purchase.catalog = line.catalog;
    if (isBack(line)) return this.previousQuestion(step);
    // A sentence's line goes straight to the review, and the sentence is used up: another item is picked from the list.
    const askNext = 'added' in line && !purchase.wanted;
    purchase.wanted = undefined;
    return step.beginDialog(REVIEW_DIALOG, { cartId: purchase.cartId!, customerId: purchase.customerId!, askNext } satisfies ReviewOptions);
  }

  /** The orders bought, or the item list again: "add another", or "back" at "add another or review?". */
  private async finalStep(step: PurchaseStep): Promise<DialogTurnResult> {
    if (isBack(step.result) || step.result === ADD_ANOTHER) return step.replaceDialog(PURCHASE_STEPS, step.options);
    return step.endDialog(step.result);
  }

  /** "back": forgets the latest answer and starts the steps again; the question that gave it is asked again. */
  private previousQuestion(step: PurchaseStep): Promise<DialogTurnResult> {
    const purchase = step.options;
    const latest = [...answerOrder].reverse().find((key) => purchase[key] !== undefined);
    if (latest) purchase[latest] = undefined;
    // Going back, every question is asked, even one the sentence left with a single answer.
    purchase.takeOnlyChoice = false;
    return step.replaceDialog(PURCHASE_STEPS, purchase);
  }
}
