import * as t from 'io-ts';
import { NumberOrStringC, optionalProps, withOptional } from './common.js';
import { InstagramPayloadProps } from './instagram.js';

/** One product of a product template (`payload.product.elements[]`). */
export const ProductElementC = optionalProps(
  { id: t.string, retailer_id: t.string, image_url: t.string, title: t.string, subtitle: t.string },
  'ProductElement',
);

/** An `appointment_booking` attachment's booking details. */
export const AppointmentBookingC = optionalProps(
  {
    booking_id: NumberOrStringC,
    status: t.string,
    start_time: t.number,
    end_time: t.number,
    timezone: t.string,
  },
  'AppointmentBooking',
);

/**
 * The union of every documented attachment payload field; each is optional because each attachment type
 * carries only some of them (url for media, sticker_id for stickers, product for product templates, ...).
 */
export const AttachmentPayloadC = optionalProps(
  {
    url: t.string,
    title: t.string,
    sticker_id: t.number,
    reel_video_id: NumberOrStringC,
    id: NumberOrStringC,
    attachment_id: NumberOrStringC,
    template_type: t.string,
    product: optionalProps({ elements: t.array(ProductElementC) }, 'Product'),
    appointment_booking: AppointmentBookingC,
    coordinates: optionalProps({ lat: t.number, long: t.number }, 'Coordinates'),
    ...InstagramPayloadProps,
  },
  'AttachmentPayload',
);

/** An attachment payload as decoded. */
export type AttachmentPayload = t.TypeOf<typeof AttachmentPayloadC>;

/**
 * One entry of `message.attachments`: a `type` and a `payload` that a `fallback` may omit or send as `null`
 * (echoed fallbacks put `title` and `url` beside `type`).
 */
export const AttachmentC = withOptional(
  { type: t.string },
  { payload: t.union([AttachmentPayloadC, t.null]), title: t.string, url: t.string },
  'Attachment',
);

/** A decoded attachment. */
export type Attachment = t.TypeOf<typeof AttachmentC>;
