import { MessengerProfileList, ProfileWriteResult, isSuccess } from './core/codecs.js';
import type { MessengerProfileData } from './core/codecs.js';
import { accountPath, callFields } from './call.js';
import type { Button, CallOptions, GraphCaller, Platform } from './types.js';

/** A persistent menu for one locale (`locale: 'default'` is required). */
export interface PersistentMenu {
  locale: string;
  composer_input_disabled?: boolean;
  call_to_actions?: Button[];
}

/** Ice breakers for one locale: up to 4 questions with payloads. */
export interface IceBreakers {
  locale?: string;
  call_to_actions: { question: string; payload: string }[];
}

/** Bot commands for one locale (names 1-32 characters without `/`, descriptions 1-64). */
export interface CommandList {
  locale: string;
  commands: { name: string; description: string }[];
}

/** Messenger profile properties (`/me/messenger_profile`), in Meta's field names; unknown ones pass through. */
export interface MessengerProfile {
  get_started?: { payload: string };
  greeting?: { locale: string; text: string }[];
  persistent_menu?: PersistentMenu[];
  ice_breakers?: IceBreakers[];
  commands?: CommandList[];
  whitelisted_domains?: string[];
  account_linking_url?: string;
  [property: string]: unknown;
}

/** Names of Messenger profile properties. */
export type ProfileField =
  | 'get_started'
  | 'greeting'
  | 'persistent_menu'
  | 'ice_breakers'
  | 'commands'
  | 'whitelisted_domains'
  | 'account_linking_url';

/** Options of profile calls: the account, a token override, and `platform: 'instagram'` for IG ice breakers. */
export interface ProfileOptions extends CallOptions {
  platform?: Platform;
}

/**
 * The Messenger Profile API (`GET|POST|DELETE /{page-id}/messenger_profile`): get started button, greeting,
 * persistent menu, ice breakers and commands. Meta allows 10 calls per 10 minutes per page.
 */
export class ProfileApi {
  readonly #caller: GraphCaller;

  /** Creates the group over a client (normally reached as `client.profile`). */
  constructor(caller: GraphCaller) {
    this.#caller = caller;
  }

  /** Reads profile properties (`GET ?fields=a,b`); resolves with the properties that are set (`{}` if none). */
  async get(
    fields: readonly (ProfileField | string)[],
    options: ProfileOptions = {},
  ): Promise<MessengerProfileData> {
    const result = await this.#caller.request({
      method: 'GET',
      path: accountPath(options.from, 'messenger_profile'),
      query: { fields, platform: options.platform === 'instagram' ? 'instagram' : undefined },
      codec: MessengerProfileList,
      ...callFields(options, options.from ?? 'me'),
    });
    return result.data[0] ?? {};
  }

  /** Sets profile properties (`POST` with a JSON body of the properties); resolves true on success. */
  async set(properties: MessengerProfile, options: ProfileOptions = {}): Promise<boolean> {
    return this.#write('POST', properties, options);
  }

  /** Deletes profile properties (`DELETE` with JSON body `{ fields: [...] }`); resolves true on success. */
  async delete(fields: readonly (ProfileField | string)[], options: ProfileOptions = {}): Promise<boolean> {
    return this.#write('DELETE', { fields }, options);
  }

  /** POSTs or DELETEs a JSON body on the profile (with `platform: 'instagram'` first when asked). */
  async #write(method: 'POST' | 'DELETE', body: object, options: ProfileOptions): Promise<boolean> {
    const result = await this.#caller.request({
      method,
      path: accountPath(options.from, 'messenger_profile'),
      body: options.platform === 'instagram' ? { platform: 'instagram', ...body } : body,
      codec: ProfileWriteResult,
      ...callFields(options, options.from ?? 'me'),
    });
    return isSuccess(result);
  }
}
