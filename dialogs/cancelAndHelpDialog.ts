// "cancel", "help", "orders" and "back" at every question, typed or clicked, as in the Bot Framework
// core-bot sample: the dialogs that ask extend this one, which reads each answer before the waiting
// question does ("back" is the questions' own: each knows which question comes before it).
import { ComponentDialog, Dialog } from './sdk';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { allWords } from '../src/i18n';
import { AnswerPrompt } from './answerPrompt';
import { showOrderHistory } from './orderHistory';
import { isCommand, turnIdentity, turnInput } from './turn';
import { sayTo } from './messages';

const ordersWords = allWords('orders');

export class CancelAndHelpDialog extends ComponentDialog {
  constructor(
    dialogId: string,
    private readonly ordersFrom: PurchaseService,
  ) {
    super(dialogId);
  }

  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const context = innerDc.context;
    const input = turnInput(context);
    // A button of an older card (its Cancel too) is the waiting prompt's to answer: it says the card is out of date.
    if (input.submit && !AnswerPrompt.isFromWaitingCard(innerDc, input.submit.nonce)) return undefined;
    if (isCommand(input, 'cancel')) {
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
    stack.pop();
    return innerDc.replaceDialog(asker.id, asker.state.options);
  }
}
