// "cancel", "help", "orders" and "back" at every question, typed or clicked, as in the Bot Framework
// core-bot sample: the dialogs that ask extend this one, which reads each answer before the waiting
// question does ("back" is the questions' own: each knows which question comes before it). An approval's
// click or command is answered first, whatever question waits; the question still waits after it.
import { ComponentDialog, Dialog, DialogTurnStatus } from './sdk';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { allWords } from '../src/i18n';
import { Question } from './question';
import { ordersPageAsked, showOrderHistory, showOrderHistoryPage } from './orderHistory';
import { isCommand, turnIdentity, turnInput } from './turn';
import { sayTo } from './messages';
import { markCardAnswered, settleLeftCard } from './settledCard';

const ordersWords = allWords('orders');

/** Approval card clicks and commands (approvals.ts): true when the turn was one. */
export interface ApprovalInterruption {
  handle(context: TurnContext): Promise<boolean>;
}

export class CancelAndHelpDialog extends ComponentDialog {
  constructor(
    dialogId: string,
    private readonly ordersFrom: PurchaseService,
    private readonly approvals?: ApprovalInterruption,
  ) {
    super(dialogId);
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (await this.approvals?.handle(innerDc.context)) return Dialog.EndOfTurn;
    const result = (await this.interrupt(innerDc)) ?? (await continueActiveDialog(innerDc));
    // No answered card stays live: one its question did not settle with the choice (help, orders, back,
    // cancel, another page or search) becomes a line pointing below.
    await settleLeftCard(innerDc.context, sayTo(innerDc.context).continuedBelow());
    return result;
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    const input = turnInput(context);
    // A page of the history, from any history card still in the chat (those cards have no nonce).
    const ordersPage = ordersPageAsked(input);
    if (ordersPage && turnIdentity(context).actor) {
      await showOrderHistoryPage(context, this.ordersFrom, ordersPage);
      return this.askAgain(innerDc);
    }
    // A button of an older card (its Cancel too) is the waiting question's to answer: it says the card is out of date.
    const waiting = Question.waitingCard(innerDc);
    if (input.submit && waiting && waiting.nonce !== input.submit.nonce) return undefined;
    if (isCommand(input, 'cancel')) {
      this.leaveWaitingCard(innerDc);
      await context.sendActivity(sayTo(context).cancelled());
      return innerDc.cancelAllDialogs();
    }
    if (isCommand(input, 'help')) {
      const say = sayTo(context);
      await context.sendActivity(waiting ? say.questionHelp(waiting.asked) : say.help());
      return this.askAgain(innerDc);
    }
    if (!input.submit && ordersWords.includes(input.text.toLowerCase()) && turnIdentity(context).actor) {
      await showOrderHistory(context, this.ordersFrom);
      return this.askAgain(innerDc);
    }
    return undefined;
  }

  /** The waiting question asked again, with a new card below what was just said (it begins again with its options). */
  private async askAgain(innerDc: DialogContext): Promise<DialogTurnResult> {
    const waiting = Question.waitingCard(innerDc);
    if (!waiting) return Dialog.EndOfTurn;
    this.leaveWaitingCard(innerDc);
    return innerDc.replaceDialog(innerDc.activeDialog!.id, waiting.options);
  }

  /** The waiting question's card is left (a new card of the question follows, or none): it settles at the end of the turn. */
  private leaveWaitingCard(innerDc: DialogContext): void {
    const waiting = Question.waitingCard(innerDc);
    if (waiting) markCardAnswered(innerDc.context, waiting.asked, waiting.cardActivityId);
  }
}

/**
 * Continues the dialog on top of `dc`'s stack, as DialogContext.continueDialog does, without the
 * "activityReceived" event that method first sends from the innermost dialog up through every dialog on
 * the stack: the event is for adaptive dialogs' recognisers and none of ours handles it, yet passing it
 * through the nested stack is a noticeable part of a turn (bench/README.md, eighth pass).
 */
export async function continueActiveDialog(dc: DialogContext): Promise<DialogTurnResult> {
  const active = dc.activeDialog;
  if (!active) return { status: DialogTurnStatus.empty };
  const dialog = dc.findDialog(active.id);
  if (!dialog) throw new Error(`No dialog '${active.id}' to continue.`);
  return dialog.continueDialog(dc);
}
