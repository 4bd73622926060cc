import type { WebhookEvent } from '../events/index.js';

/**
 * A batch was refused because `maxQueued` events were already waiting: nothing of it was taken in. The webhook
 * answers 5xx so that Meta redelivers it later (the Bot reports it as a BotOverflowError).
 */
export class InboxOverflowError extends Error {
  override readonly name = 'InboxOverflowError';
  constructor(
    /** The events refused. */
    readonly events: readonly WebhookEvent[],
    /** The configured `maxQueued`. */
    readonly limit: number,
  ) {
    super(`refused ${events.length} event(s): ${limit} events are already queued (maxQueued)`);
  }
}

/** Thrown by `accept` once the inbox is stopping or stopped: it takes no new events. */
export class InboxStoppedError extends Error {
  override readonly name = 'InboxStoppedError';
  constructor() {
    super('the inbox is stopped and takes no new events');
  }
}
