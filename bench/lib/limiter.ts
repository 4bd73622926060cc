/**
 * A first-in first-out concurrency cap for the floor's echo sends: at most `limit` tasks run at once,
 * the rest wait in arrival order.
 */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => Promise<unknown>)[] = [];
  private head = 0;

  /** Creates a limiter that runs at most `limit` tasks at once. */
  constructor(private readonly limit: number) {}

  /** Runs the task now if a slot is free, or queues it; failures are swallowed (the stub counts replies). */
  run(task: () => Promise<unknown>): void {
    if (this.active < this.limit) this.start(task);
    else this.waiting.push(task);
  }

  /** Tasks running plus tasks waiting. */
  get size(): number {
    return this.active + this.waiting.length - this.head;
  }

  private start(task: () => Promise<unknown>): void {
    this.active++;
    task().then(this.done, this.done);
  }

  private readonly done = (): void => {
    this.active--;
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head];
      this.waiting[this.head++] = undefined as unknown as () => Promise<unknown>;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting.splice(0, this.head);
        this.head = 0;
      }
      if (next !== undefined) this.start(next);
    }
  };
}
