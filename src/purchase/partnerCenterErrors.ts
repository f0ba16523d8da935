// Partner Center error codes mapped to the same rule codes and messages the embedded rules use, so the
// agent reads one explanation whichever side refused.
import type { RuleCode } from '../domain/types';
import type { PartnerCenterError } from '../partnerCenter/partnerCenter';
import { refuseWith, type Refusal } from '../rules/verdict';
import { enUS } from '../i18n/en-US';
import { ruleText, type RuleTextKey, type RuleTextParams } from '../domain/types';
import type { GatewayFailure } from '../domain/types';

/** Partner Center error codes with a text of their own (worded per locale in src/i18n). */
type PcKey = { [K in RuleTextKey]: RuleTextParams[K] extends Record<string, never> ? (K extends `pc${string}` ? K : never) : never }[RuleTextKey];

// Every error code of shared/domain/README.md §3, under the code of the rule that refuses the same thing
// (its partnerCenterCode is the same: checkRole 900150, checkMarket 800070, checkSubscriptionActive
// 800012, checkAgreement 13605, checkReseller 800016, checkBillingCycle 10013, checkQuantity 800017,
// checkInventory 800010, checkNotResubmitted 800065). Cart line errors (10002…10013) are the same
// refusals as their checkout codes. Invalid input and the credit limit have no rule of ours: they have
// codes of their own, as has any other error (told with Partner Center's description).
export const partnerCenterErrorCodes: Record<string, { code: RuleCode; key: PcKey }> = {
  '800002': { code: 'INVALID_INPUT', key: 'pcInvalidInput' },
  '800009': { code: 'CATALOG_AVAILABILITY', key: 'pcCartLineErrors' },
  '800010': { code: 'CATALOG_AVAILABILITY', key: 'pcInventoryNotAvailable' },
  '800012': { code: 'R5_ACTIVE_SUBSCRIPTION', key: 'pcSubscriptionNotActive' },
  '800013': { code: 'R5_ACTIVE_SUBSCRIPTION', key: 'pcSubscriptionNotEnabled' },
  '800016': { code: 'R9_RESELLER', key: 'pcResellerInvalid' },
  '800017': { code: 'R12_QUANTITY', key: 'pcQuantityNotAvailable' },
  '800023': { code: 'CREDIT_LIMIT', key: 'pcCreditLimit' },
  '800025': { code: 'CREDIT_LIMIT', key: 'pcCreditLimit' },
  '800030': { code: 'R5_ACTIVE_SUBSCRIPTION', key: 'pcSubscriptionNotRegistered' },
  '800060': { code: 'R15_ORDER_LISTING', key: 'pcOrderInProgress' },
  '800064': { code: 'R15_ORDER_LISTING', key: 'pcCartBeingProcessed' },
  '800065': { code: 'R15_ORDER_LISTING', key: 'pcCartSubmitted' },
  '800070': { code: 'R4_MARKET', key: 'pcOfferNotInCountry' },
  '900121': { code: 'CREDIT_LIMIT', key: 'pcCreditLimit' },
  '900150': { code: 'R2_ROLE', key: 'pcRoleNoRights' },
  '13605': { code: 'R6_AGREEMENT', key: 'pcAgreementNotConfirmed' },
  // Cart line errors (a line's `error.errorCode` on POST/PUT …/carts).
  '10002': { code: 'CATALOG_AVAILABILITY', key: 'pcQuotaNotAvailable' },
  '10003': { code: 'CATALOG_AVAILABILITY', key: 'pcInventoryNotAvailable' },
  '10008': { code: 'R5_ACTIVE_SUBSCRIPTION', key: 'pcSubscriptionNotEnabled' },
  '10011': { code: 'R5_ACTIVE_SUBSCRIPTION', key: 'pcSubscriptionNotRegistered' },
  '10013': { code: 'R10_BILLING_FREQUENCY', key: 'pcNoBillingPlan' },
};
const known = partnerCenterErrorCodes;

export function partnerCenterVerdict(error: PartnerCenterError): Refusal {
  const k = known[error.code];
  if (k) return refuseWith(k.code, ruleText(k.key), error.code);
  return refuseWith('PARTNER_CENTER_ERROR', ruleText('pcUnknown', { code: error.code, description: error.description }), error.code);
}

/** What went wrong with Partner Center, in a few English words ("HTTP 500, no answer in time"); each catalogue words it too. */
export function describeFailures(failures: GatewayFailure[]): string {
  return enUS.names.gatewayFailures(failures);
}

/** A checkout Partner Center did not carry out (it kept failing) or did not confirm either way. */
export function checkoutFailureVerdict(attempt: { kind: 'notBought' | 'unknown'; error: PartnerCenterError; attempts: number; failures: GatewayFailure[] }): Refusal {
  const params = { failures: attempt.failures, attempts: attempt.attempts, code: attempt.error.code };
  const text = attempt.kind === 'notBought' ? ruleText('checkoutNotBought', params) : ruleText('checkoutUnknown', params);
  return refuseWith('R15_ORDER_LISTING', text, attempt.error.code);
}
