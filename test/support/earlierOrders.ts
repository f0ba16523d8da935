// Orders placed before a test starts, written into the embedded Partner Center the way its checkout writes
// them: more than one page of the order history.
import type { LocalPartnerCenter } from '../../src/partnerCenter/local';
import { demoAgents, demoCustomers, demoPartners, demoSubscriptions } from '../../src/store/demoIds';

/** Euro cents of one Standard_D2s_v5 in West Europe for 3 years, as the demo catalog prices it. */
const unitPriceMinor = 119_307;

/**
 * `count` orders of Contoso Retail, one a day at 09:00 UTC from 1 February 2026: order n is "order-0n"
 * (two digits), n × Standard_D2s_v5 in West Europe for 3 years, completed, every fifth one cancelled.
 */
export function placeEarlierOrders(world: LocalPartnerCenter, count: number): void {
  const orders = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const id = `order-${String(n).padStart(2, '0')}`;
    return {
      id,
      alternateId: `alt-${id}`,
      orderGroup: '0',
      cartId: `cart-${id}`,
      customerId: demoCustomers.contosoRetail,
      partnerId: demoPartners.contosoNl,
      agentId: demoAgents.anna,
      subscriptionId: demoSubscriptions.contosoRetailProduction,
      scope: 'shared' as const,
      billingCycle: 'one_time' as const,
      currencyCode: 'EUR',
      totalMinor: n * unitPriceMinor,
      status: n % 5 === 0 ? ('cancelled' as const) : ('completed' as const),
      creationDate: new Date(Date.UTC(2026, 1, n, 9)).toISOString(),
      lineItems: [
        {
          lineItemNumber: 0,
          catalogItemId: 'DZH318Z0BQ4L:00ZL:earlier',
          offerId: 'DZH318Z0BQ4L:00ZL',
          friendlyName: 'Reserved VM Instance, Standard_D2s_v5, West Europe, 3 Years',
          armRegionName: 'westeurope',
          quantity: n,
          termDuration: 'P3Y' as const,
          unitPriceMinor,
          totalMinor: n * unitPriceMinor,
          partnerIdOnRecord: '',
          provisioningStatus: 'Fulfilled' as const,
        },
      ],
    };
  });
  for (const order of orders) world.orders.insert(`request-${order.id}`, [order]);
}
