import type { Platform } from './defaults.js';

/** One call the emulated Graph API received and answered; tokens and proofs are never kept, only their presence. */
export interface RecordedRequest {
  /** Sequence number within this emulator, from 1. */
  readonly id: number;
  readonly method: string;
  /** The path without the version prefix, e.g. `/me/messages`. */
  readonly path: string;
  /** The version prefix when one was given, e.g. `v25.0`. */
  readonly version: string | undefined;
  /** Query parameters without `access_token`, `appsecret_proof` and `appsecret_time`. */
  readonly query: Readonly<Record<string, string>>;
  /**
   * The parsed body: JSON as sent, or form fields (urlencoded or multipart) as a record, tokens removed and
   * multipart file parts described as `UploadedFile` (never their bytes); undefined when there was none.
   */
  readonly body: unknown;
  /** Query and body merged (body wins), form values that hold JSON decoded: what the route acted on. */
  readonly params: Readonly<Record<string, unknown>>;
  /** The page / IG account / app the call acted for (`me` resolved), when the path names one. */
  readonly account: string | undefined;
  readonly hasAccessToken: boolean;
  readonly hasAppSecretProof: boolean;
  /** The HTTP status answered (0 when the connection was reset on purpose). */
  readonly status: number;
  /** The JSON answered. */
  readonly response: unknown;
  /** True when `failNext` produced the answer. */
  readonly injected: boolean;
  /** Epoch ms when the request arrived. */
  readonly receivedAt: number;
}

/**
 * A file that came as a `multipart/form-data` file part (Graph's `filedata`). The emulator never keeps the
 * bytes: only what a test needs to check that the right file arrived whole.
 */
export interface UploadedFile {
  /** The `filename` of the part's Content-Disposition. */
  readonly filename: string;
  /** The part's Content-Type, lower-cased, e.g. `image/png`; `text/plain` when the part had none (as Fetch reads it). */
  readonly contentType?: string;
  /** Size in bytes. */
  readonly size: number;
  /** SHA-256 of the bytes, lower-case hex. */
  readonly sha256: string;
}

/** A Send API recipient with ids as strings. */
export interface SentRecipient {
  readonly id?: string;
  readonly user_ref?: string;
  readonly comment_id?: string;
  readonly post_id?: string;
  readonly phone_number?: string;
}

/** A message the bot sent through `POST /{id}/messages` that Graph accepted. */
export interface SentMessage {
  /** The `message_id` answered. */
  readonly messageId: string;
  /** The `recipient_id` answered (absent for user_ref / phone_number recipients). */
  readonly recipientId: string | undefined;
  /** The page or IG account it was sent from. */
  readonly account: string;
  readonly platform: Platform;
  readonly recipient: SentRecipient;
  /** The `message` object exactly as sent. */
  readonly message: Readonly<Record<string, unknown>>;
  /** `message.text`, when there is one. */
  readonly text: string | undefined;
  /**
   * The file the attachment carries, when it is one: uploaded with the message in a `filedata` part, or
   * uploaded earlier with a file to `message_attachments` and sent by `attachment_id`. Undefined otherwise.
   */
  readonly file: UploadedFile | undefined;
  /**
   * Every parameter of the call (recipient, message, messaging_type, tag, ...), tokens removed; a file part
   * appears as its `UploadedFile` description (e.g. `filedata`), never as bytes.
   */
  readonly body: Readonly<Record<string, unknown>>;
  /** The id of the `RecordedRequest` that carried it. */
  readonly requestId: number;
}

/** A `sender_action` call Graph accepted (typing_on, typing_off, mark_seen, react, unreact). */
export interface SenderActionRecord {
  readonly account: string;
  readonly platform: Platform;
  readonly recipient: SentRecipient;
  readonly action: string;
  readonly payload: Readonly<Record<string, unknown>> | undefined;
  readonly requestId: number;
}
