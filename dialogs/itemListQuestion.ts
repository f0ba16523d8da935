// Which item: a page of the catalog for the cart's market. A click or a row number picks an item; the
// filter form, its Clear filters button, an active filter's remove button, typed words ("D4s v5 west europe
// 3 years", "next", "clear") and the page buttons make the question ask again with that filter or page.
// Typed words change the filters they name and keep the others. "review" ends it for the review once the
// cart has a line.
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { PurchaseService } from '../src/purchase/purchaseService';
import type { CatalogFilter } from '../src/purchase/types';
import { TermDuration } from '../src/domain/types';
import { refineFilter } from '../src/purchase/catalogQuery';
import { allWords } from '../src/i18n';
import { ANY_FILTER, renderCatalogPage } from '../cards/render';
import { BACK, isBack, Question, type Recogniser } from './question';
import { actorOf } from './turn';
import { sayTo } from './messages';

export const ITEM_LIST_QUESTION = 'itemListQuestion';

/** Where the list is: kept by the purchase so that coming back to the list shows it as it was. */
export interface CatalogPosition {
  filter: CatalogFilter;
  page: number;
}

export interface ItemListOptions extends Omit<CatalogPosition, 'filter'> {
  /** None the first time the list is shown: the service starts it at the customer's region (and it is kept here). */
  filter?: CatalogFilter;
  cartId: string;
  reservationType: string;
  /** The question asks again (another page or filter): the card comes without the instructions above it. */
  again?: boolean;
}

/** How the question ended; every answer carries the list's position. */
export type ItemListAnswer = { catalog: CatalogPosition } & ({ itemId: string } | { review: true } | typeof BACK);

interface ItemListData {
  page: number;
  /** The card offers a next page (cards/render.ts): "next" beyond the last one is told so. */
  hasNext: boolean;
  rowIds: string[];
}

/** The filter form of the catalog card. Values arrive as strings; empty or ANY_FILTER means "any". */
const anyToEmpty = (v: unknown) => (v === ANY_FILTER ? '' : v);
const FilterForm = z.object({
  region: z.preprocess(anyToEmpty, z.string().max(60).optional()),
  family: z.preprocess(anyToEmpty, z.string().max(60).optional()),
  term: z.preprocess(anyToEmpty, z.union([TermDuration, z.literal('')]).optional()),
  text: z.string().max(200).optional(),
});

/** An active filter's remove button: which filter. The filter itself is the dialog's, never the card's. */
const RemoveFilter = z.object({ filter: z.enum(['region', 'family', 'armSkuName', 'term', 'text']) });

type ListInput =
  | { pick: string }
  | { page: number }
  | { form: z.infer<typeof FilterForm> }
  | { clear: true }
  | { remove: keyof CatalogFilter }
  /** Words typed: a filter, or "review" (which only counts once the cart has a line). */
  | { typed: string; review: boolean };

// What an agent may type on the item list, in every catalogue's language whatever the locale (src/i18n).
const nextWords = allWords('nextPage');
const previousWords = allWords('previousPage');
const clearWords = allWords('clearFilters');
const reviewWords = allWords('review');

const recogniseListInput: Recogniser<ListInput, ItemListData> = async (context, input, data) => {
  const say = sayTo(context);
  const submit = input.submit;
  const typed = input.text.toLowerCase();
  if (submit?.action === 'pickItem' && typeof submit.catalogItemId === 'string') {
    // The card with this prompt's nonce lists exactly rowIds: any other id was not shown to the agent.
    if (data.rowIds.includes(submit.catalogItemId)) return { ok: true, value: { pick: submit.catalogItemId } };
    await context.sendActivity(say.itemNotShown());
    return { ok: false };
  }
  if (submit?.action === 'clearFilters') return { ok: true, value: { clear: true } };
  const remove = submit?.action === 'removeFilter' ? RemoveFilter.safeParse(submit) : undefined;
  if (remove?.success) return { ok: true, value: { remove: remove.data.filter } };
  const form = submit?.action === 'filter' ? FilterForm.safeParse(submit) : undefined;
  if (form?.success) return { ok: true, value: { form: form.data } };
  if (submit && submit.action !== 'page') {
    await context.sendActivity(say.filterNotUnderstood());
    return { ok: false };
  }
  if (/^\d+$/.test(typed)) {
    const id = data.rowIds[Number(typed) - 1];
    if (id) return { ok: true, value: { pick: id } };
    await context.sendActivity(say.noSuchRow(data.rowIds.length));
    return { ok: false };
  }
  if (clearWords.includes(typed)) return { ok: true, value: { clear: true } };
  // The card's page buttons and the typed "next" and "previous" go one page forward or back.
  const move = submit ? Math.sign((Number.parseInt(String(submit.page), 10) || 0) - data.page) : nextWords.includes(typed) ? 1 : previousWords.includes(typed) ? -1 : undefined;
  if (move === undefined) return { ok: true, value: { typed: input.text, review: reviewWords.includes(typed) } };
  if (move > 0 && !data.hasNext) {
    await context.sendActivity(say.noMorePages());
    return { ok: false };
  }
  return { ok: true, value: { page: Math.max(0, data.page + move) } };
};

export class ItemListQuestion extends Question<ItemListOptions, ListInput, ItemListData> {
  constructor(private readonly service: PurchaseService) {
    super(ITEM_LIST_QUESTION, recogniseListInput);
  }

  protected async ask(dc: DialogContext, options: ItemListOptions): Promise<DialogTurnResult> {
    const say = sayTo(dc.context);
    const { cartId, reservationType, filter, page, again } = options;
    const found = await this.service.searchCatalog(actorOf(dc.context), cartId, filter, page);
    if (!found.ok) {
      await dc.context.sendActivity(say.refusalText(found.verdict));
      return dc.cancelAllDialogs();
    }
    const shown = found.value;
    // The filter the page was found with (the customer's region on a first page) is the list's from now on.
    options.filter = shown.filter;
    const typeName = await say.reservationTypeName(reservationType, () => this.service.reservationTypeTitle(reservationType));
    const { regions, families } = shown.vocabulary;
    const data: ItemListData = {
      page: shown.page,
      hasNext: (shown.page * shown.pageSize + shown.rows.length < shown.total || shown.totalCapped === true) && shown.rows.length > 0,
      rowIds: shown.rows.map((r) => r.catalogItemId),
    };
    return this.askWithCard(dc, 'item', {
      card: (nonce) => renderCatalogPage({ page: shown, reservationTypeTitle: typeName, regions, families, nonce, locale: say.locale }),
      data,
      text: again ? undefined : say.askItem(),
    });
  }

  protected async answered(dc: DialogContext, list: ItemListOptions, answer: ListInput | typeof BACK): Promise<DialogTurnResult> {
    const catalog: CatalogPosition = { filter: list.filter ?? {}, page: list.page };
    if (isBack(answer)) return dc.endDialog({ ...BACK, catalog } satisfies ItemListAnswer);
    if ('pick' in answer) return dc.endDialog({ itemId: answer.pick, catalog } satisfies ItemListAnswer);
    if ('typed' in answer && answer.review && (await this.service.lineCount(list.cartId)) > 0) return dc.endDialog({ review: true, catalog } satisfies ItemListAnswer);
    const position = 'page' in answer ? { filter: catalog.filter, page: answer.page } : { filter: await this.filterOf(list.cartId, catalog.filter, answer), page: 0 };
    return dc.replaceDialog(ITEM_LIST_QUESTION, { ...list, ...position, again: true });
  }

  /** The filter the agent asked for: the form's choices over its typed text, the current one less a removed filter, or refined by typed words. */
  private async filterOf(cartId: string, current: CatalogFilter, answer: Exclude<ListInput, { pick: string } | { page: number }>): Promise<CatalogFilter> {
    if ('clear' in answer) return {};
    if ('remove' in answer) {
      const { [answer.remove]: _removed, ...rest } = current;
      return rest;
    }
    if ('typed' in answer) return refineFilter(current, await this.service.filterFromText(cartId, answer.typed));
    const { text, region, family, term } = answer.form;
    const typed = text?.trim() ? await this.service.filterFromText(cartId, text) : {};
    return { ...typed, ...(region ? { region } : {}), ...(family ? { family } : {}), ...(term ? { term } : {}) };
  }
}
