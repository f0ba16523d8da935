// The classes of botbuilder-dialogs the bot runs on, each from its own module. The package's index also
// loads every built-in prompt and their text recognizers (date-time, number, choice cultures): about
// 190 modules and 0.12 s at start that the bot never uses (its prompts are AnswerPrompts). Types still
// come from the package; test/dialogs/sdk.test.ts checks these are the index's own classes.
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { Prompt } from 'botbuilder-dialogs/lib/prompts/prompt';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
