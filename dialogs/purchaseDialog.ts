// The Partner Center purchase flow as one waterfall. Step k takes the answer to question k-1 and asks
// question k; "back" re-runs the step that asked the previous question with REPLAY (answers stay in
// step.values). Steps ask and show; every decision is the PurchaseService's.
import type { Dialog, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { WaterfallDialog } from './sdk';
import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import type { PurchaseService, ReviewChanges } from '../src/purchase/purchaseService';
import type { CatalogFilter, CheckoutResult } from '../src/purchase/types';
import { BillingCycle, Scope, Segment, TermDuration, type Customer } from '../src/domain/types';
import {
  ANY_FILTER,
  renderCatalogPage,
  renderChoiceCard,
  renderConfirmationCard,
  renderQuantityCard,
  renderReviewCard,
} from '../cards/render';
import {
  AnswerPrompt,
  choiceRecogniser,
  isBack,
  isReplay,
  matchChoice,
  newNonce,
  replaceCard,
  REPLAY,
  type AnswerPromptOptions,
  type ChoiceData,
  type Interruption,
  type Recognition,
} from './answerPrompt';
import { actorOf, markOrdersConfirmed } from './turn';
import { sayTo, type Say } from './messages';
import { allWords, alternatives, catalogues } from '../src/i18n';

/** The purchase waterfall: what the main dialog begins for "buy". */
export const PURCHASE_FLOW = 'purchaseFlow';
const CUSTOMER_PROMPT = 'purchaseCustomerPrompt';
const CHOICE_PROMPT = 'purchaseChoicePrompt';
const ITEM_PROMPT = 'purchaseItemPrompt';
const QUANTITY_PROMPT = 'purchaseQuantityPrompt';
const REVIEW_PROMPT = 'purchaseReviewPrompt';

/** Step indexes, named, because "back" and "ask again" jump between them. */
const Step = { customer: 0, segment: 1, type: 2, subscription: 3, items: 4, quantity: 5, next: 6, review: 7, finish: 8 } as const;

export interface PurchaseOptions {
  /** "buy for Contoso": the first customer search. */
  customerQuery?: string;
}

interface FlowValues {
  customerId?: string;
  segment?: Segment;
  reservationType?: string;
  subscriptionId?: string;
  cartId?: string;
  filter?: CatalogFilter;
  page?: number;
  pendingItemId?: string;
  /** The cart's last line id when the quantity was asked: adding is idempotent per question. */
  askedAfterLineId?: number;
}

interface CustomerData {
  candidates: { value: string; title: string }[];
}

interface ItemData {
  cartId: string;
  filter: CatalogFilter;
  page: number;
  rowIds: string[];
  reservationTypeTitle: string;
}
type ItemAnswer = { catalogItemId: string; filter: CatalogFilter; page: number } | { review: true };

interface QuantityData {
  minimumQuantity: number;
  maximumQuantity: number;
}

interface ReviewData {
  resellers: { value: string; title: string }[];
}
type ReviewAnswer =
  | { kind: 'buy' | 'update'; changes: ReviewChanges }
  | { kind: 'addItem' }
  | { kind: 'remove'; lineId: number };

/** The filter form of the catalog card. Values arrive as strings; empty or ANY_FILTER means "any". */
const anyToEmpty = (v: unknown) => (v === ANY_FILTER ? '' : v);
const FilterSubmit = z.object({
  region: z.preprocess(anyToEmpty, z.string().max(60).optional()),
  family: z.preprocess(anyToEmpty, z.string().max(60).optional()),
  term: z.preprocess(anyToEmpty, z.union([TermDuration, z.literal('')]).optional()),
  text: z.string().max(200).optional(),
});

/** The review card's own inputs; qty_<line> and billing_<line> are read separately. */
const ReviewSubmit = z.object({
  action: z.enum(['buy', 'update', 'addItem']),
  scope: Scope.optional(),
  reseller: z.string().max(40).optional(),
});

// What an agent may type on the item list, in every catalogue's language whatever the locale (src/i18n).
const nextWords = allWords('nextPage');
const previousWords = allWords('previousPage');
const clearWords = allWords('clearFilters');
const reviewWords = allWords('review');

/**
 * The purchase flow: its waterfall (PURCHASE_FLOW) and prompts, added to the same dialog set as the main
 * dialog rather than wrapped in a component dialog of their own: no dialog level of its own on every
 * turn (a component creates a dialog context and its memory scopes per turn: bench/README.md). Its
 * prompts run the main dialog's interruptions ("cancel", "help") before they recognise an answer.
 */
export class PurchaseFlow {
  readonly dialogs: Dialog[];

  constructor(
    private readonly service: PurchaseService,
    interrupt: Interruption,
  ) {
    this.dialogs = [
      new AnswerPrompt(CUSTOMER_PROMPT, (c, i, o) => this.recogniseCustomer(c, i, o as AnswerPromptOptions<CustomerData>), interrupt),
      new AnswerPrompt(CHOICE_PROMPT, choiceRecogniser((choices, context) => sayTo(context).notUnderstoodChoice(choices)), interrupt),
      new AnswerPrompt(ITEM_PROMPT, (c, i, o) => this.recogniseItem(c, i, o as AnswerPromptOptions<ItemData>), interrupt),
      new AnswerPrompt(QUANTITY_PROMPT, (c, i, o) => this.recogniseQuantity(c, i, o as AnswerPromptOptions<QuantityData>), interrupt),
      new AnswerPrompt(REVIEW_PROMPT, (c, i, o) => this.recogniseReview(c, i, o as AnswerPromptOptions<ReviewData>), interrupt),
      new WaterfallDialog(PURCHASE_FLOW, [
        this.askCustomerStep.bind(this),
        this.askSegmentStep.bind(this),
        this.askReservationTypeStep.bind(this),
        this.askSubscriptionStep.bind(this),
        this.showItemsStep.bind(this),
        this.askQuantityStep.bind(this),
        this.askNextStep.bind(this),
        this.reviewCartStep.bind(this),
        this.finishStep.bind(this),
      ]),
    ];
  }

  // ---- steps ------------------------------------------------------------------------------------

  private async askCustomerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    const actor = actorOf(step.context);
    const may = this.service.checkMayBuy(actor);
    if (!may.ok) {
      await step.context.sendActivity(say.refusalText(may.verdict));
      return step.endDialog();
    }
    let query = isReplay(step.result) ? '' : ((step.options as PurchaseOptions).customerQuery ?? '').trim();
    let found = await this.service.findCustomers(actor, query);
    if (query && found.total === 0) {
      await step.context.sendActivity(say.noCustomerMatches(query));
      query = '';
      found = await this.service.findCustomers(actor, query);
    }
    const candidates = found.customers.map((c) => ({ value: c.id, title: c.companyName, subtitle: `${c.domain} · ${c.country}` }));
    return this.ask<CustomerData>(
      step,
      CUSTOMER_PROMPT,
      (nonce) => renderChoiceCard({ title: say.askCustomer(), text: say.customersFound(candidates.length, found.total, query), choices: candidates, action: 'pickCustomer', nonce, locale: say.locale }),
      { candidates: candidates.map(({ value, title }) => ({ value, title })) },
    );
  }

  private async askSegmentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    if (isBack(step.result)) return this.back(step);
    const actor = actorOf(step.context);
    const values = this.values(step);
    if (!isReplay(step.result)) {
      const chosen = await this.service.selectCustomer(actor, step.result as string);
      if (!chosen.ok) {
        await step.context.sendActivity(say.refusalText(chosen.verdict));
        return this.askAgain(step);
      }
      if (values.customerId !== chosen.value.id) Object.assign(values, { customerId: chosen.value.id, cartId: undefined, filter: undefined, page: 0 });
      await step.context.sendActivity(say.customerChosen(chosen.value.companyName));
    }
    const customer = await this.customer(step);
    const choices = this.service.segmentChoices(customer).map(({ segment }) => ({
      value: segment,
      title: say.segmentTitle(segment),
      synonyms: catalogues.map((c) => c.names.segments[segment]),
    }));
    return this.askChoice(step, say.askSegment(), 'segment', choices);
  }

  private async askReservationTypeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    if (isBack(step.result)) return this.back(step);
    const values = this.values(step);
    if (!isReplay(step.result)) {
      const chosen = this.service.selectSegment(actorOf(step.context), await this.customer(step), step.result as Segment);
      if (!chosen.ok) {
        await step.context.sendActivity(say.refusalText(chosen.verdict));
        return this.askAgain(step);
      }
      values.segment = chosen.value;
    }
    const types = await this.service.reservationTypes();
    const choices = types.map((t) => ({ value: t.key, title: say.reservationTypeTitle(t.key, t.title), synonyms: reservationTypeSynonyms(t.key, t.title) }));
    return this.askChoice(step, say.askReservationType(), 'reservationType', choices);
  }

  private async askSubscriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    if (isBack(step.result)) return this.back(step);
    const values = this.values(step);
    if (!isReplay(step.result)) values.reservationType = step.result as string;
    const actor = actorOf(step.context);
    const customer = await this.customer(step);
    const choices = await this.service.subscriptionChoices(actor, customer);
    if (!choices.ok) {
      await step.context.sendActivity(say.refusalText(choices.verdict));
      if (!this.service.canAddAzurePlan(customer)) {
        await step.context.sendActivity(say.nothingBought());
        return step.endDialog();
      }
      return this.askChoice(step, say.offerAzurePlan(customer.companyName), 'azurePlan', [
        { value: 'addAzurePlan', title: say.yes(), synonyms: allWords('yes') },
        { value: 'noAzurePlan', title: say.no(), synonyms: allWords('no') },
      ]);
    }
    const subscriptions = choices.value.map((s) => ({ value: s.id, title: s.friendlyName, subtitle: say.subscriptionSubtitle(s) }));
    return this.askChoice(step, say.askSubscription(customer.companyName), 'subscription', subscriptions);
  }

  private async showItemsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    if (isBack(step.result)) return this.back(step);
    const actor = actorOf(step.context);
    const values = this.values(step);
    if (!isReplay(step.result)) {
      const customer = await this.customer(step);
      const answer = step.result as string;
      if (answer === 'noAzurePlan') {
        await step.context.sendActivity(say.nothingBought());
        return step.endDialog();
      }
      const chosen =
        answer === 'addAzurePlan'
          ? await this.service.addAzurePlan(actor, customer)
          : await this.service.selectSubscription(actor, customer, answer);
      if (!chosen.ok) {
        await step.context.sendActivity(say.refusalText(chosen.verdict));
        return answer === 'addAzurePlan' ? step.endDialog() : this.askAgain(step);
      }
      await step.context.sendActivity(answer === 'addAzurePlan' ? say.azurePlanAdded(chosen.value) : say.subscriptionChosen(chosen.value));
      values.subscriptionId = chosen.value.id;
      values.cartId = this.service.openCart(actor, customer, values.segment!, values.reservationType!, chosen.value, values.cartId);
    }
    const filter = values.filter ?? {};
    const page = await this.service.searchCatalog(actor, values.cartId!, filter, values.page ?? 0);
    if (!page.ok) {
      await step.context.sendActivity(say.refusalText(page.verdict));
      return step.endDialog();
    }
    const typeTitle = await this.reservationTypeTitle(say, values.reservationType!);
    const { regions, families } = page.value.vocabulary;
    return this.ask<ItemData>(
      step,
      ITEM_PROMPT,
      (nonce) => renderCatalogPage({ page: page.value, reservationTypeTitle: typeTitle, regions, families, nonce, locale: say.locale }),
      { cartId: values.cartId!, filter, page: page.value.page, rowIds: page.value.rows.map((r) => r.catalogItemId), reservationTypeTitle: typeTitle },
      say.askItem(),
    );
  }

  private async askQuantityStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    if (isBack(step.result)) return this.back(step);
    const values = this.values(step);
    if (!isReplay(step.result)) {
      const answer = step.result as ItemAnswer;
      if ('review' in answer) return this.jump(step, Step.review);
      Object.assign(values, { filter: answer.filter, page: answer.page, pendingItemId: answer.catalogItemId });
    }
    values.askedAfterLineId = this.service.lastLineId(values.cartId!);
    const row = await this.service.catalogRow(actorOf(step.context), values.cartId!, values.pendingItemId!);
    if (!row.ok) {
      await step.context.sendActivity(say.refusalText(row.verdict));
      return this.askAgain(step);
    }
    const { minimumQuantity, maximumQuantity, title } = row.value;
    return this.ask<QuantityData>(
      step,
      QUANTITY_PROMPT,
      (nonce) => renderQuantityCard({ row: row.value, nonce, locale: say.locale }),
      { minimumQuantity, maximumQuantity },
      say.askQuantity(title, minimumQuantity, maximumQuantity),
    );
  }

  private async askNextStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    if (isBack(step.result)) return this.back(step);
    const values = this.values(step);
    if (!isReplay(step.result)) {
      const actor = actorOf(step.context);
      const added = await this.service.addLine(actor, values.cartId!, values.pendingItemId!, step.result, values.askedAfterLineId);
      if (!added.ok) {
        await step.context.sendActivity(say.refusalText(added.verdict));
        return this.askAgain(step);
      }
      const { row } = added.value;
      await step.context.sendActivity(say.lineAdded(Number(step.result), row.title, say.regionName(row.armRegionName, row.region), say.termText(row.term)));
      values.pendingItemId = undefined;
    }
    return this.askChoice(step, say.askNext(), 'next', [
      { value: 'another', title: say.addAnother(), synonyms: allWords('addAnother') },
      { value: 'review', title: say.reviewCart(), synonyms: allWords('review') },
    ]);
  }

  private async reviewCartStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    // "back" from "add another or review" returns to the item list: the line is already in the cart.
    if (isBack(step.result)) return this.jump(step, Step.items);
    if (step.result === 'another') return this.jump(step, Step.items);
    const values = this.values(step);
    const quote = await this.service.quote(actorOf(step.context), values.cartId!);
    if (!quote.ok) {
      await step.context.sendActivity(say.refusalText(quote.verdict));
      return step.endDialog();
    }
    return this.ask<ReviewData>(
      step,
      REVIEW_PROMPT,
      (nonce) => renderReviewCard({ quote: quote.value, nonce, locale: say.locale }),
      { resellers: quote.value.resellers.map((r) => ({ value: r.mpnId, title: r.name })) },
      say.askReview(),
    );
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    if (isBack(step.result)) return this.back(step);
    const answer = step.result as ReviewAnswer;
    const actor = actorOf(step.context);
    const cartId = this.values(step).cartId!;
    // Bought in a turn whose answer never arrived (the process was killed, the state not saved): say so.
    const bought = await this.service.ordersForCart(actor, cartId);
    if (bought?.ok) return this.confirm(step, bought.value);
    if (answer.kind === 'addItem') return this.jump(step, Step.items);
    if (answer.kind === 'remove') {
      const removed = this.service.removeLine(actor, cartId, answer.lineId);
      if (!removed.ok) await step.context.sendActivity(say.refusalText(removed.verdict));
      return this.askAgain(step);
    }
    const applied = await this.service.applyReview(actor, cartId, answer.changes);
    for (const refusal of applied.refusals) await step.context.sendActivity(say.refusalText(refusal));
    if (answer.kind === 'update' || applied.changed || applied.refusals.length) {
      // Never buy a total the agent has not seen: any change shows the review again before Buy.
      if (answer.kind === 'buy' && applied.changed) await step.context.sendActivity(say.reviewChangedBeforeBuy());
      else if (!applied.refusals.length) await step.context.sendActivity(say.reviewUpdated());
      return this.askAgain(step);
    }
    const result = await this.service.checkout(actor, cartId);
    if (!result.ok) {
      await step.context.sendActivity(say.refusalText(result.verdict));
      // Not confirmed either way (R15): no Buy to click again; the order history will tell.
      if ('uncertain' in result) return step.endDialog();
      return this.askAgain(step);
    }
    return this.confirm(step, result.value);
  }

  private async confirm(step: WaterfallStepContext, result: CheckoutResult): Promise<DialogTurnResult> {
    const say = sayTo(step.context);
    // Marked first: if anything fails from here on, the turn's error message still names the orders.
    markOrdersConfirmed(step.context, result.orders.map((o) => o.id));
    const customer = await this.customer(step);
    const text = [
      result.replayed ? say.alreadyBought() : say.orderPlaced(),
      result.failures?.length ? say.checkoutRecovered(result.failures, result.attempts ?? 1, result.foundByLookup ?? false) : undefined,
    ].filter(Boolean).join('\n\n');
    await step.context.sendActivity({
      text,
      attachments: [renderConfirmationCard({ result, customerName: customer.companyName, locale: say.locale })],
    });
    return step.endDialog(result.orders.map((o) => o.id));
  }

  // ---- recognisers ------------------------------------------------------------------------------

  /** A click on a listed customer, its number or name, or a new search by name or domain. */
  private async recogniseCustomer(
    context: WaterfallStepContext['context'],
    input: { text: string; submit?: Record<string, unknown> },
    options: AnswerPromptOptions<CustomerData>,
  ): Promise<Recognition<string>> {
    const say = sayTo(context);
    if (input.submit) {
      const id = input.submit.action === 'pickCustomer' && typeof input.submit.value === 'string' ? input.submit.value : undefined;
      if (id) return { ok: true, value: id };
      await context.sendActivity(say.notUnderstoodChoice(options.data.candidates));
      return { ok: false };
    }
    const hit = matchChoice(input.text, options.data.candidates);
    if (hit) return { ok: true, value: hit.value };
    const found = await this.service.findCustomers(actorOf(context), input.text);
    if (found.total === 1) return { ok: true, value: found.customers[0].id };
    if (found.total === 0) {
      await context.sendActivity(say.noCustomerMatches(input.text));
      return { ok: false };
    }
    const candidates = found.customers.map((c) => ({ value: c.id, title: c.companyName, subtitle: `${c.domain} · ${c.country}` }));
    options.data.candidates = candidates.map(({ value, title }) => ({ value, title }));
    const card = replaceCard(options, (nonce) =>
      renderChoiceCard({ title: say.askCustomer(), text: say.customersFound(candidates.length, found.total, input.text), choices: candidates, action: 'pickCustomer', nonce, locale: say.locale }),
    );
    await context.sendActivity({ attachments: [card] });
    return { ok: false };
  }

  /** A pick (click or number), paging, the filter form, or a typed filter such as "D4s v5 west europe 3 years". */
  private async recogniseItem(
    context: WaterfallStepContext['context'],
    input: { text: string; submit?: Record<string, unknown> },
    options: AnswerPromptOptions<ItemData>,
  ): Promise<Recognition<ItemAnswer>> {
    const say = sayTo(context);
    const data = options.data;
    const pick = (catalogItemId: string): Recognition<ItemAnswer> => ({ ok: true, value: { catalogItemId, filter: data.filter, page: data.page } });
    let filter = data.filter;
    let page = data.page;
    const submit = input.submit;
    const text = input.text.toLowerCase();
    if (submit?.action === 'pickItem' && typeof submit.catalogItemId === 'string') {
      // The card with this prompt's nonce lists exactly rowIds: any other id was not shown to the agent.
      if (data.rowIds.includes(submit.catalogItemId)) return pick(submit.catalogItemId);
      await context.sendActivity(say.itemNotShown());
      return { ok: false };
    }
    if (submit?.action === 'page') page = Math.max(0, Number.parseInt(String(submit.page), 10) || 0);
    else if (submit?.action === 'filter') {
      const form = FilterSubmit.safeParse(submit);
      if (!form.success) {
        await context.sendActivity(say.filterNotUnderstood());
        return { ok: false };
      }
      const typed = form.data.text?.trim() ? await this.service.filterFromText(data.cartId, form.data.text) : {};
      filter = { ...typed, ...(form.data.region ? { region: form.data.region } : {}), ...(form.data.family ? { family: form.data.family } : {}), ...(form.data.term ? { term: form.data.term } : {}) };
      page = 0;
    } else if (submit) {
      await context.sendActivity(say.filterNotUnderstood());
      return { ok: false };
    } else if (/^\d+$/.test(text)) {
      const id = data.rowIds[Number(text) - 1];
      if (id) return pick(id);
      await context.sendActivity(say.noSuchRow(data.rowIds.length));
      return { ok: false };
    } else if (reviewWords.includes(text) && this.service.lineCount(data.cartId) > 0) {
      return { ok: true, value: { review: true } };
    } else if (nextWords.includes(text)) page += 1;
    else if (previousWords.includes(text)) page = Math.max(0, page - 1);
    else if (clearWords.includes(text)) (filter = {}), (page = 0);
    else (filter = await this.service.filterFromText(data.cartId, input.text)), (page = 0);

    const actor = actorOf(context);
    const result = await this.service.searchCatalog(actor, data.cartId, filter, page);
    if (!result.ok) {
      await context.sendActivity(say.refusalText(result.verdict));
      return { ok: false };
    }
    if (result.value.rows.length === 0 && page > 0) {
      await context.sendActivity(say.noMorePages());
      return { ok: false };
    }
    Object.assign(data, { filter, page: result.value.page, rowIds: result.value.rows.map((r) => r.catalogItemId) });
    const { regions, families } = result.value.vocabulary;
    const card = replaceCard(options, (nonce) =>
      renderCatalogPage({ page: result.value, reservationTypeTitle: data.reservationTypeTitle, regions, families, nonce, locale: say.locale }),
    );
    await context.sendActivity({ attachments: [card] });
    return { ok: false };
  }

  /** R12 through the rule itself: the range and the reason come from src/rules. */
  private async recogniseQuantity(
    context: WaterfallStepContext['context'],
    input: { text: string; submit?: Record<string, unknown> },
    options: AnswerPromptOptions<QuantityData>,
  ): Promise<Recognition<number>> {
    const say = sayTo(context);
    const raw = input.submit ? (input.submit.action === 'quantity' ? input.submit.quantity : undefined) : input.text;
    const verdict = this.service.checkQuantity(raw, options.data);
    if (verdict.ok) return { ok: true, value: verdict.quantity! };
    await context.sendActivity(say.refusalText(verdict));
    return { ok: false };
  }

  /** The review card's Buy/Update/Add (with its inputs), or a typed change or command. */
  private async recogniseReview(
    context: WaterfallStepContext['context'],
    input: { text: string; submit?: Record<string, unknown> },
    options: AnswerPromptOptions<ReviewData>,
  ): Promise<Recognition<ReviewAnswer>> {
    const say = sayTo(context);
    if (input.submit) {
      const parsed = ReviewSubmit.safeParse(input.submit);
      if (!parsed.success) {
        await context.sendActivity(say.reviewNotUnderstood());
        return { ok: false };
      }
      if (parsed.data.action === 'addItem') return { ok: true, value: { kind: 'addItem' } };
      return { ok: true, value: { kind: parsed.data.action, changes: reviewChangesFromCard(input.submit, parsed.data) } };
    }
    const typed = parseTypedReview(input.text, options.data);
    if (typed) return { ok: true, value: typed };
    await context.sendActivity(say.reviewNotUnderstood());
    return { ok: false };
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private values(step: WaterfallStepContext): FlowValues {
    return step.values as FlowValues;
  }

  private async customer(step: WaterfallStepContext): Promise<Customer> {
    return this.service.customer(actorOf(step.context), this.values(step).customerId!);
  }

  /** The reservation type's title in the agent's language. */
  private async reservationTypeTitle(say: Say, key: string): Promise<string> {
    return say.reservationTypeTitle(key, (await this.service.reservationTypes()).find((t) => t.key === key)?.title ?? key);
  }

  private ask<D>(step: WaterfallStepContext, promptId: string, card: (nonce: string) => Attachment, data: D, text?: string) {
    const nonce = newNonce();
    const options: AnswerPromptOptions<D> = { prompt: { type: 'message', text, attachments: [card(nonce)] }, nonce, data };
    return step.prompt(promptId, options);
  }

  private askChoice(step: WaterfallStepContext, title: string, action: string, choices: (ChoiceData['choices'][number] & { subtitle?: string })[]) {
    const { locale } = sayTo(step.context);
    return this.ask<ChoiceData>(
      step,
      CHOICE_PROMPT,
      (nonce) => renderChoiceCard({ title, choices, action, nonce, locale }),
      { action, choices: choices.map(({ value, title: t, synonyms }) => ({ value, title: t, synonyms })) },
    );
  }

  /** Re-runs step `index` with REPLAY: it asks its question again from the answers kept in values. */
  private jump(step: WaterfallStepContext, index: number): Promise<DialogTurnResult> {
    step.activeDialog!.state.stepIndex = index - 1;
    return step.next(REPLAY);
  }

  /** Asks the question of the previous step again (its answer was refused). */
  private askAgain(step: WaterfallStepContext) {
    return this.jump(step, step.index - 1);
  }

  /** Goes one question back: the question before the one just answered. */
  private back(step: WaterfallStepContext) {
    return this.jump(step, Math.max(Step.customer, step.index - 2));
  }
}

/** "VirtualMachines" → "virtual machines", the type's title in every language, and the short names agents type. */
function reservationTypeSynonyms(key: string, title: string): string[] {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const titles = catalogues.map((c) => c.names.reservationType(key, title));
  const short = catalogues.flatMap((c) => c.words.reservationTypes[key] ?? []);
  return [...new Set([spaced, ...titles, ...short])];
}

function reviewChangesFromCard(submit: Record<string, unknown>, parsed: z.infer<typeof ReviewSubmit>): ReviewChanges {
  const quantities: Record<number, unknown> = {};
  const billingCycles: Record<number, BillingCycle> = {};
  for (const [key, value] of Object.entries(submit)) {
    const qty = /^qty_(\d{1,4})$/.exec(key);
    if (qty) quantities[Number(qty[1])] = value;
    const billing = /^billing_(\d{1,4})$/.exec(key);
    const cycle = BillingCycle.safeParse(value);
    if (billing && cycle.success) billingCycles[Number(billing[1])] = cycle.data;
  }
  return {
    quantities,
    billingCycles,
    ...(parsed.scope ? { scope: parsed.scope } : {}),
    ...(parsed.reseller ? { resellerMpnId: parsed.reseller } : {}),
  };
}

// What an agent may type on the review, in every catalogue's language whatever the locale (src/i18n).
const anyWord = (key: Parameters<typeof allWords>[0]) => alternatives(allWords(key));
const line = `(?:(?:${anyWord('line')})\\s+)?`;
const reviewPatterns = {
  quantity: new RegExp(`^(?:${anyWord('quantity')})\\s+${line}(\\d{1,4})\\s+(?:(?:${anyWord('to')})\\s+|=\\s*)?(.+)$`),
  billing: new RegExp(`^(${anyWord('monthly')}|${anyWord('oneTime')})\\s+${line}(\\d{1,4})$`),
  scope: new RegExp(`^(?:${anyWord('scope')})\\s+(.+)$`),
  reseller: new RegExp(`^(?:${anyWord('reseller')})\\s+(.+)$`),
  remove: new RegExp(`^(?:${anyWord('remove')})\\s+${line}(\\d{1,4})$`),
};
const billingOf = (word: string): BillingCycle => (allWords('monthly').includes(word) ? 'monthly' : 'one_time');
const scopeOf = (word: string): Scope | undefined =>
  allWords('shared').includes(word) ? 'shared' : allWords('single').includes(word) ? 'single' : undefined;

/** Typed changes on the review step. */
function parseTypedReview(text: string, data: ReviewData): ReviewAnswer | undefined {
  const t = text.trim().toLowerCase();
  if (allWords('reviewBuy').includes(t)) return { kind: 'buy', changes: {} };
  if (allWords('reviewAddItem').includes(t)) return { kind: 'addItem' };
  if (allWords('reviewUpdate').includes(t)) return { kind: 'update', changes: {} };
  let m = reviewPatterns.quantity.exec(t);
  if (m) return { kind: 'update', changes: { quantities: { [Number(m[1])]: m[2] } } };
  m = reviewPatterns.billing.exec(t);
  if (m) return { kind: 'update', changes: { billingCycles: { [Number(m[2])]: billingOf(m[1]!) } } };
  m = reviewPatterns.scope.exec(t);
  const scope = m ? scopeOf(m[1]!.trim()) : undefined;
  if (scope) return { kind: 'update', changes: { scope } };
  m = reviewPatterns.reseller.exec(t);
  if (m) {
    const reseller = matchChoice(m[1]!, data.resellers);
    return { kind: 'update', changes: { resellerMpnId: reseller ? reseller.value : m[1]!.trim() } };
  }
  m = reviewPatterns.remove.exec(t);
  if (m) return { kind: 'remove', lineId: Number(m[1]) };
  return undefined;
}
