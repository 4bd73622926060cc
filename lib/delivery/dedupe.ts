import type { MonoTypeOperatorFunction } from 'rxjs';
import type { DedupStore } from './dedup.js';
import { drainingOperator } from './draining.js';

/** Options of the {@link dedupe} operator. */
export interface DedupeOptions<T> {
  store: DedupStore;
  /** How long a key is remembered, in milliseconds. */
  ttlMs: number;
  /** The identity of a value across redeliveries (for events, `dedupKey(event)`). */
  keyOf: (value: T) => string;
  /** Values with the same order key leave in arrival order even when the store answers asynchronously. */
  orderKeyOf: (value: T) => string;
  /** Called when the store fails; the value then passes (fail-open: handled rather than lost). */
  onStoreError?: (error: unknown, value: T) => void;
  /** Called for every value dropped as a duplicate. */
  onDuplicate?: (value: T) => void;
}

/**
 * An RxJS operator that drops values whose key the store has already seen within `ttlMs`.
 * A synchronous store answers in place; with an asynchronous store, values with the same order key are
 * checked one after another so they still leave in arrival order. Completes once pending checks settle.
 */
export function dedupe<T>(options: DedupeOptions<T>): MonoTypeOperatorFunction<T> {
  return drainingOperator<T, T>((drain) => {
    const chains = new Map<string, Promise<void>>(); // order key -> tail of its pending async checks

    const decide = (value: T, seen: boolean): void => {
      if (drain.closed) return;
      if (seen) options.onDuplicate?.(value);
      else drain.subscriber.next(value);
    };

    const failOpen = (value: T, error: unknown): void => {
      options.onStoreError?.(error, value);
      decide(value, false);
    };

    const ask = (value: T): boolean | Promise<boolean> => {
      try {
        return options.store.seen(options.keyOf(value), options.ttlMs);
      } catch (error) {
        options.onStoreError?.(error, value);
        return false;
      }
    };

    const enqueue = (orderKey: string, next: Promise<void>): void => {
      chains.set(orderKey, next);
      void next.then(() => {
        if (chains.get(orderKey) === next) chains.delete(orderKey);
        drain.settled();
      });
    };

    const check = (value: T): void => {
      const orderKey = options.orderKeyOf(value);
      const tail = chains.get(orderKey);
      if (tail === undefined) {
        const answer = ask(value);
        if (typeof answer === 'boolean') return decide(value, answer);
        return enqueue(
          orderKey,
          answer.then(
            (seen) => decide(value, seen),
            (error: unknown) => failOpen(value, error),
          ),
        );
      }
      enqueue(
        orderKey,
        tail.then(async () => {
          try {
            decide(value, await ask(value));
          } catch (error) {
            failOpen(value, error);
          }
        }),
      );
    };

    return {
      next: (value) => {
        try {
          check(value);
        } catch (error) {
          failOpen(value, error);
        }
      },
      idle: () => chains.size === 0,
      teardown: () => chains.clear(),
    };
  });
}
