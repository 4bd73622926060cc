import type { Platform } from './defaults.js';

/** An Instagram media object the emulator knows (created when a user posts, mentions or comments). */
export interface MediaRecord {
  readonly id: string;
  caption: string;
  readonly media_type: string;
  readonly media_product_type: string;
  readonly timestamp: string;
  readonly username: string;
  /** The IG account that owns the media, or undefined when it belongs to someone else (a mention). */
  readonly ownerId: string | undefined;
  readonly permalink: string;
}

/** An Instagram comment the emulator knows: a user's comment, or a reply the bot posted. */
export interface CommentRecord {
  readonly id: string;
  readonly text: string;
  readonly timestamp: string;
  readonly from: { readonly id: string; readonly username: string };
  readonly mediaId: string;
  readonly parentId: string | undefined;
  readonly replies: string[];
}

/** One app subscription as `GET /{app-id}/subscriptions` lists it. */
export interface AppSubscription {
  object: string;
  callback_url: string;
  active: boolean;
  fields: { name: string; version: string }[];
  include_values?: boolean;
}

/** A reply the bot posted on Instagram: through `/{ig-user-id}/mentions` or `/{comment-id}/replies`. */
export interface ReplyRecord {
  readonly id: string;
  readonly kind: 'mention' | 'comment';
  readonly account: string;
  readonly mediaId: string;
  readonly commentId: string | undefined;
  readonly message: string;
}

/**
 * An uploaded attachment (`/{page-id}/message_attachments`): by `payload.url`, or by a `filedata` file part
 * (then `filename`, `contentType`, `size` and `sha256` describe the file; its bytes are not kept).
 */
export interface AttachmentRecord {
  readonly id: string;
  readonly account: string;
  readonly type: string;
  readonly url: string | undefined;
  readonly isReusable: boolean;
  readonly filename?: string;
  readonly contentType?: string;
  readonly size?: number;
  readonly sha256?: string;
}

/** A persona a page created (`POST /{page-id}/personas`); deleting only marks it. */
export interface PersonaRecord {
  readonly id: string;
  readonly account: string;
  readonly name: string;
  readonly profile_picture_url: string;
  deleted: boolean;
}

/** Everything the emulated Graph API remembers; tests may read it and seed it. */
export interface EmulatorState {
  readonly media: Map<string, MediaRecord>;
  readonly comments: Map<string, CommentRecord>;
  readonly replies: ReplyRecord[];
  readonly attachments: Map<string, AttachmentRecord>;
  /** App subscriptions by app id, then by object. */
  readonly appSubscriptions: Map<string, Map<string, AppSubscription>>;
  /** Page (or IG account) subscribed fields by page id; absent when the app is not subscribed. */
  readonly pageSubscriptions: Map<string, string[]>;
  /** Messenger Profile properties by `${accountId}:${platform}` (platform `messenger` unless `platform=instagram`). */
  readonly profiles: Map<string, Record<string, unknown>>;
  /** Platform of every user the emulator simulated, by PSID / IGSID. */
  readonly users: Map<string, Platform>;
  /** IGSIDs given to usernames that were used without an id. */
  readonly usernames: Map<string, string>;
  /**
   * Thread owners by `${accountId}:${userId}`: an app id, or `null` for an idle (released) thread; absent means
   * the bot's own app (`config.appId`) owns it.
   */
  readonly threadOwners: Map<string, string | null>;
  /** User profiles by PSID / IGSID, as `GET /{user-id}` answers them (seeded by `emulator.user(id, { profile })`). */
  readonly userProfiles: Map<string, Record<string, unknown>>;
  /** Personas by id. */
  readonly personas: Map<string, PersonaRecord>;
}

/** A fresh, empty `EmulatorState`. */
export function createState(): EmulatorState {
  return {
    media: new Map(),
    comments: new Map(),
    replies: [],
    attachments: new Map(),
    appSubscriptions: new Map(),
    pageSubscriptions: new Map(),
    profiles: new Map(),
    users: new Map(),
    usernames: new Map(),
    threadOwners: new Map(),
    userProfiles: new Map(),
    personas: new Map(),
  };
}

/** Empties every collection of `state` in place. */
export function clearState(state: EmulatorState): void {
  state.media.clear();
  state.comments.clear();
  state.replies.length = 0;
  state.attachments.clear();
  state.appSubscriptions.clear();
  state.pageSubscriptions.clear();
  state.profiles.clear();
  state.users.clear();
  state.usernames.clear();
  state.threadOwners.clear();
  state.userProfiles.clear();
  state.personas.clear();
}
