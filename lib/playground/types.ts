/**
 * The shapes the playground's server sends to its page (Server-Sent Events, JSON): users, what each user did
 * (from the webhook bodies the emulator POSTed), what the bot did (from the Graph calls the emulator
 * recorded), profile changes and lines the bot printed. The page only renders these; it decides nothing.
 */
import type { Platform } from '../emulator/index.js';

/** A JSON object as it came over the wire. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** A simulated person the page chats as. */
export interface PlaygroundUser {
  /** The PSID (Messenger) or IGSID (Instagram). */
  readonly id: string;
  /** The display name; on Instagram also the username. */
  readonly name: string;
  readonly platform: Platform;
}

/** Which conversation an item belongs to: a user on a platform. */
export interface ConversationRef {
  readonly platform: Platform;
  readonly userId: string;
}

/** Something a user did, read back from a webhook body, as the chat shows it. */
export type UserItem =
  | {
      readonly kind: 'message';
      readonly conversation: ConversationRef;
      readonly mid: string | undefined;
      readonly text: string | undefined;
      /** Set when the message was a quick reply tap. */
      readonly quickReplyPayload: string | undefined;
      readonly attachments: readonly JsonObject[];
    }
  | {
      readonly kind: 'postback';
      readonly conversation: ConversationRef;
      readonly mid: string | undefined;
      readonly title: string | undefined;
      readonly payload: string | undefined;
    }
  | {
      readonly kind: 'reaction';
      readonly conversation: ConversationRef;
      /** The message reacted to. */
      readonly mid: string;
      /** Undefined for an unreact. */
      readonly emoji: string | undefined;
    }
  | { readonly kind: 'read'; readonly conversation: ConversationRef }
  | {
      readonly kind: 'comment';
      readonly conversation: ConversationRef;
      /** `comment`: a comment on the account's post; `mention-comment`/`mention-caption`: a mention. */
      readonly variant: 'comment' | 'mention-comment' | 'mention-caption';
      readonly commentId: string | undefined;
      readonly mediaId: string;
      readonly text: string;
      readonly username: string;
    }
  | {
      /** Any other messaging item or change (delivery, referral, story insights, ...): shown as a note. */
      readonly kind: 'other';
      readonly conversation: ConversationRef | undefined;
      readonly name: string;
    };

/** Something the bot did, read from one Graph call, as the chat shows it. */
export type BotItem =
  | {
      readonly kind: 'message';
      readonly conversation: ConversationRef;
      readonly messageId: string;
      /** The Send API `message` object exactly as sent. */
      readonly message: JsonObject;
      /** The uploaded file an attachment carried (multipart `filedata`), when there was one. */
      readonly file: JsonObject | undefined;
    }
  | {
      /** A send Graph refused (e.g. a text over Meta's limit): the user never sees it; the page says why. */
      readonly kind: 'refused';
      readonly conversation: ConversationRef;
      readonly message: JsonObject | undefined;
      readonly error: string;
    }
  | {
      /** `typing_on`, `typing_off`, `mark_seen`, `react`, `unreact`. */
      readonly kind: 'action';
      readonly conversation: ConversationRef;
      readonly action: string;
      readonly payload: JsonObject | undefined;
    }
  | {
      /** A reply under an Instagram comment or caption mention (`/{ig-user}/mentions`, `/{comment}/replies`). */
      readonly kind: 'comment-reply';
      readonly commentId: string | undefined;
      readonly mediaId: string | undefined;
      readonly text: string;
      /** Whether Graph accepted it; the error message when it did not. */
      readonly error: string | undefined;
    };

/** One webhook POST the user side sent, as the log and the chat show it. */
export interface WebhookRecord {
  readonly type: 'webhook';
  /** Order of the feed (shared with Graph calls). */
  readonly seq: number;
  /** Epoch ms when the POST left. */
  readonly at: number;
  /** The body as sent (parsed back from the exact bytes). */
  readonly body: unknown;
  /** What the user did, per item of the body. */
  readonly items: readonly UserItem[];
}

/** The bot's answer to a webhook POST (or the failure to reach it). */
export interface WebhookStatus {
  readonly type: 'webhook-status';
  /** The `seq` of the webhook record it answers. */
  readonly seq: number;
  /** The HTTP status the bot answered, 0 when it could not be reached. */
  readonly status: number;
  /** Epoch ms of the answer. */
  readonly at: number;
  readonly error: string | undefined;
}

/** One Graph call the bot made, with what the chat shows of it. */
export interface GraphRecord {
  readonly type: 'graph';
  readonly seq: number;
  /** Epoch ms when the emulator received the call (`RecordedRequest.receivedAt`). */
  readonly at: number;
  readonly requestId: number;
  readonly method: string;
  readonly path: string;
  readonly query: JsonObject;
  readonly body: unknown;
  readonly status: number;
  readonly response: unknown;
  /** What the chat shows for this call, if anything. */
  readonly item: BotItem | undefined;
}

/** The Messenger Profile of the page (or Instagram account) as the emulator holds it, after any change. */
export interface ProfileRecord {
  readonly type: 'profile';
  readonly platform: Platform;
  readonly profile: JsonObject;
}

/** A user joined the playground. */
export interface UserRecord {
  readonly type: 'user';
  readonly user: PlaygroundUser;
}

/** A line the bot printed through the `print` function its factory got. */
export interface PrintRecord {
  readonly type: 'print';
  readonly seq: number;
  readonly at: number;
  readonly line: string;
}

/** Everything the page receives after the greeting, in order. */
export type FeedEvent =
  WebhookRecord | WebhookStatus | GraphRecord | ProfileRecord | UserRecord | PrintRecord;

/** The first event of every stream: who the page is talking to. */
export interface Hello {
  readonly type: 'hello';
  readonly page: { readonly id: string; readonly name: string };
  readonly instagram: { readonly id: string; readonly username: string };
  /** The bot file or a short name of the bot. */
  readonly bot: string;
}
