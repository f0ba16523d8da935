// Closed-loop load: `concurrency` virtual users, each running conversations back to back (no think
// time) against one server for a warm-up and then a fixed measured window. Only turns that complete
// inside the window count; the server's CPU time and peak RSS are read from /proc at the window's edges.
import type { Activity } from 'botbuilder';
import { BotClient, messageActivity, type TurnResult } from './client';
import { resetPeak, RssSampler, sample } from './proc';
import { summarize, type Summary } from './stats';
import { cardsOf, cardText } from '../../test/support/cardClicks';

export class UnexpectedReply extends Error {}
class Stopped extends Error {}

/** Every text of the replies, message texts and card texts (as test/e2e/http.ts transcript()). */
export function transcript(activities: Partial<Activity>[]): string {
  return activities.map((a) => [a.text ?? '', ...cardsOf(a).map((c) => cardText(c))].filter(Boolean).join('\n')).join('\n---\n');
}

interface Recorder {
  /** Whether a turn sent now falls in the measured window. */
  measuring(): boolean;
  record(step: string, ms: number): void;
}

/** One conversation of one virtual user. */
export class BenchConversation {
  /** The replies of the last turn. */
  last: Partial<Activity>[] = [];

  constructor(
    private readonly client: BotClient,
    private readonly recorder: Recorder,
    readonly id: string,
    readonly from: string,
    /** True once the load is over: the conversation stops where it is (its state stays half-way, as real ones do). */
    private readonly stopped: () => boolean = () => false,
  ) {}

  /** Sends typed text or a card submit; checks the status and, if given, the replies; records the latency under `step`. */
  async turn(step: string, input: { text?: string; value?: Record<string, unknown> }, expect?: RegExp): Promise<Partial<Activity>[]> {
    if (this.stopped()) throw new Stopped();
    // A turn sent during the warm-up (the cold server's first turns) is not measured even if it ends in the window.
    const sentInWindow = this.recorder.measuring();
    const res: TurnResult = await this.client.post(messageActivity(this.id, this.from, input));
    if (res.status !== 200) throw new UnexpectedReply(`${step}: HTTP ${res.status}`);
    if (sentInWindow) this.recorder.record(step, res.ms);
    this.last = res.activities;
    if (expect && !expect.test(transcript(res.activities))) {
      throw new UnexpectedReply(`${step}: unexpected replies: ${transcript(res.activities).slice(0, 600)}`);
    }
    return res.activities;
  }
}

export interface VirtualUser {
  index: number;
  /** Conversations this user has started so far. */
  conversations: number;
}

export type Script = (conversation: BenchConversation, user: VirtualUser) => Promise<void>;

export interface LoadOptions {
  port: number;
  pid: number;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** The channel user of virtual user i. */
  userOf: (index: number) => string;
  script: Script;
  label: string;
}

export interface LoadResult {
  label: string;
  concurrency: number;
  durationMs: number;
  turns: number;
  turnsPerSecond: number;
  conversations: number;
  errors: number;
  errorSamples: string[];
  latency: Summary;
  steps: Record<string, Summary>;
  cpuMsPerTurn: number;
  /** Server CPU use over the window, in cores (1 = one core busy). */
  cpuCores: number;
  peakRssBytes: number;
  peakRssSource: 'VmHWM' | 'sampled VmRSS';
  rssAfterBytes: number;
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const client = new BotClient(o.port, o.concurrency + 4);
  let phase = 'warmup' as 'warmup' | 'measure' | 'drain';
  const draining = () => phase === 'drain';
  const all: number[] = [];
  const steps = new Map<string, number[]>();
  let conversations = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const recorder: Recorder = {
    measuring: () => phase === 'measure',
    record(step, ms) {
      if (phase !== 'measure') return;
      all.push(ms);
      let list = steps.get(step);
      if (!list) steps.set(step, (list = []));
      list.push(ms);
    },
  };

  const users: VirtualUser[] = Array.from({ length: o.concurrency }, (_, index) => ({ index, conversations: 0 }));
  const runUser = async (user: VirtualUser) => {
    while (!draining()) {
      const id = `bench-${o.label}-${process.pid}-${user.index}-${++user.conversations}`;
      const conversation = new BenchConversation(client, recorder, id, o.userOf(user.index), draining);
      try {
        await o.script(conversation, user);
        if (phase === 'measure') conversations++;
      } catch (error) {
        if (draining()) break;
        errors++;
        if (errorSamples.length < 5) errorSamples.push(String(error instanceof Error ? error.message : error).slice(0, 800));
        if (!(error instanceof UnexpectedReply)) await new Promise((r) => setTimeout(r, 10));
      }
    }
  };
  const running = users.map(runUser);

  await new Promise((r) => setTimeout(r, o.warmupMs));
  const peakReset = resetPeak(o.pid);
  const sampler = new RssSampler(o.pid, 50);
  const before = sample(o.pid);
  const t0 = performance.now();
  phase = 'measure';
  await new Promise((r) => setTimeout(r, o.durationMs));
  phase = 'drain';
  const elapsed = performance.now() - t0;
  const after = sample(o.pid);
  const sampledPeak = sampler.stop();
  await Promise.all(running);
  client.close();

  const turns = all.length;
  return {
    label: o.label,
    concurrency: o.concurrency,
    durationMs: elapsed,
    turns,
    turnsPerSecond: turns / (elapsed / 1000),
    conversations,
    errors,
    errorSamples,
    latency: summarize(all),
    steps: Object.fromEntries([...steps].map(([k, v]) => [k, summarize(v)])),
    cpuMsPerTurn: (after.cpuMs - before.cpuMs) / Math.max(1, turns),
    cpuCores: (after.cpuMs - before.cpuMs) / elapsed,
    peakRssBytes: peakReset ? Math.max(after.hwmBytes, sampledPeak) : sampledPeak,
    peakRssSource: peakReset ? 'VmHWM' : 'sampled VmRSS',
    rssAfterBytes: after.rssBytes,
  };
}
