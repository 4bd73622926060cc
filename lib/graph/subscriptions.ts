import { AppSubscriptionList, SubscribedAppList, SuccessResult, isSuccess } from './core/codecs.js';
import type { AppSubscription, SubscribedApp } from './core/codecs.js';
import { callFields } from './call.js';
import type { CallOptions, GraphCaller } from './types.js';

/** Options of app-level calls: an app access token for this call (else the client's `appAccessToken`). */
export interface AppCallOptions {
  accessToken?: string;
  signal?: AbortSignal;
}

/** What to subscribe an app to (POST /{app-id}/subscriptions). */
export interface AppSubscriptionInput {
  /** The object: `page`, `instagram`, `user`, `permissions`, ... */
  object: string;
  /** Webhook URL Meta will verify and POST to. */
  callbackUrl: string;
  /** Fields to receive, sent comma-joined. */
  fields: readonly string[];
  /** Whether change notifications include the new values. */
  includeValues?: boolean;
  /** Token Meta echoes in the verification GET. */
  verifyToken?: string;
}

/**
 * Webhook subscriptions: the app's (`/{app-id}/subscriptions`, app access token) and a page's
 * (`/{page-id}/subscribed_apps`, page token). Parameters travel in the query string, as in Meta's examples.
 */
export class SubscriptionsApi {
  readonly #caller: GraphCaller;
  readonly #appToken: (override: string | undefined) => string;

  /** Creates the group over a client and its app-token lookup (normally reached as `client.subscriptions`). */
  constructor(caller: GraphCaller, appToken: (override: string | undefined) => string) {
    this.#caller = caller;
    this.#appToken = appToken;
  }

  /** Lists the app's webhook subscriptions (`GET /{app-id}/subscriptions`). */
  async list(appId: string, options: AppCallOptions = {}): Promise<AppSubscription[]> {
    const result = await this.#caller.request({
      method: 'GET',
      path: `${encodeURIComponent(appId)}/subscriptions`,
      codec: AppSubscriptionList,
      ...callFields({ accessToken: this.#appToken(options.accessToken), signal: options.signal }),
    });
    return result.data;
  }

  /**
   * Subscribes the app to an object's fields (`POST /{app-id}/subscriptions` with object, callback_url,
   * fields, include_values, verify_token); also re-enables or extends an existing subscription.
   */
  async subscribe(
    appId: string,
    input: AppSubscriptionInput,
    options: AppCallOptions = {},
  ): Promise<boolean> {
    const result = await this.#caller.request({
      method: 'POST',
      path: `${encodeURIComponent(appId)}/subscriptions`,
      query: {
        object: input.object,
        callback_url: input.callbackUrl,
        fields: input.fields,
        include_values: input.includeValues,
        verify_token: input.verifyToken,
      },
      codec: SuccessResult,
      ...callFields({ accessToken: this.#appToken(options.accessToken), signal: options.signal }),
    });
    return isSuccess(result);
  }

  /**
   * Removes subscriptions (`DELETE /{app-id}/subscriptions`): all of them with no input, one object's with
   * `object`, or only some fields of it with `object` and `fields`.
   */
  async unsubscribe(
    appId: string,
    input: { object?: string; fields?: readonly string[] } = {},
    options: AppCallOptions = {},
  ): Promise<boolean> {
    if (input.fields !== undefined && input.object === undefined) {
      throw new TypeError('unsubscribe: `fields` needs `object`');
    }
    const result = await this.#caller.request({
      method: 'DELETE',
      path: `${encodeURIComponent(appId)}/subscriptions`,
      query: { object: input.object, fields: input.fields },
      codec: SuccessResult,
      ...callFields({ accessToken: this.#appToken(options.accessToken), signal: options.signal }),
    });
    return isSuccess(result);
  }

  /** Lists the apps subscribed to a page and their fields (`GET /{page-id}/subscribed_apps`, page token). */
  async listPage(pageId: string, options: Omit<CallOptions, 'from'> = {}): Promise<SubscribedApp[]> {
    const result = await this.#caller.request({
      method: 'GET',
      path: `${encodeURIComponent(pageId)}/subscribed_apps`,
      codec: SubscribedAppList,
      ...callFields(options, pageId),
    });
    return result.data;
  }

  /** Subscribes the app to a page's fields (`POST /{page-id}/subscribed_apps?subscribed_fields=a,b`). */
  async subscribePage(
    pageId: string,
    fields: readonly string[],
    options: Omit<CallOptions, 'from'> = {},
  ): Promise<boolean> {
    const result = await this.#caller.request({
      method: 'POST',
      path: `${encodeURIComponent(pageId)}/subscribed_apps`,
      query: { subscribed_fields: fields },
      codec: SuccessResult,
      ...callFields(options, pageId),
    });
    return isSuccess(result);
  }

  /** Unsubscribes the app from a page (`DELETE /{page-id}/subscribed_apps`). */
  async unsubscribePage(pageId: string, options: Omit<CallOptions, 'from'> = {}): Promise<boolean> {
    const result = await this.#caller.request({
      method: 'DELETE',
      path: `${encodeURIComponent(pageId)}/subscribed_apps`,
      codec: SuccessResult,
      ...callFields(options, pageId),
    });
    return isSuccess(result);
  }
}
