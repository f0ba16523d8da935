// "cancel", "help", "orders" and "back" at every question, typed or clicked, as in the Bot Framework
// core-bot sample: the dialogs that ask extend this one, which reads each answer before the waiting
// question does ("back" is the questions' own: each knows which question comes before it). An approval's
// click or command is answered first, whatever question waits; the question still waits after it.
import { ComponentDialog, Dialog, DialogTurnStatus } from './sdk';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { allWords } from '../src/i18n';
import { AnswerPrompt, type AnswerPromptOptions } from './answerPrompt';
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
    // A button of an older card (its Cancel too) is the waiting prompt's to answer: it says the card is out of date.
    if (input.submit && !AnswerPrompt.isFromWaitingCard(innerDc, input.submit.nonce)) return undefined;
    if (isCommand(input, 'cancel')) {
      this.leaveWaitingCard(innerDc);
      await context.sendActivity(sayTo(context).cancelled());
      return innerDc.cancelAllDialogs();
    }
    const prompt = innerDc.activeDialog ? innerDc.findDialog(innerDc.activeDialog.id) : undefined;
    if (isCommand(input, 'help')) {
      const say = sayTo(context);
      await context.sendActivity(prompt instanceof AnswerPrompt ? say.questionHelp(prompt.question) : say.help());
      return this.askAgain(innerDc);
    }
    if (!input.submit && ordersWords.includes(input.text.toLowerCase()) && turnIdentity(context).actor) {
      await showOrderHistory(context, this.ordersFrom);
      return this.askAgain(innerDc);
    }
    return undefined;
  }

  /**
   * The waiting question asked again, with a new card below what was just said: the prompt is set aside
   * and the dialog that asked it starts again with its options (every question skips what it knows).
   */
  private async askAgain(innerDc: DialogContext): Promise<DialogTurnResult> {
    const stack = innerDc.stack; // the active dialog last
    const [asker, prompt] = stack.slice(-2);
    if (!(prompt && innerDc.findDialog(prompt.id) instanceof AnswerPrompt) || !asker || stack.length < 2) return Dialog.EndOfTurn;
    this.leaveWaitingCard(innerDc);
    stack.pop();
    return innerDc.replaceDialog(asker.id, asker.state.options);
  }

  /** The waiting prompt's card is left (a new card of the question follows, or none): it settles at the end of the turn. */
  private leaveWaitingCard(innerDc: DialogContext): void {
    const active = innerDc.activeDialog;
    const prompt = active ? innerDc.findDialog(active.id) : undefined;
    if (prompt instanceof AnswerPrompt) markCardAnswered(innerDc.context, prompt.question, (active!.state.options as AnswerPromptOptions).cardActivityId);
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
