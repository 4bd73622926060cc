/**
 * Attachment types with a query: each with the payload fields its `message:attachments:<type>` query guarantees,
 * a type guard and a finder that give the attachment with that payload typed.
 */
import type { Attachment, AttachmentPayload } from './codecs/attachments.js';
import type { WebhookEvent } from './event.js';

/**
 * The attachment types that have a `message:attachments:<type>` query (Messenger and Instagram, §2, §3 and §7.6
 * of the platform notes), each with the payload fields an attachment of that type must carry to match: media
 * carry a `url`, a sticker its `sticker_id`, a location its `coordinates`. Types whose payload Meta may omit
 * (`fallback`, `template` echoes, `like_heart`, disappearing `ephemeral` media) guarantee nothing.
 */
export const ATTACHMENT_TYPES = {
  image: ['url'],
  audio: ['url'],
  video: ['url'],
  file: ['url'],
  fallback: [],
  sticker: ['sticker_id'],
  template: [],
  reel: ['url'],
  ig_reel: ['url'],
  share: ['url'],
  story_mention: ['url'],
  post: ['url'],
  ig_post: ['url'],
  story: ['url'],
  ig_story: ['url'],
  media: ['url'],
  like_heart: [],
  ephemeral: [],
  location: ['coordinates'],
  appointment_booking: ['appointment_booking'],
} as const satisfies Record<string, readonly (keyof AttachmentPayload)[]>;

/** The attachment types that have a `message:attachments:<type>` query. */
export type AttachmentQueryType = keyof typeof ATTACHMENT_TYPES;

/** The payload fields an attachment of type `A` is guaranteed to carry. */
type Guaranteed<A extends AttachmentQueryType> = (typeof ATTACHMENT_TYPES)[A][number];

/**
 * An attachment of type `A` with its payload typed: for `image` `payload.url` is a `string`, for `sticker`
 * `payload.sticker_id` a `number`; types that guarantee nothing keep the optional payload.
 */
export type TypedAttachment<A extends AttachmentQueryType> = [Guaranteed<A>] extends [never]
  ? Attachment & { type: A }
  : Attachment & {
      type: A;
      payload: AttachmentPayload & { [K in Guaranteed<A>]-?: NonNullable<AttachmentPayload[K]> };
    };

/** True when `attachment` is of type `type` and carries the payload fields that type guarantees. */
function hasTypedPayload(attachment: Attachment, type: AttachmentQueryType): boolean {
  if (attachment.type !== type) return false;
  const fields: readonly (keyof AttachmentPayload)[] = ATTACHMENT_TYPES[type];
  if (fields.length === 0) return true;
  const payload = attachment.payload;
  if (payload === undefined || payload === null) return false;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    if (field === undefined || payload[field] === undefined || payload[field] === null) return false;
  }
  return true;
}

/**
 * A type guard for one attachment type, with its payload typed; the same test `message:attachments:<type>`
 * makes of each attachment.
 *
 * @example
 * const urls = e.message.attachments.filter(isAttachment('image')).map((a) => a.payload.url);
 */
export function isAttachment<A extends AttachmentQueryType>(
  type: A,
): (attachment: Attachment) => attachment is TypedAttachment<A> {
  return (attachment): attachment is TypedAttachment<A> => hasTypedPayload(attachment, type);
}

/**
 * The first attachment of type `type` of a message or echo event (payload typed), or undefined; after
 * `matches('message:attachments:<type>', e)` it is always there.
 *
 * @example
 * bot.on('message:attachments:sticker', (ctx) => attachmentOf(ctx.event, 'sticker')?.payload.sticker_id);
 */
export function attachmentOf<A extends AttachmentQueryType>(
  event: WebhookEvent,
  type: A,
): TypedAttachment<A> | undefined {
  if (event.type !== 'message' && event.type !== 'echo') return undefined;
  const list = event.message.attachments;
  if (list === undefined) return undefined;
  for (let i = 0; i < list.length; i++) {
    const attachment = list[i];
    if (attachment !== undefined && hasTypedPayload(attachment, type))
      return attachment as TypedAttachment<A>;
  }
  return undefined;
}
