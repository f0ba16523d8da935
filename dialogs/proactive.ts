// What a dialog needs to write to other conversations than the one of its turn (an approval request to the
// approvers, the outcome to the buyer): the bot implements it (bot/proactive.ts) over the conversation
// references the store keeps; tests record what it would deliver.
import type { TurnContext } from 'botbuilder';

/** Sends in a conversation's own turn context: its locale is the one its agent last wrote in. */
export type ProactiveSend = (context: TurnContext) => Promise<void>;

export interface Proactive {
  /**
   * Runs `send` in the conversations where the agent talks to the bot (the one they wrote in last, per
   * channel); resolves with how many were reached. A conversation that cannot be reached is logged and
   * skipped, never thrown: the caller's own turn goes on.
   */
  toAgent(agentId: string, send: ProactiveSend): Promise<number>;
  /** Runs `send` in one stored conversation; false when it is unknown or cannot be reached. */
  toConversation(conversationId: string, send: ProactiveSend): Promise<boolean>;
}
