import * as t from 'io-ts';

/** Graph's error envelope `{ error: { message, type, code, error_subcode, fbtrace_id, ... } }`. */
export const GraphErrorBody = t.type({
  error: t.intersection([
    t.type({ message: t.string }),
    t.partial({
      type: t.string,
      code: t.number,
      error_subcode: t.number,
      fbtrace_id: t.string,
      error_user_title: t.string,
      error_user_msg: t.string,
    }),
  ]),
});
/** Graph's error envelope as decoded. */
export type GraphErrorBody = t.TypeOf<typeof GraphErrorBody>;

/** A Send API message result: `{ recipient_id?, message_id }` (no recipient_id for user_ref recipients). */
export const SendResult = t.intersection([
  t.type({ message_id: t.string }),
  t.partial({ recipient_id: t.string }),
]);
/** A Send API message result. */
export type SendResult = t.TypeOf<typeof SendResult>;

/** The result of a sender action or reaction: `{ recipient_id? }` and sometimes `message_id`. */
export const SenderActionResult = t.partial({ recipient_id: t.string, message_id: t.string });
/** The result of a sender action or reaction. */
export type SenderActionResult = t.TypeOf<typeof SenderActionResult>;

/** The Attachment Upload API result `{ attachment_id }`. */
export const AttachmentUploadResult = t.type({ attachment_id: t.string });
/** The Attachment Upload API result. */
export type AttachmentUploadResult = t.TypeOf<typeof AttachmentUploadResult>;

/** A created object's id, `{ id }` (mention replies, comment replies). */
export const IdResult = t.type({ id: t.string });
/** A created object's id. */
export type IdResult = t.TypeOf<typeof IdResult>;

/** `{ success: true }`; Meta returns the boolean or the string `"true"`, both accepted. */
export const SuccessResult = t.type({
  success: t.union([t.boolean, t.literal('true'), t.literal('false')]),
});
/** `{ success }` as returned by Graph. */
export type SuccessResult = t.TypeOf<typeof SuccessResult>;

/** Normalises `{ success: true | "true" }` (or the profile API's `{ result: "success" }`) to a boolean. */
export function isSuccess(result: SuccessResult | ProfileWriteResult): boolean {
  if ('success' in result) return result.success === true || result.success === 'true';
  return result.result === 'success';
}

/** A Messenger Profile write result: `{ result: "success" }` as Meta documents it, or `{ success }`. */
export const ProfileWriteResult = t.union([t.type({ result: t.string }), SuccessResult]);
/** A Messenger Profile write result. */
export type ProfileWriteResult = t.TypeOf<typeof ProfileWriteResult>;

const NamedField = t.intersection([t.type({ name: t.string }), t.partial({ version: t.string })]);

/**
 * One subscribed field: `{ name, version }` as Graph answers live, or a bare name as the reference types it
 * (`string[]`); both decode to `{ name, version? }`.
 */
export const SubscriptionField = new t.Type<
  t.TypeOf<typeof NamedField>,
  t.TypeOf<typeof NamedField>,
  unknown
>(
  'SubscriptionField',
  NamedField.is,
  (u, c) => (typeof u === 'string' ? t.success({ name: u }) : NamedField.validate(u, c)),
  (field) => field,
);

/** One webhook subscription of an app (GET /{app-id}/subscriptions); `fields` in either documented form. */
export const AppSubscription = t.intersection([
  t.type({ object: t.string }),
  t.partial({
    callback_url: t.string,
    active: t.boolean,
    fields: t.array(SubscriptionField),
  }),
]);
/** One webhook subscription of an app. */
export type AppSubscription = t.TypeOf<typeof AppSubscription>;

/** GET /{app-id}/subscriptions result. */
export const AppSubscriptionList = t.type({ data: t.array(AppSubscription) });

/** One app subscribed to a page (GET /{page-id}/subscribed_apps). */
export const SubscribedApp = t.intersection([
  t.type({ id: t.string }),
  t.partial({ name: t.string, category: t.string, link: t.string, subscribed_fields: t.array(t.string) }),
]);
/** One app subscribed to a page. */
export type SubscribedApp = t.TypeOf<typeof SubscribedApp>;

/** GET /{page-id}/subscribed_apps result. */
export const SubscribedAppList = t.type({ data: t.array(SubscribedApp) });

/** A comment that mentions the account (`mentioned_comment`); fields beyond `id` depend on what was asked for. */
export const MentionedComment = t.intersection([
  t.type({ id: t.string }),
  t.partial({
    text: t.string,
    timestamp: t.string,
    like_count: t.number,
    username: t.string,
    media: t.intersection([t.type({ id: t.string }), t.partial({ media_product_type: t.string })]),
  }),
]);
/** A comment that mentions the account. */
export type MentionedComment = t.TypeOf<typeof MentionedComment>;

/** A media whose caption mentions the account (`mentioned_media`); fields beyond `id` depend on the request. */
export const MentionedMedia = t.intersection([
  t.type({ id: t.string }),
  t.partial({
    caption: t.string,
    media_type: t.string,
    media_url: t.string,
    permalink: t.string,
    timestamp: t.string,
    username: t.string,
    comments_count: t.number,
    like_count: t.number,
  }),
]);
/** A media whose caption mentions the account. */
export type MentionedMedia = t.TypeOf<typeof MentionedMedia>;

/** `GET /{ig-user-id}?fields=mentioned_comment...` result: `{ mentioned_comment: {...}, id }`. */
export const MentionedCommentEnvelope = t.type({ mentioned_comment: MentionedComment });
/** `GET /{ig-user-id}?fields=mentioned_media...` result: `{ mentioned_media: {...}, id }`. */
export const MentionedMediaEnvelope = t.type({ mentioned_media: MentionedMedia });

/** Messenger profile properties as read back; the simple ones are checked, lists are passed through. */
export const MessengerProfileData = t.partial({
  get_started: t.type({ payload: t.string }),
  greeting: t.array(t.type({ locale: t.string, text: t.string })),
  persistent_menu: t.UnknownArray,
  ice_breakers: t.UnknownArray,
  commands: t.UnknownArray,
  whitelisted_domains: t.array(t.string),
  account_linking_url: t.string,
});
/** Messenger profile properties as read back. */
export type MessengerProfileData = t.TypeOf<typeof MessengerProfileData>;

/** GET /{page-id}/messenger_profile result: `{ data: [ { ...properties } ] }` (empty when nothing is set). */
export const MessengerProfileList = t.type({ data: t.array(MessengerProfileData) });

/** A usage figure: a number, or a numeric string (`"2"`), decoded to the number. */
const UsageNumber = new t.Type<number, number, unknown>(
  'UsageNumber',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
  (u, c) => {
    const n = typeof u === 'number' ? u : typeof u === 'string' && u.trim() !== '' ? Number(u) : NaN;
    return Number.isFinite(n) ? t.success(n) : t.failure(u, c);
  },
  (n) => n,
);

/** `X-App-Usage` (and the undocumented `X-Page-Usage`): percentages of the limit used; throttling starts at 100. */
export const AppUsage = t.partial({
  call_count: UsageNumber,
  total_time: UsageNumber,
  total_cputime: UsageNumber,
});
/** Usage percentages of an app or a page. */
export type AppUsage = t.TypeOf<typeof AppUsage>;

/** One entry of `X-Business-Use-Case-Usage`: a use case (`messenger`, `pages`, `instagram`, ...) and its usage. */
export const BusinessUseCaseUsageEntry = t.partial({
  type: t.string,
  call_count: UsageNumber,
  total_cputime: UsageNumber,
  total_time: UsageNumber,
  /** Minutes until calls are accepted again; 0 when not throttled. */
  estimated_time_to_regain_access: UsageNumber,
});
/** One entry of `X-Business-Use-Case-Usage`. */
export type BusinessUseCaseUsageEntry = t.TypeOf<typeof BusinessUseCaseUsageEntry>;

/** `X-Business-Use-Case-Usage`: entries by business (or page) id. */
export const BusinessUseCaseUsage = t.record(t.string, t.array(BusinessUseCaseUsageEntry));
/** `X-Business-Use-Case-Usage` as decoded. */
export type BusinessUseCaseUsage = t.TypeOf<typeof BusinessUseCaseUsage>;
