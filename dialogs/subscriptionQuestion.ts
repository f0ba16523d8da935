// Which Azure subscription the reservations are for. A customer without an active one is offered an
// Azure plan when the rules allow it (R5). The pick is checked (R3, R5) and the cart opened for it before
// the question ends; a refusal asks again. When nothing can be bought, it says why and ends the purchase.
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import type { Segment } from '../src/domain/types';
import { allWords } from '../src/i18n';
import { AnswerPrompt, BACK, isBack, onlyChoice, promptChoice, recogniseChoice, type TakesOnlyChoice } from './answerPrompt';
import { Question } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const SUBSCRIPTION_QUESTION = 'subscriptionQuestion';
const SUBSCRIPTION_PROMPT = 'subscriptionPrompt';

export interface SubscriptionQuestionOptions extends TakesOnlyChoice {
  customerId: string;
  segment: Segment;
  reservationType: string;
  /** The cart of this purchase so far: kept when it still fits (the agent came back to change the subscription). */
  cartId?: string;
}

export interface ChosenSubscription {
  subscriptionId: string;
  cartId: string;
}

export class SubscriptionQuestion extends Question<SubscriptionQuestionOptions> {
  constructor(private readonly service: PurchaseService) {
    super(SUBSCRIPTION_QUESTION, new AnswerPrompt(SUBSCRIPTION_PROMPT, recogniseChoice, 'subscription'));
  }

  protected async ask(step: WaterfallStepContext<SubscriptionQuestionOptions>): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const customer = await this.service.customer(actorOf(step.context), step.options.customerId);
    const choices = await this.service.subscriptionChoices(actorOf(step.context), customer);
    if (!choices.ok) {
      await step.context.sendActivity(say.refusalText(choices.verdict));
      if (!this.service.canAddAzurePlan(customer)) {
        await step.context.sendActivity(say.nothingBought());
        return step.cancelAllDialogs();
      }
      return promptChoice(step, SUBSCRIPTION_PROMPT, say.offerAzurePlan(customer.companyName), 'azurePlan', [
        { value: 'addAzurePlan', title: say.yes(), synonyms: allWords('yes') },
        { value: 'noAzurePlan', title: say.no(), synonyms: allWords('no') },
      ]);
    }
    const subscriptions = choices.value.map((s) => ({ value: s.id, title: s.friendlyName, subtitle: say.subscriptionSubtitle(s) }));
    const only = onlyChoice(step.options, subscriptions);
    if (only) return step.next(only.value);
    return promptChoice(step, SUBSCRIPTION_PROMPT, say.askSubscription(customer.companyName), 'subscription', subscriptions);
  }

  protected async answered(step: WaterfallStepContext<SubscriptionQuestionOptions>): Promise<DialogTurnResult> {
    if (isBack(step.result)) return step.endDialog(BACK);
    const say = sayTo(step.context);
    const actor = actorOf(step.context);
    const { customerId, segment, reservationType, cartId } = step.options;
    const answer = step.result as string;
    if (answer === 'noAzurePlan') {
      await step.context.sendActivity(say.nothingBought());
      return step.cancelAllDialogs();
    }
    const customer = await this.service.customer(actor, customerId);
    const addPlan = answer === 'addAzurePlan';
    const chosen = addPlan ? await this.service.addAzurePlan(actor, customer) : await this.service.selectSubscription(actor, customer, answer);
    if (!chosen.ok) {
      await step.context.sendActivity(say.refusalText(chosen.verdict));
      return addPlan ? step.cancelAllDialogs() : step.replaceDialog(SUBSCRIPTION_QUESTION, { ...step.options, takeOnlyChoice: false });
    }
    await settleCard(step.context, 'subscription', say.answered('subscription', chosen.value.friendlyName));
    if (addPlan) await step.context.sendActivity(say.azurePlanAdded());
    const openCart = await this.service.openCart(actor, customer, segment, reservationType, chosen.value, cartId);
    return step.endDialog({ subscriptionId: chosen.value.id, cartId: openCart } satisfies ChosenSubscription);
  }
}
