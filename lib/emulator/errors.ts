import { MessengerRxError, messageOf } from '../errors/base.js';
import type { MessengerRxErrorCode } from '../errors/codes.js';

/** The `error` object of a Graph API error answer. */
export interface GraphErrorObject {
  readonly message: string;
  readonly type: string;
  readonly code: number;
  readonly error_subcode?: number;
  readonly error_user_title?: string;
  readonly error_user_msg?: string;
  readonly is_transient?: boolean;
  readonly fbtrace_id: string;
}

/** What a caller may set when injecting or describing a Graph error; `fbtrace_id` is added by the emulator. */
export interface GraphErrorSpec {
  readonly code: number;
  readonly message: string;
  readonly error_subcode?: number;
  readonly type?: string;
  readonly is_transient?: boolean;
  readonly error_user_title?: string;
  readonly error_user_msg?: string;
}

/** Thrown inside the Graph routes to answer a Graph error object with an HTTP status. */
export class GraphFault extends MessengerRxError {
  override readonly name = 'GraphFault';
  readonly code = 'ERR_GRAPH_FAULT' satisfies MessengerRxErrorCode;
  constructor(
    readonly status: number,
    readonly spec: GraphErrorSpec,
  ) {
    super(spec.message);
  }
}

/** A `GraphFault` for an invalid parameter: code 100, HTTP 400, message prefixed `(#100)` as Graph does. */
export function invalidParameter(message: string, subcode?: number): GraphFault {
  return new GraphFault(400, {
    code: 100,
    message: `(#100) ${message}`,
    ...(subcode !== undefined ? { error_subcode: subcode } : {}),
  });
}

/** A `GraphFault` for an object that does not exist or does not support the call (code 100, subcode 33). */
export function unsupportedRequest(method: string, id: string, status = 400): GraphFault {
  return new GraphFault(status, {
    code: 100,
    error_subcode: 33,
    type: 'GraphMethodException',
    message:
      `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded ` +
      'due to missing permissions, or does not support this operation.',
  });
}

/** The `{ error: {...} }` body of a Graph error answer, with a fresh `fbtrace_id`. */
export function graphErrorBody(spec: GraphErrorSpec, traceId: string): { error: GraphErrorObject } {
  return { error: { type: 'OAuthException', ...spec, fbtrace_id: traceId } };
}

/** A wait (`nextMessage`, `waitForMessages`, `nextRequest`) ran out of time; says what it saw instead. */
export class EmulatorTimeoutError extends MessengerRxError {
  override readonly name = 'EmulatorTimeoutError';
  readonly code = 'ERR_EMULATOR_TIMEOUT' satisfies MessengerRxErrorCode;
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
    readonly wanted: number,
    readonly got: number,
    readonly unmatched: readonly string[],
  ) {
    super(
      `Timed out after ${timeoutMs} ms waiting for ${wanted} ${what}; ${got} matched` +
        (unmatched.length > 0 ? `; not matching: ${unmatched.slice(0, 5).join(' | ')}` : ''),
    );
  }
}

/** The emulator was closed while something still waited on it, or a method was called after `close()`. */
export class EmulatorClosedError extends MessengerRxError {
  override readonly name = 'EmulatorClosedError';
  readonly code = 'ERR_EMULATOR_CLOSED' satisfies MessengerRxErrorCode;
  constructor(readonly what: string) {
    super(`The emulator is closed (${what})`);
  }
}

/**
 * A webhook POST to the bot failed at the transport level (refused, reset, timed out): no HTTP status came back.
 * `url` is the webhook URL without any `user:password@` it was given.
 */
export class WebhookDeliveryError extends MessengerRxError {
  override readonly name = 'WebhookDeliveryError';
  readonly code = 'ERR_WEBHOOK_DELIVERY' satisfies MessengerRxErrorCode;
  /** The webhook URL the POST went to, credentials removed. */
  readonly url: string;
  constructor(
    url: string,
    override readonly cause: unknown,
  ) {
    const shown = withoutCredentials(url);
    super(`Webhook delivery to ${shown} failed: ${messageOf(cause)}`);
    this.url = shown;
  }
}

/** A URL without its `user:password@` part (unchanged when it has none or does not parse). */
function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username === '' && parsed.password === '') return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** The emulator was used in a way it cannot serve (no webhook URL connected, a story mention on Messenger, ...). */
export class EmulatorUsageError extends MessengerRxError {
  override readonly name = 'EmulatorUsageError';
  readonly code = 'ERR_EMULATOR_USAGE' satisfies MessengerRxErrorCode;
}
