// Every sentence the dialogs say comes from the message catalogue of the turn's locale (src/i18n/en-US.ts,
// nl-NL.ts; English when the locale has no catalogue). This module picks it for a turn and adds what the
// dialogs need on top of it: refusals worded from their rule text, names of segments and terms.
import type { TurnContext } from 'botbuilder';
import type { Agent, Segment, TermDuration, Verdict } from '../src/domain/types';
import { catalogueFor, verdictWording, type Catalogue } from '../src/i18n';
import { truncate } from '../cards/format';
import { catalogueOf } from './turn';

export type { StorageFaultKind } from '../src/i18n/en-US';

type Refusal = Extract<Verdict, { ok: false }>;

function sayWith(t: Catalogue) {
  return {
    ...t.say,
    /** The catalogue's locale: what the cards are rendered in. */
    locale: t.locale,
    /** A refusal always says what was refused, which rule, and what to do, in the catalogue's language. */
    refusalText: (v: Refusal): string => {
      const { message, fix } = verdictWording(t, v);
      return t.say.refusal(message, fix, v.code, v.partnerCenterCode);
    },
    // The query is cut: pasted text echoed whole could make the reply larger than a Teams message may be.
    noCustomerMatches: (query: string): string => t.say.noCustomerMatches(truncate(query, 100)),
    segmentTitle: (s: Segment): string => t.names.segments[s],
    termText: (term: string): string => t.names.terms[term as TermDuration] ?? term,
    demoAgentTitle: (agent: Agent): string => agent.displayName,
    reservationTypeTitle: (key: string, title: string): string => t.names.reservationType(key, title),
    regionName: (armName: string, displayName: string): string => t.names.region(armName, displayName),
  };
}

export type Say = ReturnType<typeof sayWith>;

const cache = new Map<Catalogue, Say>();

/** What the dialogs say in `catalogue`. */
export function sayIn(catalogue: Catalogue): Say {
  let say = cache.get(catalogue);
  if (!say) cache.set(catalogue, (say = sayWith(catalogue)));
  return say;
}

/** What the dialogs say in this turn's locale. */
export const sayTo = (context: TurnContext): Say => sayIn(catalogueOf(context));

/** What the dialogs say in a locale (English when it has no catalogue). */
export const sayInLocale = (locale?: string): Say => sayIn(catalogueFor(locale));
