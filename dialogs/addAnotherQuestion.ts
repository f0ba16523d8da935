// "Add another item, or review the cart?", asked after a line was added (and on "back" at the review).
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { allWords } from '../src/i18n';
import { choiceCard, recogniseChoice, type ChoiceData } from './choices';
import { BACK, isBack, Question } from './question';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const ADD_ANOTHER_QUESTION = 'addAnotherQuestion';

/** The answer "add another item"; the other one is "review". */
export const ADD_ANOTHER = 'another';

export class AddAnotherQuestion extends Question<object, string, ChoiceData> {
  constructor() {
    super(ADD_ANOTHER_QUESTION, recogniseChoice);
  }

  protected async ask(dc: DialogContext): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const choices = [
      { value: ADD_ANOTHER, title: say.addAnother(), synonyms: allWords('addAnother') },
      { value: 'review', title: say.reviewCart(), synonyms: allWords('review') },
    ];
    return this.askWithCard(dc, 'next', choiceCard(dc.context, say.askNext(), 'next', choices));
  }

  protected async answered(dc: DialogContext, _options: object, answer: string | typeof BACK): Promise<DialogTurnResult> {
    if (isBack(answer)) return dc.endDialog(BACK);
    const say = sayTo(dc.context);
    await settleCard(dc.context, 'next', say.chose(answer === ADD_ANOTHER ? say.addAnother() : say.reviewCart()));
    return dc.endDialog(answer);
  }
}
