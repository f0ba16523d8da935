// Messages the bot sends unasked: into a conversation whose reference the store keeps (TurnPreparation
// refreshes it on every message of a known agent), through the CloudAdapter's continueConversationAsync.
// With a MicrosoftAppId the adapter signs the call as that app; without one (the Emulator, the local Web
// Chat) it posts unsigned, as it replies.
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationReferences, StoredConversation } from '../src/store/botStore';
import type { Proactive, ProactiveSend } from '../dialogs/proactive';

export class ProactiveMessenger implements Proactive {
  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    /** MicrosoftAppId (bot/config.ts); empty in the Emulator. */
    private readonly botAppId: string,
    private readonly conversations: ConversationReferences,
    private readonly log: (line: string) => void,
  ) {}

  async toAgent(agentId: string, send: ProactiveSend): Promise<number> {
    const latestPerChannel = new Map<string, StoredConversation>();
    for (const c of await this.conversations.ofAgent(agentId)) if (!latestPerChannel.has(c.channelId)) latestPerChannel.set(c.channelId, c);
    const reached = await Promise.all([...latestPerChannel.values()].map((c) => this.deliver(c, send)));
    return reached.filter(Boolean).length;
  }

  async toConversation(conversationId: string, send: ProactiveSend): Promise<boolean> {
    const conversation = await this.conversations.get(conversationId);
    return conversation ? this.deliver(conversation, send) : false;
  }

  /**
   * A failure is caught inside the turn: the adapter's onTurnError is for the agent's own turns (it
   * resets their conversation), and an unreachable conversation must not do that.
   */
  private async deliver(conversation: StoredConversation, send: ProactiveSend): Promise<boolean> {
    let failure: unknown;
    await this.adapter
      .continueConversationAsync(this.botAppId, conversation.reference as Partial<ConversationReference>, async (context: TurnContext) => {
        await send(context).catch((error: unknown) => (failure = error));
      })
      .catch((error: unknown) => (failure = error));
    if (failure === undefined) return true;
    this.log(`[proactive] conversation ${conversation.conversationId} (${conversation.channelId}) not reached: ${failure instanceof Error ? failure.message : String(failure)}`);
    return false;
  }
}
