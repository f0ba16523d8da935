// Partner Center error codes mapped to the same rule codes and messages the embedded rules use, so the
// agent reads one explanation whichever side refused.
import type { RuleCode } from '../domain/types';
import type { PartnerCenterError } from '../partnerCenter/partnerCenter';
import { refuse, type Refusal } from '../rules/verdict';

const known: Record<string, { code: RuleCode; message: string; fix: string }> = {
  '900150': { code: 'R2_ROLE', message: 'Partner Center says your role has no rights to buy this.', fix: 'Ask your partner admin for a role that may buy reservations.' },
  '800070': { code: 'R4_MARKET', message: 'This offer is not available in the customer\'s country.', fix: 'Choose another item; reservations are not sold in the unavailable markets.' },
  '800012': { code: 'R5_ACTIVE_SUBSCRIPTION', message: 'The subscription is not active.', fix: 'Choose an active subscription.' },
  '800030': { code: 'R5_ACTIVE_SUBSCRIPTION', message: 'The subscription is not registered for reservations yet.', fix: 'Wait a few minutes for the registration to finish, then buy again.' },
  '800013': { code: 'R5_ACTIVE_SUBSCRIPTION', message: 'The subscription is not enabled for reservation purchases.', fix: 'Choose another subscription or ask Microsoft support to enable it.' },
  '13605': { code: 'R6_AGREEMENT', message: "The customer's acceptance of the Microsoft Customer Agreement is not confirmed.", fix: 'Confirm the MCA acceptance in Partner Center, then try again.' },
  '800016': { code: 'R9_RESELLER', message: 'The MPN ID is not a valid indirect reseller.', fix: 'Choose one of your indirect resellers.' },
  '10013': { code: 'R10_BILLING_FREQUENCY', message: 'This item has no monthly billing plan.', fix: 'Choose one-time billing for it.' },
  '800017': { code: 'R12_QUANTITY', message: 'That quantity is not available.', fix: 'Enter a quantity within the allowed range.' },
  '800010': { code: 'R12_QUANTITY', message: 'Inventory is not available for this item in that region.', fix: 'Choose another region or size.' },
  '800060': { code: 'R15_ORDER_LISTING', message: 'The order is in progress.', fix: 'Do not buy again: open the order history in a few minutes.' },
  '800064': { code: 'R15_ORDER_LISTING', message: 'The cart is being processed by another request.', fix: 'Wait a moment and open the order history; do not buy again.' },
  '800065': { code: 'R15_ORDER_LISTING', message: 'The cart has already been submitted.', fix: 'Open the order history to see its order.' },
};

export function partnerCenterVerdict(error: PartnerCenterError): Refusal {
  const k = known[error.code];
  if (k) return refuse(k.code, k.message, k.fix, error.code);
  return refuse('R15_ORDER_LISTING', `Partner Center refused the purchase (${error.code}): ${error.description}`, 'Check the cart and try again; open the order history first to make sure nothing was bought.', error.code);
}
