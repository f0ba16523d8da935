// Which Azure subscription the reservations are for. A customer without an active one is offered an
// Azure plan when the rules allow it (R5). The pick is checked (R3, R5) and the cart opened for it before
// the question ends; a refusal asks again. When nothing can be bought, it says why and ends the purchase.
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import type { Segment } from '../src/domain/types';
import { allWords } from '../src/i18n';
import { choiceCard, onlyChoice, recogniseChoice, type ChoiceData, type TakesOnlyChoice } from './choices';
import { BACK, isBack, Question } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const SUBSCRIPTION_QUESTION = 'subscriptionQuestion';

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

export class SubscriptionQuestion extends Question<SubscriptionQuestionOptions, string, ChoiceData> {
  constructor(private readonly service: PurchaseService) {
    super(SUBSCRIPTION_QUESTION, recogniseChoice);
  }

  protected async ask(dc: DialogContext, options: SubscriptionQuestionOptions): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const customer = await this.service.customer(actorOf(dc.context), options.customerId);
    const choices = await this.service.subscriptionChoices(actorOf(dc.context), customer);
    if (!choices.ok) {
      await dc.context.sendActivity(say.refusalText(choices.verdict));
      if (!this.service.canAddAzurePlan(customer)) {
        await dc.context.sendActivity(say.nothingBought());
        return dc.cancelAllDialogs();
      }
      return this.askWithCard(
        dc,
        'subscription',
        choiceCard(dc.context, say.offerAzurePlan(customer.companyName), 'azurePlan', [
          { value: 'addAzurePlan', title: say.yes(), synonyms: allWords('yes') },
          { value: 'noAzurePlan', title: say.no(), synonyms: allWords('no') },
        ]),
      );
    }
    const subscriptions = choices.value.map((s) => ({ value: s.id, title: s.friendlyName, subtitle: say.subscriptionSubtitle(s) }));
    const only = onlyChoice(options, subscriptions);
    if (only) return this.answered(dc, options, only.value);
    return this.askWithCard(dc, 'subscription', choiceCard(dc.context, say.askSubscription(customer.companyName), 'subscription', subscriptions));
  }

  protected async answered(dc: DialogContext, options: SubscriptionQuestionOptions, answer: string | typeof BACK): Promise<DialogTurnResult> {
    if (isBack(answer)) return dc.endDialog(BACK);
    const say = sayTo(dc.context);
    const actor = actorOf(dc.context);
    const { customerId, segment, reservationType, cartId } = options;
    if (answer === 'noAzurePlan') {
      await dc.context.sendActivity(say.nothingBought());
      return dc.cancelAllDialogs();
    }
    const customer = await this.service.customer(actor, customerId);
    const addPlan = answer === 'addAzurePlan';
    const chosen = addPlan ? await this.service.addAzurePlan(actor, customer) : await this.service.selectSubscription(actor, customer, answer);
    if (!chosen.ok) {
      await dc.context.sendActivity(say.refusalText(chosen.verdict));
      return addPlan ? dc.cancelAllDialogs() : dc.replaceDialog(SUBSCRIPTION_QUESTION, { ...options, takeOnlyChoice: false });
    }
    await settleCard(dc.context, 'subscription', say.answered('subscription', chosen.value.friendlyName));
    if (addPlan) await dc.context.sendActivity(say.azurePlanAdded());
    const openCart = await this.service.openCart(actor, customer, segment, reservationType, chosen.value, cartId);
    return dc.endDialog({ subscriptionId: chosen.value.id, cartId: openCart } satisfies ChosenSubscription);
  }
}
