/** Instagram routes: mention replies, comment replies, and `GET` of nodes (IG user with mention lookups, media, comments). */
import { ReplyParamsC, decodeParams } from '../codecs.js';
import { invalidParameter, unsupportedRequest, type GraphFault } from '../errors.js';
import { parseFields, type FieldRequest } from '../fields.js';
import { graphTimestamp } from '../ids.js';
import type { CommentRecord, MediaRecord } from '../state.js';
import { platformOfAccount, type RouteContext, type RouteHandler, type RouteResult } from './types.js';

type Node = Readonly<Record<string, unknown>>;

function nonexistingField(field: string, nodeType: string): GraphFault {
  return invalidParameter(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`);
}

/** Picks the requested fields of a node (default `defaults`), always with `id`; unknown fields are Graph error 100. */
function pick(
  node: Node,
  requested: readonly FieldRequest[] | undefined,
  defaults: string[],
  type: string,
): Node {
  const names = requested?.map((f) => f.name) ?? defaults;
  const out: Record<string, unknown> = {};
  for (const name of names) {
    if (!(name in node)) throw nonexistingField(name, type);
    const value = node[name];
    if (value !== undefined) out[name] = value;
  }
  out['id'] = node['id'];
  return out;
}

function commentNode(comment: CommentRecord): Node {
  return {
    id: comment.id,
    text: comment.text,
    timestamp: comment.timestamp,
    username: comment.from.username,
    from: { id: comment.from.id, username: comment.from.username },
    media: { id: comment.mediaId },
    parent_id: comment.parentId,
    like_count: 0,
    hidden: false,
  };
}

function mediaNode(media: MediaRecord): Node {
  return {
    id: media.id,
    caption: media.caption,
    media_type: media.media_type,
    media_product_type: media.media_product_type,
    timestamp: media.timestamp,
    username: media.username,
    permalink: media.permalink,
    comments_count: 0,
    like_count: 0,
    ...(media.ownerId !== undefined ? { owner: { id: media.ownerId } } : {}),
  };
}

function mentionedComment(field: FieldRequest, context: RouteContext): Node {
  const id = field.modifiers['comment_id'];
  if (id === undefined) throw invalidParameter('Param comment_id is required for mentioned_comment');
  const comment = context.state.comments.get(id);
  if (comment === undefined)
    throw invalidParameter(`Comment ${id} does not exist or does not mention this account`);
  return pick(commentNode(comment), field.subfields, ['timestamp', 'text'], 'IGComment');
}

function mentionedMedia(field: FieldRequest, context: RouteContext): Node {
  const id = field.modifiers['media_id'];
  if (id === undefined) throw invalidParameter('Param media_id is required for mentioned_media');
  const media = context.state.media.get(id);
  if (media === undefined)
    throw invalidParameter(`Media ${id} does not exist or does not mention this account`);
  return pick(mediaNode(media), field.subfields, ['caption', 'media_type'], 'IGMedia');
}

function fieldsOf(request: { params: Readonly<Record<string, unknown>> }): FieldRequest[] | undefined {
  const fields = request.params['fields'];
  return typeof fields === 'string' ? parseFields(fields) : undefined;
}

/**
 * The profile `GET /{user-id}` answers for a simulated person: what the test seeded over a default made from the
 * id (Messenger: names, picture, locale, timezone, gender; Instagram: name, username, picture, counts, flags).
 */
function userProfile(id: string, platform: 'messenger' | 'instagram', seeded: Node | undefined): Node {
  const base: Node =
    platform === 'instagram'
      ? {
          id,
          name: `User ${id}`,
          username: `user_${id}`,
          profile_pic: `https://emulator.invalid/profile/${id}.jpg`,
          follower_count: 0,
          is_user_follow_business: false,
          is_business_follow_user: false,
          is_verified_user: false,
        }
      : {
          id,
          name: `User ${id}`,
          first_name: 'User',
          last_name: id,
          profile_pic: `https://emulator.invalid/profile/${id}.jpg`,
          locale: 'en_US',
          timezone: 0,
          gender: 'neutral',
        };
  return { ...base, ...seeded, id };
}

/** `GET /{id}`: a simulated user's profile, an IG user (with `mentioned_comment` / `mentioned_media` lookups), a page, a comment or a media. */
export const getNode: RouteHandler = (request, context): RouteResult => {
  const raw = request.segments[0] ?? '';
  const id = raw === 'me' ? request.meAccount : raw;
  const fields = fieldsOf(request);
  const { state, config } = context;
  const comment = state.comments.get(id);
  if (comment !== undefined)
    return {
      account: config.igAccountId,
      body: pick(commentNode(comment), fields, ['text', 'timestamp'], 'IGComment'),
    };
  const media = state.media.get(id);
  if (media !== undefined)
    return { account: config.igAccountId, body: pick(mediaNode(media), fields, ['caption'], 'IGMedia') };
  const userPlatform = state.users.get(id);
  if (userPlatform !== undefined) {
    const profile = userProfile(id, userPlatform, state.userProfiles.get(id));
    const type = userPlatform === 'instagram' ? 'InstagramUser' : 'User';
    return {
      body: pick(
        profile,
        fields,
        ['first_name', 'last_name', 'profile_pic'].filter((f) => f in profile),
        type,
      ),
    };
  }
  const platform = platformOfAccount(config, id);
  if (platform === undefined) throw unsupportedRequest(request.method, raw);
  const name = config.accounts.find((a) => a.id === id)?.name;
  if (platform === 'messenger') {
    return { account: id, body: pick({ id, name }, fields, ['name'], 'Page') };
  }
  const out: Record<string, unknown> = {};
  for (const field of fields ?? [{ name: 'id', modifiers: {}, subfields: undefined }]) {
    if (field.name === 'mentioned_comment') out[field.name] = mentionedComment(field, context);
    else if (field.name === 'mentioned_media') out[field.name] = mentionedMedia(field, context);
    else if (field.name === 'username') out[field.name] = name;
    else if (field.name === 'name') out[field.name] = name;
    else if (field.name !== 'id') throw nonexistingField(field.name, 'IGUser');
  }
  out['id'] = id;
  return { account: id, body: out };
};

/** Creates the reply comment in state and answers `{ id }`. */
function createReply(
  context: RouteContext,
  account: string,
  kind: 'mention' | 'comment',
  mediaId: string,
  parent: CommentRecord | undefined,
  message: string,
): RouteResult {
  const id = context.ids.numeric('179');
  const username = context.config.accounts.find((a) => a.id === account)?.name ?? context.config.igUsername;
  context.state.comments.set(id, {
    id,
    text: message,
    timestamp: graphTimestamp(context.clock()),
    from: { id: account, username },
    mediaId,
    parentId: parent?.id,
    replies: [],
  });
  parent?.replies.push(id);
  return { account, body: { id }, reply: { id, kind, account, mediaId, commentId: parent?.id, message } };
}

/** `POST /{ig-user-id}/mentions` with `media_id`, `comment_id?`, `message`: replies to a mention, answers `{ id }`. */
export const replyToMention: RouteHandler = (request, context): RouteResult => {
  const account = request.segments[0] === 'me' ? request.meAccount : (request.segments[0] ?? '');
  if (platformOfAccount(context.config, account) !== 'instagram')
    throw unsupportedRequest(request.method, account);
  const params = decodeParams(ReplyParamsC, request.params);
  if (params.media_id === undefined) throw invalidParameter('The parameter media_id is required');
  if (params.message === undefined || params.message.length === 0) {
    throw invalidParameter('The parameter message is required');
  }
  const mediaId = String(params.media_id);
  if (!context.state.media.has(mediaId))
    throw invalidParameter(`Media ${mediaId} does not mention this account`);
  let parent: CommentRecord | undefined;
  if (params.comment_id !== undefined) {
    parent = context.state.comments.get(String(params.comment_id));
    if (parent === undefined || parent.mediaId !== mediaId) {
      throw invalidParameter(`Comment ${String(params.comment_id)} does not exist on media ${mediaId}`);
    }
  }
  return createReply(context, account, 'mention', mediaId, parent, params.message);
};

/** `POST /{comment-id}/replies` with `message`: replies to a comment (on the top-level one), answers `{ id }`. */
export const replyToComment: RouteHandler = (request, context): RouteResult => {
  const commentId = request.segments[0] ?? '';
  const comment = context.state.comments.get(commentId);
  if (comment === undefined) throw unsupportedRequest(request.method, commentId);
  const params = decodeParams(ReplyParamsC, request.params);
  if (params.message === undefined || params.message.length === 0) {
    throw invalidParameter('The parameter message is required');
  }
  const top =
    comment.parentId !== undefined ? (context.state.comments.get(comment.parentId) ?? comment) : comment;
  const owner = context.state.media.get(comment.mediaId)?.ownerId ?? context.config.igAccountId;
  return createReply(context, owner, 'comment', comment.mediaId, top, params.message);
};

/** `GET /{comment-id}/replies`: lists the replies of a comment as `{ data: [...] }`. */
export const listReplies: RouteHandler = (request, context): RouteResult => {
  const commentId = request.segments[0] ?? '';
  const comment = context.state.comments.get(commentId);
  if (comment === undefined) throw unsupportedRequest(request.method, commentId);
  const fields = fieldsOf(request);
  const data = comment.replies
    .map((id) => context.state.comments.get(id))
    .filter((c): c is CommentRecord => c !== undefined)
    .map((c) => pick(commentNode(c), fields, ['text', 'timestamp'], 'IGComment'));
  return { account: context.config.igAccountId, body: { data } };
};
