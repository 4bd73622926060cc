/**
 * Runs turns one after another within a conversation and concurrently across conversations, so two webhook
 * deliveries for the same user never read and write Botkit's dialog state at the same time. Idle
 * conversations leave no entry behind.
 */
export class TurnQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private running = 0;
  private waiters: (() => void)[] = [];

  constructor(private readonly onError: (error: unknown) => void) {}

  /** Queues a turn behind the conversation's earlier turns; the promise settles when it ran (never rejects). */
  run(conversation: string, turn: () => Promise<void>): Promise<void> {
    this.running += 1;
    const previous = this.tails.get(conversation) ?? Promise.resolve();
    const current = previous.then(turn).catch((error: unknown) => {
      this.report(error);
    });
    this.tails.set(conversation, current);
    return current.finally(() => {
      if (this.tails.get(conversation) === current) this.tails.delete(conversation);
      this.running -= 1;
      if (this.running === 0) this.wake();
    });
  }

  /** Resolves once no turn is queued or running (at once when idle). */
  idle(): Promise<void> {
    if (this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** How many turns are queued or running. */
  get size(): number {
    return this.running;
  }

  private report(error: unknown): void {
    try {
      this.onError(error);
    } catch {
      // A failing error handler must not break the queue.
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Remembers the most recent keys (Meta redelivers a notification it thinks failed); the oldest are forgotten. */
export class RecentKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** True when the key was seen recently; otherwise remembers it and returns false. */
  seen(key: string): boolean {
    if (this.keys.has(key)) return true;
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next();
      if (oldest.done !== true) this.keys.delete(oldest.value);
    }
    return false;
  }
}
