/**
 * io-ts codecs of what bots send to the Graph API; the routes decode with them, then check Graph's own rules.
 * Codecs are lenient (t.partial / t.type keep extra fields) because Graph ignores what it does not know.
 */
import * as t from 'io-ts';
import { describeDecodeErrors } from '../events/index.js';
import { invalidParameter } from './errors.js';

/** Graph ids may arrive as JSON numbers; they are compared as strings. */
export const IdLike = t.union([t.string, t.number]);

/** `recipient` of a Send API call: one of id, user_ref, comment_id, post_id, phone_number. */
export const RecipientC = t.partial({
  id: IdLike,
  user_ref: t.string,
  comment_id: IdLike,
  post_id: IdLike,
  phone_number: t.string,
});
/** The decoded `recipient`. */
export type RecipientParams = t.TypeOf<typeof RecipientC>;

/** One quick reply button. */
export const QuickReplyC = t.partial({
  content_type: t.string,
  title: t.string,
  payload: t.union([t.string, t.number]),
  image_url: t.string,
});

/** `message` of a Send API call. */
export const MessageC = t.partial({
  text: t.string,
  attachment: t.UnknownRecord,
  attachments: t.UnknownArray,
  quick_replies: t.array(QuickReplyC),
  metadata: t.string,
});
/** The decoded `message`. */
export type MessageParams = t.TypeOf<typeof MessageC>;

/** The parameters of `POST /{id}/messages`. */
export const SendParamsC = t.partial({
  recipient: RecipientC,
  message: MessageC,
  sender_action: t.string,
  messaging_type: t.string,
  tag: t.string,
  notification_type: t.string,
  payload: t.UnknownRecord,
  reply_to: t.UnknownRecord,
});
/** The decoded parameters of a Send API call. */
export type SendParams = t.TypeOf<typeof SendParamsC>;

/** The parameters of `POST /{id}/message_attachments`. */
export const UploadParamsC = t.partial({
  message: t.partial({
    attachment: t.partial({
      type: t.string,
      payload: t.partial({ url: t.string, is_reusable: t.union([t.boolean, t.string]) }),
    }),
  }),
  platform: t.string,
});

/** The parameters of `POST /{ig-user-id}/mentions` and `POST /{comment-id}/replies`. */
export const ReplyParamsC = t.partial({ media_id: IdLike, comment_id: IdLike, message: t.string });

/** A comma list (`a,b`) or a JSON array of names, as Graph accepts for `fields` / `subscribed_fields`. */
export const NameListC = t.union([t.string, t.array(t.string)]);

/** The parameters of `POST|DELETE /{app-id}/subscriptions`. */
export const AppSubscriptionParamsC = t.partial({
  object: t.string,
  callback_url: t.string,
  fields: NameListC,
  include_values: t.union([t.boolean, t.string]),
  verify_token: t.string,
});

/** The parameters of `POST /{page-id}/subscribed_apps`. */
export const PageSubscriptionParamsC = t.partial({ subscribed_fields: NameListC });

/** The parameters of `DELETE /me/messenger_profile`. */
export const ProfileDeleteParamsC = t.partial({ fields: NameListC });

/** Splits a `NameListC` value into trimmed names. */
export function names(value: t.TypeOf<typeof NameListC> | undefined): string[] {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? value.split(',') : value;
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** A type name as Graph words it in `(#100)` errors: `a string`, `a string or number`, `an array`, `an object`. */
function graphTypeName(name: string): string {
  if (name.startsWith('Array<') || name === 'UnknownArray') return 'an array';
  if (name.includes('{') || name === 'UnknownRecord') return 'an object';
  return `a ${name.replace(/[()]/g, '').replace(/ \| /g, ' or ')}`;
}

/** A decode path in Graph's parameter notation: `message.quick_replies[0].title` is `message[quick_replies][0][title]`. */
function graphParamName(path: string, at: string): string {
  if (path === '$') return at;
  return path.replace(/\.([^.[]+)/g, '[$1]');
}

/**
 * Decodes Graph call parameters with `codec`, or throws Graph's `(#100) Param … must be …` error naming the first
 * bad parameter. `at` is where `params` sits among the call's parameters (default: they are the parameters).
 */
export function decodeParams<A>(codec: t.Decoder<unknown, A>, params: unknown, at = 'params'): A {
  const result = codec.decode(params);
  if (result._tag === 'Right') return result.right;
  const [issue] = describeDecodeErrors(result.left, at === 'params' ? {} : { at });
  const where = issue === undefined ? at : graphParamName(issue.path, at);
  throw invalidParameter(`Param ${where} must be ${graphTypeName(issue?.expected ?? 'valid value')}`);
}
