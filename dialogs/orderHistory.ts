// The order history, shown for "orders" at the top level and at any question of a purchase (which then
// asks its question again).
import type { TurnContext } from 'botbuilder';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { renderOrderHistoryCard } from '../cards/render';
import { actorOf } from './turn';
import { sayTo } from './messages';

/** The agent's order history, of one customer when `customerQuery` finds exactly one. */
export async function showOrderHistory(context: TurnContext, service: PurchaseService, customerQuery?: string): Promise<void> {
  const say = sayTo(context);
  const actor = actorOf(context);
  let customer: { id: string; companyName: string } | undefined;
  if (customerQuery) {
    const found = await service.findCustomers(actor, customerQuery.trim());
    if (found.total !== 1) {
      await context.sendActivity(found.total === 0 ? say.noCustomerMatches(customerQuery) : say.severalCustomersForOrders(found.total, customerQuery));
      if (found.total === 0) return;
    } else customer = found.customers[0];
  }
  const history = await service.orderHistory(actor, customer?.id);
  if (!history.ok) {
    await context.sendActivity(say.refusalText(history.verdict));
    return;
  }
  await context.sendActivity({
    attachments: [
      renderOrderHistoryCard({ orders: history.value.orders, customerNames: history.value.customerNames, portalUrls: history.value.portalUrls, title: say.orderHistoryTitle(customer?.companyName), locale: say.locale }),
    ],
  });
}
