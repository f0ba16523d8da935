// The order history, ten orders a page, shown for "orders" at the top level and at any question of a
// purchase (which then asks its question again); its page buttons work the same way, from any history
// card still in the chat.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { ORDERS_PAGE_ACTION, renderOrderHistoryCard } from '../cards/render';
import { actorOf, type TurnInput } from './turn';
import { sayTo } from './messages';

/** A page button of the history card. The page is a number the service checks against the orders there are. */
const OrdersPage = z.object({
  action: z.literal(ORDERS_PAGE_ACTION),
  page: z.coerce.number().int().min(0).max(1000),
  customerId: z.string().min(1).max(64).optional(),
});
export type OrdersPage = Omit<z.infer<typeof OrdersPage>, 'action'>;

/** The history page a card button asks for; none for any other input (or a page that is not a page number). */
export function ordersPageAsked(input: TurnInput): OrdersPage | undefined {
  // Only a history button's submit is parsed: a failed parse builds an error (most clicks are other buttons).
  const parsed = input.submit?.action === ORDERS_PAGE_ACTION ? OrdersPage.safeParse(input.submit) : undefined;
  return parsed?.success ? { page: parsed.data.page, customerId: parsed.data.customerId } : undefined;
}

/** The agent's order history, of one customer when `customerQuery` finds exactly one. */
export async function showOrderHistory(context: TurnContext, service: PurchaseService, customerQuery?: string): Promise<void> {
  const say = sayTo(context);
  let customerId: string | undefined;
  if (customerQuery) {
    const found = await service.findCustomers(actorOf(context), customerQuery.trim());
    if (found.total !== 1) {
      await context.sendActivity(found.total === 0 ? say.noCustomerMatches(customerQuery) : say.severalCustomersForOrders(found.total, customerQuery));
      if (found.total === 0) return;
    } else customerId = found.customers[0]!.id;
  }
  await showOrderHistoryPage(context, service, { page: 0, customerId });
}

/** One page of the history, as a card whose buttons ask for the pages around it. */
export async function showOrderHistoryPage(context: TurnContext, service: PurchaseService, { page, customerId }: OrdersPage): Promise<void> {
  const say = sayTo(context);
  const history = await service.orderHistory(actorOf(context), customerId, page);
  if (!history.ok) {
    await context.sendActivity(say.refusalText(history.verdict));
    return;
  }
  const { orders, customer, paging, customerNames, portalUrls } = history.value;
  await context.sendActivity({
    attachments: [
      renderOrderHistoryCard({ orders, paging, customerId: customer?.id, customerNames, portalUrls, title: say.orderHistoryTitle(customer?.companyName), locale: say.locale }),
    ],
  });
}
