import { setTimeout as sleep } from 'node:timers/promises';
/**
 * One partition while this worker holds its lease: it takes over the entries the previous owner left pending, then
 * reads new ones, runs each conversation's events one after another (conversations concurrently), and acknowledges
 * each entry after its handler finished and before the conversation's next event starts. Every Redis call is
 * fenced by the lease token; once the lease is lost (or not renewed in time) it starts nothing more.
 */
import type { EventHandler } from '../delivery/index.js';
import type { WebhookEvent } from '../events/index.js';
import type { RedisClient } from './client.js';
import { decodeEntry, entriesOf, type StreamEntry } from './entries.js';
import {
  RedisHandlerError,
  RedisLeaseLostError,
  RedisPoisonEntryError,
  RedisTrimmedEntriesError,
  RedisWorkerError,
  type RedisInboxError,
} from './errors.js';
import type { PartitionKeys } from './keys.js';
import { ACK, CLAIM, READ } from './scripts.js';

/** What a partition runner needs from its worker. */
export interface PartitionContext {
  readonly client: RedisClient;
  readonly partition: number;
  readonly keys: PartitionKeys;
  /** The lease token this tenure holds. */
  readonly token: string;
  /** The worker's consumer name in the group. */
  readonly consumer: string;
  readonly handler: EventHandler;
  readonly report: (error: RedisInboxError) => void;
  /** The most entries read and not yet finished at once. */
  readonly maxInFlight: number;
  /** How long one blocking wait for new entries lasts. */
  readonly blockMs: number;
  /** The pause after a failed Redis call before the next try. */
  readonly retryMs: number;
}

/** The life of a tenure: taking events; finishing running ones before release; lease lost; over. */
type State = 'running' | 'draining' | 'lost';

/** Entries per XAUTOCLAIM page when taking over. */
const CLAIM_PAGE = 100;

/** One tenure of one partition lease. `settled` resolves when it stopped and its running handlers finished. */
export class PartitionRunner {
  private state: State = 'running';
  private inFlight = 0;
  private readonly chains = new Map<string, Promise<void>>();
  private readonly tasks = new Set<Promise<void>>();
  private blocking: RedisClient | undefined;
  private wake: (() => void) | undefined;
  /** Resolves once the runner stopped taking events and every handler it started has finished. */
  readonly settled: Promise<void>;

  constructor(
    private readonly ctx: PartitionContext,
    /** Local time until which the lease is trusted without a renewal. */
    private validUntil: number,
  ) {
    this.settled = this.run();
  }

  /** The partition number. */
  get partition(): number {
    return this.ctx.partition;
  }

  /** The lease token of this tenure. */
  get token(): string {
    return this.ctx.token;
  }

  /** True while the lease is believed held (running or draining). */
  get holding(): boolean {
    return this.state !== 'lost';
  }

  /** True while it takes new events (not draining, not lost). */
  get running(): boolean {
    return this.state === 'running';
  }

  /** Records a successful renewal: the lease is trusted until `validUntil` (local time). */
  renewed(validUntil: number): void {
    this.validUntil = Math.max(this.validUntil, validUntil);
  }

  /** Gives the lease up locally when it was not renewed in time; answers whether it did. */
  expireIfStale(now: number): boolean {
    if (this.state === 'lost' || now <= this.validUntil) return false;
    this.lose('not renewed within the lease time');
    return true;
  }

  /** Marks the lease lost: nothing more starts or is acknowledged; the error goes to the errors callback. */
  lose(reason: string): void {
    if (this.state === 'lost') return;
    this.state = 'lost';
    this.ctx.report(new RedisLeaseLostError(this.ctx.partition, reason));
    this.interrupt();
  }

  /** Stops taking events; running handlers finish and are acknowledged. Resolves with `settled`. */
  drain(): Promise<void> {
    if (this.state === 'running') this.state = 'draining';
    this.interrupt();
    return this.settled;
  }

  /** Wakes the read loop from a blocking wait or a pause. */
  private interrupt(): void {
    this.blocking?.disconnect();
    this.poke();
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Waits until poked (a handler finished, or an interrupt), or `ms` passed. */
  private pause(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(resolve, ms);
      this.wake = () => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
    });
  }

  private async run(): Promise<void> {
    try {
      if (await this.claimPending()) await this.readLoop();
    } finally {
      while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
      this.blocking?.disconnect();
    }
  }

  /** True while new handlers may start: running and within the lease. */
  private mayStart(): boolean {
    if (this.state !== 'running') return false;
    return !this.expireIfStale(Date.now());
  }

  /**
   * Takes over every pending entry of the partition (the previous owners'), in id order, and dispatches them before
   * any new entry. Answers false when the runner stopped meanwhile.
   */
  private async claimPending(): Promise<boolean> {
    const { client, keys, token, consumer, partition } = this.ctx;
    let cursor = '0-0';
    for (;;) {
      if (!this.mayStart()) return false;
      let reply: unknown;
      try {
        reply = await CLAIM.run(client, [keys.lease, keys.stream], [token, consumer, cursor, CLAIM_PAGE]);
      } catch (error) {
        this.ctx.report(new RedisWorkerError('claim', partition, error));
        await this.pause(this.ctx.retryMs);
        continue;
      }
      if (reply === null) {
        this.lose('another worker holds it');
        return false;
      }
      const [next, entries, deleted] = Array.isArray(reply) ? reply : [];
      const gone = Array.isArray(deleted) ? deleted.filter((id): id is string => typeof id === 'string') : [];
      if (gone.length > 0) this.ctx.report(new RedisTrimmedEntriesError(partition, gone));
      for (const entry of entriesOf(entries)) this.dispatch(entry);
      cursor = typeof next === 'string' ? next : '0-0';
      if (cursor === '0-0') return true;
    }
  }

  /** Reads new entries while running, waiting on a blocking XREAD when there are none. */
  private async readLoop(): Promise<void> {
    const { client, keys, token, consumer, partition } = this.ctx;
    while (this.mayStart()) {
      const room = this.ctx.maxInFlight - this.inFlight;
      if (room <= 0) {
        await this.pause();
        continue;
      }
      let reply: unknown;
      try {
        reply = await READ.run(client, [keys.lease, keys.stream], [token, consumer, room]);
      } catch (error) {
        if (this.state !== 'running') return;
        this.ctx.report(new RedisWorkerError('read', partition, error));
        await this.pause(this.ctx.retryMs);
        continue;
      }
      if (reply === null) {
        this.lose('another worker holds it');
        return;
      }
      const [found, payload] = Array.isArray(reply) ? reply : [];
      if (found === 1) {
        for (const entry of entriesOf(payload)) this.dispatch(entry);
      } else if (this.state === 'running') {
        await this.waitAfter(typeof payload === 'string' ? payload : '0-0');
      }
    }
  }

  /** Blocks until the stream has an entry after `id` or `blockMs` passed (a plain XREAD: no side effect). */
  private async waitAfter(id: string): Promise<void> {
    if (this.blocking === undefined) {
      this.blocking = this.ctx.client.duplicate();
      // Failures surface as rejected commands; without a listener ioredis would log every reconnection error.
      this.blocking.on('error', () => undefined);
    }
    try {
      await this.blocking.xread('BLOCK', this.ctx.blockMs, 'STREAMS', this.ctx.keys.stream, id);
    } catch (error) {
      if (this.state !== 'running') return;
      this.ctx.report(new RedisWorkerError('wait', this.ctx.partition, error));
      await this.pause(this.ctx.retryMs);
    }
  }

  /** Queues an entry behind its conversation's earlier entries. */
  private dispatch(entry: StreamEntry): void {
    this.inFlight += 1;
    const decoded = decodeEntry(entry);
    if (!decoded.ok) {
      this.ctx.report(new RedisPoisonEntryError(this.ctx.partition, entry.id, decoded.reason));
      this.track(this.ack(entry.id));
      return;
    }
    const conversation = decoded.event.conversation;
    const previous = this.chains.get(conversation) ?? Promise.resolve();
    const next = previous.then(() => this.process(entry.id, decoded.event));
    this.chains.set(conversation, next);
    this.track(
      next.finally(() => {
        if (this.chains.get(conversation) === next) this.chains.delete(conversation);
      }),
    );
  }

  /** Keeps a task until it settles, counting it in flight. */
  private track(task: Promise<void>): void {
    const tracked = task.finally(() => {
      this.tasks.delete(tracked);
      this.inFlight -= 1;
      this.poke();
    });
    this.tasks.add(tracked);
  }

  /** Runs one event and acknowledges it; an event whose turn comes after the lease went is left pending. */
  private async process(id: string, event: WebhookEvent): Promise<void> {
    if (!this.mayStart()) return;
    try {
      await this.ctx.handler(event);
    } catch (error) {
      this.ctx.report(new RedisHandlerError(this.ctx.partition, id, event.conversation, error));
    }
    await this.ack(id);
  }

  /**
   * Acknowledges an entry with the lease token, retrying failed calls while the lease is trusted. When it cannot,
   * the lease is given up, so the conversation's next event is not started before this one is re-run elsewhere.
   */
  private async ack(id: string): Promise<void> {
    const { client, keys, token, partition } = this.ctx;
    while (this.state !== 'lost') {
      try {
        const reply = await ACK.run(client, [keys.lease, keys.stream], [token, id]);
        if (reply === -1) this.lose('another worker holds it');
        return;
      } catch (error) {
        this.ctx.report(new RedisWorkerError('ack', partition, error));
        if (this.expireIfStale(Date.now())) return;
        await sleep(this.ctx.retryMs);
      }
    }
  }
}
