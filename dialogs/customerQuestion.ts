// Which customer: the agent's customers, or those a search found, ten a page ("next", "previous"). A click,
// a number or a name picks one; anything else typed is a new search, and the question asks again with
// what it found (one match is taken at once). The pick is checked (isolation, R4, R6) before the question
// ends with it.
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { customerPageSize, type PurchaseService } from '../src/purchase/purchaseService';
import { choiceCard, matchChoice, onlyChoice, type ChoiceData, type TakesOnlyChoice } from './choices';
import { allWords } from '../src/i18n';
import { isBack, Question, type BACK, type Recogniser } from './question';
import { actorOf, catalogueOf } from './turn';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const CUSTOMER_QUESTION = 'customerQuestion';

export interface CustomerQuestionOptions extends TakesOnlyChoice {
  /** A search by name or domain ("buy for Contoso"); none lists every customer of the partner. */
  query?: string;
  /** The page of the list shown, from 0. */
  page?: number;
}

type CustomerAnswer = { customerId: string } | { search: string } | { page: number };

/** The page buttons' values among the customers' ids. */
const pageChoice = { next: 'page:next', previous: 'page:previous' } as const;

/** A customer's card button carries its id: any id is taken here, the service checks it is the partner's. */
const recogniseCustomer: Recogniser<CustomerAnswer, ChoiceData> = async (context, input, { choices }) => {
  const picked = (value: string): CustomerAnswer =>
    value === pageChoice.next ? { page: 1 } : value === pageChoice.previous ? { page: -1 } : { customerId: value };
  if (input.submit) {
    const id = input.submit.action === 'pickCustomer' ? input.submit.value : undefined;
    if (typeof id === 'string' && id) return { ok: true, value: picked(id) };
    await context.sendActivity(sayTo(context).notUnderstoodChoice(choices));
    return { ok: false };
  }
  const hit = matchChoice(input.text, choices);
  return { ok: true, value: hit ? picked(hit.value) : { search: input.text } };
};

export class CustomerQuestion extends Question<CustomerQuestionOptions, CustomerAnswer, ChoiceData> {
  constructor(private readonly service: PurchaseService) {
    super(CUSTOMER_QUESTION, recogniseCustomer);
  }

  protected async ask(dc: DialogContext, options: CustomerQuestionOptions): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const actor = actorOf(dc.context);
    let query = (options.query ?? '').trim();
    let page = Math.max(0, options.page ?? 0);
    let found = await this.service.findCustomers(actor, query, page);
    if (query && found.total === 0) {
      await dc.context.sendActivity(say.noCustomerMatches(query));
      query = '';
      page = 0;
      found = await this.service.findCustomers(actor, query);
    } else if (page > 0 && found.customers.length === 0) {
      // Past the last page (customers went away meanwhile): the first page.
      page = 0;
      found = await this.service.findCustomers(actor, query);
    }
    // Customers nothing can be bought for are marked with the reason: refused before any other question.
    const standings = await this.service.customerStandings(actor, found.customers);
    const candidates = found.customers.map((c, i) => ({
      value: c.id,
      title: c.companyName,
      subtitle: say.customerSubtitle(c.domain, c.country, standings[i]),
    }));
    const first = page * customerPageSize + 1;
    const { cards } = catalogueOf(dc.context);
    const pages = [
      ...(page > 0 ? [{ value: pageChoice.previous, title: cards.previousPage, synonyms: allWords('previousPage') }] : []),
      ...(first + candidates.length - 1 < found.total ? [{ value: pageChoice.next, title: cards.nextPage, synonyms: allWords('nextPage') }] : []),
    ];
    Object.assign(options, { query, page });
    // A sentence's customer search that found exactly one: taken (and checked) as if picked.
    const only = query ? onlyChoice(options, [...candidates, ...pages]) : undefined;
    if (only) return this.answered(dc, options, { customerId: only.value });
    const text = say.customersFound(first, candidates.length, found.total, query);
    return this.askWithCard(dc, 'customer', choiceCard(dc.context, say.askCustomer(), 'pickCustomer', [...candidates, ...pages], text));
  }

  protected async answered(dc: DialogContext, options: CustomerQuestionOptions, answer: CustomerAnswer | typeof BACK): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const actor = actorOf(dc.context);
    // The first question of the purchase: "back" lists every customer again.
    if (isBack(answer)) return dc.replaceDialog(CUSTOMER_QUESTION, {});
    if ('page' in answer) return dc.replaceDialog(CUSTOMER_QUESTION, { ...options, page: (options.page ?? 0) + answer.page });
    let customerId: string;
    if ('search' in answer) {
      const found = await this.service.findCustomers(actor, answer.search);
      if (found.total !== 1) return dc.replaceDialog(CUSTOMER_QUESTION, { query: answer.search });
      customerId = found.customers[0]!.id;
    } else customerId = answer.customerId;
    const chosen = await this.service.selectCustomer(actor, customerId);
    if (!chosen.ok) {
      await dc.context.sendActivity(say.refusalText(chosen.verdict));
      return dc.replaceDialog(CUSTOMER_QUESTION, {});
    }
    await settleCard(dc.context, 'customer', say.answered('customer', chosen.value.companyName));
    return dc.endDialog(chosen.value.id);
  }
}
