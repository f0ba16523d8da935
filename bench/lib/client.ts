// The load side of the bench: Bot Framework activities POSTed over keep-alive HTTP with
// deliveryMode expectReplies, so the replies come back in the response body (as test/e2e/http.ts).
import http from 'node:http';
import type { Activity } from 'botbuilder';

type Json = Record<string, unknown>;

export interface TurnResult {
  status: number;
  activities: Partial<Activity>[];
  ms: number;
  bytes: number;
}

export class BotClient {
  private readonly agent: http.Agent;

  constructor(
    readonly port: number,
    maxSockets = 64,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  /** POSTs one activity to /api/messages and returns the expectReplies activities with the latency. */
  post(activity: Json): Promise<TurnResult> {
    const body = Buffer.from(JSON.stringify(activity));
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method: 'POST',
          path: '/api/messages',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const ms = performance.now() - t0;
            const text = Buffer.concat(chunks).toString('utf8');
            let activities: Partial<Activity>[] = [];
            try {
              activities = text ? ((JSON.parse(text) as { activities?: Partial<Activity>[] }).activities ?? []) : [];
            } catch {
              /* not JSON: reported through status */
            }
            resolve({ status: res.statusCode ?? 0, activities, ms, bytes: text.length });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

let activityCounter = 0;

/** A message activity from `from` in conversation `conversationId`, as the Emulator sends it. */
export function messageActivity(conversationId: string, from: string, input: { text?: string; value?: Json }): Json {
  return {
    type: 'message',
    id: `bench-${++activityCounter}`,
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9', // never called with expectReplies
    from: { id: from, name: from },
    recipient: { id: 'bot', name: 'Bot' },
    conversation: { id: conversationId },
    deliveryMode: 'expectReplies',
    locale: 'en-US',
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.value !== undefined ? { value: input.value } : {}),
  };
}
