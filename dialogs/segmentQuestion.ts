// Which segment (commercial, education, government, nonprofit): the pick is checked against the
// customer's qualifications before the question ends with it; a refusal asks again.
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import type { Segment } from '../src/domain/types';
import { catalogues } from '../src/i18n';
import { AnswerPrompt, BACK, isBack, onlyChoice, promptChoice, recogniseChoice, type TakesOnlyChoice } from './answerPrompt';
import { Question } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const SEGMENT_QUESTION = 'segmentQuestion';
const SEGMENT_PROMPT = 'segmentPrompt';

export interface SegmentQuestionOptions extends TakesOnlyChoice {
  customerId: string;
}

export class SegmentQuestion extends Question<SegmentQuestionOptions> {
  constructor(private readonly service: PurchaseService) {
    super(SEGMENT_QUESTION, new AnswerPrompt(SEGMENT_PROMPT, recogniseChoice, 'segment'));
  }

  protected async ask(step: WaterfallStepContext<SegmentQuestionOptions>): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const customer = await this.service.customer(actorOf(step.context), step.options.customerId);
    // Only the segments the customer is qualified for: Partner Center shows no other catalog to it.
    const choices = this.service.segmentChoices(customer).filter((c) => c.qualified).map(({ segment }) => ({
      value: segment,
      title: say.segmentTitle(segment),
      synonyms: catalogues.map((c) => c.names.segments[segment]),
    }));
    const only = onlyChoice(step.options, choices);
    if (only) return step.next(only.value);
    return promptChoice(step, SEGMENT_PROMPT, say.askSegment(), 'segment', choices);
  }

  protected async answered(step: WaterfallStepContext<SegmentQuestionOptions>): Promise<DialogTurnResult> {
    if (isBack(step.result)) return step.endDialog(BACK);
    const actor = actorOf(step.context);
    const customer = await this.service.customer(actor, step.options.customerId);
    const chosen = await this.service.selectSegment(actor, customer, step.result as Segment);
    if (!chosen.ok) {
      await step.context.sendActivity(sayTo(step.context).refusalText(chosen.verdict));
      return step.replaceDialog(SEGMENT_QUESTION, { ...step.options, takeOnlyChoice: false });
    }
    const say = sayTo(step.context);
    await settleCard(step.context, 'segment', say.answered('segment', say.segmentTitle(chosen.value)));
    return step.endDialog(chosen.value);
  }
}
