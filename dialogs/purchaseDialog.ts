// The Partner Center purchase flow as one waterfall. Step k takes the answer to question k-1 and asks
// question k; "back" re-runs the step that asked the previous question with REPLAY (answers stay in
// step.values). Steps ask and show; every decision is the PurchaseService's.
import { ComponentDialog, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Attachment } from 'botbuilder';
import { z } from 'zod';
import type { PurchaseService, ReviewChanges } from '../src/purchase/purchaseService';
import type { CatalogFilter } from '../src/purchase/types';
import { BillingCycle, Scope, Segment, TermDuration, type Customer } from '../src/domain/types';
import { checkQuantity } from '../src/rules/order';
import {
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
  type Recognition,
} from './answerPrompt';
import { actorOf } from './turn';
import * as say from './messages';

export const PURCHASE_DIALOG = 'purchaseDialog';
const PURCHASE_FLOW = 'purchaseFlow';
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

/** The filter form of the catalog card. Values arrive as strings; empty means "any". */
const FilterSubmit = z.object({
  region: z.string().max(60).optional(),
  family: z.string().max(60).optional(),
  term: z.union([TermDuration, z.literal('')]).optional(),
  text: z.string().max(200).optional(),
});

/** The review card's own inputs; qty_<line> and billing_<line> are read separately. */
const ReviewSubmit = z.object({
  action: z.enum(['buy', 'update', 'addItem']),
  scope: Scope.optional(),
  reseller: z.string().max(40).optional(),
});

const nextWords = ['next', 'more', 'volgende', 'meer'];
const previousWords = ['previous', 'prev', 'vorige'];
const clearWords = ['all', 'clear', 'reset', 'alles', 'any'];
const reviewWords = ['review', 'done', 'checkout', 'review cart', 'controleren', 'klaar'];

export class PurchaseDialog extends ComponentDialog {
  constructor(private readonly service: PurchaseService) {
    super(PURCHASE_DIALOG);
    this.addDialog(new AnswerPrompt(CUSTOMER_PROMPT, (c, i, o) => this.recogniseCustomer(c, i, o as AnswerPromptOptions<CustomerData>)));
    this.addDialog(new AnswerPrompt(CHOICE_PROMPT, choiceRecogniser(say.notUnderstoodChoice)));
    this.addDialog(new AnswerPrompt(ITEM_PROMPT, (c, i, o) => this.recogniseItem(c, i, o as AnswerPromptOptions<ItemData>)));
    this.addDialog(new AnswerPrompt(QUANTITY_PROMPT, (c, i, o) => this.recogniseQuantity(c, i, o as AnswerPromptOptions<QuantityData>)));
    this.addDialog(new AnswerPrompt(REVIEW_PROMPT, (c, i, o) => this.recogniseReview(c, i, o as AnswerPromptOptions<ReviewData>)));
    this.addDialog(
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
    );
    this.initialDialogId = PURCHASE_FLOW;
  }

  // ---- steps ------------------------------------------------------------------------------------

  private async askCustomerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
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
      (nonce) => renderChoiceCard({ title: say.askCustomer(), text: say.customersFound(candidates.length, found.total, query), choices: candidates, action: 'pickCustomer', nonce }),
      { candidates: candidates.map(({ value, title }) => ({ value, title })) },
    );
  }

  private async askSegmentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
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
    const choices = this.service.segmentChoices(customer).map(({ segment }) => ({ value: segment, title: say.segmentTitle(segment) }));
    return this.askChoice(step, say.askSegment(), 'segment', choices);
  }

  private async askReservationTypeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
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
    const choices = types.map((t) => ({ value: t.key, title: t.title, synonyms: reservationTypeSynonyms(t.key) }));
    return this.askChoice(step, say.askReservationType(), 'reservationType', choices);
  }

  private async askSubscriptionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
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
        { value: 'addAzurePlan', title: say.yes(), synonyms: ['yes', 'y', 'ja', 'add', 'ok'] },
        { value: 'noAzurePlan', title: say.no(), synonyms: ['no', 'n', 'nee'] },
      ]);
    }
    const subscriptions = choices.value.map((s) => ({ value: s.id, title: s.friendlyName, subtitle: say.subscriptionSubtitle(s) }));
    return this.askChoice(step, say.askSubscription(customer.companyName), 'subscription', subscriptions);
  }

  private async showItemsStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
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
    const typeTitle = await this.reservationTypeTitle(values.reservationType!);
    const vocabulary = await this.service.vocabulary(values.customerId!, values.segment!, values.reservationType!);
    return this.ask<ItemData>(
      step,
      ITEM_PROMPT,
      (nonce) => renderCatalogPage({ page: page.value, reservationTypeTitle: typeTitle, regions: vocabulary.regions.map((r) => ({ armName: r.armName, displayName: r.displayName })), families: vocabulary.families, nonce }),
      { cartId: values.cartId!, filter, page: page.value.page, rowIds: page.value.rows.map((r) => r.catalogItemId), reservationTypeTitle: typeTitle },
      say.askItem(),
    );
  }

  private async askQuantityStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isBack(step.result)) return this.back(step);
    const values = this.values(step);
    if (!isReplay(step.result)) {
      const answer = step.result as ItemAnswer;
      if ('review' in answer) return this.jump(step, Step.review);
      Object.assign(values, { filter: answer.filter, page: answer.page, pendingItemId: answer.catalogItemId });
    }
    const row = await this.service.catalogRow(actorOf(step.context), values.cartId!, values.pendingItemId!);
    if (!row.ok) {
      await step.context.sendActivity(say.refusalText(row.verdict));
      return this.askAgain(step);
    }
    const { minimumQuantity, maximumQuantity, title } = row.value;
    return this.ask<QuantityData>(
      step,
      QUANTITY_PROMPT,
      (nonce) => renderQuantityCard({ row: row.value, nonce }),
      { minimumQuantity, maximumQuantity },
      say.askQuantity(title, minimumQuantity, maximumQuantity),
    );
  }

  private async askNextStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isBack(step.result)) return this.back(step);
    const values = this.values(step);
    if (!isReplay(step.result)) {
      const actor = actorOf(step.context);
      const added = await this.service.addLine(actor, values.cartId!, values.pendingItemId!, step.result);
      if (!added.ok) {
        await step.context.sendActivity(say.refusalText(added.verdict));
        return this.askAgain(step);
      }
      const row = await this.service.catalogRow(actor, values.cartId!, values.pendingItemId!);
      if (row.ok) await step.context.sendActivity(say.lineAdded(Number(step.result), row.value.title, row.value.region, say.termText(row.value.term)));
      values.pendingItemId = undefined;
    }
    return this.askChoice(step, say.askNext(), 'next', [
      { value: 'another', title: say.addAnother(), synonyms: ['another', 'add', 'more', 'nog een', 'toevoegen'] },
      { value: 'review', title: say.reviewCart(), synonyms: ['review', 'done', 'checkout', 'controleren', 'klaar'] },
    ]);
  }

  private async reviewCartStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
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
      (nonce) => renderReviewCard({ quote: quote.value, nonce }),
      { resellers: quote.value.resellers.map((r) => ({ value: r.mpnId, title: r.name })) },
      say.askReview(),
    );
  }

  private async finishStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (isBack(step.result)) return this.back(step);
    const answer = step.result as ReviewAnswer;
    const actor = actorOf(step.context);
    const cartId = this.values(step).cartId!;
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
      return this.askAgain(step);
    }
    const customer = await this.customer(step);
    await step.context.sendActivity({
      text: result.value.replayed ? say.alreadyBought() : say.orderPlaced(),
      attachments: [renderConfirmationCard({ result: result.value, customerName: customer.companyName })],
    });
    return step.endDialog(result.value.orders.map((o) => o.id));
  }

  // ---- recognisers ------------------------------------------------------------------------------

  /** A click on a listed customer, its number or name, or a new search by name or domain. */
  private async recogniseCustomer(
    context: WaterfallStepContext['context'],
    input: { text: string; submit?: Record<string, unknown> },
    options: AnswerPromptOptions<CustomerData>,
  ): Promise<Recognition<string>> {
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
      renderChoiceCard({ title: say.askCustomer(), text: say.customersFound(candidates.length, found.total, input.text), choices: candidates, action: 'pickCustomer', nonce }),
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
    const cart = await this.service.cartContext(actor, data.cartId);
    const vocabulary = await this.service.vocabulary(cart.customerId, cart.segment, cart.reservationType);
    Object.assign(data, { filter, page: result.value.page, rowIds: result.value.rows.map((r) => r.catalogItemId) });
    const card = replaceCard(options, (nonce) =>
      renderCatalogPage({ page: result.value, reservationTypeTitle: data.reservationTypeTitle, regions: vocabulary.regions, families: vocabulary.families, nonce }),
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
    const raw = input.submit ? (input.submit.action === 'quantity' ? input.submit.quantity : undefined) : input.text;
    const verdict = checkQuantity(raw, options.data);
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

  private async reservationTypeTitle(key: string): Promise<string> {
    return (await this.service.reservationTypes()).find((t) => t.key === key)?.title ?? key;
  }

  private ask<D>(step: WaterfallStepContext, promptId: string, card: (nonce: string) => Attachment, data: D, text?: string) {
    const nonce = newNonce();
    const options: AnswerPromptOptions<D> = { prompt: { type: 'message', text, attachments: [card(nonce)] }, nonce, data };
    return step.prompt(promptId, options);
  }

  private askChoice(step: WaterfallStepContext, title: string, action: string, choices: (ChoiceData['choices'][number] & { subtitle?: string })[]) {
    return this.ask<ChoiceData>(
      step,
      CHOICE_PROMPT,
      (nonce) => renderChoiceCard({ title, choices, action, nonce }),
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

/** "VirtualMachines" → "virtual machines", plus the short names agents type. */
function reservationTypeSynonyms(key: string): string[] {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const extra: Record<string, string[]> = {
    VirtualMachines: ['vm', 'vms', 'virtual machine', 'virtuele machines'],
    SqlDatabase: ['sql', 'sql db'],
    CosmosDb: ['cosmos'],
    AppServicePremiumV3: ['app service'],
    SuseLinux: ['suse'],
    RedHat: ['red hat', 'rhel'],
  };
  return [spaced, ...(extra[key] ?? [])];
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

const billingWords: Record<string, BillingCycle> = {
  monthly: 'monthly',
  maandelijks: 'monthly',
  'one-time': 'one_time',
  onetime: 'one_time',
  'one time': 'one_time',
  once: 'one_time',
  eenmalig: 'one_time',
};
const scopeWords: Record<string, Scope> = { shared: 'shared', gedeeld: 'shared', single: 'single', 'single subscription': 'single', enkel: 'single' };

/** Typed changes on the review step. */
function parseTypedReview(text: string, data: ReviewData): ReviewAnswer | undefined {
  const t = text.trim().toLowerCase();
  if (['buy', 'kopen', 'confirm', 'place order', 'bestellen'].includes(t)) return { kind: 'buy', changes: {} };
  if (['add item', 'add another', 'another', 'add', 'toevoegen'].includes(t)) return { kind: 'addItem' };
  if (['update', 'refresh', 'bijwerken'].includes(t)) return { kind: 'update', changes: {} };
  let m = /^(?:quantity|qty|aantal|set)\s+(?:line\s+|regel\s+)?(\d{1,4})\s+(?:to\s+|naar\s+|=\s*)?(.+)$/.exec(t);
  if (m) return { kind: 'update', changes: { quantities: { [Number(m[1])]: m[2] } } };
  m = /^(monthly|maandelijks|one-time|one time|onetime|once|eenmalig)\s+(?:line\s+|regel\s+)?(\d{1,4})$/.exec(t);
  if (m) return { kind: 'update', changes: { billingCycles: { [Number(m[2])]: billingWords[m[1]] } } };
  m = /^(?:scope|bereik)\s+(.+)$/.exec(t);
  if (m && scopeWords[m[1]]) return { kind: 'update', changes: { scope: scopeWords[m[1]] } };
  m = /^(?:reseller|wederverkoper)\s+(.+)$/.exec(t);
  if (m) {
    const reseller = matchChoice(m[1], data.resellers);
    return { kind: 'update', changes: { resellerMpnId: reseller ? reseller.value : m[1].trim() } };
  }
  m = /^(?:remove|delete|verwijder)\s+(?:line\s+|regel\s+)?(\d{1,4})$/.exec(t);
  if (m) return { kind: 'remove', lineId: Number(m[1]) };
  return undefined;
}
