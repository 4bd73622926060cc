import * as t from 'io-ts';
import { callFields } from './call.js';
import type { CallOptions, GraphCaller, Platform } from './types.js';

/**
 * A Messenger user profile (`GET /{PSID}?fields=...`). Every field is optional: Meta answers only what the app
 * may read (an empty object without Business Asset User Profile Access). `profile_pic` is a URL that expires;
 * `locale`, `timezone` (hours from GMT) and `gender` need their own page permissions.
 */
export const MessengerUserProfile = t.partial({
  id: t.string,
  name: t.string,
  first_name: t.string,
  last_name: t.string,
  profile_pic: t.string,
  locale: t.string,
  timezone: t.number,
  gender: t.string,
});
/** A Messenger user profile. */
export type MessengerUserProfile = t.TypeOf<typeof MessengerUserProfile>;

/**
 * An Instagram user profile (`GET /{IGSID}?fields=...`): `name` and `profile_pic` may be null; follower count,
 * follow flags and verification need v12+, `username` v14+. Only after the person messaged the account.
 */
export const InstagramUserProfile = t.partial({
  id: t.string,
  name: t.union([t.string, t.null]),
  username: t.string,
  profile_pic: t.union([t.string, t.null]),
  follower_count: t.number,
  is_user_follow_business: t.boolean,
  is_business_follow_user: t.boolean,
  is_verified_user: t.boolean,
});
/** An Instagram user profile. */
export type InstagramUserProfile = t.TypeOf<typeof InstagramUserProfile>;

/** The fields a Messenger profile read asks for by default (those the basic profile access covers). */
export const DEFAULT_MESSENGER_USER_FIELDS = ['first_name', 'last_name', 'profile_pic'] as const;

/** The fields an Instagram profile read asks for by default (every documented one). */
export const DEFAULT_INSTAGRAM_USER_FIELDS = [
  'name',
  'username',
  'profile_pic',
  'follower_count',
  'is_user_follow_business',
  'is_business_follow_user',
  'is_verified_user',
] as const;

/** The fields of a Messenger profile read. */
export type MessengerUserField = keyof MessengerUserProfile;
/** The fields of an Instagram profile read. */
export type InstagramUserField = keyof InstagramUserProfile;

/** Options of a profile read: the fields to ask for (default: see the DEFAULT_*_USER_FIELDS), token, signal. */
export interface UserProfileOptions<F extends string> extends Omit<CallOptions, 'from'> {
  fields?: readonly F[];
  /** The page or Instagram account whose token a token resolver should pick. */
  accountId?: string;
}

/** A user profile of either platform, as `profile()` resolves it. */
export type UserProfile = MessengerUserProfile | InstagramUserProfile;

/**
 * User profiles: a Messenger user by PSID and an Instagram user by IGSID (`GET /{id}?fields=...`, page token).
 * @example
 * const { first_name } = await api.users.messenger('PSID');
 */
export class UsersApi {
  readonly #caller: GraphCaller;

  /** Creates the group over a client (normally reached as `client.users`). */
  constructor(caller: GraphCaller) {
    this.#caller = caller;
  }

  /** Reads a Messenger user's profile (default fields `first_name,last_name,profile_pic`). */
  async messenger(
    psid: string,
    options: UserProfileOptions<MessengerUserField> = {},
  ): Promise<MessengerUserProfile> {
    return this.#read(psid, options.fields ?? DEFAULT_MESSENGER_USER_FIELDS, MessengerUserProfile, options);
  }

  /** Reads an Instagram user's profile (default: every documented field). */
  async instagram(
    igsid: string,
    options: UserProfileOptions<InstagramUserField> = {},
  ): Promise<InstagramUserProfile> {
    return this.#read(igsid, options.fields ?? DEFAULT_INSTAGRAM_USER_FIELDS, InstagramUserProfile, options);
  }

  /** Reads the profile of a person on the given platform with its default fields. */
  async profile(
    id: string,
    platform: Platform,
    options: UserProfileOptions<never> = {},
  ): Promise<UserProfile> {
    return platform === 'instagram' ? this.instagram(id, options) : this.messenger(id, options);
  }

  async #read<A>(
    id: string,
    fields: readonly string[],
    codec: t.Decoder<unknown, A>,
    options: UserProfileOptions<string>,
  ): Promise<A> {
    return this.#caller.request({
      method: 'GET',
      path: encodeURIComponent(id),
      query: { fields },
      codec,
      ...callFields(options, options.accountId),
    });
  }
}
