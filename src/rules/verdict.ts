import type { RuleCode, Verdict } from '../domain/types';
import { enUS } from '../i18n/en-US';
import { wordRuleText, type RuleText } from '../i18n/ruleTexts';

export type Refusal = Extract<Verdict, { ok: false }>;

export function pass(code: RuleCode, extra: { message?: string; warning?: string } = {}): Verdict {
  return { ok: true, code, ...extra };
}

export function refuse(code: RuleCode, message: string, fix?: string, partnerCenterCode?: string): Refusal {
  return { ok: false, code, message, ...(fix ? { fix } : {}), ...(partnerCenterCode ? { partnerCenterCode } : {}) };
}

/**
 * A refusal that says `text`: worded in English for `message` and `fix` (the audit trail), and kept as
 * a key and parameters so the agent reads it in their own language.
 */
export function refuseWith(code: RuleCode, text: RuleText, partnerCenterCode?: string): Refusal {
  const { message, fix } = wordRuleText(enUS.rules, text);
  return { ...refuse(code, message, fix, partnerCenterCode), text };
}

/** A passing verdict with a note (`message`) or a `warning`, worded as refuseWith does. */
export function passWith(code: RuleCode, kind: 'message' | 'warning', text: RuleText): Verdict {
  return { ...pass(code, { [kind]: wordRuleText(enUS.rules, text).message }), text };
}

/** The first refusal among verdicts, or undefined when all pass. */
export function firstRefusal(verdicts: Verdict[]): Refusal | undefined {
  return verdicts.find((v): v is Refusal => !v.ok);
}
