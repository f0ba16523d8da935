// A Direct Line 3.0 client as Web Chat is one (start, post, poll with the watermark), for tests of the
// local endpoint (channels/directLine.ts) over HTTP.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { cardsOf, clickValue } from './cardClicks';

type Json = Record<string, unknown>;

interface Http {
  status: number;
  json: Json;
  text: string;
  headers: Headers;
}

export async function call(url: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<Http> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = text ? (JSON.parse(text) as Json) : {};
  } catch {
    json = {};
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** A Direct Line client as Web Chat is one: start, post, poll with the watermark. */
export class DirectLineClient {
  conversationId = '';
  token = '';
  watermark = '';
  constructor(private readonly base: string) {}

  async start(): Promise<void> {
    const res = await call(`${this.base}/v3/directline/conversations`, { method: 'POST', token: 'anything' });
    assert.equal(res.status, 201, `creating a conversation answers 201: ${res.status} ${res.text}`);
    this.conversationId = String(res.json.conversationId);
    this.token = String(res.json.token);
    assert.ok(this.conversationId && this.token, `the answer has a conversation id and a token: ${res.text}`);
  }

  async post(activity: Json): Promise<string> {
    const res = await call(`${this.base}/v3/directline/conversations/${this.conversationId}/activities`, { method: 'POST', token: this.token, body: activity });
    assert.equal(res.status, 200, `posting an activity answers 200: ${res.status} ${res.text}`);
    return String(res.json.id);
  }

  async poll(): Promise<Partial<Activity>[]> {
    const res = await call(`${this.base}/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`, { token: this.token });
    assert.equal(res.status, 200, `polling answers 200: ${res.status} ${res.text}`);
    assert.equal(typeof res.json.watermark, 'string', `the answer carries a watermark: ${res.text}`);
    this.watermark = String(res.json.watermark);
    return res.json.activities as Partial<Activity>[];
  }

  /**
   * Polls, one request after the other as Web Chat does, until an activity from the bot arrives (the
   * welcome is sent after the conversation starts); the test's timeout bounds the wait.
   */
  async pollUntilBot(): Promise<Partial<Activity>[]> {
    const seen: Partial<Activity>[] = [];
    while (!seen.some((a) => a.from?.role === 'bot')) seen.push(...(await this.poll()));
    return seen;
  }

  /** Starts a conversation and, on the demo agent picker, acts as the agent of that name (all read). */
  async startActingAs(agentName: string): Promise<void> {
    await this.start();
    await this.pollUntilBot();
    await this.post({ type: 'message', text: 'help' });
    await this.post({ type: 'message', value: clickValue(cardsOf((await this.poll()).pop()!)[0]!, agentName) });
    await this.poll();
  }
}
