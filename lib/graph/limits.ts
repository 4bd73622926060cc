import { SendLimitError } from './core/errors.js';
import type { Button, OutgoingMessage, Platform, QuickReply, TemplatePayload } from './types.js';

/**
 * Meta's Send API limits: the one table, checked by the client before sending and enforced by the emulator
 * (largest allowed values; characters are Unicode code points). Sources are Meta's references as summarised in
 * the project's Meta platform notes (S20 Send API, S21 quick replies, S24 attachment upload, S33 Instagram send);
 * the template limits are not in those notes and come from Meta's template references.
 */
export const SEND_LIMITS = {
  /** S20: `text` "has a 2000 character limit", read as at most 2000. */
  textChars: 2000,
  /** S33: Instagram text "must be UTF-8 and at most 1000 bytes". */
  instagramTextBytes: 1000,
  /** S20: `metadata` "must be under 1000 characters", so at most 999. */
  metadataChars: 999,
  /** S21: at most 13 quick replies. */
  quickReplies: 13,
  /** S21: a text quick reply's `title` has a 20 character limit. */
  quickReplyTitleChars: 20,
  /** S21: a text quick reply's `payload` has a 1000 character limit. */
  quickReplyPayloadChars: 1000,
  /** Generic template reference: at most 10 elements (not in the platform notes). */
  genericElements: 10,
  /** Generic template reference: element title at most 80 characters (not in the platform notes). */
  elementTitleChars: 80,
  /** Generic template reference: element subtitle at most 80 characters (not in the platform notes). */
  elementSubtitleChars: 80,
  /** Generic template reference: at most 3 buttons per element (not in the platform notes). */
  elementButtons: 3,
  /** Button reference: title at most 20 characters (not in the platform notes; persistent menu titles are 30). */
  buttonTitleChars: 20,
  /** Button reference: postback payload at most 1000 characters (the notes give 1000 for menu payloads, S27). */
  buttonPayloadChars: 1000,
  /** Button template reference: text at most 640 characters (not in the platform notes). */
  buttonTemplateTextChars: 640,
  /** Button template reference: at most 3 buttons (not in the platform notes). */
  buttonTemplateButtons: 3,
  /** Media template reference: exactly one element (not in the platform notes). */
  mediaElements: 1,
  /** S20/S24: "Maximum attachment file size is 25MB" (Instagram images: 8 MB, S33, checked by Graph). */
  attachmentBytes: 25 * 1024 * 1024,
} as const;

/** Counts Unicode code points (an emoji is one character, not two UTF-16 units). */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** Counts the UTF-8 bytes of a string. */
export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function maxChars(field: string, value: string, limit: number): void {
  // Fast path: UTF-16 length is an upper bound of the code point count.
  if (value.length <= limit) return;
  const n = codePointLength(value);
  if (n > limit) throw new SendLimitError(field, limit, n, 'characters');
}

function maxItems(field: string, items: readonly unknown[], limit: number): void {
  if (items.length > limit) throw new SendLimitError(field, limit, items.length, 'items');
}

/** Checks quick replies: at most 13, titles at most 20 characters, payloads at most 1000. */
export function checkQuickReplies(replies: readonly QuickReply[], field = 'message.quick_replies'): void {
  maxItems(field, replies, SEND_LIMITS.quickReplies);
  replies.forEach((reply, i) => {
    if ('title' in reply) {
      maxChars(`${field}[${i}].title`, reply.title, SEND_LIMITS.quickReplyTitleChars);
      maxChars(`${field}[${i}].payload`, String(reply.payload), SEND_LIMITS.quickReplyPayloadChars);
    }
  });
}

/** Checks template buttons: count, titles at most 20 characters, payloads at most 1000. */
export function checkButtons(buttons: readonly Button[], field: string, limit: number): void {
  maxItems(field, buttons, limit);
  buttons.forEach((button, i) => {
    if ('title' in button) maxChars(`${field}[${i}].title`, button.title, SEND_LIMITS.buttonTitleChars);
    if ('payload' in button)
      maxChars(`${field}[${i}].payload`, button.payload, SEND_LIMITS.buttonPayloadChars);
  });
}

/** Checks a template payload's documented limits (generic, button and media templates). */
export function checkTemplate(payload: TemplatePayload, field = 'message.attachment.payload'): void {
  switch (payload.template_type) {
    case 'generic':
      maxItems(`${field}.elements`, payload.elements, SEND_LIMITS.genericElements);
      payload.elements.forEach((element, i) => {
        const at = `${field}.elements[${i}]`;
        maxChars(`${at}.title`, element.title, SEND_LIMITS.elementTitleChars);
        if (element.subtitle !== undefined) {
          maxChars(`${at}.subtitle`, element.subtitle, SEND_LIMITS.elementSubtitleChars);
        }
        if (element.buttons !== undefined)
          checkButtons(element.buttons, `${at}.buttons`, SEND_LIMITS.elementButtons);
      });
      return;
    case 'button':
      maxChars(`${field}.text`, payload.text, SEND_LIMITS.buttonTemplateTextChars);
      if (payload.buttons.length === 0) throw new TypeError(`${field}.buttons needs at least one button`);
      checkButtons(payload.buttons, `${field}.buttons`, SEND_LIMITS.buttonTemplateButtons);
      return;
    case 'media':
      maxItems(`${field}.elements`, payload.elements, SEND_LIMITS.mediaElements);
      payload.elements.forEach((element, i) => {
        if (element.buttons !== undefined) {
          checkButtons(element.buttons, `${field}.elements[${i}].buttons`, SEND_LIMITS.elementButtons);
        }
      });
      return;
    default:
      return;
  }
}

/**
 * Checks a Send API message before it is sent: text or attachment present, text at most 2000 characters (and at
 * most 1000 UTF-8 bytes on Instagram), metadata under 1000, quick replies and templates. Throws SendLimitError.
 */
export function checkMessage(message: OutgoingMessage, platform: Platform = 'messenger'): void {
  if (message.text === undefined && message.attachment === undefined) {
    throw new TypeError('A Send API message needs `text` or `attachment`');
  }
  if (message.text !== undefined) {
    maxChars('message.text', message.text, SEND_LIMITS.textChars);
    if (platform === 'instagram') {
      const bytes = utf8ByteLength(message.text);
      if (bytes > SEND_LIMITS.instagramTextBytes) {
        throw new SendLimitError('message.text', SEND_LIMITS.instagramTextBytes, bytes, 'bytes');
      }
    }
  }
  if (message.metadata !== undefined)
    maxChars('message.metadata', message.metadata, SEND_LIMITS.metadataChars);
  if (message.quick_replies !== undefined) checkQuickReplies(message.quick_replies);
  if (message.attachment?.type === 'template') checkTemplate(message.attachment.payload);
}

/** Checks a file before it is uploaded: bytes, a name, and at most 25 MB (Meta's attachment limit). */
export function checkFile(file: { data: Uint8Array; filename: string }, field = 'file'): void {
  if (!(file.data instanceof Uint8Array))
    throw new TypeError(`${field}.data must be a Uint8Array (or a Buffer)`);
  if (file.filename.trim() === '') throw new TypeError(`${field}.filename must not be empty`);
  if (file.data.byteLength > SEND_LIMITS.attachmentBytes) {
    throw new SendLimitError(`${field}.data`, SEND_LIMITS.attachmentBytes, file.data.byteLength, 'bytes');
  }
}
