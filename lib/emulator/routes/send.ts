/** `POST /{id}/messages` (Send API) and `POST /{id}/message_attachments` (Attachment Upload API). */
import { SEND_LIMITS, codePointLength } from '../../graph/index.js';
import type { Platform } from '../defaults.js';
import {
  MessageC,
  SendParamsC,
  UploadParamsC,
  decodeParams,
  type MessageParams,
  type SendParams,
} from '../codecs.js';
import { invalidParameter } from '../errors.js';
import type { SentRecipient, UploadedFile } from '../records.js';
import type { AttachmentRecord } from '../state.js';
import { checkThreadControl } from './handover.js';
import { platformOfAccount, type RouteContext, type RouteHandler, type RouteResult } from './types.js';

const SENDER_ACTIONS = ['typing_on', 'typing_off', 'mark_seen', 'react', 'unreact'];
const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG', 'UTILITY'];
const ATTACHMENT_TYPES = ['image', 'audio', 'video', 'file', 'template'];

function normaliseRecipient(params: SendParams): SentRecipient {
  const r = params.recipient;
  if (r === undefined) throw invalidParameter('The parameter recipient is required');
  const out: Record<string, string> = {};
  for (const key of ['id', 'user_ref', 'comment_id', 'post_id', 'phone_number'] as const) {
    const value = r[key];
    if (value !== undefined && String(value).length > 0) out[key] = String(value);
  }
  if (Object.keys(out).length !== 1) {
    throw invalidParameter(
      'Param recipient must have exactly one of id, user_ref, comment_id, post_id or phone_number',
    );
  }
  return out;
}

function platformFor(recipient: SentRecipient, account: string, context: RouteContext): Platform {
  const user = recipient.id !== undefined ? context.state.users.get(recipient.id) : undefined;
  if (user !== undefined) return user;
  if (recipient.comment_id !== undefined && context.state.comments.has(recipient.comment_id))
    return 'instagram';
  return platformOfAccount(context.config, account) ?? 'messenger';
}

/** The file part Graph reads for an upload: `filedata`. */
const FILE_PART = 'filedata';

/** The file an uploaded attachment record describes, when it was uploaded as a file. */
function fileOfRecord(record: AttachmentRecord | undefined): UploadedFile | undefined {
  if (record?.filename === undefined || record.size === undefined || record.sha256 === undefined)
    return undefined;
  return {
    filename: record.filename,
    ...(record.contentType !== undefined ? { contentType: record.contentType } : {}),
    size: record.size,
    sha256: record.sha256,
  };
}

/**
 * Checks `message.attachment`; answers the file it carries: the `filedata` part when the payload has neither
 * url nor attachment_id, or the file of an attachment uploaded earlier and sent by attachment_id.
 */
function checkAttachment(
  attachment: Readonly<Record<string, unknown>>,
  upload: UploadedFile | undefined,
  context: RouteContext,
): UploadedFile | undefined {
  const type = attachment['type'];
  if (typeof type !== 'string' || !ATTACHMENT_TYPES.includes(type)) {
    throw invalidParameter(`Param message[attachment][type] must be one of {${ATTACHMENT_TYPES.join(', ')}}`);
  }
  const payload = attachment['payload'];
  if (typeof payload !== 'object' || payload === null) {
    throw invalidParameter('Param message[attachment][payload] is required');
  }
  const p = payload as Readonly<Record<string, unknown>>;
  const id = p['attachment_id'];
  if (id !== undefined) {
    const record = context.state.attachments.get(String(id));
    if (record === undefined) throw invalidParameter('Invalid attachment_id', 2018047);
    return fileOfRecord(record);
  }
  if (type === 'template') {
    if (typeof p['template_type'] !== 'string') {
      throw invalidParameter('Param message[attachment][payload][template_type] is required');
    }
    return undefined;
  }
  const url = p['url'];
  if (url === undefined) {
    if (upload !== undefined) return upload;
    throw invalidParameter(
      'Param message[attachment][payload] must have a url or an attachment_id, or the file must come in a ' +
        `multipart/form-data part named ${FILE_PART}`,
    );
  }
  if (typeof url !== 'string') {
    throw invalidParameter('Param message[attachment][payload][url] must be a valid URL');
  }
  return undefined;
}

/** Checks the message like Graph; answers the file its attachment carries, if any. */
function checkMessage(
  message: MessageParams,
  platform: Platform,
  upload: UploadedFile | undefined,
  context: RouteContext,
): UploadedFile | undefined {
  const attachments = message.attachments ?? [];
  if (message.text === undefined && message.attachment === undefined && attachments.length === 0) {
    throw invalidParameter('Message cannot be empty, must provide valid attachment or text');
  }
  if (message.text !== undefined) {
    if (codePointLength(message.text) > SEND_LIMITS.textChars) {
      throw invalidParameter(
        `Length of param message[text] must be less than or equal to ${SEND_LIMITS.textChars}`,
      );
    }
    if (
      platform === 'instagram' &&
      Buffer.byteLength(message.text, 'utf8') > SEND_LIMITS.instagramTextBytes
    ) {
      throw invalidParameter(
        `Length of param message[text] must be at most ${SEND_LIMITS.instagramTextBytes} bytes`,
      );
    }
  }
  const file =
    message.attachment !== undefined ? checkAttachment(message.attachment, upload, context) : undefined;
  const replies = message.quick_replies ?? [];
  if (replies.length > SEND_LIMITS.quickReplies) {
    throw invalidParameter(
      `Param message[quick_replies] must have at most ${SEND_LIMITS.quickReplies} elements`,
    );
  }
  replies.forEach((reply, i) => {
    const where = `message[quick_replies][${i}]`;
    const type = reply.content_type ?? 'text';
    if (!['text', 'user_phone_number', 'user_email'].includes(type)) {
      throw invalidParameter(
        `Param ${where}[content_type] must be one of {text, user_phone_number, user_email}`,
      );
    }
    if (type !== 'text') return;
    if (reply.title === undefined || reply.title.length === 0) {
      throw invalidParameter(`Param ${where}[title] is required`);
    }
    if (codePointLength(reply.title) > SEND_LIMITS.quickReplyTitleChars) {
      throw invalidParameter(
        `Param ${where}[title] must be at most ${SEND_LIMITS.quickReplyTitleChars} characters`,
      );
    }
    const payload = reply.payload === undefined ? undefined : String(reply.payload);
    if (payload === undefined || (payload.length === 0 && reply.image_url === undefined)) {
      throw invalidParameter(`Param ${where}[payload] is required`);
    }
    if (codePointLength(payload) > SEND_LIMITS.quickReplyPayloadChars) {
      throw invalidParameter(
        `Param ${where}[payload] must be at most ${SEND_LIMITS.quickReplyPayloadChars} characters`,
      );
    }
  });
  if (message.metadata !== undefined && codePointLength(message.metadata) > SEND_LIMITS.metadataChars) {
    throw invalidParameter(`Param message[metadata] must be at most ${SEND_LIMITS.metadataChars} characters`);
  }
  return file;
}

function checkMessagingType(params: SendParams): void {
  const type = params.messaging_type;
  if (type === undefined) return;
  if (!MESSAGING_TYPES.includes(type)) {
    throw invalidParameter(`Param messaging_type must be one of {${MESSAGING_TYPES.join(', ')}}`);
  }
  if (type === 'MESSAGE_TAG' && params.tag === undefined) {
    throw invalidParameter('Param tag is required when messaging_type is MESSAGE_TAG');
  }
}

function checkSenderAction(params: SendParams, action: string): void {
  if (!SENDER_ACTIONS.includes(action.toLowerCase())) {
    throw invalidParameter(
      `Param sender_action must be one of {${SENDER_ACTIONS.map((a) => a.toUpperCase()).join(', ')}}`,
    );
  }
  const kind = action.toLowerCase();
  if (kind === 'react' || kind === 'unreact') {
    if (params.payload?.['message_id'] === undefined)
      throw invalidParameter('Param payload[message_id] is required');
    if (kind === 'react' && params.payload['reaction'] === undefined) {
      throw invalidParameter('Param payload[reaction] is required');
    }
  }
}

function recipientIdFor(recipient: SentRecipient, context: RouteContext): string | undefined {
  if (recipient.id !== undefined) return recipient.id;
  const commentId = recipient.comment_id ?? recipient.post_id;
  if (commentId === undefined) return undefined; // user_ref and phone_number answers carry no recipient_id
  return context.state.comments.get(commentId)?.from.id ?? context.ids.numeric('69');
}

/** `POST /{page-or-ig-id}/messages`: validates like Graph and answers `{ recipient_id?, message_id }`. */
export const sendMessage: RouteHandler = (request, context): RouteResult => {
  const account = request.segments[0] === 'me' ? request.meAccount : (request.segments[0] ?? '');
  const params = decodeParams(SendParamsC, request.params);
  const recipient = normaliseRecipient(params);
  const platform = platformFor(recipient, account, context);
  const recipientId = recipientIdFor(recipient, context);
  const action = params.sender_action;
  checkThreadControl(context, account, recipient.id);
  if (params.message === undefined && action === undefined) {
    throw invalidParameter('Must send either message or sender_action');
  }
  if (params.message !== undefined && action !== undefined) {
    throw invalidParameter('sender_action cannot be sent together with message');
  }
  if (action !== undefined) {
    checkSenderAction(params, action);
    return {
      account,
      body: recipientId !== undefined ? { recipient_id: recipientId } : {},
      action: { account, platform, recipient, action: action.toLowerCase(), payload: params.payload },
    };
  }
  const message = decodeParams(MessageC, params.message, 'message');
  const file = checkMessage(message, platform, request.files[FILE_PART], context);
  checkMessagingType(params);
  const messageId = context.ids.mid();
  const raw = request.params['message'] as Readonly<Record<string, unknown>>;
  return {
    account,
    body:
      recipientId !== undefined
        ? { recipient_id: recipientId, message_id: messageId }
        : { message_id: messageId },
    sent: {
      messageId,
      recipientId,
      account,
      platform,
      recipient,
      message: raw,
      text: message.text,
      file,
      body: request.params,
    },
  };
};

/**
 * `POST /{page-or-ig-id}/message_attachments`: stores an attachment given by `payload.url` or uploaded in a
 * `filedata` file part (multipart/form-data), and answers `{ attachment_id }`.
 */
export const uploadAttachment: RouteHandler = (request, context): RouteResult => {
  const account = request.segments[0] === 'me' ? request.meAccount : (request.segments[0] ?? '');
  const params = decodeParams(UploadParamsC, request.params);
  const attachment = params.message?.attachment;
  if (attachment?.type === undefined) throw invalidParameter('Param message[attachment][type] is required');
  if (!['image', 'audio', 'video', 'file'].includes(attachment.type)) {
    throw invalidParameter('Param message[attachment][type] must be one of {image, audio, video, file}');
  }
  const url = attachment.payload?.url;
  const file = request.files[FILE_PART];
  if (url === undefined && file === undefined) {
    throw invalidParameter(
      `Param message[attachment][payload][url] is required unless the file comes in a part named ${FILE_PART}`,
    );
  }
  const reusable = attachment.payload?.is_reusable;
  const id = context.ids.numeric('18');
  context.state.attachments.set(id, {
    id,
    account,
    type: attachment.type,
    url,
    isReusable: reusable === true || reusable === 'true',
    ...(file !== undefined
      ? {
          filename: file.filename,
          ...(file.contentType !== undefined ? { contentType: file.contentType } : {}),
          size: file.size,
          sha256: file.sha256,
        }
      : {}),
  });
  return { account, body: { attachment_id: id } };
};
