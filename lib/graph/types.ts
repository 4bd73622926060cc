import type { GraphRequest } from './core/request.js';

/** Anything that can send a Graph request (the client); the groups depend on this, not on the class. */
export interface GraphCaller {
  /** Sends one request; see `GraphCore.request`. */
  request<A = unknown>(request: GraphRequest<A>): Promise<A>;
}

/** Who receives a Send API message: a PSID/IGSID, a user_ref (checkbox plugin), or a comment/post (private reply). */
export type Recipient = { id: string } | { user_ref: string } | { comment_id: string } | { post_id: string };

/** A recipient, or a PSID/IGSID string as shorthand for `{ id }`. */
export type To = Recipient | string;

/** Which messenger a call is for; `instagram` turns on Instagram's stricter limits. */
export type Platform = 'messenger' | 'instagram';

/** The Send API's `messaging_type`. */
export type MessagingType = 'RESPONSE' | 'UPDATE' | 'MESSAGE_TAG' | 'UTILITY';

/** The Send API's `notification_type`. */
export type NotificationType = 'REGULAR' | 'SILENT_PUSH' | 'NO_PUSH';

/** Options common to every call: the account to act as, a token override and an abort signal. */
export interface CallOptions {
  /** Page or Instagram account id used as the path segment (and passed to a token resolver); default `me`. */
  from?: string | undefined;
  /** Access token for this call only. */
  accessToken?: string | undefined;
  /** Aborts the call. */
  signal?: AbortSignal | undefined;
}

/** Options of Send API calls. */
export interface SendOptions extends CallOptions {
  /** `messaging_type`; default `MESSAGE_TAG` when a tag is given, otherwise `RESPONSE`. */
  messagingType?: MessagingType | undefined;
  /** Message tag, e.g. `HUMAN_AGENT` (the only one Instagram supports). */
  tag?: string | undefined;
  /** Push notification type. */
  notificationType?: NotificationType | undefined;
  /** Message id (mid) this message replies to. */
  replyTo?: string | undefined;
  /** Custom string echoed back in the echo webhook (under 1000 characters). */
  metadata?: string | undefined;
  /** `instagram` checks Instagram's limits too (text at most 1000 UTF-8 bytes); default `messenger`. */
  platform?: Platform | undefined;
  /** Sends as this persona (top-level `persona_id`); see `client.personas`. */
  personaId?: string | undefined;
}

/** Options of sender actions: the call options and, for typing indicators, the persona that is typing. */
export interface SenderActionOptions extends CallOptions {
  /** Shows the persona as the one typing (top-level `persona_id`). */
  personaId?: string | undefined;
}

/** A text quick reply in Meta's shape. */
export interface TextQuickReply {
  content_type: 'text';
  /** Button title, at most 20 characters. */
  title: string;
  /** Payload sent back on tap, at most 1000 characters (may be empty when image_url is set). */
  payload: string | number;
  /** Icon URL (at least 24x24). */
  image_url?: string;
}

/**
 * A quick reply: Meta's text/phone/email shapes, or the shorthand `{ title, payload, image_url? }` (a text reply).
 */
export type QuickReply =
  | TextQuickReply
  | { content_type: 'user_phone_number' }
  | { content_type: 'user_email' }
  | { title: string; payload: string | number; image_url?: string };

/** Media attachment types the Send API accepts by URL or id. */
export type MediaType = 'image' | 'audio' | 'video' | 'file';

/** A web URL button. */
export interface UrlButton {
  type: 'web_url';
  title: string;
  url: string;
  webview_height_ratio?: 'compact' | 'tall' | 'full';
  messenger_extensions?: boolean;
  fallback_url?: string;
  webview_share_button?: 'hide';
}

/** A postback button. */
export interface PostbackButton {
  type: 'postback';
  title: string;
  payload: string;
}

/** A call button (`payload` is the phone number). */
export interface CallButton {
  type: 'phone_number';
  title: string;
  payload: string;
}

/** A template or menu button. */
export type Button =
  | UrlButton
  | PostbackButton
  | CallButton
  | { type: 'account_link'; url: string }
  | { type: 'account_unlink' };

/** One element of a generic template. */
export interface GenericElement {
  /** At most 80 characters. */
  title: string;
  /** At most 80 characters. */
  subtitle?: string;
  image_url?: string;
  default_action?: { type: 'web_url'; url: string; webview_height_ratio?: 'compact' | 'tall' | 'full' };
  /** At most 3. */
  buttons?: Button[];
}

/** One element of a media template (by URL or attachment_id). */
export interface MediaElement {
  media_type: 'image' | 'video';
  url?: string;
  attachment_id?: string;
  buttons?: Button[];
}

/** A generic template payload (at most 10 elements). */
export interface GenericTemplatePayload {
  template_type: 'generic';
  elements: GenericElement[];
  image_aspect_ratio?: 'horizontal' | 'square';
  sharable?: boolean;
}

/** A button template payload (text at most 640 characters, 1 to 3 buttons). */
export interface ButtonTemplatePayload {
  template_type: 'button';
  text: string;
  buttons: Button[];
}

/** A media template payload (one element). */
export interface MediaTemplatePayload {
  template_type: 'media';
  elements: MediaElement[];
  sharable?: boolean;
}

/** Another template Meta supports (receipt, product, customer feedback, ...), passed through as given. */
export interface OtherTemplatePayload {
  template_type: 'receipt' | 'product' | 'customer_feedback' | 'coupon';
  [key: string]: unknown;
}

/** A template attachment payload. */
export type TemplatePayload =
  GenericTemplatePayload | ButtonTemplatePayload | MediaTemplatePayload | OtherTemplatePayload;

/** An outgoing attachment in Meta's shape: media by URL or id, or a template. */
export type OutgoingAttachment =
  | {
      type: MediaType;
      /** By URL, by saved id, or (payload without either) as the file of a multipart upload. */
      payload: { url: string; is_reusable?: boolean } | { attachment_id: string } | { is_reusable?: boolean };
    }
  | { type: 'template'; payload: TemplatePayload };

/** The `message` object of a Send API request (Meta's field names); text or attachment is required. */
export interface OutgoingMessage {
  text?: string;
  attachment?: OutgoingAttachment;
  quick_replies?: QuickReply[];
  metadata?: string;
}

/** A file to upload from memory: its bytes, its name, and its media type (default: guessed from the name). */
export interface FileInput {
  data: Uint8Array;
  filename: string;
  contentType?: string;
}

/**
 * A media attachment to send: by public URL (optionally reusable), by a saved attachment id, or as a file
 * uploaded with the message (`multipart/form-data`, at most 25 MB). Exactly one of `url`, `attachmentId`, `file`.
 */
export interface AttachmentInput {
  type: MediaType;
  url?: string;
  attachmentId?: string;
  file?: FileInput;
  isReusable?: boolean;
}

/** Sender actions sent as their own request. */
export type SenderAction = 'typing_on' | 'typing_off' | 'mark_seen';
