// The classes of botbuilder-dialogs the bot runs on, each from its own module. The package's index also
// loads every built-in prompt and their text recognizers (date-time, number, choice cultures), which the
// bot never uses (its questions are dialogs of their own, question.ts): a sixth of a start's time (bench/README.md, cold
// start). Types still come from the package; test/dialogs/sdk.test.ts checks these are the index's own classes.
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
