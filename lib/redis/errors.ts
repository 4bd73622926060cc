import { MessengerRxError, messageOf } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/**
 * The typed failures of `messenger-rx/redis`. Each carries the context needed to act on it (partition, stream
 * entry id, conversation, the operation) and never a secret: no Redis URL, password or event content appears in a
 * message.
 */

/**
 * A copy of a thrown value that keeps only its name and message. ioredis attaches the failed command with its
 * arguments to reply errors (`error.command.args`): event JSON, or an AUTH password. Those must not ride along in a
 * `cause` that someone logs.
 */
export function safeCause(error: unknown): Error | undefined {
  if (error === undefined) return undefined;
  const copy = new Error(messageOf(error));
  copy.name = error instanceof Error ? error.name : 'Error';
  return copy;
}

/**
 * Base class of every error the Redis inbox reports, so one `instanceof` catches them all; `code` (one per
 * subclass, `ERR_REDIS_...`) tells them apart.
 */
export abstract class RedisInboxError extends MessengerRxError {}

/** Why `accept` refused a batch: Redis did not answer in time, answered with an error, or a stream is at its cap. */
export type AcceptFailure = 'timeout' | 'refused' | 'full';

/**
 * `accept` did not get the events into Redis. The webhook answers 5xx so that Meta redelivers; with dedup on, events
 * of the batch that did reach Redis (a batch spans partitions, each appended on its own) are not appended twice.
 */
export class RedisAcceptError extends RedisInboxError {
  override readonly name = 'RedisAcceptError';
  readonly code = 'ERR_REDIS_ACCEPT' satisfies MessengerRxErrorCode;
  constructor(
    /** How many events the refused batch held. */
    readonly events: number,
    /** The configured `acceptTimeoutMs`. */
    readonly timeoutMs: number,
    /** `timeout` (Redis unreachable or slow), `refused` (Redis answered an error), `full` (`maxLength` reached). */
    readonly reason: AcceptFailure,
    cause?: unknown,
  ) {
    super(
      reason === 'timeout'
        ? `Redis did not take ${events} event(s) within ${timeoutMs} ms`
        : reason === 'full'
          ? `Redis refused ${events} event(s): ${messageOf(cause)}; the workers are behind`
          : `Redis refused ${events} event(s): ${messageOf(cause)}`,
      { cause: safeCause(cause) },
    );
  }
}

/** The inbox was used after `stop()` (or `start` was called twice). */
export class RedisInboxStateError extends RedisInboxError {
  override readonly name = 'RedisInboxStateError';
  readonly code = 'ERR_REDIS_INBOX_STATE' satisfies MessengerRxErrorCode;
}

/**
 * A stream entry that is not an event (its JSON does not parse, or is not an object with a `type` and a
 * `conversation`). It is acknowledged and skipped so that it cannot block its partition; the raw text is not kept
 * here (it may hold user content), only where it was.
 */
export class RedisPoisonEntryError extends RedisInboxError {
  override readonly name = 'RedisPoisonEntryError';
  readonly code = 'ERR_REDIS_POISON_ENTRY' satisfies MessengerRxErrorCode;
  constructor(
    readonly partition: number,
    /** The stream entry id. */
    readonly entryId: string,
    readonly reason: string,
  ) {
    super(`stream entry ${entryId} of partition ${partition} is not an event (${reason}); skipped`);
  }
}

/**
 * The handler rejected. The bot reports its own handler failures, so this only appears with handlers that let
 * errors escape; the entry is still acknowledged (a failing event is not retried forever).
 */
export class RedisHandlerError extends RedisInboxError {
  override readonly name = 'RedisHandlerError';
  readonly code = 'ERR_REDIS_HANDLER' satisfies MessengerRxErrorCode;
  constructor(
    readonly partition: number,
    readonly entryId: string,
    /** The event's ordering key. */
    readonly conversation: string,
    cause: unknown,
  ) {
    super(`handler rejected on entry ${entryId} (conversation ${conversation}): ${messageOf(cause)}`, {
      cause,
    });
  }
}

/**
 * This worker lost a partition's lease (it could not renew it in time, or another worker holds it). It started no
 * further events of that partition and acknowledged none with the stale lease; unacknowledged entries are taken over
 * by the next owner. A handler still running at that moment may overlap with the next owner's retry of its event.
 */
export class RedisLeaseLostError extends RedisInboxError {
  override readonly name = 'RedisLeaseLostError';
  readonly code = 'ERR_REDIS_LEASE_LOST' satisfies MessengerRxErrorCode;
  constructor(
    readonly partition: number,
    readonly reason: string,
  ) {
    super(`lost the lease of partition ${partition}: ${reason}`);
  }
}

/**
 * Entries were deleted before they were acknowledged: the inbox never does that (it trims only acknowledged
 * entries), so someone trimmed or deleted them by hand. Those events are lost; this error says which and where.
 */
export class RedisTrimmedEntriesError extends RedisInboxError {
  override readonly name = 'RedisTrimmedEntriesError';
  readonly code = 'ERR_REDIS_TRIMMED_ENTRIES' satisfies MessengerRxErrorCode;
  constructor(
    readonly partition: number,
    readonly entryIds: readonly string[],
  ) {
    super(
      `${entryIds.length} unacknowledged entr(ies) of partition ${partition} were deleted outside the inbox and are lost`,
    );
  }
}

/** A Redis operation of a worker failed (Redis down, a network partition); the worker retries on its next tick. */
export class RedisWorkerError extends RedisInboxError {
  override readonly name = 'RedisWorkerError';
  readonly code = 'ERR_REDIS_WORKER' satisfies MessengerRxErrorCode;
  constructor(
    /** What the worker was doing: `heartbeat`, `acquire`, `read`, `ack`, `trim`, `release`. */
    readonly operation: string,
    /** The partition, when the operation concerned one. */
    readonly partition: number | undefined,
    cause: unknown,
  ) {
    super(
      `Redis ${operation}${partition === undefined ? '' : ` (partition ${partition})`} failed: ${messageOf(cause)}`,
      { cause: safeCause(cause) },
    );
  }
}

/**
 * A session value in Redis that is not JSON; `key` is the session key. Neither the value nor the parser's message
 * (which quotes the value) is kept: sessions hold user data.
 */
export class RedisSessionDecodeError extends MessengerRxError {
  override readonly name = 'RedisSessionDecodeError';
  readonly code = 'ERR_REDIS_SESSION_DECODE' satisfies MessengerRxErrorCode;
  constructor(readonly key: string) {
    super(`the session stored under '${key}' is not JSON`);
  }
}
