import { Subject, tap, type Subscription } from 'rxjs';
import type { WebhookEvent } from '../events/index.js';
import { dedupKey } from '../events/index.js';
import { MemoryDedupStore, type DedupStore } from './dedup.js';
import { dedupe } from './dedupe.js';
import { DispatchProbe, dispatchByKey, type DispatchStats } from './dispatch.js';
import { InboxOverflowError, InboxStoppedError } from './errors.js';
import type { EventHandler, Inbox } from './inbox.js';

/** Redelivery deduplication: a store (default in memory) and a window (default one hour), or `false` for none. */
export type DedupOption = false | { store?: DedupStore; windowMs?: number };

/** Counters of a delivery: busy conversations, events queued and running, events not finished, redeliveries. */
export interface DeliveryStats extends DispatchStats {
  /** Events taken in and not finished yet (includes those in a pending asynchronous dedup check). */
  readonly backlog: number;
  /** Events dropped as redeliveries since the start. */
  readonly duplicates: number;
}

/** Options of {@link MemoryInbox}. */
export interface MemoryInboxOptions {
  /** How many conversations are handled at the same time; default 32. */
  concurrency?: number | undefined;
  /**
   * The bound on events taken in and not finished; default 10,000. A batch that would go past it is refused
   * whole with an InboxOverflowError (the webhook then answers 5xx, so Meta redelivers it).
   */
  maxQueued?: number | undefined;
  /** Redelivery deduplication; default an in-memory store remembering keys for one hour. */
  dedup?: DedupOption | undefined;
  /** The ordering key of an event; default its `conversation`. */
  keyOf?: ((event: WebhookEvent) => string) | undefined;
  /** Told when the dedup store failed for an event (the event is then handled: handled rather than lost). */
  onDedupError?: ((error: unknown, event: WebhookEvent) => void) | undefined;
  /** Told when the handler rejected or threw for an event (the conversation moves on). */
  onHandlerError?: ((error: unknown, event: WebhookEvent) => void) | undefined;
}

const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/**
 * The in-memory {@link Inbox}, the default of the Bot and the delivery of the Botkit adapter: one process, no
 * durability. `accept` takes a batch at once (or refuses it whole past `maxQueued`); the events enter the
 * stream on the next turn of the event loop, so the webhook's 200 is written before any handler starts. Then
 * redeliveries are dropped (`dedupKey` within the window), and the handler runs one event at a time per
 * conversation, in webhook order, concurrently across conversations up to `concurrency`. Events accepted before
 * `start` wait for it.
 */
export class MemoryInbox implements Inbox {
  readonly #options: MemoryInboxOptions;
  readonly #maxQueued: number;
  readonly #ingress = new Subject<WebhookEvent>();
  readonly #probe = new DispatchProbe();
  #handler: EventHandler | undefined;
  #pipeline: Subscription | undefined;
  #drained: Promise<void> | undefined;
  #accepted: WebhookEvent[] = [];
  #flushScheduled = false;
  #backlog = 0;
  #duplicates = 0;
  #waiters: (() => void)[] = [];
  #stopping: Promise<void> | undefined;

  /** Creates a stopped-for-handling inbox: it accepts events now and hands them out once `start` is called. */
  constructor(options: MemoryInboxOptions = {}) {
    this.#options = options;
    const bound = options.maxQueued ?? 10_000;
    this.#maxQueued = Number.isNaN(bound) ? 10_000 : Math.max(1, bound);
  }

  /**
   * Takes a batch in, in body order; throws InboxStoppedError once stopping, and InboxOverflowError when the
   * batch would take the backlog past `maxQueued` (a refused batch is taken in not at all).
   */
  accept(events: readonly WebhookEvent[]): void {
    if (this.#stopping !== undefined) throw new InboxStoppedError();
    if (this.#backlog > 0 && this.#backlog + events.length > this.#maxQueued) {
      throw new InboxOverflowError(events, this.#maxQueued);
    }
    if (events.length === 0) return;
    this.#backlog += events.length;
    for (const event of events) this.#accepted.push(event);
    this.#schedule();
  }

  /** Starts handing events to `handler` (the events accepted so far first); a second call changes nothing. */
  start(handler: EventHandler): void {
    if (this.#handler !== undefined || this.#stopping !== undefined) return;
    this.#handler = handler;
    let resolveDrained: () => void = () => undefined;
    this.#drained = new Promise<void>((resolve) => (resolveDrained = resolve));
    this.#pipeline = this.#stream(handler).subscribe({ complete: resolveDrained, error: resolveDrained });
    if (this.#accepted.length > 0) this.#schedule();
  }

  /** True once `start` was called. */
  get started(): boolean {
    return this.#handler !== undefined;
  }

  /**
   * Refuses new events and resolves once every accepted event was handled (at once when never started: the
   * events accepted then are dropped). Calling it again returns the same promise.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  /** Drops what is still queued and stops awaiting running handlers (after a stop deadline). */
  abandon(): void {
    this.#pipeline?.unsubscribe();
    this.#accepted = [];
    this.#backlog = 0;
    this.#wake();
  }

  /** Resolves once no event is waiting or running (at once when idle). */
  idle(): Promise<void> {
    if (this.#backlog === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** A snapshot of the counters. */
  stats(): DeliveryStats {
    const probe = this.#probe;
    return {
      conversations: probe.conversations,
      queued: probe.queued,
      running: probe.running,
      backlog: this.#backlog,
      duplicates: this.#duplicates,
    };
  }

  async #shutdown(): Promise<void> {
    if (this.#handler === undefined) {
      this.abandon();
      return;
    }
    this.#flush();
    this.#ingress.complete();
    await this.#drained;
  }

  #schedule(): void {
    if (this.#flushScheduled || this.#handler === undefined) return;
    this.#flushScheduled = true;
    setImmediate(() => this.#flush());
  }

  /** Moves the accepted events into the stream. */
  #flush(): void {
    this.#flushScheduled = false;
    if (this.#handler === undefined) return;
    const batch = this.#accepted;
    this.#accepted = [];
    for (const event of batch) this.#ingress.next(event);
  }

  /** The pipeline: dedup, then per-conversation dispatch to the handler. */
  #stream(handler: EventHandler) {
    const options = this.#options;
    const keyOf = options.keyOf ?? ((event: WebhookEvent) => event.conversation);
    const dedup = options.dedup;
    const deduped =
      dedup === false
        ? this.#ingress
        : this.#ingress.pipe(
            dedupe<WebhookEvent>({
              store: dedup?.store ?? new MemoryDedupStore(),
              ttlMs: dedup?.windowMs ?? DEFAULT_WINDOW_MS,
              keyOf: dedupKey,
              orderKeyOf: keyOf,
              onStoreError: (error, event) => options.onDedupError?.(error, event),
              onDuplicate: () => {
                this.#duplicates += 1;
                this.#done();
              },
            }),
          );
    return deduped.pipe(
      dispatchByKey<WebhookEvent>(
        { keyOf, work: handler, concurrency: options.concurrency ?? 32 },
        this.#probe,
      ),
      tap((outcome) => {
        if (!outcome.ok) options.onHandlerError?.(outcome.error, outcome.value);
        this.#done();
      }),
    );
  }

  /** One event finished (handled or dropped). */
  #done(): void {
    this.#backlog -= 1;
    if (this.#backlog <= 0) this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
