// The bot follows up in the background, in the conversation where the agent bought: when an order's
// provisioning completes or fails, when a checkout it could not confirm turns out bought (with its order
// number) or not bought, and 30 days before a reservation it bought expires. Jobs live in the store
// (they survive a restart), are leased to one worker at a time (several instances run them once), and
// each run that asks Partner Center spends one call of a per-minute budget shared by every instance.
// `runDue(now)` is one tick: the production scheduler calls it on an interval; tests call it with their clock.
import { z } from 'zod';
import { PartnerCenterError, type PartnerCenter } from '../partnerCenter/partnerCenter';
import type { BotStore, FollowUpJob, NewFollowUp } from '../store/botStore';
import type { AuditEvent } from '../store/audit';
import { TermDuration, type Customer, type Order } from '../domain/types';

export interface FollowUpPolicy {
  /** Partner Center calls per minute, at most, for all follow-ups of every instance on the database. */
  callsPerMinute: number;
  /** Jobs claimed per tick and per kind of run (polling or not). */
  batch: number;
  /** A claimed job is another worker's to take again after this long (its worker died mid-run). */
  leaseMs: number;
  /** The first look at a new order's provisioning, and the wait between looks at anything still open. */
  lookEveryMs: number;
  /**
   * An unclear checkout with no order this long after it is told as not bought: Partner Center lists a
   * new order within 15 minutes (partner-center-reference.md, "Cart, checkout, orders"); 5 more are margin.
   */
  unclearCheckoutHorizonMs: number;
  /** How long before a reservation's end the agent is told. */
  expiryNoticeDays: number;
}

export const defaultFollowUpPolicy: FollowUpPolicy = {
  callsPerMinute: 30,
  batch: 50,
  leaseMs: 5 * 60_000,
  lookEveryMs: 2 * 60_000,
  unclearCheckoutHorizonMs: 20 * 60_000,
  expiryNoticeDays: 30,
};

/** A reservation line as a notice names it. */
export interface NoticeItem {
  name: string;
  quantity: number;
}

export type FollowUpMessage =
  | { kind: 'provisioningCompleted'; customer: string; orderId: string; items: NoticeItem[] }
  | { kind: 'provisioningFailed'; customer: string; orderId: string; items: NoticeItem[] }
  | { kind: 'checkoutBought'; customer: string; orderIds: string[] }
  | { kind: 'checkoutNotBought'; customer: string; minutes: number }
  | { kind: 'reservationExpiring'; customer: string; orderId: string; items: NoticeItem[]; expiresOn: string; days: number };

/** A message for the conversation the agent bought in, in the language the agent spoke there. */
export interface FollowUpNotice {
  conversationId: string;
  locale?: string;
  message: FollowUpMessage;
}

/** Delivers a notice; false when the conversation was not reached (then the job runs again later). */
export type NoticeSender = (notice: FollowUpNotice) => Promise<boolean>;

const Items = z.array(z.object({ name: z.string(), quantity: z.number() }));
const ProvisioningSubject = z.object({ orderId: z.string(), customer: z.string(), creationDate: z.string(), items: Items, terms: z.array(TermDuration) });
const CheckoutSubject = z.object({ cartId: z.string(), customer: z.string() });
const ExpirySubject = z.object({ orderId: z.string(), customer: z.string(), expiresOn: z.string(), items: Items });

const iso = (ms: number) => new Date(ms).toISOString();
const termYears: Record<TermDuration, number> = { P1Y: 1, P3Y: 3, P5Y: 5 };

/** Where a job's notice goes: the agent and the conversation the agent bought in. */
export type FollowUpAddress = Pick<NewFollowUp, 'partnerId' | 'agentId' | 'conversationId' | 'locale'>;

const address = ({ partnerId, agentId, conversationId, locale }: FollowUpAddress): FollowUpAddress => ({ partnerId, agentId, conversationId, locale });

type NamedCustomer = Pick<Customer, 'id' | 'companyName'>;

/** The jobs that watch new orders' provisioning: first looked at one interval after `now`. */
export function provisioningFollowUps(to: FollowUpAddress, customer: NamedCustomer, orders: Order[], now: Date, policy: Partial<FollowUpPolicy> = {}): NewFollowUp[] {
  const { lookEveryMs } = { ...defaultFollowUpPolicy, ...policy };
  return orders.map((o) => ({
    ...address(to),
    customerId: customer.id,
    id: `provisioning:${o.id}`,
    kind: 'provisioning',
    polls: true,
    dueAt: iso(now.getTime() + lookEveryMs),
    subject: {
      orderId: o.id,
      customer: customer.companyName,
      creationDate: o.creationDate,
      items: o.lineItems.map((l) => ({ name: l.friendlyName, quantity: l.quantity })),
      terms: o.lineItems.map((l) => l.termDuration),
    },
  }));
}

/** The job that looks a checkout up again until its outcome is known (R15: never by buying again). */
export function unclearCheckoutFollowUp(to: FollowUpAddress, customer: NamedCustomer, cartId: string, now: Date, policy: Partial<FollowUpPolicy> = {}): NewFollowUp {
  const { lookEveryMs } = { ...defaultFollowUpPolicy, ...policy };
  return {
    ...address(to),
    customerId: customer.id,
    id: `checkout:${cartId}`,
    kind: 'checkout',
    polls: true,
    dueAt: iso(now.getTime() + lookEveryMs),
    subject: { cartId, customer: customer.companyName },
  };
}

export class FollowUps {
  private readonly policy: FollowUpPolicy;

  constructor(
    private readonly store: BotStore,
    private readonly partnerCenter: PartnerCenter,
    private readonly send: NoticeSender,
    policy: Partial<FollowUpPolicy> = {},
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.policy = { ...defaultFollowUpPolicy, ...policy };
  }

  /** One tick: claims what is due at `now` (within the budget) and runs it. How many jobs ran. */
  async runDue(now: Date): Promise<number> {
    const { callsPerMinute, batch, leaseMs } = this.policy;
    const jobs = await this.store.followUps.claim({ now: now.toISOString(), leaseUntil: iso(now.getTime() + leaseMs), callsPerMinute, batch });
    for (const job of jobs) {
      try {
        await this.run(job, now);
      } catch (error) {
        // The lease runs out and another tick tries again.
        this.log(`[follow-up] ${job.kind} ${job.id} failed: ${(error as Error).message}`);
      }
    }
    return jobs.length;
  }

  private async run(job: FollowUpJob, now: Date): Promise<void> {
    if (job.kind === 'provisioning') return this.provisioning(job, ProvisioningSubject.parse(job.subject), now);
    if (job.kind === 'checkout') return this.checkout(job, CheckoutSubject.parse(job.subject), now);
    const s = ExpirySubject.parse(job.subject);
    const message = { kind: 'reservationExpiring', customer: s.customer, orderId: s.orderId, items: s.items, expiresOn: s.expiresOn, days: this.policy.expiryNoticeDays } as const;
    return this.tell(job, message, now);
  }

  /** "Get order provisioning status": every line Fulfilled is done, any Unfulfilled has failed; else look again. */
  private async provisioning(job: FollowUpJob, s: z.infer<typeof ProvisioningSubject>, now: Date): Promise<void> {
    const lines = await this.ask(job, now, () => this.partnerCenter.getProvisioningStatus(job.customerId, s.orderId));
    if (!lines) return;
    const failed = lines.filter((l) => l.status === 'Unfulfilled').map((l) => s.items[l.lineItemNumber]).filter((i) => i !== undefined);
    if (failed.length) return this.tell(job, { kind: 'provisioningFailed', customer: s.customer, orderId: s.orderId, items: failed }, now);
    if (lines.length === 0 || lines.some((l) => l.status !== 'Fulfilled')) return this.lookAgain(job, now);
    return this.tell(job, { kind: 'provisioningCompleted', customer: s.customer, orderId: s.orderId, items: s.items }, now, this.expiryFollowUps(job, s));
  }

  /** One notice per term of the order: expiry = purchase date + term, told `expiryNoticeDays` before. */
  private expiryFollowUps(job: FollowUpJob, s: z.infer<typeof ProvisioningSubject>): NewFollowUp[] {
    return [...new Set(s.terms)].map((term) => {
      const end = new Date(s.creationDate);
      end.setUTCFullYear(end.getUTCFullYear() + termYears[term]);
      const items = s.items.filter((_, i) => s.terms[i] === term);
      return {
        ...address(job),
        customerId: job.customerId,
        id: ['expiry', s.orderId, term].join(':'),
        kind: 'expiry',
        polls: false,
        dueAt: iso(end.getTime() - this.policy.expiryNoticeDays * 86_400_000),
        subject: { orderId: s.orderId, customer: s.customer, expiresOn: end.toISOString(), items },
      };
    });
  }

  /** The checkout's orders by its request id: found, they are recorded and told; none past the horizon, not bought. */
  private async checkout(job: FollowUpJob, s: z.infer<typeof CheckoutSubject>, now: Date): Promise<void> {
    const orders = await this.ask(job, now, () => this.partnerCenter.getOrdersForRequest(s.cartId));
    if (!orders) return;
    if (orders.length) {
      await this.recordOrders(job, s.cartId, orders, now);
      const watch = provisioningFollowUps(job, { id: job.customerId, companyName: s.customer }, orders, now, this.policy);
      return this.tell(job, { kind: 'checkoutBought', customer: s.customer, orderIds: orders.map((o) => o.id) }, now, watch);
    }
    const waited = now.getTime() - Date.parse(job.createdAt);
    if (waited < this.policy.unclearCheckoutHorizonMs) return this.lookAgain(job, now);
    return this.tell(job, { kind: 'checkoutNotBought', customer: s.customer, minutes: Math.round(waited / 60_000) }, now);
  }

  /** The journal entry a Buy would have written, so the cart is known as bought (and never bought again). */
  private async recordOrders(job: FollowUpJob, cartId: string, orders: Order[], now: Date): Promise<void> {
    const event = (type: string, detail: Record<string, unknown>): AuditEvent => ({
      type,
      agentId: job.agentId,
      partnerId: job.partnerId,
      conversationId: job.conversationId,
      customerId: job.customerId,
      cartId,
      idempotencyKey: cartId,
      detail,
    });
    const events = [
      event('checkout.resolved', { orders: orders.map((o) => o.id), by: 'follow-up' }),
      ...orders.map((o) => event('order.created', { orderId: o.id, totalMinor: o.totalMinor, currency: o.currencyCode, lines: o.lineItems.length })),
    ];
    // False: recorded already (the agent's Buy or order history found them first).
    await this.store.journal.record(cartId, cartId, orders.map((o) => o.id), now.toISOString(), events);
  }

  /** The answer of a Partner Center call; on its error the job looks again later and this is undefined. */
  private async ask<T>(job: FollowUpJob, now: Date, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof PartnerCenterError)) throw error;
      this.log(`[follow-up] ${job.id}: Partner Center ${error.code} (${error.status}); looking again later`);
      await this.lookAgain(job, now);
      return undefined;
    }
  }

  private lookAgain(job: FollowUpJob, now: Date): Promise<void> {
    return Promise.resolve(this.store.followUps.reschedule(job.id, iso(now.getTime() + this.policy.lookEveryMs), job.subject));
  }

  /** Sends the notice, then marks the job done (adding `next`); a failed send leaves it for a later tick. */
  private async tell(job: FollowUpJob, message: FollowUpMessage, now: Date, next: NewFollowUp[] = []): Promise<void> {
    if (!(await this.send({ conversationId: job.conversationId, locale: job.locale, message }))) {
      this.log(`[follow-up] ${job.id}: conversation ${job.conversationId} not reached; trying again later`);
      return this.lookAgain(job, now);
    }
    await this.store.followUps.complete(job.id, now.toISOString(), next);
  }
}
