/**
 * The worker side of the Redis inbox: a heartbeat that keeps this worker in the live set, balances partitions over
 * the live workers, renews the leases it holds, takes free leases it should hold, hands back (after draining) the
 * ones another worker should hold, and trims acknowledged entries of its partitions.
 *
 * Balance: the live worker ids, sorted, deal the partitions round-robin (partition p goes to the (p mod n)-th id),
 * so every worker computes the same assignment from the same live set and the partitions spread evenly.
 */
import type { EventHandler } from '../delivery/index.js';
import type { RedisClient } from './client.js';
import { RedisWorkerError, type RedisInboxError } from './errors.js';
import type { KeyLayout } from './keys.js';
import { PartitionRunner } from './partition.js';
import { ACQUIRE, HEARTBEAT, RELEASE, RENEW, TRIM } from './scripts.js';
import { within } from './within.js';

/** What a worker needs from its inbox. */
export interface WorkerContext {
  readonly client: RedisClient;
  readonly layout: KeyLayout;
  readonly partitions: number;
  readonly workerId: string;
  /** The lease time: a worker that stops renewing loses its partitions after this long. */
  readonly claimIdleMs: number;
  readonly handler: EventHandler;
  readonly report: (error: RedisInboxError) => void;
  readonly maxInFlight: number;
  readonly blockMs: number;
}

/** The string items of a Redis array reply. */
function stringsOf(reply: unknown): string[] {
  return Array.isArray(reply) ? reply.filter((item): item is string => typeof item === 'string') : [];
}

/** Runs the heartbeat and the partitions of one worker until `stop`. */
export class InboxWorker {
  private readonly runners = new Map<number, PartitionRunner>();
  private readonly releasing = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  /** Set by `stop`: no more heartbeats into the live set, acquisitions or trims; renewals go on while draining. */
  private leaving = false;
  private left: Promise<void> = Promise.resolve();
  /** Set once drained: no more ticks. */
  private stopped = false;
  private tenure = 0;
  /** The heartbeat interval: a third of the lease time, so one missed renewal does not lose a lease. */
  private readonly intervalMs: number;
  /** How long after sending a successful renewal the lease is trusted locally (3/4 of the lease time). */
  private readonly trustMs: number;

  constructor(private readonly ctx: WorkerContext) {
    this.intervalMs = Math.max(1, Math.floor(ctx.claimIdleMs / 3));
    this.trustMs = Math.floor((ctx.claimIdleMs * 3) / 4);
  }

  /** Starts the heartbeat (the first tick runs at once). */
  start(): void {
    this.schedule(0);
  }

  /** The partitions this worker holds a lease on right now, ascending. */
  held(): number[] {
    return [...this.runners.values()]
      .filter((r) => r.holding)
      .map((r) => r.partition)
      .sort((a, b) => a - b);
  }

  /**
   * Leaves: drops out of the live set (so the others take over its partitions as soon as they are free), drains every
   * partition while still renewing its leases (running handlers finish and are acknowledged), releases the leases,
   * then stops the heartbeat.
   */
  async stop(): Promise<void> {
    if (this.leaving) return this.left;
    this.leaving = true;
    this.left = (async () => {
      try {
        await within(this.ctx.client.zrem(this.ctx.layout.workers, this.ctx.workerId), this.intervalMs);
      } catch (error) {
        this.ctx.report(new RedisWorkerError('leave', undefined, error));
      }
      await this.ticking;
      for (const runner of this.runners.values()) this.release(runner);
      while (this.releasing.size > 0) await Promise.allSettled([...this.releasing]);
      this.stopped = true;
      clearTimeout(this.timer);
      await this.ticking;
    })();
    return this.left;
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      const startedAt = Date.now();
      this.ticking = this.tick()
        .catch((error: unknown) => this.ctx.report(new RedisWorkerError('heartbeat', undefined, error)))
        .finally(() => {
          this.ticking = undefined;
          // Keep the cadence from the tick's start, so a slow tick does not delay the next renewal.
          if (!this.stopped) this.schedule(Math.max(0, startedAt + this.intervalMs - Date.now()));
        });
    }, ms);
  }

  /** One heartbeat: membership, renewals, hand-backs, acquisitions, trimming. */
  private async tick(): Promise<void> {
    const { client, layout, workerId, claimIdleMs, partitions, report } = this.ctx;
    const now = Date.now();
    for (const runner of this.runners.values()) runner.expireIfStale(now);

    // Renewals first and alongside the heartbeat: a slow tick must not cost a lease.
    const sentAt = Date.now();
    const [members] = await Promise.all([
      (this.leaving
        ? Promise.resolve(undefined)
        : within(HEARTBEAT.run(client, [layout.workers], [workerId, claimIdleMs]), this.intervalMs)
      ).then(stringsOf, (error: unknown) => {
        report(new RedisWorkerError('heartbeat', undefined, error));
        return undefined;
      }),
      ...[...this.runners.values()]
        .filter((runner) => runner.holding)
        .map(async (runner) => {
          const lease = layout.partition(runner.partition).lease;
          try {
            const reply = await within(
              RENEW.run(client, [lease], [runner.token, claimIdleMs]),
              this.intervalMs,
            );
            if (reply === 1) runner.renewed(sentAt + this.trustMs);
            else runner.lose('another worker holds it');
          } catch (error) {
            report(new RedisWorkerError('renew', runner.partition, error));
          }
        }),
    ]);
    if (members === undefined || this.leaving) return;

    const live = members.includes(workerId) ? [...members].sort() : [...members, workerId].sort();
    const mine = (p: number): boolean => live[p % live.length] === workerId;
    for (const runner of this.runners.values())
      if (runner.running && !mine(runner.partition)) this.release(runner);
    const wanted: number[] = [];
    for (let p = 0; p < partitions; p++) if (mine(p) && !this.runners.has(p)) wanted.push(p);
    await Promise.all(wanted.map((p) => this.acquire(p)));
    await Promise.all([...this.runners.values()].filter((r) => r.running).map((r) => this.trim(r)));
  }

  /** Tries to take the lease of a free partition and starts a runner on it. */
  private async acquire(p: number): Promise<void> {
    const { client, layout, claimIdleMs, workerId, report } = this.ctx;
    const keys = layout.partition(p);
    this.tenure += 1;
    const token = `${workerId}#${this.tenure}`;
    const sentAt = Date.now();
    let reply: unknown;
    try {
      reply = await within(
        ACQUIRE.run(client, [keys.lease, keys.stream], [token, claimIdleMs]),
        this.intervalMs,
      );
    } catch (error) {
      report(new RedisWorkerError('acquire', p, error));
      return;
    }
    if (reply !== 1) return;
    const runner = new PartitionRunner(
      {
        client,
        partition: p,
        keys,
        token,
        consumer: workerId,
        handler: this.ctx.handler,
        report,
        maxInFlight: this.ctx.maxInFlight,
        blockMs: this.ctx.blockMs,
        retryMs: Math.min(250, this.intervalMs),
      },
      sentAt + this.trustMs,
    );
    this.runners.set(p, runner);
    void runner.settled.then(() => {
      if (this.runners.get(p) === runner) this.runners.delete(p);
    });
    if (this.leaving) this.release(runner);
  }

  /** Drains a runner, then frees its lease (when still held) so the next owner need not wait for it to expire. */
  private release(runner: PartitionRunner): void {
    const { client, layout, report } = this.ctx;
    const done = (async () => {
      await runner.drain();
      if (!runner.holding) return;
      try {
        await within(
          RELEASE.run(client, [layout.partition(runner.partition).lease], [runner.token]),
          this.intervalMs,
        );
      } catch (error) {
        report(new RedisWorkerError('release', runner.partition, error));
      }
    })();
    this.releasing.add(done);
    void done.finally(() => this.releasing.delete(done));
  }

  /** Trims the acknowledged entries of a partition this worker holds. */
  private async trim(runner: PartitionRunner): Promise<void> {
    const keys = this.ctx.layout.partition(runner.partition);
    try {
      await within(TRIM.run(this.ctx.client, [keys.lease, keys.stream], [runner.token]), this.intervalMs);
    } catch (error) {
      this.ctx.report(new RedisWorkerError('trim', runner.partition, error));
    }
  }
}
