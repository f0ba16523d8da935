// Which customer: the agent's customers, or those a search found. A click, a number or a name picks one;
// anything else typed is a new search, and the question asks again with what it found (one match is
// taken at once). The pick is checked (isolation, R4, R6) before the question ends with it.
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { AnswerPrompt, isBack, matchChoice, promptChoice, type ChoiceData, type Recogniser } from './answerPrompt';
import { Question } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const CUSTOMER_QUESTION = 'customerQuestion';
const CUSTOMER_PROMPT = 'customerPrompt';

export interface CustomerQuestionOptions {
  /** A search by name or domain ("buy for Contoso"); none lists every customer of the partner. */
  query?: string;
}

type CustomerAnswer = { customerId: string } | { search: string };

/** A customer's card button carries its id: any id is taken here, the service checks it is the partner's. */
const recogniseCustomer: Recogniser<CustomerAnswer, ChoiceData> = async (context, input, { choices }) => {
  if (input.submit) {
    const id = input.submit.action === 'pickCustomer' ? input.submit.value : undefined;
    if (typeof id === 'string' && id) return { ok: true, value: { customerId: id } };
    await context.sendActivity(sayTo(context).notUnderstoodChoice(choices));
    return { ok: false };
  }
  const hit = matchChoice(input.text, choices);
  return { ok: true, value: hit ? { customerId: hit.value } : { search: input.text } };
};

export class CustomerQuestion extends Question<CustomerQuestionOptions> {
  constructor(private readonly service: PurchaseService) {
    super(CUSTOMER_QUESTION, new AnswerPrompt(CUSTOMER_PROMPT, recogniseCustomer, 'customer'));
  }

  protected async ask(step: WaterfallStepContext<CustomerQuestionOptions>): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const actor = actorOf(step.context);
    let query = (step.options.query ?? '').trim();
    let found = await this.service.findCustomers(actor, query);
    if (query && found.total === 0) {
      await step.context.sendActivity(say.noCustomerMatches(query));
      query = '';
      found = await this.service.findCustomers(actor, query);
    }
    // Customers nothing can be bought for are marked with the reason: refused before any other question.
    const candidates = await Promise.all(
      found.customers.map(async (c) => {
        const refused = await this.service.customerStanding(actor, c);
        return { value: c.id, title: c.companyName, subtitle: say.customerSubtitle(c.domain, c.country, refused) };
      }),
    );
    return promptChoice(step, CUSTOMER_PROMPT, say.askCustomer(), 'pickCustomer', candidates, say.customersFound(candidates.length, found.total, query));
  }

  protected async answered(step: WaterfallStepContext<CustomerQuestionOptions>): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const actor = actorOf(step.context);
    const answer = step.result as CustomerAnswer;
    // The first question of the purchase: "back" lists every customer again.
    if (isBack(answer)) return step.replaceDialog(CUSTOMER_QUESTION, {});
    let customerId: string;
    if ('search' in answer) {
      const found = await this.service.findCustomers(actor, answer.search);
      if (found.total !== 1) return step.replaceDialog(CUSTOMER_QUESTION, { query: answer.search });
      customerId = found.customers[0]!.id;
    } else customerId = answer.customerId;
    const chosen = await this.service.selectCustomer(actor, customerId);
    if (!chosen.ok) {
      await step.context.sendActivity(say.refusalText(chosen.verdict));
      return step.replaceDialog(CUSTOMER_QUESTION, {});
    }
    await settleCard(step.context, 'customer', say.answered('customer', chosen.value.companyName));
    return step.endDialog(chosen.value.id);
  }
}
