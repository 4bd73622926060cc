/** Errors of the test kit: an answer that should not have come, a bot that does not calm down, a bad start. */
import type { SentMessage } from '../emulator/index.js';
import { MessengerRxError } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

function describe(message: SentMessage): string {
  const to = message.recipient.id ?? message.recipient.user_ref ?? message.recipient.comment_id ?? '?';
  const what =
    message.text !== undefined
      ? JSON.stringify(message.text.slice(0, 60))
      : JSON.stringify(message.message).slice(0, 80);
  return `to ${to}: ${what}`;
}

/** `kit.noReply()` saw the bot send a message; `message` is the full Send API record. */
export class UnexpectedReplyError extends MessengerRxError {
  override readonly name = 'UnexpectedReplyError';
  readonly code = 'ERR_UNEXPECTED_REPLY' satisfies MessengerRxErrorCode;
  constructor(readonly reply: SentMessage) {
    super(`Expected no reply, but the bot sent one ${describe(reply)}`);
  }
}

/** `kit.settle()` gave up: the bot kept working or calling the Graph API past the timeout. */
export class SettleTimeoutError extends MessengerRxError {
  override readonly name = 'SettleTimeoutError';
  readonly code = 'ERR_SETTLE_TIMEOUT' satisfies MessengerRxErrorCode;
  constructor(
    readonly timeoutMs: number,
    readonly backlog: number | undefined,
  ) {
    super(
      `The bot did not settle within ${timeoutMs} ms` +
        (backlog !== undefined && backlog > 0
          ? ` (${backlog} event(s) still queued or running)`
          : ' (Graph calls kept coming)'),
    );
  }
}

/** `createTestKit` could not start the bot (e.g. its port is taken); the emulator it started is closed again. */
export class TestKitStartError extends MessengerRxError {
  override readonly name = 'TestKitStartError';
  readonly code = 'ERR_TEST_KIT_START' satisfies MessengerRxErrorCode;
  constructor(
    readonly step: 'create' | 'listen' | 'verify',
    override readonly cause: unknown,
    detail: string,
  ) {
    super(
      `Test kit could not ${step === 'create' ? 'create the bot' : step === 'listen' ? 'start the bot' : 'verify the webhook'}: ${detail}`,
    );
  }
}
