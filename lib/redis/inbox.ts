/**
 * `RedisInbox`: the durable, shared {@link Inbox} on Redis Streams. Receivers `accept` webhook batches into
 * partition streams (atomically with dedup) and answer Meta once Redis has them; workers `start` a handler and run
 * the events of each partition they lease, in webhook order per conversation, acknowledging each after its handler.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Subject, type Observable } from 'rxjs';
import type { EventHandler, Inbox } from '../delivery/index.js';
import type { WebhookEvent } from '../events/index.js';
import { appendEvents, StreamFullError, type AppendPlan } from './append.js';
import { closeClient, openClient, type OwnedClient, type RedisConnection } from './client.js';
import { RedisAcceptError, RedisInboxStateError, type RedisInboxError } from './errors.js';
import { KeyLayout } from './keys.js';
import { NoAnswerError, within } from './within.js';
import { InboxWorker } from './worker.js';

/** Options of {@link RedisInbox}. Receivers and workers of one inbox must agree on `prefix` and `partitions`. */
export interface RedisInboxOptions {
  /** An ioredis client (`Redis` or `Cluster`; shared, never closed here) or a `redis://` URL (closed on `stop`). */
  redis: RedisConnection;
  /** The key prefix (default `mrx`). */
  prefix?: string | undefined;
  /**
   * The number of partition streams (default 16). Conversations hash onto them; each is leased to one worker at a
   * time, so this bounds how many workers share the load. Change it only with every receiver and worker stopped and
   * the streams drained: a conversation may move to another partition.
   */
  partitions?: number | undefined;
  /**
   * Dedup at the door: an event whose `dedupKey` was appended within `ttlMs` (default one hour) is not appended
   * again, atomically with the append. `false` turns it off (a Meta redelivery then runs twice).
   */
  dedup?: false | { ttlMs?: number } | undefined;
  /** How long `accept` waits for Redis before it rejects (default 5000 ms); the webhook then answers 5xx. */
  acceptTimeoutMs?: number | undefined;
  /**
   * The lease time (default 15000 ms): a worker that stops heartbeating (killed, cut off) keeps its partitions this
   * long; then another worker takes each over and claims its pending entries (XAUTOCLAIM), so they run again.
   */
  claimIdleMs?: number | undefined;
  /** Entries of one partition read ahead and not yet finished, at most (default 100). */
  maxInFlight?: number | undefined;
  /** How long one blocking wait for new entries lasts (default 2000 ms). */
  blockMs?: number | undefined;
  /**
   * Backpressure: the most entries a partition stream may hold (off by default). Acknowledged entries are trimmed
   * anyway, so this only bites when workers fall far behind (or none runs): then `accept` refuses the batch
   * (`RedisAcceptError` with reason `full`, the webhook's 5xx) and Meta keeps it and retries, instead of Redis
   * growing without bound. Nothing already accepted is ever dropped.
   */
  maxLength?: number | undefined;
  /** This worker's name in the consumer group and the live set (default `<hostname>-<pid>-<random>`). */
  workerId?: string | undefined;
  /**
   * Receives every failure the inbox handles itself (Redis errors of workers, lost leases, poison entries, handler
   * rejections). Without it and without an `errors$` subscriber they are written to `console.error` (message only).
   */
  errors?: ((error: RedisInboxError) => void) | undefined;
}

const DEFAULTS = {
  prefix: 'mrx',
  partitions: 16,
  dedupTtlMs: 60 * 60 * 1000,
  acceptTimeoutMs: 5000,
  claimIdleMs: 15_000,
  maxInFlight: 100,
  blockMs: 2000,
};

/** A positive integer option, or its default. */
function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 1)
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  return Math.floor(value);
}

/**
 * A durable inbox shared by many processes, on Redis Streams with consumer groups.
 *
 * @example
 * const inbox = new RedisInbox({ redis: process.env.REDIS_URL!, errors: (e) => console.warn(e.message) });
 * await inbox.accept(events); // in the webhook: resolves once Redis has them
 * inbox.start((event) => handle(event)); // in a worker
 * await inbox.stop();
 */
export class RedisInbox implements Inbox {
  private readonly connection: OwnedClient;
  private readonly layout: KeyLayout;
  private readonly plan: AppendPlan;
  private readonly options: {
    claimIdleMs: number;
    maxInFlight: number;
    blockMs: number;
    readonly partitions: number;
    readonly acceptTimeoutMs: number;
  };
  private readonly errorSubject = new Subject<RedisInboxError>();
  private readonly onError: ((error: RedisInboxError) => void) | undefined;
  private worker: InboxWorker | undefined;
  private stopping: Promise<void> | undefined;

  /** The failures the inbox handled itself, as a stream (see the `errors` option). */
  readonly errors$: Observable<RedisInboxError> = this.errorSubject.asObservable();
  /** This worker's id in the consumer group and the live set. */
  readonly workerId: string;

  constructor(options: RedisInboxOptions) {
    const partitions = positive(options.partitions, DEFAULTS.partitions, 'partitions');
    const dedupTtlMs =
      options.dedup === false ? 0 : positive(options.dedup?.ttlMs, DEFAULTS.dedupTtlMs, 'dedup.ttlMs');
    this.layout = new KeyLayout(options.prefix ?? DEFAULTS.prefix);
    this.plan = {
      layout: this.layout,
      partitions,
      dedupTtlMs,
      maxLength: options.maxLength === undefined ? 0 : positive(options.maxLength, 0, 'maxLength'),
    };
    this.options = {
      partitions,
      acceptTimeoutMs: positive(options.acceptTimeoutMs, DEFAULTS.acceptTimeoutMs, 'acceptTimeoutMs'),
      claimIdleMs: positive(options.claimIdleMs, DEFAULTS.claimIdleMs, 'claimIdleMs'),
      maxInFlight: positive(options.maxInFlight, DEFAULTS.maxInFlight, 'maxInFlight'),
      blockMs: positive(options.blockMs, DEFAULTS.blockMs, 'blockMs'),
    };
    this.onError = options.errors;
    this.workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.connection = openClient(options.redis);
    // An owned client's failures surface as rejected commands (reported with context); silence its event.
    if (this.connection.owned) this.connection.client.on('error', () => undefined);
  }

  /**
   * Appends the events of one webhook POST to their partition streams and resolves once Redis has them (dedup
   * duplicates are dropped). Rejects with {@link RedisAcceptError} when Redis refuses or does not answer within
   * `acceptTimeoutMs`, so the webhook answers 5xx and Meta redelivers.
   */
  async accept(events: readonly WebhookEvent[]): Promise<void> {
    if (this.stopping !== undefined) throw new RedisInboxStateError('the inbox is stopped');
    if (events.length === 0) return;
    const { acceptTimeoutMs } = this.options;
    try {
      await within(appendEvents(this.connection.client, this.plan, events), acceptTimeoutMs);
    } catch (error) {
      // After a timeout the append may still land (then dedup drops Meta's redelivery); its failure is not news.
      if (error instanceof NoAnswerError)
        throw new RedisAcceptError(events.length, acceptTimeoutMs, 'timeout');
      const reason = error instanceof StreamFullError ? 'full' : 'refused';
      throw new RedisAcceptError(events.length, acceptTimeoutMs, reason, error);
    }
  }

  /**
   * Makes this process a worker: it joins the live set, leases its share of the partitions and hands their events
   * to `handler`. Not called on a receiver-only process. Throws when called twice or after `stop`.
   */
  start(handler: EventHandler): void {
    if (this.stopping !== undefined) throw new RedisInboxStateError('the inbox is stopped');
    if (this.worker !== undefined) throw new RedisInboxStateError('the inbox is already started');
    this.worker = new InboxWorker({
      client: this.connection.client,
      layout: this.layout,
      partitions: this.options.partitions,
      workerId: this.workerId,
      claimIdleMs: this.options.claimIdleMs,
      handler,
      report: (error) => this.report(error),
      maxInFlight: this.options.maxInFlight,
      blockMs: this.options.blockMs,
    });
    this.worker.start();
  }

  /** The partitions this worker currently leases, ascending (empty on a receiver). */
  heldPartitions(): number[] {
    return this.worker?.held() ?? [];
  }

  /**
   * Stops reading, lets running handlers finish (and acknowledges them), releases the leases so other workers take
   * over at once, leaves the live set and closes an owned client. Entries read but not started stay pending for the
   * next owner. Idempotent.
   */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.worker?.stop();
      await closeClient(this.connection);
      this.errorSubject.complete();
    })();
    return this.stopping;
  }

  /** Hands a failure to the callback and the stream; a throwing callback is not allowed to crash the worker. */
  private report(error: RedisInboxError): void {
    if (this.onError !== undefined) {
      try {
        this.onError(error);
      } catch {
        // The callback's own failure has nowhere better to go.
      }
    } else if (!this.errorSubject.observed) console.error(`[messenger-rx/redis] ${error.message}`);
    this.errorSubject.next(error);
  }
}
