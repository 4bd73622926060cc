/**
 * The receiver side of the Redis inbox: a webhook batch split by partition and appended, one atomic script per
 * partition, with its dedup marks.
 */
import { dedupKey, type WebhookEvent } from '../events/index.js';
import type { RedisClient } from './client.js';
import { encodeEvent } from './entries.js';
import { partitionOf, type KeyLayout } from './keys.js';
import { APPEND } from './scripts.js';
import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/** A partition stream is at its `maxLength`: the batch was not appended to it. */
export class StreamFullError extends MessengerRxError {
  override readonly name = 'StreamFullError';
  readonly code = 'ERR_STREAM_FULL' satisfies MessengerRxErrorCode;
  constructor(readonly partition: number) {
    super(`partition ${partition} is full (maxLength)`);
  }
}

/** How a batch is appended. */
export interface AppendPlan {
  readonly layout: KeyLayout;
  readonly partitions: number;
  /** The dedup window in ms, or 0 when dedup is off. */
  readonly dedupTtlMs: number;
  /** The most entries a partition stream may hold (acknowledged ones not yet trimmed included), or 0 for no cap. */
  readonly maxLength: number;
}

/**
 * Appends events (in body order within each partition) and resolves with how many entered a stream (the others
 * were duplicates). Partitions are appended concurrently and independently: when one fails, the others may have
 * been appended; dedup keeps a redelivery of the batch from appending them twice. Rejects with
 * {@link StreamFullError} when a partition is at its cap.
 */
export async function appendEvents(
  client: RedisClient,
  plan: AppendPlan,
  events: readonly WebhookEvent[],
): Promise<number> {
  const byPartition = new Map<number, WebhookEvent[]>();
  for (const event of events) {
    const p = partitionOf(event.conversation, plan.partitions);
    const list = byPartition.get(p);
    if (list === undefined) byPartition.set(p, [event]);
    else list.push(event);
  }
  const counts = await Promise.all(
    [...byPartition].map(async ([p, batch]) => {
      const keys = plan.layout.partition(p);
      const dedupKeys = plan.dedupTtlMs > 0 ? batch.map((event) => keys.dedup(dedupKey(event))) : [];
      const args: (string | number)[] = [plan.dedupTtlMs, plan.maxLength];
      for (const event of batch) args.push(...encodeEvent(event));
      const reply = await APPEND.run(client, [keys.stream, ...dedupKeys], args);
      if (reply === -1) throw new StreamFullError(p);
      return typeof reply === 'number' ? reply : 0;
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}
