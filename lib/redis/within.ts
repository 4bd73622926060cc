/**
 * A bound on how long the inbox waits for one Redis call: ioredis may hold a command in its offline queue while it
 * reconnects, and neither a webhook nor a heartbeat may wait on that indefinitely.
 */

/** The call did not settle within the bound (it may still land later). */
export class NoAnswerError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

/** Settles as `promise` does, or rejects with {@link NoAnswerError} once `ms` passed without it settling. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswerError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
