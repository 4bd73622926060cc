import { SendLimitError } from './core/errors.js';
import type { Button, OutgoingMessage, Platform, QuickReply, TemplatePayload } from './types.js';

/**
 * The Send API limits checked before sending (largest allowed values; characters are Unicode code points).
 * Text must be under 2000 characters, metadata under 1000; Instagram text at most 1000 UTF-8 bytes.
 */
export const SEND_LIMITS = {
  textChars: 1999,
  instagramTextBytes: 1000,
  metadataChars: 999,
  quickReplies: 13,
  quickReplyTitleChars: 20,
  quickReplyPayloadChars: 1000,
  genericElements: 10,
  elementTitleChars: 80,
  elementSubtitleChars: 80,
  elementButtons: 3,
  buttonTitleChars: 20,
  buttonPayloadChars: 1000,
  buttonTemplateTextChars: 640,
  buttonTemplateButtons: 3,
  mediaElements: 1,
  /** Bytes of an uploaded file (Instagram images: 8 MB, checked by Graph). */
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
 * Checks a Send API message before it is sent: text or attachment present, text under 2000 characters (and at
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
