/**
 * Reading the traffic as a chat: what a user did, from a webhook body the emulator sent, and what the bot did,
 * from a Graph call the emulator recorded. Pure functions of the record and the emulator's state.
 */
import { isRecord } from '../events/index.js';
import type { EmulatorConfig, EmulatorState, Platform, RecordedRequest } from '../emulator/index.js';
import type { BotItem, ConversationRef, JsonObject, UserItem } from './types.js';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** Looks up the id of a user by platform and username (Instagram authors are known by username). */
export type UserLookup = (platform: Platform, username: string) => string | undefined;

function messagingItem(item: JsonObject, platform: Platform): UserItem | undefined {
  const userId = str(isRecord(item['sender']) ? item['sender']['id'] : undefined);
  if (userId === undefined) return undefined;
  const conversation: ConversationRef = { platform, userId };
  const message = item['message'];
  if (isRecord(message)) {
    if (message['is_echo'] === true) return { kind: 'other', conversation, name: 'echo' };
    const quick = message['quick_reply'];
    return {
      kind: 'message',
      conversation,
      mid: str(message['mid']),
      text: str(message['text']),
      quickReplyPayload: isRecord(quick) ? str(quick['payload']) : undefined,
      attachments: objects(message['attachments']),
    };
  }
  const postback = item['postback'];
  if (isRecord(postback)) {
    return {
      kind: 'postback',
      conversation,
      mid: str(postback['mid']),
      title: str(postback['title']),
      payload: str(postback['payload']),
    };
  }
  const reaction = item['reaction'];
  if (isRecord(reaction) && str(reaction['mid']) !== undefined) {
    return {
      kind: 'reaction',
      conversation,
      mid: str(reaction['mid']) ?? '',
      emoji: reaction['action'] === 'unreact' ? undefined : (str(reaction['emoji']) ?? '❤️'),
    };
  }
  if (isRecord(item['read'])) return { kind: 'read', conversation };
  const name = Object.keys(item).find((k) => !['sender', 'recipient', 'timestamp'].includes(k)) ?? 'item';
  return { kind: 'other', conversation, name };
}

function changeItem(change: JsonObject, state: EmulatorState, lookup: UserLookup): UserItem {
  const field = str(change['field']) ?? 'change';
  const value = isRecord(change['value']) ? change['value'] : {};
  const ref = (username: string, id?: string): ConversationRef | undefined => {
    const userId = id ?? lookup('instagram', username);
    return userId === undefined ? undefined : { platform: 'instagram', userId };
  };
  if (field === 'mentions') {
    const mediaId = str(value['media_id']) ?? '';
    const commentId = str(value['comment_id']);
    if (commentId !== undefined) {
      const comment = state.comments.get(commentId);
      const conversation = comment === undefined ? undefined : ref(comment.from.username, comment.from.id);
      if (comment !== undefined && conversation !== undefined) {
        const { text } = comment;
        const username = comment.from.username;
        return {
          kind: 'comment',
          conversation,
          variant: 'mention-comment',
          commentId,
          mediaId,
          text,
          username,
        };
      }
    } else {
      const media = state.media.get(mediaId);
      const conversation = media === undefined ? undefined : ref(media.username);
      if (media !== undefined && conversation !== undefined) {
        return {
          kind: 'comment',
          conversation,
          variant: 'mention-caption',
          commentId: undefined,
          mediaId,
          text: media.caption,
          username: media.username,
        };
      }
    }
  }
  if (field === 'comments' || field === 'live_comments') {
    const from = isRecord(value['from']) ? value['from'] : {};
    const username = str(from['username']) ?? '';
    const conversation = ref(username, str(from['id']));
    const media = isRecord(value['media']) ? value['media'] : {};
    if (conversation !== undefined) {
      return {
        kind: 'comment',
        conversation,
        variant: 'comment',
        commentId: str(value['id']),
        mediaId: str(media['id']) ?? '',
        text: str(value['text']) ?? '',
        username,
      };
    }
  }
  return { kind: 'other', conversation: undefined, name: field };
}

/**
 * What the user side did in one webhook body: one item per messaging item (standby included) and per change.
 * Items of users the emulator does not know still come back, with the sender's id as conversation.
 */
export function describeWebhook(body: unknown, state: EmulatorState, lookup: UserLookup): UserItem[] {
  if (!isRecord(body)) return [];
  const platform: Platform = body['object'] === 'instagram' ? 'instagram' : 'messenger';
  const items: UserItem[] = [];
  for (const entry of objects(body['entry'])) {
    for (const item of [...objects(entry['messaging']), ...objects(entry['standby'])]) {
      const described = messagingItem(item, platform);
      if (described !== undefined) items.push(described);
    }
    for (const change of objects(entry['changes'])) items.push(changeItem(change, state, lookup));
  }
  return items;
}

function errorMessage(response: unknown): string {
  const error = isRecord(response) && isRecord(response['error']) ? response['error'] : undefined;
  return str(error?.['message']) ?? 'the call failed';
}

function recipientConversation(
  params: JsonObject,
  account: string | undefined,
  state: EmulatorState,
  config: EmulatorConfig,
): ConversationRef | undefined {
  const recipient = isRecord(params['recipient']) ? params['recipient'] : {};
  const id = str(recipient['id']);
  const accountPlatform: Platform = account === config.igAccountId ? 'instagram' : 'messenger';
  if (id !== undefined) return { platform: state.users.get(id) ?? accountPlatform, userId: id };
  const commentId = str(recipient['comment_id']) ?? str(recipient['post_id']);
  const comment = commentId === undefined ? undefined : state.comments.get(commentId);
  if (comment === undefined) return undefined;
  return { platform: state.users.get(comment.from.id) ?? 'instagram', userId: comment.from.id };
}

/** What the chat shows of one Graph call the bot made, or undefined when it shows nothing (lookups, settings). */
export function describeGraphCall(
  request: RecordedRequest,
  state: EmulatorState,
  config: EmulatorConfig,
): BotItem | undefined {
  if (request.method !== 'POST') return undefined;
  const segments = request.path.split('/').filter((s) => s.length > 0);
  const [node, edge] = segments;
  const params = request.params;
  const ok = request.status >= 200 && request.status < 300;
  if (segments.length !== 2 || node === undefined) return undefined;
  if (edge === 'messages') {
    const account = node === 'me' ? config.pageId : node;
    const conversation = recipientConversation(params, request.account ?? account, state, config);
    if (conversation === undefined) return undefined;
    const action = str(params['sender_action']);
    if (action !== undefined) {
      if (!ok)
        return { kind: 'refused', conversation, message: undefined, error: errorMessage(request.response) };
      const payload = isRecord(params['payload']) ? params['payload'] : undefined;
      return { kind: 'action', conversation, action: action.toLowerCase(), payload };
    }
    const message = isRecord(params['message']) ? params['message'] : undefined;
    if (!ok || message === undefined) {
      return { kind: 'refused', conversation, message, error: errorMessage(request.response) };
    }
    const response = isRecord(request.response) ? request.response : {};
    const file = isRecord(params['filedata']) ? params['filedata'] : undefined;
    return { kind: 'message', conversation, messageId: str(response['message_id']) ?? '', message, file };
  }
  if (edge === 'mentions' || edge === 'replies') {
    const text = str(params['message']) ?? '';
    const error = ok ? undefined : errorMessage(request.response);
    if (edge === 'replies')
      return { kind: 'comment-reply', commentId: node, mediaId: undefined, text, error };
    return {
      kind: 'comment-reply',
      commentId: str(params['comment_id']),
      mediaId: str(params['media_id']),
      text,
      error,
    };
  }
  return undefined;
}

/** The Messenger Profile platform and account a `messenger_profile` call changed, when it changed one. */
export function profileChangedBy(
  request: RecordedRequest,
  config: EmulatorConfig,
): { readonly platform: Platform; readonly key: string } | undefined {
  if (request.method === 'GET' || request.status < 200 || request.status >= 300) return undefined;
  const [node, edge] = request.path.split('/').filter((s) => s.length > 0);
  if (edge !== 'messenger_profile' || node === undefined) return undefined;
  const account = node === 'me' ? (request.account ?? config.pageId) : node;
  const instagram = request.params['platform'] === 'instagram' || account === config.igAccountId;
  const platform: Platform = instagram ? 'instagram' : 'messenger';
  const stored = request.params['platform'] === 'instagram' ? 'instagram' : 'messenger';
  return { platform, key: `${account}:${stored}` };
}
