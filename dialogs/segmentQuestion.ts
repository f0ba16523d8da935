// Which segment (commercial, education, government, nonprofit): the pick is checked against the
// customer's qualifications before the question ends with it; a refusal asks again.
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import type { Segment } from '../src/domain/types';
import { catalogues } from '../src/i18n';
import { choiceCard, onlyChoice, recogniseChoice, type ChoiceData, type TakesOnlyChoice } from './choices';
import { BACK, isBack, Question } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const SEGMENT_QUESTION = 'segmentQuestion';

export interface SegmentQuestionOptions extends TakesOnlyChoice {
  customerId: string;
}

export class SegmentQuestion extends Question<SegmentQuestionOptions, string, ChoiceData> {
  constructor(private readonly service: PurchaseService) {
    super(SEGMENT_QUESTION, recogniseChoice);
  }

  protected async ask(dc: DialogContext, options: SegmentQuestionOptions): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const customer = await this.service.customer(actorOf(dc.context), options.customerId);
    // Only the segments the customer is qualified for: Partner Center shows no other catalog to it.
    const choices = this.service.segmentChoices(customer).filter((c) => c.qualified).map(({ segment }) => ({
      value: segment,
      title: say.segmentTitle(segment),
      synonyms: catalogues.map((c) => c.names.segments[segment]),
    }));
    const only = onlyChoice(options, choices);
    if (only) return this.answered(dc, options, only.value);
    return this.askWithCard(dc, 'segment', choiceCard(dc.context, say.askSegment(), 'segment', choices));
  }

  protected async answered(dc: DialogContext, options: SegmentQuestionOptions, answer: string | typeof BACK): Promise<DialogTurnResult> {
    if (isBack(answer)) return dc.endDialog(BACK);
    const actor = actorOf(dc.context);
    const customer = await this.service.customer(actor, options.customerId);
    const chosen = await this.service.selectSegment(actor, customer, answer as Segment);
    if (!chosen.ok) {
      await dc.context.sendActivity(sayTo(dc.context).refusalText(chosen.verdict));
      return dc.replaceDialog(SEGMENT_QUESTION, { ...options, takeOnlyChoice: false });
    }
    const say = sayTo(dc.context);
    await settleCard(dc.context, 'segment', say.answered('segment', say.segmentTitle(chosen.value)));
    return dc.endDialog(chosen.value);
  }
}
