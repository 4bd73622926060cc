import * as t from 'io-ts';
import type { Activity, Attachment, CardAction } from 'botbuilder';
import type {
  OutgoingAttachment,
  OutgoingMessage,
  QuickReply,
  Recipient,
  SendOptions,
  SenderAction,
  TemplatePayload,
} from '../graph/index.js';
import { describeDecodeErrors, isRecord } from '../events/index.js';
import { UnroutableActivityError, UnsupportedActivityError } from './errors.js';
import { ConversationRouteC, ROUTE_PROPERTY } from './route.js';
import type { ConversationRoute } from './route.js';

const QuickReplyInC = t.partial(
  {
    content_type: t.keyof({ text: null, user_phone_number: null, user_email: null }),
    title: t.string,
    payload: t.union([t.string, t.number]),
    image_url: t.string,
  },
  'QuickReply',
);

const MessengerAttachmentC = t.type(
  {
    type: t.keyof({ image: null, audio: null, video: null, file: null, template: null }),
    payload: t.UnknownRecord,
  },
  'MessengerAttachment',
);

/**
 * The Messenger fields a Botkit message may carry in `channelData` (Botkit copies unknown top-level fields of a
 * message there): `quick_replies`, `attachment`, `messaging_type`, `tag`, `notification_type`, `metadata`,
 * `reply_to` (a mid), `sender_action`, and `public_reply` (answer an Instagram comment publicly).
 */
export const OutgoingChannelDataC = t.partial(
  {
    quick_replies: t.array(QuickReplyInC),
    attachment: MessengerAttachmentC,
    messaging_type: t.keyof({ RESPONSE: null, UPDATE: null, MESSAGE_TAG: null, UTILITY: null }),
    tag: t.string,
    notification_type: t.keyof({ REGULAR: null, SILENT_PUSH: null, NO_PUSH: null }),
    metadata: t.string,
    reply_to: t.union([t.string, t.type({ mid: t.string })]),
    sender_action: t.keyof({ typing_on: null, typing_off: null, mark_seen: null }),
    public_reply: t.boolean,
  },
  'OutgoingChannelData',
);

/** The Messenger fields of an outgoing activity's channelData, decoded. */
export type OutgoingChannelData = t.TypeOf<typeof OutgoingChannelDataC>;

/** One Graph call (or pause) an outgoing activity turns into. */
export type SendStep =
  | { kind: 'message'; to: Recipient; message: OutgoingMessage; options: SendOptions }
  | { kind: 'senderAction'; to: Recipient; action: SenderAction; from: string }
  | { kind: 'mentionReply'; igUserId: string; mediaId: string; commentId?: string; text: string }
  | { kind: 'commentReply'; igUserId: string; commentId: string; text: string }
  | { kind: 'delay'; ms: number };

/**
 * The route of an outgoing activity: the one the adapter stored in `conversation.properties.messengerRx`, or
 * for a hand-made reference a direct message from `from.id` (the page or IG account) to `recipient.id`, on
 * Instagram when `channelId` is `'instagram'`.
 */
export function routeOfActivity(activity: Partial<Activity>): ConversationRoute {
  const properties: unknown = activity.conversation?.properties;
  if (isRecord(properties) && properties[ROUTE_PROPERTY] !== undefined) {
    const decoded = ConversationRouteC.decode(properties[ROUTE_PROPERTY]);
    if (decoded._tag === 'Right') return decoded.right;
    throw unsupported(decoded.left, `conversation.properties.${ROUTE_PROPERTY}`);
  }
  const accountId = activity.from?.id;
  const userId = activity.recipient?.id;
  if (accountId === undefined || accountId === '' || userId === undefined || userId === '') {
    throw new UnroutableActivityError(
      activity.conversation?.id,
      'the activity has no messenger-rx route and no from.id (page or IG account) / recipient.id (user) to send to',
    );
  }
  const platform = activity.channelId === 'instagram' ? 'instagram' : 'messenger';
  return { kind: 'direct', platform, accountId, user: { id: userId } };
}

function channelDataOf(activity: Partial<Activity>): OutgoingChannelData {
  const raw: unknown = activity.channelData ?? {};
  const decoded = OutgoingChannelDataC.decode(raw);
  if (decoded._tag === 'Right') return decoded.right;
  throw unsupported(decoded.left, 'channelData');
}

/** The error for an activity field that did not decode, naming the first bad place under `at`. */
function unsupported(errors: t.Errors, at: string): UnsupportedActivityError {
  const [issue] = describeDecodeErrors(errors, { at });
  return issue === undefined
    ? new UnsupportedActivityError(at, 'invalid value')
    : new UnsupportedActivityError(issue.path, `expected ${issue.expected}, got ${issue.got}`);
}

function quickRepliesOfActions(actions: readonly CardAction[]): QuickReply[] {
  return actions.map((action) => {
    const value: unknown = action.value ?? action.text ?? action.title;
    const payload = typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value);
    return { content_type: 'text', title: action.title ?? String(payload), payload };
  });
}

/** A channelData quick reply in the Graph client's shape; `content_type` defaults to text. */
function quickReplyOf(reply: t.TypeOf<typeof QuickReplyInC>, index: number): QuickReply {
  if (reply.content_type === 'user_phone_number' || reply.content_type === 'user_email') {
    return { content_type: reply.content_type };
  }
  if (reply.title === undefined || reply.payload === undefined) {
    throw new UnsupportedActivityError(
      `channelData.quick_replies[${index}]`,
      'a text quick reply needs a title and a payload',
    );
  }
  return reply.image_url === undefined
    ? { content_type: 'text', title: reply.title, payload: reply.payload }
    : { content_type: 'text', title: reply.title, payload: reply.payload, image_url: reply.image_url };
}

/** Quick replies from channelData (Messenger's form) or else from Bot Framework suggestedActions. */
function quickRepliesOf(activity: Partial<Activity>, data: OutgoingChannelData): QuickReply[] | undefined {
  if (data.quick_replies !== undefined && data.quick_replies.length > 0)
    return data.quick_replies.map(quickReplyOf);
  const actions = activity.suggestedActions?.actions;
  if (actions !== undefined && actions.length > 0) return quickRepliesOfActions(actions);
  return undefined;
}

const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'file']);

type MediaType = 'image' | 'video' | 'audio' | 'file';

function isMediaType(type: string): type is MediaType {
  return MEDIA_TYPES.has(type);
}

/** A Bot Framework attachment as a Send API attachment (media by contentType and URL, a template by its content). */
function attachmentOf(attachment: Attachment, index: number): OutgoingAttachment {
  const type = attachment.contentType ?? '';
  const content: unknown = attachment.content;
  if (isRecord(content) && typeof content['template_type'] === 'string') {
    // A Messenger template payload; the Graph client checks its limits and Meta the rest.
    return { type: 'template', payload: content as unknown as TemplatePayload };
  }
  if (attachment.contentUrl !== undefined && attachment.contentUrl !== '') {
    const family = type.split('/')[0] ?? '';
    const media: MediaType = isMediaType(type) ? type : isMediaType(family) ? family : 'file';
    return { type: media, payload: { url: attachment.contentUrl } };
  }
  if (isMediaType(type) && isRecord(content) && typeof content['attachment_id'] === 'string') {
    return { type, payload: { attachment_id: content['attachment_id'] } };
  }
  throw new UnsupportedActivityError(
    `attachments[${index}]`,
    `'${type}' has no Messenger equivalent; send a Messenger template or media in channelData.attachment`,
  );
}

/** channelData.attachment, Meta's own shape, checked only for its type (Meta validates the payload). */
function channelAttachmentOf(attachment: t.TypeOf<typeof MessengerAttachmentC>): OutgoingAttachment {
  return attachment as unknown as OutgoingAttachment;
}

function optionsOf(
  data: OutgoingChannelData,
  from: string,
  platform: string,
  proactive: boolean,
): SendOptions {
  const options: SendOptions = { from };
  if (platform === 'instagram') options.platform = 'instagram';
  const messagingType =
    data.messaging_type ?? (data.tag !== undefined ? 'MESSAGE_TAG' : proactive ? 'UPDATE' : undefined);
  if (messagingType !== undefined) options.messagingType = messagingType;
  if (data.tag !== undefined) options.tag = data.tag;
  if (data.notification_type !== undefined) options.notificationType = data.notification_type;
  if (data.metadata !== undefined) options.metadata = data.metadata;
  if (data.reply_to !== undefined)
    options.replyTo = typeof data.reply_to === 'string' ? data.reply_to : data.reply_to.mid;
  return options;
}

/** The messages of a message activity: the text first, then one message per attachment; quick replies on the last. */
function messagesOf(activity: Partial<Activity>, data: OutgoingChannelData): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  if (typeof activity.text === 'string' && activity.text !== '') messages.push({ text: activity.text });
  if (data.attachment !== undefined) messages.push({ attachment: channelAttachmentOf(data.attachment) });
  (activity.attachments ?? []).forEach((attachment, index) => {
    messages.push({ attachment: attachmentOf(attachment, index) });
  });
  const quickReplies = quickRepliesOf(activity, data);
  const last = messages[messages.length - 1];
  if (quickReplies !== undefined) {
    if (last === undefined)
      throw new UnsupportedActivityError('text', 'quick replies need a text or an attachment');
    last.quick_replies = quickReplies;
  }
  return messages;
}

function textOnly(activity: Partial<Activity>, data: OutgoingChannelData, what: string): string {
  const messages = messagesOf(activity, data);
  const only = messages[0];
  if (
    messages.length !== 1 ||
    only === undefined ||
    only.text === undefined ||
    only.quick_replies !== undefined
  ) {
    throw new UnsupportedActivityError(
      'text',
      `${what} carry exactly one text, with no attachments or quick replies`,
    );
  }
  return only.text;
}

/** The steps of a message activity on its route. */
function messageSteps(
  activity: Partial<Activity>,
  route: ConversationRoute,
  data: OutgoingChannelData,
  proactive: boolean,
): SendStep[] {
  switch (route.kind) {
    case 'direct': {
      const steps: SendStep[] = [];
      if (data.sender_action !== undefined) {
        steps.push({
          kind: 'senderAction',
          to: route.user,
          action: data.sender_action,
          from: route.accountId,
        });
      }
      const messages = messagesOf(activity, data);
      if (messages.length === 0 && steps.length === 0) {
        throw new UnsupportedActivityError(
          'text',
          'a message needs a text, an attachment or a sender_action',
        );
      }
      const options = optionsOf(data, route.accountId, route.platform, proactive);
      for (const message of messages) steps.push({ kind: 'message', to: route.user, message, options });
      return steps;
    }
    case 'mention': {
      const text = textOnly(activity, data, 'Instagram mention replies');
      return [
        route.commentId === undefined
          ? { kind: 'mentionReply', igUserId: route.accountId, mediaId: route.mediaId, text }
          : {
              kind: 'mentionReply',
              igUserId: route.accountId,
              mediaId: route.mediaId,
              commentId: route.commentId,
              text,
            },
      ];
    }
    case 'comment': {
      if (data.public_reply === true) {
        const text = textOnly(activity, data, 'Public comment replies');
        return [{ kind: 'commentReply', igUserId: route.accountId, commentId: route.commentId, text }];
      }
      const messages = messagesOf(activity, data);
      const only = messages[0];
      if (messages.length !== 1 || only === undefined) {
        throw new UnsupportedActivityError('text', 'a private reply to a comment is exactly one message');
      }
      return [
        {
          kind: 'message',
          to: { comment_id: route.commentId },
          message: only,
          options: optionsOf(data, route.accountId, 'instagram', proactive),
        },
      ];
    }
    case 'account':
      throw new UnroutableActivityError(
        activity.conversation?.id,
        `cannot send to a ${route.platform} account-level conversation: it has no user to message`,
      );
  }
}

/**
 * Plans the Graph calls for one outgoing activity: a `message` becomes Send API messages (or an Instagram
 * mention / comment reply on those routes), `typing` a `typing_on` sender action, `delay` a pause of `value`
 * milliseconds; other activity types send nothing. `proactive` sends default to `messaging_type: UPDATE`.
 */
export function planActivity(activity: Partial<Activity>, proactive: boolean): SendStep[] {
  switch (activity.type) {
    case 'message':
      return messageSteps(activity, routeOfActivity(activity), channelDataOf(activity), proactive);
    case 'typing': {
      const route = routeOfActivity(activity);
      if (route.kind !== 'direct') return [];
      return [{ kind: 'senderAction', to: route.user, action: 'typing_on', from: route.accountId }];
    }
    case 'delay': {
      const ms = typeof activity.value === 'number' && activity.value >= 0 ? activity.value : 1000;
      return [{ kind: 'delay', ms }];
    }
    default:
      return [];
  }
}
