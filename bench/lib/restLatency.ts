// "REST under latency": the bot with PARTNER_CENTER=rest against the local test Partner Center, every
// Partner Center call answered as late as a real one (test/support/partnerCenterServer.ts, Latency).
// Whole purchases (the product script) run one after another on one bot, so every Partner Center request
// belongs to the step that was running when it was sent. Per step: the reply time the agent sees, the
// calls on the agent's path (answered before the reply) and how many of them stand in sequence, and every
// call the step started (prefetches included). Dominated by the injected delays, not by CPU.
import { startBot } from '../../bot/server';
import { loadConfig } from '../../bot/config';
import { demoPartners } from '../../src/store/demoIds';
import { TestPartnerCenter, type Latency, type RecordedRequest } from '../../test/support/partnerCenterServer';
import { restEnv } from '../../test/support/restGateway';
import { BotClient } from './client';
import { BenchConversation } from './load';
import { productScript, productSteps, productUsers } from './scripts';
import { summarize, type Summary } from './stats';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RestStep {
  step: string;
  reply: Summary;
  /** Partner Center calls in sequence on the agent's path (median and worst over the purchases). */
  sequential: { p50: number; max: number };
  /** Every call the step started, on the path or not (median over the purchases). */
  totalCalls: number;
  /** For the checkout: the reply time less the checkout call's own (what the agent waits beyond it). */
  beyondCheckout?: Summary;
}

export interface RestLatencyResult {
  latency: Latency;
  purchases: number;
  steps: RestStep[];
  /** Sum over the steps of their median sequential calls. */
  sequentialPerPurchase: number;
  /** From "buy" to the confirmation, the agent's reading left out (the sum of the reply times). */
  purchaseWallMs: Summary;
  /** How long the agent reads each reply before the next click: what a call started early can use. */
  readMs: number;
  errors: string[];
}

/** An agent who reads each reply before the next click (the first turn is typed at once). */
class ReadingConversation extends BenchConversation {
  private turns = 0;

  constructor(
    private readonly readMs: number,
    ...rest: ConstructorParameters<typeof BenchConversation>
  ) {
    super(...rest);
  }

  override async turn(...args: Parameters<BenchConversation['turn']>) {
    if (this.turns++ > 0) await new Promise((r) => setTimeout(r, this.readMs));
    return super.turn(...args);
  }
}

interface Turn {
  step: string;
  start: number;
  end: number;
}

/**
 * The most calls that stand one after another among `calls` (each an interval sent → answered): the
 * longest chain in which each call is sent after the previous one was answered (earliest-answer-first).
 */
export function sequentialCalls(calls: { at: number; answeredAt: number }[]): number {
  let count = 0;
  let free = -Infinity;
  for (const c of [...calls].sort((a, b) => a.answeredAt - b.answeredAt)) {
    if (c.at >= free) {
      count++;
      free = c.answeredAt;
    }
  }
  return count;
}

export async function restUnderLatency(o: { latency: Latency; purchases: number; readMs: number; log: (line: string) => void }): Promise<RestLatencyResult> {
  const pc = await TestPartnerCenter.start({ latency: o.latency });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rest-'));
  const logs: string[] = [];
  const bot = await startBot(loadConfig({ PORT: '0', DATA_DIR: dataDir, ...restEnv(pc, demoPartners.contosoNl) }), (line) => logs.push(line));
  const client = new BotClient(bot.port, 4);
  const turns: Turn[][] = [];
  const walls: number[] = [];
  const errors: string[] = [];
  try {
    for (let i = 0; i < o.purchases; i++) {
      const mine: Turn[] = [];
      const recorder = {
        measuring: () => true,
        record(step: string, ms: number) {
          const end = Date.now();
          mine.push({ step, start: end - ms, end });
        },
      };
      const conversation = new ReadingConversation(o.readMs, client, recorder, `bench-rest-${process.pid}-${i}`, productUsers[i % productUsers.length]!);
      try {
        await productScript(conversation, { index: 0, conversations: i });
        walls.push(mine.reduce((sum, turn) => sum + turn.end - turn.start, 0));
        turns.push(mine);
      } catch (error) {
        errors.push(String(error instanceof Error ? error.message : error).slice(0, 600));
      }
      o.log(`REST under latency: purchase ${i + 1}/${o.purchases} ${errors.length ? `(${errors.length} failed)` : ''}(${walls[walls.length - 1] ?? 0} ms of replies)`);
      // Background calls a step started are given time to finish before the next purchase.
      await new Promise((r) => setTimeout(r, o.latency.perCallMs * 2));
    }
  } finally {
    client.close();
    await bot.close();
    await pc.close();
    pc.world.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const requests = pc.requests;
  const perStep = new Map<string, { reply: number[]; sequential: number[]; total: number[]; beyondCheckout: number[] }>();
  const all = turns.flat();
  for (const purchase of turns) {
    purchase.forEach((turn) => {
      const next = all[all.indexOf(turn) + 1]?.start ?? Infinity;
      const started = requests.filter((r) => r.at >= turn.start && r.at < next);
      const onPath = started.filter((r): r is RecordedRequest & { answeredAt: number } => r.answeredAt !== undefined && r.answeredAt <= turn.end);
      let s = perStep.get(turn.step);
      if (!s) perStep.set(turn.step, (s = { reply: [], sequential: [], total: [], beyondCheckout: [] }));
      s.reply.push(turn.end - turn.start);
      const checkout = onPath.find((r) => r.method === 'POST' && /\/carts\/[^/]+\/checkout$/.test(r.path));
      if (checkout) s.beyondCheckout.push(turn.end - turn.start - (checkout.answeredAt - checkout.at));
      s.sequential.push(sequentialCalls(onPath));
      s.total.push(started.length);
    });
  }
  const med = (v: number[]) => summarize(v).p50;
  const steps: RestStep[] = productSteps
    .filter((step) => perStep.has(step))
    .map((step) => {
      const s = perStep.get(step)!;
      return {
        step,
        reply: summarize(s.reply),
        sequential: { p50: med(s.sequential), max: Math.max(...s.sequential) },
        totalCalls: med(s.total),
        ...(s.beyondCheckout.length ? { beyondCheckout: summarize(s.beyondCheckout) } : {}),
      };
    });
  return {
    latency: o.latency,
    purchases: turns.length,
    steps,
    sequentialPerPurchase: steps.reduce((sum, s) => sum + s.sequential.p50, 0),
    purchaseWallMs: summarize(walls),
    readMs: o.readMs,
    errors,
  };
}
