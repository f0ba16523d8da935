// How a catalogue words the rules' texts (src/domain/types.ts): a function per key.
import type { RuleText, RuleTextKey, RuleTextParams } from '../domain/types';

/** A locale's wording of every rule text: a message and, for refusals, the fix. */
export type RuleTexts = { [K in RuleTextKey]: (params: RuleTextParams[K]) => { message: string; fix?: string } };

/** The wording of `text` in `texts`. */
export function wordRuleText(texts: RuleTexts, text: RuleText): { message: string; fix?: string } {
  return (texts[text.key] as (params: unknown) => { message: string; fix?: string })(text.params);
}
