/**
 * Where the inbox keeps things in Redis. Every key of a partition carries the hash tag `{<prefix>:<partition>}`, so
 * the partition's stream, lease and dedup keys live in one Cluster slot and one Lua script may touch them together.
 *
 *   <prefix>:{<prefix>:<p>}:stream      the partition's stream (consumer group `workers`)
 *   <prefix>:{<prefix>:<p>}:lease       the partition's lease: the owner's token, with a TTL of `claimIdleMs`
 *   <prefix>:{<prefix>:<p>}:dedup:<key> an event's dedup mark, with a TTL of the dedup window
 *   <prefix>:workers                    live workers: a sorted set scored by heartbeat expiry (server time)
 */

/** The consumer group every partition stream has. */
export const GROUP = 'workers';

/**
 * The partition of a conversation: FNV-1a (32 bits) of its key modulo the partition count. Stable across
 * processes and versions, so every receiver sends one conversation to the same stream.
 */
export function partitionOf(conversation: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < conversation.length; i++) {
    h ^= conversation.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}

/** The keys of one partition. */
export interface PartitionKeys {
  readonly stream: string;
  readonly lease: string;
  /** The dedup key of an event key, in the partition's slot. */
  dedup(key: string): string;
}

/** The key layout of one inbox (one prefix). */
export class KeyLayout {
  constructor(readonly prefix: string) {}

  /** The keys of partition `p`. */
  partition(p: number): PartitionKeys {
    const base = `${this.prefix}:{${this.prefix}:${p}}`;
    return { stream: `${base}:stream`, lease: `${base}:lease`, dedup: (key) => `${base}:dedup:${key}` };
  }

  /** The sorted set of live workers. */
  get workers(): string {
    return `${this.prefix}:workers`;
  }
}
