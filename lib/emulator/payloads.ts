/**
 * Pure builders of Meta webhook bodies (Messenger and Instagram), shaped exactly as Meta sends them.
 * Messaging timestamps are epoch milliseconds; entries of `changes` carry `time` in seconds.
 * @example
 *   const body = messengerText({ pageId: '1000000000000001', psid: '42', text: 'hi' });
 */
import type { Attachment, Participant } from '../events/index.js';
import type { Platform } from './defaults.js';
import { createIdFactory } from './ids.js';

const ids = createIdFactory();

/** A webhook sender or recipient: an id (PSID, IGSID, page or IG account id) or a chat plugin `user_ref`. */
export type { Participant };

/**
 * One item of `entry[].messaging[]` (or `standby[]`) as Meta sends it: sender, recipient, timestamp and Meta's
 * event key, with any key allowed. Raw, not the events room's `MessagingItem<K>` (an item decoded for a key the
 * library knows), because the emulator also sends what the library does not decode, to test just that.
 */
export interface RawMessagingItem {
  readonly sender: Participant;
  readonly recipient: Participant;
  readonly timestamp: number;
  readonly [key: string]: unknown;
}

/** One item of `entry[].changes[]`: a field name and its value. */
export interface ChangeItem {
  readonly field: string;
  readonly value: Readonly<Record<string, unknown>>;
}

/** One `entry[]` of a webhook body; `time` is ms for messaging entries and seconds for `changes` entries. */
export interface WebhookEntry {
  readonly id: string;
  readonly time: number;
  readonly messaging?: readonly RawMessagingItem[];
  readonly standby?: readonly RawMessagingItem[];
  readonly changes?: readonly ChangeItem[];
}

/** A whole webhook POST body: `{ object, entry }`. */
export interface WebhookBody {
  readonly object: string;
  readonly entry: readonly WebhookEntry[];
}

/** What every messaging item builder needs: the page (or IG account) id, the user's PSID (or IGSID), a time. */
export interface ItemInput {
  /** The page id, or the Instagram account id for Instagram items. */
  readonly pageId: string;
  /** The user's page-scoped id, or Instagram-scoped id for Instagram items. */
  readonly psid: string;
  /** Epoch milliseconds; default now. */
  readonly timestamp?: number | undefined;
}

/** Meta's webhook `object` for a messaging platform: `page` for Messenger, `instagram` for Instagram. */
export function objectOf(platform: Platform): 'page' | 'instagram' {
  return platform === 'instagram' ? 'instagram' : 'page';
}

/** A new unique message id shaped like Meta's (`m_…`). */
export function newMid(): string {
  return ids.mid();
}

function base(input: ItemInput): { sender: Participant; recipient: Participant; timestamp: number } {
  return {
    sender: { id: input.psid },
    recipient: { id: input.pageId },
    timestamp: input.timestamp ?? Date.now(),
  };
}

/** A text message item; `replyTo` quotes an earlier mid, `quickReplyPayload` marks a quick reply tap. */
export function textItem(
  input: ItemInput & {
    readonly text: string;
    readonly mid?: string | undefined;
    readonly replyTo?: string | undefined;
    readonly quickReplyPayload?: string | undefined;
    readonly commands?: readonly string[] | undefined;
  },
): RawMessagingItem {
  return {
    ...base(input),
    message: {
      mid: input.mid ?? newMid(),
      text: input.text,
      ...(input.quickReplyPayload !== undefined ? { quick_reply: { payload: input.quickReplyPayload } } : {}),
      ...(input.replyTo !== undefined ? { reply_to: { mid: input.replyTo } } : {}),
      ...(input.commands !== undefined ? { commands: input.commands.map((name) => ({ name })) } : {}),
    },
  };
}

/** A quick reply tap: a message whose text is the button title, with `quick_reply.payload`. */
export function quickReplyItem(
  input: ItemInput & { readonly title: string; readonly payload: string; readonly mid?: string | undefined },
): RawMessagingItem {
  return textItem({ ...input, text: input.title, quickReplyPayload: input.payload });
}

/** A postback item (button, Get Started, persistent menu or ice breaker tap). */
export function postbackItem(
  input: ItemInput & {
    readonly payload: string;
    readonly title?: string | undefined;
    readonly mid?: string | undefined;
    readonly referral?: Readonly<Record<string, unknown>> | undefined;
  },
): RawMessagingItem {
  return {
    ...base(input),
    postback: {
      mid: input.mid ?? newMid(),
      title: input.title ?? input.payload,
      payload: input.payload,
      ...(input.referral !== undefined ? { referral: input.referral } : {}),
    },
  };
}

/** A message carrying attachments (`type` + `payload.url`, or explicit attachments), optionally with text. */
export function attachmentItem(
  input: ItemInput & {
    readonly type?: string | undefined;
    readonly url?: string | undefined;
    readonly attachments?: readonly Attachment[] | undefined;
    readonly text?: string | undefined;
    readonly mid?: string | undefined;
  },
): RawMessagingItem {
  const attachments = input.attachments ?? [
    { type: input.type ?? 'image', ...(input.url !== undefined ? { payload: { url: input.url } } : {}) },
  ];
  return {
    ...base(input),
    message: {
      mid: input.mid ?? newMid(),
      ...(input.text !== undefined ? { text: input.text } : {}),
      attachments,
    },
  };
}

/** An Instagram story mention: a message with one `story_mention` attachment pointing at the story's CDN url. */
export function storyMentionItem(
  input: ItemInput & { readonly url: string; readonly mid?: string | undefined },
): RawMessagingItem {
  return attachmentItem({ ...input, attachments: [{ type: 'story_mention', payload: { url: input.url } }] });
}

const REACTIONS: Readonly<Record<string, string>> = {
  '❤️': 'love',
  '❤': 'love',
  '😆': 'smile',
  '😄': 'smile',
  '😮': 'wow',
  '😢': 'sad',
  '😠': 'angry',
  '👍': 'like',
  '👎': 'dislike',
};

/** Meta's reaction name for an emoji (`love`, `smile`, `wow`, `sad`, `angry`, `like`, `dislike`, else `other`). */
export function reactionName(emoji: string): string {
  return REACTIONS[emoji] ?? 'other';
}

/** A reaction item; `action: 'unreact'` gives an unreact, which carries no `reaction` or `emoji`. */
export function reactionItem(
  input: ItemInput & {
    readonly mid: string;
    readonly emoji?: string | undefined;
    readonly reaction?: string | undefined;
    readonly action?: 'react' | 'unreact' | undefined;
  },
): RawMessagingItem {
  const action = input.action ?? 'react';
  const emoji = input.emoji ?? '❤️';
  return {
    ...base(input),
    reaction:
      action === 'unreact'
        ? { mid: input.mid, action }
        : { mid: input.mid, action, reaction: input.reaction ?? reactionName(emoji), emoji },
  };
}

/** A read receipt: Messenger sends `read.watermark` (ms), Instagram sends `read.mid`. */
export function readItem(
  input: ItemInput & { readonly watermark?: number | undefined; readonly mid?: string | undefined },
): RawMessagingItem {
  const item = base(input);
  const read =
    input.mid !== undefined ? { mid: input.mid } : { watermark: input.watermark ?? item.timestamp };
  return { ...item, read };
}

/** A delivery receipt with the delivered mids (may be absent) and a watermark (ms). */
export function deliveryItem(
  input: ItemInput & {
    readonly mids?: readonly string[] | undefined;
    readonly watermark?: number | undefined;
  },
): RawMessagingItem {
  const item = base(input);
  return {
    ...item,
    delivery: {
      ...(input.mids !== undefined ? { mids: input.mids } : {}),
      watermark: input.watermark ?? item.timestamp,
    },
  };
}

/** An echo of a message the page itself sent: sender is the page, recipient the user, `is_echo: true`. */
export function echoItem(
  input: ItemInput & {
    readonly text?: string | undefined;
    readonly attachments?: readonly Attachment[] | undefined;
    readonly appId?: string | undefined;
    readonly metadata?: string | undefined;
    readonly mid?: string | undefined;
  },
): RawMessagingItem {
  return {
    sender: { id: input.pageId },
    recipient: { id: input.psid },
    timestamp: input.timestamp ?? Date.now(),
    message: {
      is_echo: true,
      ...(input.appId !== undefined ? { app_id: Number(input.appId) } : {}),
      ...(input.metadata !== undefined ? { metadata: input.metadata } : {}),
      mid: input.mid ?? newMid(),
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.attachments !== undefined ? { attachments: input.attachments } : {}),
    },
  };
}

/** A referral item (m.me / ig.me link with `ref`, or an ad), as sent to an existing conversation. */
export function referralItem(
  input: ItemInput & {
    readonly ref?: string | undefined;
    readonly source?: string | undefined;
    readonly type?: string | undefined;
  },
): RawMessagingItem {
  return {
    ...base(input),
    referral: {
      ...(input.ref !== undefined ? { ref: input.ref } : {}),
      source: input.source ?? 'SHORTLINK',
      type: input.type ?? 'OPEN_THREAD',
    },
  };
}

/** The whole webhook body: `{ object, entry }`. */
export function envelope(object: string, entries: readonly WebhookEntry[]): WebhookBody {
  return { object, entry: entries };
}

/** The account an item belongs to: the sender on an echo, otherwise the recipient. */
function accountOfItem(item: RawMessagingItem): string {
  const message = item['message'];
  const isEcho =
    typeof message === 'object' && message !== null && 'is_echo' in message && message.is_echo === true;
  const who = isEcho ? item.sender : item.recipient;
  return 'id' in who ? who.id : who.user_ref;
}

/**
 * A messaging body for `platform`, one entry per page / IG account (in first-seen order), items kept in order;
 * entry `time` is the latest item timestamp (ms). `standby: true` puts the items in `standby[]`.
 */
export function messagingBody(
  platform: Platform,
  items: readonly RawMessagingItem[],
  options: { readonly standby?: boolean | undefined; readonly time?: number | undefined } = {},
): WebhookBody {
  const groups = new Map<string, RawMessagingItem[]>();
  for (const item of items) {
    const account = accountOfItem(item);
    const group = groups.get(account);
    if (group === undefined) groups.set(account, [item]);
    else group.push(item);
  }
  const key = options.standby === true ? 'standby' : 'messaging';
  const entries = [...groups].map(([id, group]) => ({
    id,
    time: options.time ?? Math.max(...group.map((i) => i.timestamp)),
    [key]: group,
  }));
  return envelope(objectOf(platform), entries);
}

/** A body with one entry of `changes` for `accountId`; `time` is in seconds (default now). */
export function changesBody(
  object: string,
  accountId: string,
  changes: readonly ChangeItem[],
  options: { readonly time?: number | undefined } = {},
): WebhookBody {
  return envelope(object, [{ id: accountId, time: options.time ?? Math.floor(Date.now() / 1000), changes }]);
}

/** A body builder for one kind of item: builds the item from its input and wraps it for `platform`. */
function bodyOf<I>(platform: Platform, item: (input: I) => RawMessagingItem): (input: I) => WebhookBody {
  return (input) => messagingBody(platform, [item(input)]);
}

/** A Messenger text message body. */
export const messengerText = bodyOf('messenger', textItem);

/** A Messenger quick reply tap body. */
export const messengerQuickReply = bodyOf('messenger', quickReplyItem);

/** A Messenger postback body. */
export const messengerPostback = bodyOf('messenger', postbackItem);

/** A Messenger message-with-attachment body. */
export const messengerAttachment = bodyOf('messenger', attachmentItem);

/** A Messenger reaction (or unreact) body. */
export const messengerReaction = bodyOf('messenger', reactionItem);

/** A Messenger read receipt body (`read.watermark`). */
export const messengerRead = bodyOf('messenger', readItem);

/** A Messenger delivery receipt body. */
export const messengerDelivery = bodyOf('messenger', deliveryItem);

/** A Messenger echo body (a message the page sent). */
export const messengerEcho = bodyOf('messenger', echoItem);

/** An Instagram direct message body (`pageId` is the IG account id, `psid` the IGSID). */
export const instagramText = bodyOf('instagram', textItem);

/** An Instagram story mention body (a DM with a `story_mention` attachment). */
export const instagramStoryMention = bodyOf('instagram', storyMentionItem);

/** A `mentions` change: `{ media_id, comment_id }` for a comment mention, `{ media_id }` for a caption. */
export function mentionChange(input: {
  readonly mediaId: string;
  readonly commentId?: string | undefined;
}): ChangeItem {
  return {
    field: 'mentions',
    value:
      input.commentId !== undefined
        ? { comment_id: input.commentId, media_id: input.mediaId }
        : { media_id: input.mediaId },
  };
}

/** A commenter as Instagram sends it: IGSID and username. */
export interface CommentAuthor {
  readonly id: string;
  readonly username: string;
}

/** A `comments` (or `live_comments`) change with Meta's value: `from`, `media`, `id`, `text`, `parent_id?`. */
export function commentChange(input: {
  readonly id: string;
  readonly text: string;
  readonly from: CommentAuthor;
  readonly mediaId: string;
  readonly mediaProductType?: string | undefined;
  readonly parentId?: string | undefined;
  readonly live?: boolean | undefined;
}): ChangeItem {
  return {
    field: input.live === true ? 'live_comments' : 'comments',
    value: {
      from: { id: input.from.id, username: input.from.username },
      media: { id: input.mediaId, media_product_type: input.mediaProductType ?? 'FEED' },
      id: input.id,
      ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
      text: input.text,
    },
  };
}

/** Story metrics Instagram sends when a story expires; any count can be -1 (too few viewers to report). */
export interface StoryInsightsInput {
  readonly mediaId: string;
  readonly exits?: number | undefined;
  readonly replies?: number | undefined;
  readonly reach?: number | undefined;
  readonly tapsForward?: number | undefined;
  readonly tapsBack?: number | undefined;
  readonly impressions?: number | undefined;
}

/** A `story_insights` change (counts default to 0). */
export function storyInsightsChange(input: StoryInsightsInput): ChangeItem {
  return {
    field: 'story_insights',
    value: {
      media_id: input.mediaId,
      exits: input.exits ?? 0,
      replies: input.replies ?? 0,
      reach: input.reach ?? 0,
      taps_forward: input.tapsForward ?? 0,
      taps_back: input.tapsBack ?? 0,
      impressions: input.impressions ?? 0,
    },
  };
}

/** Where and when an Instagram change body is sent: the IG account id and the entry time in seconds (default now). */
export interface ChangeBodyInput {
  readonly igId: string;
  readonly time?: number | undefined;
}

/** A body builder for one kind of Instagram change: builds the change from its input, one entry for `igId`. */
function changeBodyOf<I>(change: (input: I) => ChangeItem): (input: I & ChangeBodyInput) => WebhookBody {
  return (input) => changesBody('instagram', input.igId, [change(input)], { time: input.time });
}

/** An Instagram body for a mention in a comment (`time` in seconds). */
export const instagramMentionInComment = changeBodyOf<{
  readonly commentId: string;
  readonly mediaId: string;
}>(mentionChange);

/** An Instagram body for a mention in a media caption (`time` in seconds). */
export const instagramMentionInCaption = changeBodyOf<{ readonly mediaId: string }>(mentionChange);

/** An Instagram body for a comment on the account's media (`time` in seconds). */
export const instagramComment = changeBodyOf(commentChange);

/** An Instagram body for story insights (`time` in seconds). */
export const instagramStoryInsights = changeBodyOf(storyInsightsChange);
