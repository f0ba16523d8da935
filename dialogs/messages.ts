// Every sentence the dialogs say comes from the message catalogue of the turn's locale (src/i18n/en-US.ts,
// nl-NL.ts; English when the locale has no catalogue). This module picks it for a turn and adds what the
// dialogs need on top of it: refusals worded from their rule text, names of segments and terms.
import type { TurnContext } from 'botbuilder';
import type { Agent, Partner, Segment, TermDuration, Verdict } from '../src/domain/types';
import { catalogueFor, verdictWording, type AnsweredQuestion, type Catalogue, type RuleText } from '../src/i18n';
import { escapeInlineMarkdown as escapeMarkdown, truncate } from '../cards/format';
import { catalogueOf } from './turn';

export type { StorageFaultKind } from '../src/i18n/en-US';

type Refusal = Extract<Verdict, { ok: false }>;

/** Rule text parameters that carry data (names, typed text, Partner Center descriptions), not enum keys. */
const dataParams = new Set(['partner', 'subscription', 'customer', 'name', 'item', 'reasons', 'mpnId', 'shown', 'description']);

/**
 * The rule text with its data escaped for a chat message: Teams and Web Chat render message text as
 * markdown, so a customer named "*Bold* [x](url)" must not become formatting or a link. (Cards escape
 * data themselves.)
 */
function escapedForMessage(text: RuleText): RuleText {
  const escape = (value: unknown, key: string): unknown => {
    if (typeof value === 'string') return dataParams.has(key) ? escapeMarkdown(value) : value;
    if (Array.isArray(value)) return value.map((v) => escape(v, key));
    if (value && typeof value === 'object') {
      if ('key' in value && 'params' in value) return escapedForMessage(value as RuleText);
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escape(v, k)]));
    }
    return value;
  };
  return { key: text.key, params: escape(text.params, '') } as RuleText;
}

const escapedAgent = (agent: Agent): Agent => ({ ...agent, displayName: escapeMarkdown(agent.displayName) });
const escapedPartner = (partner: Partner): Partner => ({ ...partner, name: escapeMarkdown(partner.name) });

function sayWith(t: Catalogue) {
  return {
    ...t.say,
    // Message texts are markdown: data in them is escaped (see escapedForMessage).
    welcome: (name?: string): string => t.say.welcome(name === undefined ? undefined : escapeMarkdown(name)),
    actingAs: (agent: Agent, partner: Partner): string => t.say.actingAs(escapedAgent(agent), escapedPartner(partner)),
    directoryIdentity: (agent: Agent, partner: Partner): string => t.say.directoryIdentity(escapedAgent(agent), escapedPartner(partner)),
    answered: (question: AnsweredQuestion, answer: string): string => t.say.answered(question, escapeMarkdown(answer)),
    chose: (choice: string): string => t.say.chose(escapeMarkdown(choice)),
    reviewBought: (lines: number, customer: string): string => t.say.reviewBought(lines, escapeMarkdown(customer)),
    severalCustomersForOrders: (n: number, query: string): string => t.say.severalCustomersForOrders(n, escapeMarkdown(truncate(query, 100))),
    /** Four eyes above the approval limit (dialogs/approvals.ts). */
    approvals: t.approvals,
    /** The catalogue's locale: what the cards are rendered in. */
    locale: t.locale,
    /** A refusal always says what was refused and what to do, in the catalogue's language. */
    refusalText: (v: Refusal): string => {
      const { message, fix } = verdictWording(t, v.text ? { ...v, text: escapedForMessage(v.text) } : v);
      return t.say.refusal(message, fix, v.partnerCenterCode);
    },
    /** A customer in the list: domain and country, and why nothing can be bought for it, if so (a card: not escaped here). */
    customerSubtitle: (domain: string, country: string, refused?: Refusal): string =>
      [domain, country, refused ? `⛔ ${verdictWording(t, refused).message}` : undefined].filter(Boolean).join(' · '),
    // The query is cut: pasted text echoed whole could make the reply larger than a Teams message may be.
    noCustomerMatches: (query: string): string => t.say.noCustomerMatches(escapeMarkdown(truncate(query, 100))),
    sentenceUnread: (words: string): string => t.say.sentenceUnread(escapeMarkdown(truncate(words, 100))),
    segmentTitle: (s: Segment): string => t.names.segments[s],
    termText: (term: string): string => t.names.terms[term as TermDuration] ?? term,
    demoAgentTitle: (agent: Agent): string => agent.displayName,
    reservationTypeTitle: (key: string, title: string): string => t.names.reservationType(key, title),
    /** The same, for a type known by its key: Partner Center's own title is read only for a type the catalogue does not name. */
    reservationTypeName: async (key: string, partnerCenterTitle: () => Promise<string | undefined>): Promise<string> =>
      t.names.reservationType(key, '') || t.names.reservationType(key, (await partnerCenterTitle()) ?? key),
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
