// The activity handler: normalises the input, resolves the acting agent, runs the main dialog and saves
// state after the turn. Turns of one conversation run one at a time (state saving is last-writer-wins),
// in this process by a queue and across instances by the turn lock.
import {
  ActivityHandler,
  ActivityTypes,
  type TurnContext,
  type ConversationState,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus } from '../dialogs/sdk';
import type { DialogState, DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { MAIN_DIALOG, MainDialog } from '../dialogs/mainDialog';
import { continueActiveDialog } from '../dialogs/cancelAndHelpDialog';
import { TurnPreparation } from './turnPreparation';
import { sayTo } from '../dialogs/messages';
import type { ApprovalDialogs } from '../dialogs/approvals';

/** Where DialogStateManager looks for a configuration before building one (botbuilder-dialogs 4.23, memory/dialogStateManager.js). */
const MEMORY_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

export class PurchaseBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly preparation: TurnPreparation;
  private readonly conversationQueues = new Map<string, Promise<void>>();
  /** The dialogs' memory scopes and path resolvers: they hold no turn's data, so every turn shares the first one's. */
  private memoryConfiguration?: DialogStateManagerConfiguration;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    service: PurchaseService,
    demoMode: boolean,
    /** Holds a conversation across instances while its turn runs (PostgreSQL); one process needs none. */
    private readonly turnLock: <T>(conversationKey: string, fn: () => Promise<T>) => Promise<T> = (_key, fn) => fn(),
    approvals?: ApprovalDialogs,
  ) {
    super();
    const actingAgentId = userState.createProperty<string | undefined>('actingAgentId');
    this.preparation = new TurnPreparation(service, actingAgentId, demoMode);
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog(service, actingAgentId, approvals));

    this.onMessage(async (context, next) => {
      await this.runDialogs(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient.id);
      if (joined) await context.sendActivity(sayTo(context).welcome());
      await next();
    });
  }

  /** One turn at a time per conversation, state saved before the next one starts. */
  async run(context: TurnContext): Promise<void> {
    const key = context.activity.conversation?.id ?? '';
    const previous = this.conversationQueues.get(key) ?? Promise.resolve();
    const turn = previous.then(() =>
      this.turnLock(key, async () => {
        await super.run(context);
        // A message turn nearly always changes the conversation's state (a new card's nonce, the next
        // question): it is written without first hashing it to see whether it changed.
        await this.conversationState.saveChanges(context, context.activity.type === ActivityTypes.Message);
        await this.userState.saveChanges(context, false);
      }),
    );
    const settled = turn.catch(() => undefined);
    this.conversationQueues.set(key, settled);
    try {
      await turn;
    } finally {
      if (this.conversationQueues.get(key) === settled) this.conversationQueues.delete(key);
    }
  }

  private async runDialogs(context: TurnContext): Promise<void> {
    await this.preparation.prepare(context);
    // botbuilder-dialogs builds the memory configuration (a dependency container and its ten scope objects)
    // in every turn whose turn state carries none under this key.
    if (this.memoryConfiguration) context.turnState.set(MEMORY_CONFIGURATION_KEY, this.memoryConfiguration);
    // Running the dialog set by hand (not runDialog) avoids the BotState trace activity in every reply.
    const dc = await this.dialogs.createContext(context);
    this.memoryConfiguration ??= dc.state.configuration;
    const result = await continueActiveDialog(dc);
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG);
  }
}
