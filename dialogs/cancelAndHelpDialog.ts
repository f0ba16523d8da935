// "cancel" and "help" at every question, typed or clicked, as in the Bot Framework core-bot sample: the
// dialogs that ask extend this one, which reads each answer before the waiting question does.
import { ComponentDialog, Dialog } from './sdk';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { AnswerPrompt } from './answerPrompt';
import { isCommand, turnInput } from './turn';
import { sayTo } from './messages';

export class CancelAndHelpDialog extends ComponentDialog {
  protected async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return (await this.interrupt(innerDc)) ?? super.onContinueDialog(innerDc);
  }

  private async interrupt(innerDc: DialogContext): Promise<DialogTurnResult | undefined> {
    const input = turnInput(innerDc.context);
    // A button of an older card (its Cancel too) is the waiting prompt's to answer: it says the card is out of date.
    if (input.submit && !AnswerPrompt.isFromWaitingCard(innerDc, input.submit.nonce)) return undefined;
    if (isCommand(input, 'cancel')) {
      await innerDc.context.sendActivity(sayTo(innerDc.context).cancelled());
      return innerDc.cancelAllDialogs();
    }
    if (isCommand(input, 'help')) {
      await innerDc.context.sendActivity(sayTo(innerDc.context).help());
      return Dialog.EndOfTurn;
    }
    return undefined;
  }
}
