import { isMessagingEvent } from './event.js';
import type { Participant, WebhookEvent } from './event.js';
import { jsonOf } from './json.js';

/** The id or user_ref of a participant. */
function participantKey(p: Participant): string {
  return 'id' in p ? p.id : p.user_ref;
}

/** The id of a participant that has one. */
function participantId(p: Participant | undefined): string | undefined {
  return p !== undefined && 'id' in p ? p.id : undefined;
}

/**
 * The ordering key of a messaging item: `platform:account:user`, or `platform:account` when there is no user.
 * Used by the decoder; exported for the layers that build events themselves.
 */
export function messagingConversation(
  platform: string,
  accountId: string,
  user: Participant | undefined,
): string {
  return user === undefined ? `${platform}:${accountId}` : `${platform}:${accountId}:${participantKey(user)}`;
}

/**
 * The page or Instagram account an event belongs to: the recipient of an inbound item, the sender of an echo,
 * and the entry id for change events (or when the participant has no `id`).
 */
export function accountIdOf(event: WebhookEvent): string {
  if (!isMessagingEvent(event)) return event.entryId;
  return participantId(event.type === 'echo' ? event.sender : event.recipient) ?? event.entryId;
}

/**
 * The person an event is about: the sender of an inbound item, the recipient of an echo, `{ user_ref }` of a
 * checkbox optin that has no sender; undefined for change events and items without a person.
 */
export function userOf(event: WebhookEvent): Participant | undefined {
  if (!isMessagingEvent(event)) return undefined;
  if (event.type === 'echo') return event.recipient;
  if (event.sender !== undefined || event.type !== 'optin') return event.sender;
  return event.optin.user_ref === undefined ? undefined : { user_ref: event.optin.user_ref };
}

/** A short, stable FNV-1a hash of a value's JSON, for keys of items without an id. */
function hashOf(value: unknown): string {
  const text = jsonOf(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * A key that is the same for every redelivery of the same item and differs between distinct items: mid-based
 * where there is a mid (plus deletion, reaction action or `num_edit` where one mid carries several events),
 * watermark-based for reads and deliveries, otherwise type, ids, timestamp, field and a hash of the item.
 */
export function dedupKey(event: WebhookEvent): string {
  const p = event.platform;
  switch (event.type) {
    case 'message':
      return `message:${p}:${event.message.mid}${event.message.is_deleted === true ? ':deleted' : ''}`;
    case 'echo':
      return `echo:${p}:${event.message.mid}${event.message.is_deleted === true ? ':deleted' : ''}`;
    case 'edit':
      return `edit:${p}:${event.message_edit.mid}:${event.message_edit.num_edit}`;
    case 'reaction': {
      const r = event.reaction;
      const user = participantKey(event.sender);
      return `reaction:${p}:${r.mid}:${user}:${r.action}:${r.reaction ?? r.emoji ?? ''}:${event.timestamp}`;
    }
    case 'postback':
      return event.postback.mid !== undefined
        ? `postback:${p}:${event.postback.mid}`
        : `postback:${event.conversation}:${event.timestamp}:${event.postback.payload ?? ''}`;
    case 'read':
      return event.read.mid !== undefined
        ? `read:${event.conversation}:${event.read.mid}`
        : `read:${event.conversation}:${event.read.watermark ?? event.timestamp}`;
    case 'delivery':
      return `delivery:${event.conversation}:${event.delivery.watermark}`;
    case 'handover': {
      const kind =
        'pass_thread_control' in event
          ? 'pass'
          : 'take_thread_control' in event
            ? 'take'
            : 'request_thread_control' in event
              ? 'request'
              : 'app_roles';
      return `handover:${kind}:${event.conversation}:${event.timestamp}:${hashOf(event.raw)}`;
    }
    case 'response_feedback':
      return `response_feedback:${event.conversation}:${event.response_feedback.mid}:${event.timestamp}`;
    case 'referral':
    case 'optin':
    case 'optout':
    case 'policy_enforcement':
    case 'account_linking':
    case 'game_play':
    case 'messaging_feedback':
      return `${event.type}:${event.conversation}:${event.timestamp}:${hashOf(event.raw)}`;
    case 'unknown':
      return `unknown:${event.conversation}:${event.timestamp ?? event.time}:${hashOf(event.raw)}`;
    case 'mention':
      return `mention:${event.entryId}:${event.value.media_id}:${event.value.comment_id ?? ''}`;
    case 'comment':
    case 'live_comment': {
      const id = event.value.id ?? event.value.comment_id;
      return id !== undefined
        ? `${event.type}:${event.entryId}:${id}`
        : `${event.type}:${event.entryId}:${event.time}:${hashOf(event.value)}`;
    }
    case 'story_insights':
      return `story_insights:${event.entryId}:${event.value.media_id}`;
    case 'change':
      return 'value' in event
        ? `change:${p}:${event.entryId}:${event.field}:${event.time}:${hashOf(event.value)}`
        : `change:${p}:${event.entryId}:${event.field}:${event.time}`;
  }
}
