// The background follow-ups (src/purchase/followUp.ts) as the agent reads them: worded in the locale of
// the conversation they bought in, with names escaped for a markdown message and dates formatted.
import type { FollowUpNotice, NoticeItem } from '../src/purchase/followUp';
import { catalogueFor } from '../src/i18n';
import { escapeInlineMarkdown as escapeMarkdown, formatDate, formatInteger } from '../cards/format';

export function followUpText({ locale, message: m }: FollowUpNotice): string {
  const t = catalogueFor(locale).say.followUp;
  const items = (list: NoticeItem[]) => list.map((i) => `${formatInteger(i.quantity, locale)} × ${escapeMarkdown(i.name)}`).join(', ');
  const customer = escapeMarkdown(m.customer);
  switch (m.kind) {
    case 'provisioningCompleted':
      return t.provisioningCompleted(m.orderId, customer, items(m.items));
    case 'provisioningFailed':
      return t.provisioningFailed(m.orderId, customer, items(m.items));
    case 'checkoutBought':
      return t.checkoutBought(customer, m.orderIds);
    case 'checkoutNotBought':
      return t.checkoutNotBought(customer, m.minutes);
    case 'reservationExpiring':
      return t.reservationExpiring(m.orderId, customer, items(m.items), formatDate(m.expiresOn, catalogueFor(locale).locale), m.days);
  }
}
