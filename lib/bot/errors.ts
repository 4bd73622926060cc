import type { DecodeIssue, WebhookEvent } from '../events/index.js';
import { MessengerRxError, messageOf } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/** A short description of an event for error messages: its type and conversation, never its content. */
function describe(event: WebhookEvent): string {
  return `a '${event.type}' event (conversation ${event.conversation})`;
}

/**
 * The shape shared by failures tied to one event: the event, the value thrown, and a message naming both
 * (the event by type and conversation only, never its content).
 */
abstract class EventFailure extends MessengerRxError {
  constructor(
    /** The event being handled when the failure happened. */
    readonly event: WebhookEvent,
    /** What was thrown (any value: handlers may throw non-Errors). */
    readonly error: unknown,
    what: string,
  ) {
    super(`${what} ${describe(event)}: ${messageOf(error)}`, { cause: error });
  }
}

/** A handler threw or rejected; `event` is what it was handling and `error` what it threw. */
export class BotHandlerError extends EventFailure {
  override readonly name = 'BotHandlerError';
  readonly code = 'ERR_BOT_HANDLER' satisfies MessengerRxErrorCode;
  readonly kind = 'handler';
  constructor(
    event: WebhookEvent,
    error: unknown,
    /** What the handler was registered for, e.g. `on('message:text')` or `hears(/hi/)`. */
    readonly registration: string,
  ) {
    super(event, error, `handler ${registration} failed on`);
  }
}

/**
 * A handler's promise did not settle within `handlerTimeoutMs`. The conversation was released (its next event
 * and the event's later handlers ran); the handler itself keeps running, since a promise cannot be cancelled.
 */
export class BotHandlerTimeoutError extends MessengerRxError {
  override readonly name = 'BotHandlerTimeoutError';
  readonly code = 'ERR_BOT_HANDLER_TIMEOUT' satisfies MessengerRxErrorCode;
  readonly kind = 'timeout';
  constructor(
    /** The event the handler was handling. */
    readonly event: WebhookEvent,
    /** What the handler was registered for, e.g. `on('message:text')`. */
    readonly registration: string,
    /** The configured `handlerTimeoutMs`. */
    readonly timeoutMs: number,
  ) {
    super(`handler ${registration} did not settle within ${timeoutMs} ms on ${describe(event)}`);
  }
}

/** Part of a verified webhook body did not decode; its siblings were still handled. */
export class BotDecodeError extends MessengerRxError {
  override readonly name = 'BotDecodeError';
  readonly code = 'ERR_BOT_DECODE' satisfies MessengerRxErrorCode;
  readonly kind = 'decode';
  constructor(readonly issue: DecodeIssue) {
    super(`webhook item did not decode at ${issue.path}: ${issue.message}`);
  }
}

/**
 * A batch of events was refused because `maxQueued` events were already waiting. Through the webhook the POST
 * then answers 500, so Meta redelivers it later: nothing is handled twice and nothing is lost silently.
 */
export class BotOverflowError extends MessengerRxError {
  override readonly name = 'BotOverflowError';
  readonly code = 'ERR_BOT_OVERFLOW' satisfies MessengerRxErrorCode;
  readonly kind = 'overflow';
  constructor(
    /** The events refused. */
    readonly events: readonly WebhookEvent[],
    /** The configured `maxQueued`. */
    readonly limit: number,
  ) {
    super(`refused ${events.length} event(s): ${limit} events are already queued (maxQueued)`);
  }
}

/** The dedup store failed for an event; the event was handled anyway (fail-open). */
export class BotDedupError extends EventFailure {
  override readonly name = 'BotDedupError';
  readonly code = 'ERR_BOT_DEDUP' satisfies MessengerRxErrorCode;
  readonly kind = 'dedup';
  constructor(event: WebhookEvent, error: unknown) {
    super(event, error, 'dedup store failed for');
  }
}

/** The webhook endpoint reported a failure that is not one of the above (for example an adapter error). */
export class BotWebhookError extends MessengerRxError {
  override readonly name = 'BotWebhookError';
  readonly code = 'ERR_BOT_WEBHOOK' satisfies MessengerRxErrorCode;
  readonly kind = 'webhook';
  constructor(readonly error: unknown) {
    super(`webhook failure: ${messageOf(error)}`, { cause: error });
  }
}

/**
 * The inbox failed: it refused a batch (`accept` rejected, so the webhook answered 500 and Meta redelivers), or it
 * reported a failure it handled itself on its `errors$` (a durable inbox's lost connection or lease, ...). `error`
 * is the inbox's own error, e.g. a `RedisAcceptError` or `RedisWorkerError` of `messenger-rx/redis`.
 */
export class BotInboxError extends MessengerRxError {
  override readonly name = 'BotInboxError';
  readonly code = 'ERR_BOT_INBOX' satisfies MessengerRxErrorCode;
  readonly kind = 'inbox';
  constructor(readonly error: unknown) {
    super(`inbox failure: ${messageOf(error)}`, { cause: error });
  }
}

/** Everything `bot.errors$` carries, discriminated by `kind`. */
export type BotError =
  | BotHandlerError
  | BotHandlerTimeoutError
  | BotDecodeError
  | BotOverflowError
  | BotDedupError
  | BotInboxError
  | BotWebhookError;

/** Thrown by `bot.receive()` and `bot.start()` after `bot.stop()`: the bot takes no new events. */
export class BotStoppedError extends MessengerRxError {
  override readonly name = 'BotStoppedError';
  readonly code = 'ERR_BOT_STOPPED' satisfies MessengerRxErrorCode;
  constructor() {
    super('the bot is stopped and takes no new events');
  }
}

/** A method was called that the bot's role excludes, e.g. `listen()` on a worker or `start()` on a receiver. */
export class BotRoleError extends MessengerRxError {
  override readonly name = 'BotRoleError';
  readonly code = 'ERR_BOT_ROLE' satisfies MessengerRxErrorCode;
  constructor(
    /** The method called. */
    readonly method: string,
    /** The bot's role. */
    readonly role: string,
  ) {
    super(`bot.${method}() is not available with role '${role}'`);
  }
}

/** A context method was used on an event it does not apply to, e.g. `ctx.mentioned()` on a message. */
export class BotContextError extends MessengerRxError {
  override readonly name = 'BotContextError';
  readonly code = 'ERR_BOT_CONTEXT' satisfies MessengerRxErrorCode;
  constructor(
    readonly method: string,
    readonly eventType: string,
    reason: string,
  ) {
    super(`ctx.${method}() cannot be used on a '${eventType}' event: ${reason}`);
  }
}
