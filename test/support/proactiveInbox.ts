// Proactive messages in conversation tests: the bot's own ProactiveMessenger over the store's conversation
// references, with an adapter that runs the logic in a turn context of the stored conversation and keeps
// what it sends and what it replaces, per conversation, for the test to read (and click, as that
// conversation's agent).
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import { ProactiveMessenger } from '../../bot/proactive';
import type { BotStore } from '../../src/store/botStore';

let sent = 0;

class InboxAdapter extends BotAdapter {
  constructor(
    private readonly deliver: (activities: Partial<Activity>[]) => void,
    private readonly replace: (activity: Partial<Activity>) => void,
  ) {
    super();
  }

  /** Each message gets the id a channel would give it, unique in the test run. */
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const withIds = activities.map((a) => ({ ...a, id: `proactive-${++sent}` }));
    this.deliver(withIds);
    return withIds.map((a) => ({ id: a.id }));
  }

  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.replace(activity);
  }

  async deleteActivity(): Promise<void> {
    throw new Error('a proactive message is never a delete');
  }

  async continueConversation(): Promise<void> {
    throw new Error('use continueConversationAsync');
  }
}

export class ProactiveInbox {
  private readonly inboxes = new Map<string, Partial<Activity>[]>();
  private readonly replaced = new Map<string, Partial<Activity>[]>();
  readonly logs: string[] = [];
  readonly messenger: ProactiveMessenger;

  constructor(store: BotStore) {
    const adapter = {
      continueConversationAsync: async (_appId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>) => {
        const conversationId = reference.conversation!.id;
        const inbox = new InboxAdapter(
          (activities) => this.inboxes.set(conversationId, [...(this.inboxes.get(conversationId) ?? []), ...activities]),
          (activity) => this.replaced.set(conversationId, [...(this.replaced.get(conversationId) ?? []), activity]),
        );
        const activity = TurnContext.applyConversationReference({ type: 'event', name: 'ContinueConversation' }, reference, true);
        await logic(new TurnContext(inbox, activity));
      },
    };
    this.messenger = new ProactiveMessenger(adapter as unknown as ConstructorParameters<typeof ProactiveMessenger>[0], '', store.conversations, (line) => this.logs.push(line));
  }

  /** What the bot sent into this conversation unasked since the last call, emptied. */
  take(conversationId: string): Partial<Activity>[] {
    const sent = this.inboxes.get(conversationId) ?? [];
    this.inboxes.delete(conversationId);
    return sent;
  }

  /** The bot's earlier messages in this conversation it replaced unasked since the last call, as they read now; emptied. */
  takeUpdates(conversationId: string): Partial<Activity>[] {
    const updates = this.replaced.get(conversationId) ?? [];
    this.replaced.delete(conversationId);
    return updates;
  }
}
