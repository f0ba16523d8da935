// An answered card settles: where the channel replaces a sent message in place (Teams, Web Chat over
// Direct Line), the card becomes one line saying what was chosen, so no old buttons stay live in the
// chat; elsewhere (the Emulator, tests, expectReplies delivery, where nothing sent can be changed) that
// line is said after it. The question keeps the id its card was sent with (question.ts) and hands it
// to the turn when it is answered; the question settles it once the answer is accepted.
import type { TurnContext } from 'botbuilder';
import type { QuestionName } from '../src/i18n';

/** Channels whose connector implements "Update Activity" for the bot's own messages. */
const updatingChannels = new Set(['msteams', 'webchat', 'directline']);

interface AnsweredCard {
  question: QuestionName;
  /** The id the channel gave the card (ResourceResponse id); none when the channel gave none. */
  activityId?: string;
}

const answeredKey = Symbol('answeredCard');

/** The prompt of `question` was answered this turn on (or below) the card sent as `activityId`. */
export function markCardAnswered(context: TurnContext, question: QuestionName, activityId: string | undefined): void {
  context.turnState.set(answeredKey, { question, activityId } satisfies AnsweredCard);
}

/** Whether a message sent in this turn can be replaced later. */
function canUpdateMessages(context: TurnContext): boolean {
  return updatingChannels.has(context.activity.channelId) && context.activity.deliveryMode !== 'expectReplies';
}

/**
 * Replaces the card of `question`, answered this turn, with `summary`; says `summary` instead where it
 * cannot (unless `sayBack` is false: something else that follows says it). Nothing happens when that
 * question's card was not answered in this turn (a question skipped because its answer was known).
 */
export async function settleCard(context: TurnContext, question: QuestionName, summary: string, sayBack = true): Promise<void> {
  const answered = context.turnState.get(answeredKey) as AnsweredCard | undefined;
  if (!answered || answered.question !== question) return;
  await settle(context, answered, summary, sayBack);
}

/**
 * Replaces the card answered this turn that no question settled with its choice (an answer that asked
 * again: another page, a search, a refused pick; "back", "help", "orders", "cancel") with `summary`;
 * never said, as the replies below tell what happened.
 */
export async function settleLeftCard(context: TurnContext, summary: string): Promise<void> {
  const answered = context.turnState.get(answeredKey) as AnsweredCard | undefined;
  if (answered) await settle(context, answered, summary, false);
}

async function settle(context: TurnContext, answered: AnsweredCard, summary: string, sayBack: boolean): Promise<void> {
  context.turnState.delete(answeredKey);
  if (answered.activityId && (await replaceMessage(context, answered.activityId, summary))) return;
  if (sayBack) await context.sendActivity(summary);
}

/**
 * Replaces the bot's message `activityId` in the context's conversation (this turn's, or one reached
 * unasked) with the one line `summary`, no card; false where the channel cannot or refuses.
 */
export async function replaceMessage(context: TurnContext, activityId: string, summary: string): Promise<boolean> {
  if (!canUpdateMessages(context)) return false;
  try {
    await context.updateActivity({ type: 'message', id: activityId, text: summary, attachments: [] });
    return true;
  } catch {
    // A card that cannot be replaced (deleted, too old, a connector fault) costs nothing but its line.
    return false;
  }
}
