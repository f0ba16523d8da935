// The floor: an echo bot on the product's stack (CloudAdapter + restify, same body parser), nothing else.
// Started by bench/run.ts as its own process; PORT from the environment.
import restify from 'restify';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

const adapter = new CloudAdapter(
  new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'MultiTenant' }),
);
const bot = new EchoBot();
const server = restify.createServer({ name: 'bench-echo' });
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, (context) => bot.run(context));
});
server.get('/health', (_req, res, next) => {
  res.send(200, { status: 'ok' });
  next();
});
server.listen(Number(process.env.PORT ?? 0), '0.0.0.0', () => console.log(`echo listening on ${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
