// One question of a conversation: a waterfall of two steps, ask (send the card and wait on the prompt)
// and answered (end with the answer, or ask again: another search, another page, a refused pick).
import { WaterfallDialog } from './sdk';
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';

export abstract class Question<O extends object> extends WaterfallDialog<O> {
  constructor(
    dialogId: string,
    /** The prompt that waits for the answer; added to the dialog set with the question. */
    private readonly prompt: Dialog,
  ) {
    super(dialogId);
    this.addStep((step) => this.ask(step));
    this.addStep((step) => this.answered(step));
  }

  getDependencies(): Dialog[] {
    return [this.prompt];
  }

  protected abstract ask(step: WaterfallStepContext<O>): Promise<DialogTurnResult>;

  protected abstract answered(step: WaterfallStepContext<O>): Promise<DialogTurnResult>;
}
