// The authentication the server gives CloudAdapter: what it builds per turn for sending replies.
import assert from 'node:assert/strict';
import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { ConnectorClient, UserTokenClient } from 'botframework-connector';
import { BotAuthentication } from '../../bot/authentication';

/** One message POSTed as a channel would, with no token (no app id: the Emulator's local mode). */
async function turnFrom(adapter: CloudAdapter, serviceUrl: string): Promise<{ connector: ConnectorClient; userTokens: UserTokenClient }> {
  let seen: { connector: ConnectorClient; userTokens: UserTokenClient } | undefined;
  const activity = {
    type: 'message',
    id: 'a1',
    channelId: 'emulator',
    serviceUrl,
    text: 'hi',
    from: { id: 'user-1' },
    recipient: { id: 'bot' },
    conversation: { id: 'conversation-1' },
    deliveryMode: 'expectReplies',
  };
  const response = {
    socket: null,
    status: () => response,
    header: () => response,
    send: () => response,
    end: () => response,
  };
  await adapter.process({ body: activity, headers: {}, method: 'POST' }, response, async (context: TurnContext) => {
    seen = { connector: context.turnState.get(adapter.ConnectorClientKey), userTokens: context.turnState.get(adapter.UserTokenClientKey) };
  });
  assert.ok(seen, 'the turn ran');
  return seen;
}

describe('bot/authentication: what CloudAdapter gets per turn', () => {
  const adapter = new CloudAdapter(new BotAuthentication({}));

  it('sends every turn from one service URL through the same Connector client, and another URL through its own', async () => {
    const first = await turnFrom(adapter, 'https://smba.trafficmanager.net/emea/');
    const second = await turnFrom(adapter, 'https://smba.trafficmanager.net/emea/');
    const elsewhere = await turnFrom(adapter, 'https://smba.trafficmanager.net/amer/');
    assert.equal(second.connector, first.connector);
    assert.notEqual(elsewhere.connector, first.connector);
    assert.equal((elsewhere.connector as unknown as { baseUri: string }).baseUri, 'https://smba.trafficmanager.net/amer/');
  });

  it('gives no user-token service: asking it for a token fails with a clear reason', async () => {
    const { userTokens } = await turnFrom(adapter, 'https://smba.trafficmanager.net/emea/');
    await assert.rejects(userTokens.getUserToken('user-1', 'graph', 'msteams', ''), /This bot signs no user in: there is no user token service\./);
  });
});
