import { Observable, type OperatorFunction, type Subscriber } from 'rxjs';

/** What a {@link drainingOperator} hands to its work: the output, whether it has ended, and `settled()`. */
export interface Drain<R> {
  /** The output subscriber (emit with `subscriber.next`). */
  readonly subscriber: Subscriber<R>;
  /** True once the output has completed or been unsubscribed: start no new work. */
  readonly closed: boolean;
  /** To call whenever pending work finishes: completes the output if the source is done and the work idle. */
  settled(): void;
}

/** The per-subscription work of a {@link drainingOperator}. */
export interface DrainingWork<T> {
  /** Takes one value of the source. */
  next(value: T): void;
  /** True when no work is pending (the output may then complete once the source has). */
  idle(): boolean;
  /** Drops what is pending when the output is unsubscribed. */
  teardown(): void;
}

/**
 * Builds an operator whose output completes only when the source has completed and its own pending work has
 * drained; source errors pass straight through. `start` runs once per subscription and returns the work.
 */
export function drainingOperator<T, R>(start: (drain: Drain<R>) => DrainingWork<T>): OperatorFunction<T, R> {
  return (source) =>
    new Observable<R>((subscriber) => {
      let sourceDone = false;
      let closed = false;
      const drain: Drain<R> = {
        subscriber,
        get closed() {
          return closed;
        },
        settled() {
          // `own` is read only once the source is done, so never before `start` has returned.
          if (sourceDone && !closed && own.idle()) {
            closed = true;
            subscriber.complete();
          }
        },
      };
      const own: DrainingWork<T> = start(drain);
      const subscription = source.subscribe({
        next: (value) => own.next(value),
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          sourceDone = true;
          drain.settled();
        },
      });
      return () => {
        closed = true;
        subscription.unsubscribe();
        own.teardown();
      };
    });
}
