// A fake channel connector, as the Emulator is one: the bot POSTs its replies (and its proactive
// messages) to <serviceUrl>/v3/conversations/:id/activities[/:replyToId]; this records them.
import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface Captured {
  conversationId: string;
  replyToId?: string;
  activity: Partial<Activity>;
}

/** A fake channel connector: records POST /v3/conversations/:id/activities[/:replyToId] and answers {id}. */
export async function startChannel() {
  const captured: Captured[] = [];
  const unexpected: string[] = [];
  /** Emits "captured" after each recorded reply. */
  const events = new EventEmitter();
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        unexpected.push(`${req.method} ${req.url}`);
        res.statusCode = 404; // (restify patches http.ServerResponse: its writeHead does not return the response)
        res.end();
        return;
      }
      captured.push({
        conversationId: decodeURIComponent(match[1]),
        replyToId: match[2] && decodeURIComponent(match[2]),
        activity: JSON.parse(body) as Partial<Activity>,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${captured.length}` }));
      events.emit('captured');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    captured,
    unexpected,
    /** Resolves once `n` replies were recorded (they normally are before /api/messages answers). */
    async waitFor(n: number): Promise<void> {
      while (captured.length < n) await once(events, 'captured');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
