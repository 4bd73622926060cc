import { IdResult, MentionedCommentEnvelope, MentionedMediaEnvelope, SendResult } from './core/codecs.js';
import type { MentionedComment, MentionedMedia } from './core/codecs.js';
import { checkMessage } from './limits.js';
import { accountPath, callFields } from './call.js';
import type { CallOptions, GraphCaller, Platform, SendOptions } from './types.js';

/** Default fields read from a mentioned media (as in Meta's example). */
export const DEFAULT_MENTIONED_MEDIA_FIELDS: readonly string[] = ['caption', 'media_type'];

function fieldList(fields: readonly string[] | undefined): string {
  return fields === undefined || fields.length === 0 ? '' : `{${fields.join(',')}}`;
}

/**
 * Instagram calls beyond DMs (which use `client.send` with the IG account as `from`): mention replies,
 * reading mentioned comments and media, comment replies and private replies to comments.
 */
export class InstagramApi {
  readonly #caller: GraphCaller;

  /** Creates the group over a client (normally reached as `client.instagram`). */
  constructor(caller: GraphCaller) {
    this.#caller = caller;
  }

  /**
   * Replies to a mention: on the caption (`POST /{ig-user-id}/mentions?media_id&message`) or, with `commentId`,
   * on the comment that mentioned the account. Resolves with the new comment's `{ id }`.
   */
  async replyToMention(
    input: { igUserId: string; mediaId: string; commentId?: string | undefined; message: string },
    options: Pick<CallOptions, 'accessToken' | 'signal'> = {},
  ): Promise<IdResult> {
    return this.#caller.request({
      method: 'POST',
      path: accountPath(input.igUserId, 'mentions'),
      query: { media_id: input.mediaId, comment_id: input.commentId, message: input.message },
      codec: IdResult,
      // A duplicate mention reply would be public: a failure that may have reached Meta is not retried.
      ambiguousRetry: 'never',
      ...callFields(options, input.igUserId),
    });
  }

  /**
   * Reads a comment that mentions the account:
   * `GET /{ig-user-id}?fields=mentioned_comment.comment_id({id}){fields}`; returns the inner comment object.
   */
  async mentionedComment(
    input: { igUserId: string; commentId: string; fields?: readonly string[] },
    options: Pick<CallOptions, 'accessToken' | 'signal'> = {},
  ): Promise<MentionedComment> {
    const result = await this.#caller.request({
      method: 'GET',
      path: encodeURIComponent(input.igUserId),
      query: { fields: `mentioned_comment.comment_id(${input.commentId})${fieldList(input.fields)}` },
      codec: MentionedCommentEnvelope,
      ...callFields(options, input.igUserId),
    });
    return result.mentioned_comment;
  }

  /**
   * Reads a media whose caption mentions the account:
   * `GET /{ig-user-id}?fields=mentioned_media.media_id({id}){caption,media_type}`; returns the inner media object.
   */
  async mentionedMedia(
    input: { igUserId: string; mediaId: string; fields?: readonly string[] },
    options: Pick<CallOptions, 'accessToken' | 'signal'> = {},
  ): Promise<MentionedMedia> {
    const fields = fieldList(input.fields ?? DEFAULT_MENTIONED_MEDIA_FIELDS);
    const result = await this.#caller.request({
      method: 'GET',
      path: encodeURIComponent(input.igUserId),
      query: { fields: `mentioned_media.media_id(${input.mediaId})${fields}` },
      codec: MentionedMediaEnvelope,
      ...callFields(options, input.igUserId),
    });
    return result.mentioned_media;
  }

  /**
   * Replies publicly to a top-level comment (`POST /{ig-comment-id}/replies?message=`); resolves with `{ id }`.
   * Pass `igUserId` so a token resolver can pick the account's token.
   */
  async replyToComment(
    commentId: string,
    message: string,
    options: Pick<CallOptions, 'accessToken' | 'signal'> & { igUserId?: string } = {},
  ): Promise<IdResult> {
    return this.#caller.request({
      method: 'POST',
      path: `${encodeURIComponent(commentId)}/replies`,
      query: { message },
      codec: IdResult,
      ambiguousRetry: 'never', // a duplicate comment reply would be public
      ...callFields(options, options.igUserId ?? 'me'),
    });
  }

  /**
   * Sends a private reply to a comment through the Send API (`recipient: { comment_id }`): one per comment,
   * within 7 days. Instagram limits apply unless `platform: 'messenger'` (a Facebook Page comment).
   */
  async privateReply(
    input: { from: string; commentId: string; text: string; platform?: Platform },
    options: Pick<SendOptions, 'accessToken' | 'signal'> = {},
  ): Promise<SendResult> {
    const message = { text: input.text };
    checkMessage(message, input.platform ?? 'instagram');
    return this.#caller.request({
      method: 'POST',
      path: accountPath(input.from, 'messages'),
      body: { recipient: { comment_id: input.commentId }, message },
      codec: SendResult,
      // Meta takes one private reply per comment, so a retry cannot duplicate it (a second one fails with 10900).
      ambiguousRetry: 'always',
      ...callFields(options, input.from),
    });
  }
}
