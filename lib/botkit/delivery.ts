import { Subject } from 'rxjs';
import { DispatchProbe, MemoryDedupStore, dedupe, dispatchByKey } from '../bot/index.js';
import type { DedupStore, DispatchStats } from '../bot/index.js';

/** One Botkit turn waiting to run: its conversation (the ordering key), its redelivery key, and the turn itself. */
export interface Turn {
  readonly conversation: string;
  readonly dedupKey: string;
  readonly run: () => Promise<void>;
}

/** Redelivery deduplication of the adapter, shaped like the Bot's: a store and a window, or `false` for none. */
export type DedupOption = false | { store?: DedupStore; windowMs?: number };

/** Options of {@link TurnDelivery}. */
export interface TurnDeliveryOptions {
  /** How many conversations run turns at the same time; default 32. */
  concurrency?: number;
  /** Redelivery deduplication; default an in-memory store remembering keys for one hour. */
  dedup?: DedupOption;
  /** Receives failed turns and dedup store failures (the event then runs: handled rather than lost). */
  onError: (error: unknown) => void;
}

/** Counters of the adapter's turns: the dispatcher's own, plus turns not yet finished and redeliveries dropped. */
export interface AdapterStats extends DispatchStats {
  /** Turns taken in and not finished (includes those waiting for an asynchronous dedup store). */
  readonly backlog: number;
  /** Turns dropped as Meta's redeliveries since the start. */
  readonly duplicates: number;
}

const DEFAULT_WINDOW_MS = 60 * 60 * 1000;

/**
 * The adapter's delivery engine, the Bot's own (lib/bot `dedupe` + `dispatchByKey`): drops redeliveries through
 * a replaceable DedupStore, then runs turns one at a time per conversation and concurrently across
 * conversations up to a cap. A failing turn is reported and never stops the others.
 */
export class TurnDelivery {
  readonly #ingress = new Subject<Turn>();
  readonly #probe = new DispatchProbe();
  #backlog = 0;
  #duplicates = 0;
  #waiters: (() => void)[] = [];

  constructor(options: TurnDeliveryOptions) {
    const dedup = options.dedup;
    const deduped =
      dedup === false
        ? this.#ingress
        : this.#ingress.pipe(
            dedupe<Turn>({
              store: dedup?.store ?? new MemoryDedupStore(),
              ttlMs: dedup?.windowMs ?? DEFAULT_WINDOW_MS,
              keyOf: (turn) => turn.dedupKey,
              orderKeyOf: (turn) => turn.conversation,
              onStoreError: (error) => options.onError(error),
              onDuplicate: () => {
                this.#duplicates += 1;
                this.#settled();
              },
            }),
          );
    deduped
      .pipe(
        dispatchByKey<Turn>(
          {
            keyOf: (turn) => turn.conversation,
            work: (turn) => turn.run(),
            concurrency: options.concurrency ?? 32,
          },
          this.#probe,
        ),
      )
      .subscribe((outcome) => {
        if (!outcome.ok) options.onError(outcome.error);
        this.#settled();
      });
  }

  /** Takes a turn in; it runs after the conversation's earlier turns unless it is a redelivery. */
  push(turn: Turn): void {
    this.#backlog += 1;
    this.#ingress.next(turn);
  }

  /** Resolves once no turn is waiting or running (at once when idle). */
  idle(): Promise<void> {
    if (this.#backlog === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** A snapshot of the counters. */
  stats(): AdapterStats {
    const probe = this.#probe;
    return {
      conversations: probe.conversations,
      queued: probe.queued,
      running: probe.running,
      backlog: this.#backlog,
      duplicates: this.#duplicates,
    };
  }

  #settled(): void {
    this.#backlog -= 1;
    if (this.#backlog > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }
}
