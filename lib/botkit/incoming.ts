import type { Activity, Attachment, ChannelAccount, ConversationAccount } from 'botbuilder';
import { dedupKey, isRecord } from '../events/index.js';
import type { Participant, WebhookEvent } from '../events/index.js';
import { botkitEventName, isBotkitMessage } from './names.js';
import type { EventNamer } from './names.js';
import { ROUTE_PROPERTY, channelIdOf, conversationIdOf, participantKey, routeOfEvent } from './route.js';
import type { ConversationRoute } from './route.js';

/**
 * `channelData` of every incoming activity. Botkit spreads it onto the message handlers receive, so Meta's own
 * keys of the item (`sender`, `recipient`, `timestamp`, `message`, `postback`, ... or `field` and `value`) and,
 * for messages and echoes, the fields of `message` (`mid`, `quick_reply`, `attachments`, ...) read as
 * `message.postback.payload`, `message.quick_reply`, `message.attachments`, just as with the old Facebook adapter.
 */
export interface MessengerChannelData {
  /** The decoded messenger-rx event, with its narrowed type (`event.type`, `event.platform`, `event.raw`, ...). */
  event: WebhookEvent;
  /** `'messenger'`, `'instagram'`, or the object name of an app-level change. */
  platform: string;
  /** True when the event came in `standby[]`. */
  standby: boolean;
  /** Botkit's event name for everything that is not an ordinary message (Botkit reads it as `message.type`). */
  botkitEventType?: string;
  /** Meta's keys of the item and, for messages, of `message`. */
  [key: string]: unknown;
}

/** The Bot Framework conversation account of a route; the route itself rides in `properties`. */
export function conversationAccountOf(route: ConversationRoute): ConversationAccount {
  return {
    id: conversationIdOf(route),
    isGroup: false,
    conversationType: route.kind,
    name: '',
    properties: { [ROUTE_PROPERTY]: route },
  };
}

function account(id: string, role: 'user' | 'bot'): ChannelAccount {
  return { id, name: '', role };
}

/** Who the activity is from: Meta's sender (the page itself on an echo), the commenter, or the account. */
function senderOf(event: WebhookEvent, accountId: string): string {
  if ('sender' in event && event.sender !== undefined) return participantKey(event.sender);
  if ((event.type === 'comment' || event.type === 'live_comment') && event.value.from !== undefined) {
    return event.value.from.id;
  }
  return accountId;
}

/** Who the activity is to: Meta's recipient (the user on an echo), otherwise the account. */
function recipientOf(event: WebhookEvent, accountId: string): string {
  if ('recipient' in event && event.recipient !== undefined)
    return participantKey(event.recipient as Participant);
  return accountId;
}

/** The text Botkit's `hears` and dialogs see, and the activity's `value` (for changes: Meta's `value`). */
function textAndValue(event: WebhookEvent): { text?: string; value?: unknown } {
  switch (event.type) {
    case 'message': {
      // A quick-reply tap reads as its payload, as a Bot Framework suggested action does; the title stays in
      // channelData.text / channelData.message.text.
      const payload = event.message.quick_reply?.payload;
      if (payload !== undefined) return { text: payload, value: payload };
      return event.message.text === undefined ? {} : { text: event.message.text };
    }
    case 'echo':
      return event.message.text === undefined ? {} : { text: event.message.text };
    case 'postback': {
      const { payload, title } = event.postback;
      const text = payload ?? title;
      return {
        ...(text === undefined ? {} : { text }),
        ...(payload === undefined ? {} : { value: payload }),
      };
    }
    case 'referral':
      return event.referral.ref === undefined ? {} : { value: event.referral.ref };
    case 'edit':
      return event.message_edit.text === undefined ? {} : { text: event.message_edit.text };
    // Botkit's handleTurn sets `message.value` from the activity's value, over channelData's `value`: the
    // activity carries Meta's change value so that `message.field` and `message.value` both read as documented.
    case 'comment':
    case 'live_comment':
      return event.value.text === undefined
        ? { value: event.value }
        : { text: event.value.text, value: event.value };
    case 'mention':
    case 'story_insights':
      return { value: event.value };
    case 'change':
      return event.value === undefined ? {} : { value: event.value };
    default:
      return {};
  }
}

/** Meta's attachments of a message in Bot Framework form: `contentType` is Meta's type, `content` its payload. */
function attachmentsOf(event: WebhookEvent): Attachment[] | undefined {
  if (event.type !== 'message' && event.type !== 'echo') return undefined;
  const attachments = event.message.attachments;
  if (attachments === undefined || attachments.length === 0) return undefined;
  return attachments.map((attachment) => {
    const payload: unknown = attachment.payload;
    const url = isRecord(payload) && typeof payload['url'] === 'string' ? payload['url'] : undefined;
    return url === undefined
      ? { contentType: attachment.type, content: payload }
      : { contentType: attachment.type, contentUrl: url, content: payload };
  });
}

/** The channelData of an event: Meta's keys, the message's fields, then the adapter's own. */
function channelDataOf(event: WebhookEvent, botkitEventType: string | undefined): MessengerChannelData {
  const flattened = event.type === 'message' || event.type === 'echo' ? { ...event.message } : {};
  const channelData: MessengerChannelData = {
    ...(isRecord(event.raw) ? event.raw : {}),
    ...flattened,
    event,
    platform: event.platform,
    standby: event.standby,
  };
  if (botkitEventType !== undefined) channelData.botkitEventType = botkitEventType;
  return channelData;
}

/** The id of the activity: the message id where Meta gives one, otherwise messenger-rx's dedup key. */
function activityIdOf(event: WebhookEvent): string {
  if (event.type === 'message' || event.type === 'echo') return event.message.mid;
  if (event.type === 'postback' && event.postback.mid !== undefined) return event.postback.mid;
  return dedupKey(event);
}

/**
 * Turns a decoded event into the activity Botkit receives. Received messages (text, quick-reply taps,
 * attachments) are `message` activities; everything else is an `event` activity whose `name` and
 * `channelData.botkitEventType` carry the Botkit event name (see {@link botkitEventName}).
 */
export function activityOfEvent(event: WebhookEvent, eventName?: EventNamer): Partial<Activity> {
  const route = routeOfEvent(event);
  const accountId = route.accountId;
  const isMessage = isBotkitMessage(event);
  const name = isMessage ? undefined : (eventName?.(event) ?? botkitEventName(event));
  const attachments = attachmentsOf(event);
  const activity: Partial<Activity> = {
    type: isMessage ? 'message' : 'event',
    id: activityIdOf(event),
    timestamp: new Date(event.time),
    channelId: channelIdOf(event.platform),
    conversation: conversationAccountOf(route),
    from: account(senderOf(event, accountId), 'user'),
    recipient: account(recipientOf(event, accountId), 'bot'),
    ...textAndValue(event),
    channelData: channelDataOf(event, name),
  };
  if (name !== undefined) activity.name = name;
  if (attachments !== undefined) activity.attachments = attachments;
  return activity;
}
