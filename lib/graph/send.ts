import { accountPath, callFields } from './call.js';
import { AttachmentUploadResult, SendResult, SenderActionResult } from './core/codecs.js';
import { checkFile, checkMessage } from './limits.js';
import type { MultipartForm } from './core/multipart.js';
import type {
  AttachmentInput,
  Button,
  CallOptions,
  FileInput,
  GenericElement,
  GraphCaller,
  MediaElement,
  MediaType,
  OutgoingAttachment,
  OutgoingMessage,
  Platform,
  QuickReply,
  Recipient,
  SenderAction,
  SenderActionOptions,
  SendOptions,
  TemplatePayload,
  To,
} from './types.js';

/** Turns a PSID/IGSID string into `{ id }`; passes a recipient object through. */
export function toRecipient(to: To): Recipient {
  return typeof to === 'string' ? { id: to } : to;
}

/** Expands the `{ title, payload }` shorthand to Meta's `{ content_type: 'text', title, payload }`. */
export function normaliseQuickReply(reply: QuickReply): QuickReply {
  return 'content_type' in reply ? reply : { content_type: 'text', ...reply };
}

/** Builds the full Send API body for a message (recipient, messaging_type, tag, notification, reply_to). */
export function buildMessageBody(
  to: To,
  message: OutgoingMessage,
  options: SendOptions = {},
): Record<string, unknown> {
  const outgoing: OutgoingMessage = { ...message };
  if (message.quick_replies !== undefined)
    outgoing.quick_replies = message.quick_replies.map(normaliseQuickReply);
  if (options.metadata !== undefined) outgoing.metadata = options.metadata;
  const body: Record<string, unknown> = {
    recipient: toRecipient(to),
    messaging_type: options.messagingType ?? (options.tag === undefined ? 'RESPONSE' : 'MESSAGE_TAG'),
  };
  if (options.tag !== undefined) body['tag'] = options.tag;
  if (options.notificationType !== undefined) body['notification_type'] = options.notificationType;
  if (options.replyTo !== undefined) body['reply_to'] = { mid: options.replyTo };
  if (options.personaId !== undefined) body['persona_id'] = options.personaId;
  body['message'] = outgoing;
  return body;
}

/**
 * The Send API (`POST /{page-id}/messages`, or `/me/messages`) for Messenger and Instagram DMs: text, quick
 * replies, attachments, templates, sender actions, reactions and attachment upload. Limits are checked first.
 */
export class SendApi {
  readonly #caller: GraphCaller;

  /** Creates the group over a client (normally reached as `client.send`). */
  constructor(caller: GraphCaller) {
    this.#caller = caller;
  }

  /** Sends a message in Meta's shape (`{ text?, attachment?, quick_replies?, metadata? }`) to a recipient. */
  async message(to: To, message: OutgoingMessage, options: SendOptions = {}): Promise<SendResult> {
    return this.#send(to, message, options, undefined);
  }

  /** Sends a text message (at most 2000 characters; at most 1000 UTF-8 bytes with `platform: 'instagram'`). */
  async text(to: To, text: string, options: SendOptions = {}): Promise<SendResult> {
    return this.message(to, { text }, options);
  }

  /** Sends a text with up to 13 quick replies (shorthand `{ title, payload }` accepted). */
  async quickReplies(
    to: To,
    text: string,
    replies: QuickReply[],
    options: SendOptions = {},
  ): Promise<SendResult> {
    return this.message(to, { text, quick_replies: replies }, options);
  }

  /**
   * Sends an image, audio, video or file by public URL (optionally reusable), by a saved attachment id, or as a
   * file uploaded with the message (`multipart/form-data`, the file in `filedata`, at most 25 MB).
   */
  async attachment(to: To, attachment: AttachmentInput, options: SendOptions = {}): Promise<SendResult> {
    return this.#send(to, { attachment: mediaAttachment(attachment) }, options, attachment.file);
  }

  /** Sends a template attachment (generic, button, media, or another template type as given). */
  async template(to: To, payload: TemplatePayload, options: SendOptions = {}): Promise<SendResult> {
    return this.message(to, { attachment: { type: 'template', payload } }, options);
  }

  /** Sends a generic template (a carousel of up to 10 elements). */
  async genericTemplate(to: To, elements: GenericElement[], options: SendOptions = {}): Promise<SendResult> {
    return this.template(to, { template_type: 'generic', elements }, options);
  }

  /** Sends a button template: text (at most 640 characters) with 1 to 3 buttons. */
  async buttonTemplate(
    to: To,
    text: string,
    buttons: Button[],
    options: SendOptions = {},
  ): Promise<SendResult> {
    return this.template(to, { template_type: 'button', text, buttons }, options);
  }

  /** Sends a media template: one image or video (by URL or attachment id) with optional buttons. */
  async mediaTemplate(to: To, element: MediaElement, options: SendOptions = {}): Promise<SendResult> {
    return this.template(to, { template_type: 'media', elements: [element] }, options);
  }

  /** Sends `typing_on`, `typing_off` or `mark_seen` as its own request (no message), as a persona if given. */
  async senderAction(
    to: To,
    action: SenderAction,
    options: SenderActionOptions = {},
  ): Promise<SenderActionResult> {
    const persona = options.personaId === undefined ? {} : { persona_id: options.personaId };
    return this.#action(to, { sender_action: action, ...persona }, options);
  }

  /** Reacts to a message (`sender_action: react` with `payload: { message_id, reaction }`). */
  async react(to: To, mid: string, reaction: string, options: CallOptions = {}): Promise<SenderActionResult> {
    return this.#action(to, { sender_action: 'react', payload: { message_id: mid, reaction } }, options);
  }

  /** Removes the page's reaction from a message (`sender_action: unreact` with `payload: { message_id }`). */
  async unreact(to: To, mid: string, options: CallOptions = {}): Promise<SenderActionResult> {
    return this.#action(to, { sender_action: 'unreact', payload: { message_id: mid } }, options);
  }

  /**
   * Uploads an asset with `POST /{page-id}/message_attachments` and returns its `attachment_id`: by URL, or as a
   * file from memory (`multipart/form-data`, at most 25 MB). Reusable by default; Instagram adds
   * `platform: 'instagram'`.
   */
  async uploadAttachment(
    attachment: { type: MediaType; isReusable?: boolean; platform?: Platform } & (
      { url: string; file?: undefined } | { file: FileInput; url?: undefined }
    ),
    options: CallOptions = {},
  ): Promise<AttachmentUploadResult> {
    const isReusable = attachment.isReusable ?? true;
    const payload =
      attachment.file === undefined
        ? { url: attachment.url, is_reusable: isReusable }
        : { is_reusable: isReusable };
    const fields: Record<string, unknown> = { message: { attachment: { type: attachment.type, payload } } };
    if (attachment.platform === 'instagram') fields['platform'] = 'instagram';
    return this.#caller.request({
      method: 'POST',
      path: accountPath(options.from, 'message_attachments'),
      ...payloadOf(fields, attachment.file),
      codec: AttachmentUploadResult,
      ...callFields(options, options.from ?? 'me'),
    });
  }

  /** Builds, checks and sends one Send API message, as JSON or, with a file, as multipart/form-data. */
  async #send(
    to: To,
    message: OutgoingMessage,
    options: SendOptions,
    file: FileInput | undefined,
  ): Promise<SendResult> {
    const body = buildMessageBody(to, message, options);
    checkMessage(body['message'] as OutgoingMessage, options.platform);
    return this.#caller.request({
      method: 'POST',
      path: accountPath(options.from, 'messages'),
      ...payloadOf(body, file),
      codec: SendResult,
      // A timed-out message most likely reached Meta: retrying it would show it twice (see AmbiguousRetry).
      ambiguousRetry: 'unless-timeout',
      ...callFields(options, options.from ?? 'me'),
    });
  }

  async #action(to: To, fields: Record<string, unknown>, options: CallOptions): Promise<SenderActionResult> {
    return this.#caller.request({
      method: 'POST',
      path: accountPath(options.from, 'messages'),
      body: { recipient: toRecipient(to), ...fields },
      codec: SenderActionResult,
      ...callFields(options, options.from ?? 'me'),
    });
  }
}

/** A call's fields as a JSON body, or with a file (checked first) as the fields of a multipart upload. */
function payloadOf(
  fields: Record<string, unknown>,
  file: FileInput | undefined,
): { body: Record<string, unknown> } | { form: MultipartForm } {
  if (file === undefined) return { body: fields };
  checkFile(file);
  return { form: { fields, file } };
}

/** Builds a media attachment from the friendly input; exactly one of `url`, `attachmentId` and `file` is required. */
export function mediaAttachment(input: AttachmentInput): OutgoingAttachment {
  const given = [input.url, input.attachmentId, input.file].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new TypeError('An attachment needs exactly one of `url`, `attachmentId` and `file`');
  }
  if (input.attachmentId !== undefined)
    return { type: input.type, payload: { attachment_id: input.attachmentId } };
  const reusable = input.isReusable === undefined ? {} : { is_reusable: input.isReusable };
  if (input.file !== undefined) return { type: input.type, payload: reusable };
  return { type: input.type, payload: { url: input.url as string, ...reusable } };
}
