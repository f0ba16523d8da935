// Demo mode: which directory agent a local user acts as (the emulator, Web Chat, the terminal). The
// choice is kept in user state; turn preparation reads it on every turn.
import type { StatePropertyAccessor } from 'botbuilder';
import { WaterfallDialog } from './sdk';
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { PurchaseService } from '../src/purchase/purchaseService';
import { AnswerPrompt, isBack, promptChoice, recogniseChoice } from './answerPrompt';
import { CancelAndHelpDialog, type ApprovalInterruption } from './cancelAndHelpDialog';
import { sayTo } from './messages';
import { settleCard } from './settledCard';

export const CHOOSE_AGENT_DIALOG = 'chooseAgentDialog';
const CHOOSE_AGENT_STEPS = 'chooseAgentSteps';
const AGENT_PROMPT = 'agentPrompt';

export interface ChooseAgentOptions {
  /** The agent clicked on a card whose question had ended already. */
  agentId?: string;
}

export class ChooseAgentDialog extends CancelAndHelpDialog {
  constructor(
    private readonly service: PurchaseService,
    private readonly actingAgentId: StatePropertyAccessor<string | undefined>,
    approvals?: ApprovalInterruption,
  ) {
    super(CHOOSE_AGENT_DIALOG, service, approvals);
    this.addDialog(new AnswerPrompt(AGENT_PROMPT, recogniseChoice, 'agent')).addDialog(
      new WaterfallDialog<ChooseAgentOptions>(CHOOSE_AGENT_STEPS, [this.askStep.bind(this), this.chosenStep.bind(this)]),
    );
    this.initialDialogId = CHOOSE_AGENT_STEPS;
  }

  private async askStep(step: WaterfallStepContext<ChooseAgentOptions>): Promise<DialogTurnResult> {
    if (step.options.agentId) return step.next(step.options.agentId);
    const say = sayTo(step.context);
    const choices = (await this.service.demoAgents()).map(({ agent, partner }) => ({
      value: agent.id,
      title: say.demoAgentTitle(agent),
      subtitle: say.demoAgentSubtitle(agent, partner),
      synonyms: [agent.displayName.split(' ')[0]!],
    }));
    return promptChoice(step, AGENT_PROMPT, say.chooseDemoAgent(), 'actAs', choices);
  }

  private async chosenStep(step: WaterfallStepContext<ChooseAgentOptions>): Promise<DialogTurnResult> {
    // The only question here: "back" asks it again.
    if (isBack(step.result)) return step.replaceDialog(CHOOSE_AGENT_STEPS, {});
    const chosen = (await this.service.demoAgents()).find((a) => a.agent.id === step.result);
    if (chosen) {
      const say = sayTo(step.context);
      await this.actingAgentId.set(step.context, chosen.agent.id);
      // The sentence below names the agent where the card cannot become its choice.
      await settleCard(step.context, 'agent', say.chose(chosen.agent.displayName), false);
      await step.context.sendActivity(say.actingAs(chosen.agent, chosen.partner));
    }
    return step.endDialog();
  }
}
