// The HTTP side both comparison servers share with the product: CloudAdapter without credentials,
// restify with the same body parser, /api/messages and /health, PORT from the environment.
import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ActivityHandler } from 'botbuilder';

export function serveOnProductStack(name: string, bot: ActivityHandler, onStop: () => void = () => undefined): void {
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'MultiTenant' }),
  );
  const server = restify.createServer({ name: `bench-${name}` });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  server.get('/health', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.listen(Number(process.env.PORT ?? 0), '0.0.0.0', () => console.log(`${name} listening on ${server.address().port}`));
  process.on('SIGTERM', () =>
    server.close(() => {
      onStop();
      process.exit(0);
    }),
  );
}
