// The background follow-ups (src/purchase/followUp.ts) as the agent reads them: worded in the locale of
// the conversation they bought in, with names escaped for a markdown message and dates formatted.
import type { FollowUpNotice, NoticeItem } from '../src/purchase/followUp';
import type { Proactive } from './proactive';
import { catalogueFor } from '../src/i18n';
import { escapeInlineMarkdown as escapeMarkdown, formatDate, formatInteger } from '../cards/format';

/** Sends the notice into its conversation, in the language the agent last wrote there (else the one they bought in). */
export function sendFollowUp(proactive: Proactive, notice: FollowUpNotice): Promise<boolean> {
  return proactive.toConversation(notice.conversationId, async (context) => {
    await context.sendActivity(followUpText({ ...notice, locale: context.activity.locale ?? notice.locale }));
  });
}

export function followUpText(notice: FollowUpNotice): string {
  const catalogue = catalogueFor(notice.locale);
  const [t, locale, m] = [catalogue.say.followUp, catalogue.locale, notice.message];
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
      return t.reservationExpiring(m.orderId, customer, items(m.items), formatDate(m.expiresOn, locale), m.days);
  }
}
