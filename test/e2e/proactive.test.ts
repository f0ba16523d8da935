// Proactive messages through the real server: the bot keeps where each agent talks to it and later writes
// there unasked, to the Emulator-style serviceUrl (a fake connector here) and to the local Web Chat
// (the Direct Line endpoint's queue), in the language the agent last wrote in.
import assert from 'node:assert/strict';
import type { TurnContext } from 'botbuilder';
import { demoAgents } from '../../src/store/demoIds';
import { startChannel } from '../support/fakeChannel';
import { DirectLineClient } from '../support/directLineClient';
import { Conversation, eachTestBot, transcript, type TestBot } from './http';

describe('e2e: proactive messages', function () {
  let t: TestBot;
  let channel: Awaited<ReturnType<typeof startChannel>>;
  eachTestBot((bot) => (t = bot));
  beforeEach(async () => (channel = await startChannel()));
  afterEach(async () => channel?.close());

  const hello = (context: TurnContext) => context.sendActivity(`Proactive hello (${context.activity.locale})`).then(() => undefined);

  it('reaches an agent at the serviceUrl of the conversation they wrote in last', async function () {
    const anna = new Conversation(t.baseUrl, 'demo-anna');
    await anna.sendActivity(anna.activity({ text: 'help' }, { serviceUrl: channel.url, locale: 'nl-NL' }));
    assert.equal(channel.captured.length, 0, 'the turn itself answered in the response body (expectReplies)');

    assert.equal(await t.bot.proactive.toAgent(demoAgents.anna, hello), 1, 'one conversation reached');
    assert.deepEqual(
      channel.captured.map((c) => [c.conversationId, c.activity.text, c.activity.recipient?.id]),
      [[anna.id, 'Proactive hello (nl-NL)', 'demo-anna']],
      'the message went to her conversation, in the locale she wrote in',
    );
    assert.equal(await t.bot.proactive.toConversation(anna.id, hello), true, 'by conversation id too');
    assert.equal(channel.captured.length, 2);
  });

  it('reaches nobody for an agent who never wrote, and reports an unreachable conversation without failing', async function () {
    assert.equal(await t.bot.proactive.toAgent(demoAgents.gijs, hello), 0, 'Gijs never wrote to the bot');
    assert.equal(await t.bot.proactive.toConversation('no-such-conversation', hello), false);
    const gijs = new Conversation(t.baseUrl, 'demo-gijs');
    await gijs.say('help'); // its serviceUrl (http://127.0.0.1:9) listens to nobody
    assert.equal(await t.bot.proactive.toAgent(demoAgents.gijs, hello), 0, 'an unreachable conversation is not counted');
    assert.match(t.logs.join('\n'), new RegExp(`\\[proactive\\] conversation ${gijs.id} \\(emulator\\) not reached`), 'and is logged');
  });

  it('reaches an agent in the local Web Chat (Direct Line): the message is in the conversation after the watermark', async function () {
    const client = new DirectLineClient(t.baseUrl);
    await client.startActingAs('Anna de Vries');
    await client.post({ type: 'message', text: 'help', locale: 'en-US' });
    await client.poll();

    assert.equal(await t.bot.proactive.toAgent(demoAgents.anna, hello), 1, 'her Web Chat conversation reached');
    const delivered = await client.poll();
    assert.equal(transcript(delivered), 'Proactive hello (en-US)', `the message arrived in Web Chat: ${JSON.stringify(delivered).slice(0, 500)}`);
    assert.equal(delivered[0]?.from?.role, 'bot', 'from the bot');
  });
});
