import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/**
 * Thrown by `updateActivity` and `deleteActivity`: Messenger and Instagram cannot edit or delete a message the
 * bot sent, so the adapter refuses instead of silently doing nothing.
 */
export class NotSupportedByMessengerError extends MessengerRxError {
  override readonly name = 'NotSupportedByMessengerError';
  readonly code = 'ERR_NOT_SUPPORTED_BY_MESSENGER' satisfies MessengerRxErrorCode;
  constructor(
    /** The adapter operation that was called, e.g. `'updateActivity'`. */
    readonly operation: string,
  ) {
    super(
      `${operation} is not supported by Messenger or Instagram: a sent message cannot be edited or deleted`,
    );
  }
}

/**
 * Thrown when an outgoing activity cannot become a Send API call: a field of the wrong shape, a Bot Framework
 * card with no Messenger equivalent, or something Instagram mention replies cannot carry. `field` names the part.
 */
export class UnsupportedActivityError extends MessengerRxError {
  override readonly name = 'UnsupportedActivityError';
  readonly code = 'ERR_UNSUPPORTED_ACTIVITY' satisfies MessengerRxErrorCode;
  constructor(
    /** The activity field at fault, e.g. `'channelData.quick_replies[0]'` or `'attachments[1].contentType'`. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * Thrown when an outgoing activity has nowhere to go: its conversation has no user (a story-insights or other
 * account-level event) and the activity names no recipient.
 */
export class UnroutableActivityError extends MessengerRxError {
  override readonly name = 'UnroutableActivityError';
  readonly code = 'ERR_UNROUTABLE_ACTIVITY' satisfies MessengerRxErrorCode;
  constructor(
    /** The conversation id of the activity, when it had one. */
    readonly conversationId: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown into `onError` when webhook events arrive on `adapter.webhook` before a Botkit controller uses the adapter. */
export class AdapterNotAttachedError extends MessengerRxError {
  override readonly name = 'AdapterNotAttachedError';
  readonly code = 'ERR_ADAPTER_NOT_ATTACHED' satisfies MessengerRxErrorCode;
  constructor(readonly droppedEvents: number) {
    super(
      `${droppedEvents} event(s) dropped: the adapter is not attached to a Botkit controller (new Botkit({ adapter }))`,
    );
  }
}
