// Before any dialog runs: the input normalised (typed text or a validated card submit) and the acting
// agent resolved. Middleware so that the conversation tests run exactly what the server runs.
import { TurnContext, type Middleware, type StatePropertyAccessor } from 'botbuilder';
import type { Actor, PurchaseService } from '../src/purchase/purchaseService';
import { CardSubmit, setTurn, type TurnInput } from '../dialogs/turn';

export class TurnPreparation implements Middleware {
  constructor(
    private readonly service: PurchaseService,
    /** Demo mode: the directory agent a local user chose to act as. */
    private readonly actingAgentId: StatePropertyAccessor<string | undefined>,
    private readonly demoMode: boolean,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type === 'message') await this.prepare(context);
    await next();
  }

  async prepare(context: TurnContext): Promise<void> {
    // The activity is the channel's (or anyone's, in demo mode): fields of the wrong type are dropped here
    // rather than crash the turn (and reset the conversation) somewhere later.
    if (context.activity.text != null && typeof context.activity.text !== 'string') context.activity.text = '';
    removeRecipientMention(context.activity);
    const identity = await this.resolveActor(context);
    if (identity.actor) await this.service.rememberConversation(identity.actor, context.activity.channelId, proactiveReference(context));
    setTurn(context, normaliseInput(context), { ...identity, demoMode: this.demoMode });
  }

  /** Teams' aadObjectId or the channel's user id; in demo mode the agent the user chose to act as. */
  private async resolveActor(context: TurnContext): Promise<{ actor?: Actor; chosenInDemo?: boolean }> {
    const from = context.activity.from ?? { id: '' };
    const conversationId = context.activity.conversation?.id ?? '';
    const locale = typeof context.activity.locale === 'string' ? context.activity.locale : undefined;
    const aadObjectId = typeof from.aadObjectId === 'string' && from.aadObjectId ? from.aadObjectId : undefined;
    const known = (await this.service.resolveAgent(aadObjectId ?? from.id)) ?? (aadObjectId ? await this.service.resolveAgent(from.id) : undefined);
    if (known) return { actor: { ...known, conversationId, locale } };
    if (!this.demoMode) return {};
    const chosen = await this.actingAgentId.get(context);
    const acting = chosen ? await this.service.resolveAgent(chosen) : undefined;
    return acting ? { actor: { ...acting, conversationId, locale }, chosenInDemo: true } : {};
  }
}

/**
 * Where a message the bot sends unasked goes: this conversation, not the agent's message of this turn
 * (no activityId: in a Teams channel a reply to it would land in that message's thread).
 */
function proactiveReference(context: TurnContext): Record<string, unknown> {
  const { activityId: _replyTo, ...reference } = TurnContext.getConversationReference(context.activity);
  return reference;
}

/**
 * TurnContext.removeRecipientMention without its crashes on entities a channel would not send (no
 * `type`, a mention without `mentioned` or `text`, `entities` not an array): removes the first mention
 * of the bot from the text, as it does.
 */
function removeRecipientMention(activity: TurnContext['activity']): void {
  const entities: unknown[] = Array.isArray(activity.entities) ? activity.entities : [];
  const botId = activity.recipient?.id;
  const mention = entities.find((e): e is { text: string } => {
    const m = e as { type?: unknown; text?: unknown; mentioned?: { id?: unknown } } | null;
    return typeof m?.type === 'string' && m.type.toLowerCase() === 'mention' && m.mentioned?.id === botId && typeof m.text === 'string' && m.text !== '';
  });
  if (mention && typeof activity.text === 'string') activity.text = activity.text.replace(mention.text, '').trim();
}

/** Typed text, or a card submit validated as such; anything else in `value` is ignored. The locale chooses the language. */
function normaliseInput(context: TurnContext): TurnInput {
  const text = (context.activity.text ?? '').trim();
  const submit = CardSubmit.safeParse(context.activity.value);
  const locale = typeof context.activity.locale === 'string' ? context.activity.locale.slice(0, 35) : undefined;
  return { ...(submit.success && !text ? { text: '', submit: submit.data } : { text }), ...(locale ? { locale } : {}) };
}
