// The activity handler: normalises the input, resolves the acting agent, runs the main dialog and saves
// state after the turn. Turns of one conversation run one at a time (state saving is last-writer-wins).
import {
  ActivityHandler,
  TurnContext,
  type ConversationState,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { PurchaseService, Actor } from '../src/purchase/purchaseService';
import { MAIN_DIALOG, MainDialog } from '../dialogs/mainDialog';
import { CardSubmit, setTurn, type TurnInput } from '../dialogs/turn';
import { welcome } from '../dialogs/messages';

export class PurchaseBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly actingAgentId: StatePropertyAccessor<string | undefined>;
  private readonly conversationQueues = new Map<string, Promise<void>>();

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly service: PurchaseService,
    private readonly demoMode: boolean,
  ) {
    super();
    this.actingAgentId = userState.createProperty<string | undefined>('actingAgentId');
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog(service, this.actingAgentId));

    this.onMessage(async (context, next) => {
      await this.runDialogs(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient.id);
      if (joined) await context.sendActivity(welcome());
      await next();
    });
  }

  /** One turn at a time per conversation, state saved before the next one starts. */
  async run(context: TurnContext): Promise<void> {
    const key = context.activity.conversation?.id ?? '';
    const previous = this.conversationQueues.get(key) ?? Promise.resolve();
    const turn = previous.then(async () => {
      await super.run(context);
      await this.conversationState.saveChanges(context, false);
      await this.userState.saveChanges(context, false);
    });
    const settled = turn.catch(() => undefined);
    this.conversationQueues.set(key, settled);
    try {
      await turn;
    } finally {
      if (this.conversationQueues.get(key) === settled) this.conversationQueues.delete(key);
    }
  }

  private async runDialogs(context: TurnContext): Promise<void> {
    TurnContext.removeRecipientMention(context.activity);
    setTurn(context, normaliseInput(context), { actor: await this.resolveActor(context), demoMode: this.demoMode });
    // Running the dialog set by hand (not runDialog) avoids the BotState trace activity in every reply.
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  }

  /** Teams' aadObjectId or the channel's user id; in demo mode the agent the user chose to act as. */
  private async resolveActor(context: TurnContext): Promise<Actor | undefined> {
    const from = context.activity.from ?? { id: '' };
    const conversationId = context.activity.conversation?.id ?? '';
    const known = this.service.resolveAgent(from.aadObjectId ?? from.id) ?? (from.aadObjectId ? this.service.resolveAgent(from.id) : undefined);
    if (known) return { ...known, conversationId };
    if (!this.demoMode) return undefined;
    const chosen = await this.actingAgentId.get(context);
    const acting = chosen ? this.service.resolveAgent(chosen) : undefined;
    return acting && { ...acting, conversationId };
  }
}

/** Typed text, or a card submit validated as such; anything else in `value` is ignored. */
function normaliseInput(context: TurnContext): TurnInput {
  const text = (context.activity.text ?? '').trim();
  const submit = CardSubmit.safeParse(context.activity.value);
  return submit.success && !text ? { text: '', submit: submit.data } : { text };
}
