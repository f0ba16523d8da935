// Verdicts say what they say as a rule text (a key and its parameters): the rules never word a sentence.
// The catalogues of src/i18n word it for the agent, and in English for the audit trail.
import type { RuleCode, RuleText, Verdict } from '../domain/types';

export type Refusal = Extract<Verdict, { ok: false }>;

/** A passing verdict, with the note or warning it carries, if any. */
export function pass(code: RuleCode, text?: RuleText): Verdict {
  return text ? { ok: true, code, text } : { ok: true, code };
}

/** A refusal saying `text`, with the Partner Center error code of the same refusal where there is one. */
export function refuseWith(code: RuleCode, text: RuleText, partnerCenterCode?: string): Refusal {
  return { ok: false, code, text, ...(partnerCenterCode ? { partnerCenterCode } : {}) };
}

/** The first refusal among verdicts, or undefined when all pass. */
export function firstRefusal(verdicts: Verdict[]): Refusal | undefined {
  return verdicts.find((v): v is Refusal => !v.ok);
}
