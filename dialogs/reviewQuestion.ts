// The review card: the cart's lines with their quantities and billing, the scope and the reseller, the
// total, and Buy, Update and Add item. A click on the card or a typed change or command answers it; the
// review dialog (reviewDialog.ts) applies the answer and asks again until Buy.
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { PurchaseService, ReviewChanges } from '../src/purchase/purchaseService';
import { BillingCycle, Scope } from '../src/domain/types';
import { allWords, alternatives } from '../src/i18n';
import { renderReviewCard } from '../cards/render';
import { matchChoice } from './choices';
import { Question, type Recogniser } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';

export const REVIEW_QUESTION = 'reviewQuestion';

export interface ReviewQuestionOptions {
  cartId: string;
}

interface ReviewData {
  resellers: { value: string; title: string }[];
}

export type ReviewAnswer =
  | { kind: 'buy' | 'update'; changes: ReviewChanges }
  | { kind: 'addItem' }
  | { kind: 'remove'; lineId: number };


export class ReviewQuestion extends Question<ReviewQuestionOptions, ReviewAnswer, ReviewData> {
  constructor(private readonly service: PurchaseService) {
    super(REVIEW_QUESTION, recogniseReview);
  }

  protected async ask(dc: DialogContext, { cartId }: ReviewQuestionOptions): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const actor = actorOf(dc.context);
    const quote = await this.service.quote(actor, cartId);
    if (!quote.ok) {
      await dc.context.sendActivity(say.refusalText(quote.verdict));
      return dc.cancelAllDialogs();
    }
    this.service.prepareCheckout(actor, quote.value);
    return this.askWithCard(dc, 'review', {
      card: (nonce) => renderReviewCard({ quote: quote.value, nonce, locale: say.locale }),
      data: { resellers: quote.value.resellers.map((r) => ({ value: r.mpnId, title: r.name })) },
      text: say.askReview(),
    });
  }
}

/** The review card's own inputs; qty_<line> and billing_<line> are read separately. */
const ReviewSubmit = z.object({
  action: z.enum(['buy', 'update', 'addItem']),
  scope: Scope.optional(),
  reseller: z.string().max(40).optional(),
});

/** The review card's Buy/Update/Add (with its inputs), or a typed change or command. */
const recogniseReview: Recogniser<ReviewAnswer, ReviewData> = async (context, input, data) => {
  if (input.submit) {
    const parsed = ReviewSubmit.safeParse(input.submit);
    if (parsed.success) {
      if (parsed.data.action === 'addItem') return { ok: true, value: { kind: 'addItem' } };
      return { ok: true, value: { kind: parsed.data.action, changes: reviewChangesFromCard(input.submit, parsed.data) } };
    }
  } else {
    const typed = parseTypedReview(input.text, data);
    if (typed) return { ok: true, value: typed };
  }
  await context.sendActivity(sayTo(context).reviewNotUnderstood());
  return { ok: false };
};

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
    // Sent empty when the agent cleared it: an empty reseller never buys (R9).
    ...(parsed.reseller !== undefined ? { resellerMpnId: parsed.reseller } : {}),
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

/** Typed changes on the review. */
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
