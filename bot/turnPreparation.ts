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
    TurnContext.removeRecipientMention(context.activity);
    setTurn(context, normaliseInput(context), { ...(await this.resolveActor(context)), demoMode: this.demoMode });
  }

  /** Teams' aadObjectId or the channel's user id; in demo mode the agent the user chose to act as. */
  private async resolveActor(context: TurnContext): Promise<{ actor?: Actor; chosenInDemo?: boolean }> {
    const from = context.activity.from ?? { id: '' };
    const conversationId = context.activity.conversation?.id ?? '';
    const known =
      this.service.resolveAgent(from.aadObjectId ?? from.id) ?? (from.aadObjectId ? this.service.resolveAgent(from.id) : undefined);
    if (known) return { actor: { ...known, conversationId } };
    if (!this.demoMode) return {};
    const chosen = await this.actingAgentId.get(context);
    const acting = chosen ? this.service.resolveAgent(chosen) : undefined;
    return acting ? { actor: { ...acting, conversationId }, chosenInDemo: true } : {};
  }
}

/** Typed text, or a card submit validated as such; anything else in `value` is ignored. */
function normaliseInput(context: TurnContext): TurnInput {
  const text = (context.activity.text ?? '').trim();
  const submit = CardSubmit.safeParse(context.activity.value);
  return submit.success && !text ? { text: '', submit: submit.data } : { text };
}
