import * as t from 'io-ts';
import { accountPath, callFields } from './call.js';
import { SuccessResult, isSuccess } from './core/codecs.js';
import { toRecipient } from './send.js';
import type { CallOptions, GraphCaller, To } from './types.js';

/**
 * The app ids of Meta's own inboxes, the usual targets of `pass_thread_control` when a person wants a human:
 * the Page Inbox (Meta Business Suite, Messenger) and the Instagram Inbox.
 */
export const INBOX_APP_IDS = {
  messenger: '263902037430900',
  instagram: '1217981644879628',
} as const;

/**
 * Who owns a thread (`GET /{page-id}/thread_owner`): the owning app's id (only the owner and the default app see
 * it) and when control expires (epoch seconds). Both optional, as Meta leaves them out by caller.
 */
export const ThreadOwner = t.partial({ app_id: t.union([t.string, t.number]), expiration: t.number });
/** Who owns a thread. */
export type ThreadOwner = t.TypeOf<typeof ThreadOwner>;

/** `GET /{page-id}/thread_owner` result: `{ data: [{ thread_owner }] }`, empty on an idle thread. */
export const ThreadOwnerList = t.type({ data: t.array(t.partial({ thread_owner: ThreadOwner })) });
/** `GET /{page-id}/thread_owner` result. */
export type ThreadOwnerList = t.TypeOf<typeof ThreadOwnerList>;

/**
 * The answer of `take_thread_control`, which Meta's pages disagree on: `{ success: true }` (Conversation
 * Routing and the Graph reference) or the new owner as `{ data: [{ thread_owner }] }` (conversation-control
 * guide). Both decode.
 */
export const TakeThreadControlResult = t.union([SuccessResult, ThreadOwnerList]);
/** The answer of `take_thread_control`. */
export type TakeThreadControlResult = t.TypeOf<typeof TakeThreadControlResult>;

/** One secondary receiver of a page (`GET /{page-id}/secondary_receivers`, legacy Handover Protocol). */
export const SecondaryReceiver = t.intersection([t.type({ id: t.string }), t.partial({ name: t.string })]);
/** One secondary receiver of a page. */
export type SecondaryReceiver = t.TypeOf<typeof SecondaryReceiver>;

/** `GET /{page-id}/secondary_receivers` result. */
export const SecondaryReceiverList = t.type({ data: t.array(SecondaryReceiver) });

/** The longest extension of thread control Meta allows: 7 days, in seconds. */
export const MAX_EXTEND_SECONDS = 7 * 24 * 60 * 60;

/** Options of the handover calls: the page (default `me`), a token override, a signal, and metadata. */
export interface HandoverOptions extends CallOptions {
  /** A string passed on to the receiving app in the handover webhook's `metadata`. */
  metadata?: string;
}

/** Options of `pass`: the target app (default: the page's default app under Conversation Routing). */
export interface PassThreadOptions extends HandoverOptions {
  /** The app to pass the thread to, e.g. {@link INBOX_APP_IDS}`.messenger` for the Page Inbox. */
  targetAppId?: string;
}

/**
 * Handover and Conversation Routing (`POST /{page-id}/pass_thread_control|take_thread_control|
 * request_thread_control|release_thread_control|extend_thread_control`, `GET /{page-id}/thread_owner|secondary_receivers`) for
 * Messenger (PSID) and Instagram (IGSID) threads. Which calls answer depends on the page's routing set-up;
 * Graph's refusals come back as `GraphApiError`.
 * @example
 * await api.handover.pass('PSID', { targetAppId: INBOX_APP_IDS.messenger, metadata: 'wants a human' });
 */
export class HandoverApi {
  readonly #caller: GraphCaller;

  /** Creates the group over a client (normally reached as `client.handover`). */
  constructor(caller: GraphCaller) {
    this.#caller = caller;
  }

  /** Passes the thread to another app (`pass_thread_control` with `target_app_id`); resolves true on success. */
  async pass(to: To, options: PassThreadOptions = {}): Promise<boolean> {
    const extra = options.targetAppId === undefined ? {} : { target_app_id: options.targetAppId };
    return isSuccess(await this.#post('pass_thread_control', to, extra, options, SuccessResult));
  }

  /**
   * Takes the thread from the app that owns it (`take_thread_control`); resolves true on success, whichever of
   * the two documented answers Graph gives.
   */
  async take(to: To, options: HandoverOptions = {}): Promise<boolean> {
    const result = await this.#post('take_thread_control', to, {}, options, TakeThreadControlResult);
    return 'data' in result ? true : isSuccess(result);
  }

  /** Asks the owning app for the thread (`request_thread_control`); resolves true on success. */
  async request(to: To, options: HandoverOptions = {}): Promise<boolean> {
    return isSuccess(await this.#post('request_thread_control', to, {}, options, SuccessResult));
  }

  /** Gives up control, leaving the thread idle (`release_thread_control`, Conversation Routing, owner only). */
  async release(to: To, options: CallOptions = {}): Promise<boolean> {
    return isSuccess(await this.#post('release_thread_control', to, {}, options, SuccessResult));
  }

  /**
   * Extends the app's control of a thread by `durationSeconds`, at most 7 days (`extend_thread_control`,
   * Conversation Routing, owner only); refuses a duration out of range before calling.
   */
  async extend(to: To, durationSeconds: number, options: CallOptions = {}): Promise<boolean> {
    if (!Number.isInteger(durationSeconds) || durationSeconds <= 0 || durationSeconds > MAX_EXTEND_SECONDS) {
      throw new RangeError(
        `extend: the duration is a whole number of seconds from 1 to ${MAX_EXTEND_SECONDS}`,
      );
    }
    const extra = { duration: durationSeconds };
    return isSuccess(await this.#post('extend_thread_control', to, extra, options, SuccessResult));
  }

  /**
   * Reads who owns a thread (`GET /{page-id}/thread_owner?recipient=<id>`); resolves undefined when the thread
   * is idle (an empty answer).
   */
  async threadOwner(user: string, options: CallOptions = {}): Promise<ThreadOwner | undefined> {
    const result = await this.#caller.request({
      method: 'GET',
      path: accountPath(options.from, 'thread_owner'),
      query: { recipient: user },
      codec: ThreadOwnerList,
      ...callFields(options, options.from ?? 'me'),
    });
    return result.data[0]?.thread_owner;
  }

  /** Lists the page's secondary receivers (`GET /{page-id}/secondary_receivers?fields=id,name`). */
  async secondaryReceivers(options: CallOptions = {}): Promise<SecondaryReceiver[]> {
    const result = await this.#caller.request({
      method: 'GET',
      path: accountPath(options.from, 'secondary_receivers'),
      query: { fields: ['id', 'name'] },
      codec: SecondaryReceiverList,
      ...callFields(options, options.from ?? 'me'),
    });
    return result.data;
  }

  async #post<A>(
    edge: string,
    to: To,
    extra: Record<string, unknown>,
    options: HandoverOptions,
    codec: t.Decoder<unknown, A>,
  ): Promise<A> {
    const body: Record<string, unknown> = { recipient: toRecipient(to), ...extra };
    if (options.metadata !== undefined) body['metadata'] = options.metadata;
    return this.#caller.request({
      method: 'POST',
      path: accountPath(options.from, edge),
      body,
      codec,
      ...callFields(options, options.from ?? 'me'),
    });
  }
}
