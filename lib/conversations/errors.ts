/** The typed errors of conversations. */
import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/**
 * A conversation could not be used as asked: `enter()` named a flow no `createConversation` registered before
 * the handler, `conversations()` found no storage (no `session()` before it and no `storage` option), or the
 * stored state of a flow was not one this version can replay (it is then dropped). `name` is the flow's name,
 * when there is one.
 */
export class ConversationError extends MessengerRxError {
  override readonly name = 'ConversationError';
  readonly code = 'ERR_CONVERSATION' satisfies MessengerRxErrorCode;
  constructor(
    message: string,
    /** The conversation (flow) concerned, if any. */
    readonly conversation?: string,
  ) {
    super(message);
  }
}
