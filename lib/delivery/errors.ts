import type { WebhookEvent } from '../events/index.js';
import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/**
 * A batch was refused because `maxQueued` events were already waiting: nothing of it was taken in. The webhook
 * answers 5xx so that Meta redelivers it later (the Bot reports it as a BotOverflowError).
 */
export class InboxOverflowError extends MessengerRxError {
  override readonly name = 'InboxOverflowError';
  readonly code = 'ERR_INBOX_OVERFLOW' satisfies MessengerRxErrorCode;
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
export class InboxStoppedError extends MessengerRxError {
  override readonly name = 'InboxStoppedError';
  readonly code = 'ERR_INBOX_STOPPED' satisfies MessengerRxErrorCode;
  constructor() {
    super('the inbox is stopped and takes no new events');
  }
}
