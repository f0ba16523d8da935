// The floor: an echo bot on the product's stack (CloudAdapter + restify, same body parser), nothing else.
// Started by bench/run.ts as its own process; PORT from the environment.
import { ActivityHandler } from 'botbuilder';
import { serveOnProductStack } from './serve';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

serveOnProductStack('echo', new EchoBot());
