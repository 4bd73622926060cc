import { from, type ObservableInput, type OperatorFunction, type Subscription } from 'rxjs';
import { drainingOperator } from './draining.js';
import { Fifo } from './fifo.js';
import { isPromiseLike } from '../webhook/promise.js';

/** What happened to one value given to {@link dispatchByKey}: its work completed, or failed with `error`. */
export type Outcome<T> =
  | { readonly value: T; readonly ok: true }
  | { readonly value: T; readonly ok: false; readonly error: unknown };

/** Options of {@link dispatchByKey}. */
export interface DispatchOptions<T> {
  /** The ordering key: values with the same key are worked on one at a time, in arrival order. */
  keyOf: (value: T) => string;
  /** The work for one value; it may return a promise, an observable or anything RxJS `from` accepts. */
  work: (value: T) => ObservableInput<unknown>;
  /** How many keys may be worked on at the same time (default 32). */
  concurrency?: number;
}

/** Counters of a running {@link dispatchByKey}: keys with pending or running work, values waiting, values running. */
export interface DispatchStats {
  readonly conversations: number;
  readonly queued: number;
  readonly running: number;
}

/** A read-only window on the counters of the {@link dispatchByKey} operator it was given to. */
export class DispatchProbe implements DispatchStats {
  /** @internal */ counters = { conversations: 0, queued: 0, running: 0 };
  /** Keys with pending or running work; a key is forgotten as soon as its queue empties. */
  get conversations(): number {
    return this.counters.conversations;
  }
  /** Values received whose work has not started. */
  get queued(): number {
    return this.counters.queued;
  }
  /** Values whose work has started and not finished. */
  get running(): number {
    return this.counters.running;
  }
}

interface KeyState<T> {
  readonly pending: Fifo<T>;
}

/**
 * An RxJS operator that runs `work` for every value: one at a time per key in arrival order, different keys
 * concurrently up to `concurrency`, round-robin between busy keys. A failing work becomes an `ok: false` outcome
 * and never ends the stream. A key's state is deleted when its queue empties, so memory follows the busy keys only.
 * The output completes when the source has completed and every queue has drained.
 */
export function dispatchByKey<T>(
  options: DispatchOptions<T>,
  probe?: DispatchProbe,
): OperatorFunction<T, Outcome<T>> {
  const concurrency = Math.max(1, options.concurrency ?? 32);
  return drainingOperator<T, Outcome<T>>((drain) => {
    const keys = new Map<string, KeyState<T>>();
    const ready = new Fifo<string>(); // keys with pending work waiting for a slot
    const works = new Set<Subscription>();
    const counters = probe?.counters ?? { conversations: 0, queued: 0, running: 0 };
    let pumping = false;

    const sync = (): void => {
      counters.conversations = keys.size;
    };

    const finish = (key: string, state: KeyState<T>, outcome: Outcome<T>): void => {
      counters.running -= 1;
      if (state.pending.length > 0) ready.push(key);
      else keys.delete(key);
      sync();
      drain.subscriber.next(outcome);
      pump();
    };

    const start = (key: string): void => {
      const state = keys.get(key);
      if (state === undefined) return;
      const value = state.pending.shift() as T;
      counters.queued -= 1;
      counters.running += 1;
      let done = false;
      let work: Subscription | undefined;
      const settle = (outcome: Outcome<T>): void => {
        if (done || drain.closed) return;
        done = true;
        if (work !== undefined) works.delete(work);
        finish(key, state, outcome);
      };
      let input: ObservableInput<unknown>;
      try {
        input = options.work(value);
      } catch (error) {
        settle({ value, ok: false, error });
        return;
      }
      // The common case, a promise, is settled directly: an RxJS subscription per value only adds allocations.
      if (isPromiseLike(input)) {
        input.then(
          () => settle({ value, ok: true }),
          (error: unknown) => settle({ value, ok: false, error }),
        );
        return;
      }
      work = from(input).subscribe({
        error: (error: unknown) => settle({ value, ok: false, error }),
        complete: () => settle({ value, ok: true }),
      });
      if (!done) works.add(work);
      else work = undefined;
    };

    // A trampoline: work that completes synchronously re-enters pump(), which only the outer loop runs.
    const pump = (): void => {
      if (pumping) return;
      pumping = true;
      try {
        while (counters.running < concurrency && ready.length > 0 && !drain.closed) {
          start(ready.shift() as string);
        }
      } finally {
        pumping = false;
      }
      drain.settled();
    };

    return {
      next: (value) => {
        let key: string;
        try {
          key = options.keyOf(value);
        } catch (error) {
          drain.subscriber.next({ value, ok: false, error });
          return;
        }
        counters.queued += 1;
        const state = keys.get(key);
        if (state !== undefined) {
          state.pending.push(value);
          return;
        }
        const fresh: KeyState<T> = { pending: new Fifo<T>() };
        fresh.pending.push(value);
        keys.set(key, fresh);
        sync();
        ready.push(key);
        pump();
      },
      idle: () => keys.size === 0,
      teardown: () => {
        for (const work of works) work.unsubscribe();
        works.clear();
        keys.clear();
        ready.clear();
        counters.conversations = 0;
        counters.queued = 0;
        counters.running = 0;
      },
    };
  });
}
