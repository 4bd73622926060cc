/** Errors of the playground: it could not start, or the page sent a request it cannot act on. */
import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/** The playground could not start: the bot file, the bot, or the port. `step` says which. */
export class PlaygroundStartError extends MessengerRxError {
  override readonly name = 'PlaygroundStartError';
  readonly code = 'ERR_PLAYGROUND_START' satisfies MessengerRxErrorCode;
  constructor(
    readonly step: 'bot' | 'listen' | 'verify',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A request of the page's JSON API that the playground refuses: `status` is the HTTP status it answers. */
export class PlaygroundRequestError extends MessengerRxError {
  override readonly name = 'PlaygroundRequestError';
  readonly code = 'ERR_PLAYGROUND_REQUEST' satisfies MessengerRxErrorCode;
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
