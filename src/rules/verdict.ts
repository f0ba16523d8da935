import type { RuleCode, Verdict } from '../domain/types';

export type Refusal = Extract<Verdict, { ok: false }>;

export function pass(code: RuleCode, extra: { message?: string; warning?: string } = {}): Verdict {
  return { ok: true, code, ...extra };
}

export function refuse(code: RuleCode, message: string, fix?: string, partnerCenterCode?: string): Refusal {
  return { ok: false, code, message, ...(fix ? { fix } : {}), ...(partnerCenterCode ? { partnerCenterCode } : {}) };
}

/** The first refusal among verdicts, or undefined when all pass. */
export function firstRefusal(verdicts: Verdict[]): Refusal | undefined {
  return verdicts.find((v): v is Refusal => !v.ok);
}
