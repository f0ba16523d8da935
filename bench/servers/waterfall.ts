// The framework: a bare three-step waterfall (two text prompts, then a closing message) on the
// product's stack and state storage: CloudAdapter + restify, ConversationState and UserState over our
// SqliteStorage in a fresh SQLite file (DATA_DIR) opened as the bot's store is, the dialog set run by
// hand and state saved after every turn exactly as bot/purchaseBot.ts does (without the per-conversation
// queue, the agent lookup and the purchase logic). Started by bench/run.ts as its own process.
import path from 'node:path';
import {
  ActivityHandler,
  ConversationState,
  UserState,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog, type DialogState, type WaterfallStepContext } from 'botbuilder-dialogs';
import { openStoreDatabase } from '../../src/store/store';
import { SqliteStorage } from '../../bot/sqliteStorage';
import { serveOnProductStack } from './serve';

const FLOW = 'flow';
const PROMPT = 'text';

class WaterfallBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
  ) {
    super();
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new TextPrompt(PROMPT));
    this.dialogs.add(
      new WaterfallDialog(FLOW, [
        async (step: WaterfallStepContext) => step.prompt(PROMPT, { prompt: 'Step 1 of 3: what is your name?' }),
        async (step: WaterfallStepContext) => {
          (step.values as { name?: string }).name = step.result as string;
          return step.prompt(PROMPT, { prompt: `Thanks ${step.result as string}. Step 2 of 3: what do you need?` });
        },
        async (step: WaterfallStepContext) => {
          await step.context.sendActivity(`Step 3 of 3: noted "${step.result as string}" for ${(step.values as { name?: string }).name}. Done.`);
          return step.endDialog();
        },
      ]),
    );
    this.onMessage(async (context, next) => {
      const dc = await this.dialogs.createContext(context);
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) await dc.beginDialog(FLOW);
      await next();
    });
  }

  async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }
}

const file = path.resolve(process.env.DATA_DIR ?? 'data', 'waterfall.db');
const db = openStoreDatabase(file);
const storage = new SqliteStorage(db);
const bot = new WaterfallBot(new ConversationState(storage), new UserState(storage));
serveOnProductStack('waterfall', bot, () => db.close());
