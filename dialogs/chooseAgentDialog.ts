// Demo mode: which directory agent a local user acts as (the emulator, Web Chat, the terminal). The
// choice is kept in user state; turn preparation reads it on every turn.
import type { StatePropertyAccessor } from 'botbuilder';
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { choiceCard, recogniseChoice, type ChoiceData } from './choices';
import { CancelAndHelpDialog, type ApprovalInterruption } from './cancelAndHelpDialog';
import { isBack, Question, type BACK } from './question';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const CHOOSE_AGENT_DIALOG = 'chooseAgentDialog';
const AGENT_QUESTION = 'agentQuestion';

export interface ChooseAgentOptions {
  /** The agent clicked on a card whose question had ended already. */
  agentId?: string;
}

/** The one question of the choice; the dialog around it answers "cancel", "help" and "orders". */
class AgentQuestion extends Question<ChooseAgentOptions, string, ChoiceData> {
  constructor(
    private readonly service: PurchaseService,
    private readonly actingAgentId: StatePropertyAccessor<string | undefined>,
  ) {
    super(AGENT_QUESTION, recogniseChoice);
  }

  protected async ask(dc: DialogContext, options: ChooseAgentOptions): Promise<DialogTurnResult> {
    if (options.agentId) return this.answered(dc, options, options.agentId);
    const say = sayTo(dc.context);
    const choices = (await this.service.demoAgents()).map(({ agent, partner }) => ({
      value: agent.id,
      title: say.demoAgentTitle(agent),
      subtitle: say.demoAgentSubtitle(agent, partner),
      synonyms: [agent.displayName.split(' ')[0]!],
    }));
    return this.askWithCard(dc, 'agent', choiceCard(dc.context, say.chooseDemoAgent(), 'actAs', choices));
  }

  protected async answered(dc: DialogContext, _options: ChooseAgentOptions, answer: string | typeof BACK): Promise<DialogTurnResult> {
    // The only question here: "back" asks it again.
    if (isBack(answer)) return dc.replaceDialog(AGENT_QUESTION, {});
    const chosen = (await this.service.demoAgents()).find((a) => a.agent.id === answer);
    if (chosen) {
      const say = sayTo(dc.context);
      await this.actingAgentId.set(dc.context, chosen.agent.id);
      // The sentence below names the agent where the card cannot become its choice.
      await settleCard(dc.context, 'agent', say.chose(chosen.agent.displayName), false);
      await dc.context.sendActivity(say.actingAs(chosen.agent, chosen.partner));
    }
    return dc.endDialog();
  }
}

export class ChooseAgentDialog extends CancelAndHelpDialog {
  constructor(service: PurchaseService, actingAgentId: StatePropertyAccessor<string | undefined>, approvals?: ApprovalInterruption) {
    super(CHOOSE_AGENT_DIALOG, service, approvals);
    this.addDialog(new AgentQuestion(service, actingAgentId));
    this.initialDialogId = AGENT_QUESTION;
  }
}
