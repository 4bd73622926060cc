/** Instagram changes a user can cause: mentions in comments and captions, comments, story insights. */
import type { SimulationHub } from './hub.js';
import { graphTimestamp } from './ids.js';
import {
  changesBody,
  commentChange,
  mentionChange,
  storyInsightsChange,
  type ChangeItem,
  type StoryInsightsInput,
  type WebhookBody,
} from './payloads.js';
import type { MediaRecord, ReplyRecord } from './state.js';
import type { DeliverOptions, DeliveryResult } from './webhook-client.js';

/** An Instagram user: a username (an IGSID is made up and remembered), or an explicit id and username. */
export type IgAuthor = string | { readonly id: string; readonly username: string };

/** The bot's answer to an Instagram change, with the ids the emulator created. */
export interface ChangeDelivery extends DeliveryResult {
  readonly payload: WebhookBody;
  readonly change: ChangeItem;
  readonly mediaId: string;
  /** The comment created, for comment mentions and comments. */
  readonly commentId: string | undefined;
}

/** Options shared by the Instagram simulations. */
export interface ChangeOptions {
  /** The IG account receiving the change (default the emulator's). */
  readonly accountId?: string | undefined;
  /** Entry time in seconds (default now). */
  readonly time?: number | undefined;
  readonly deliver?: DeliverOptions | undefined;
}

/** Instagram simulations on `emulator.instagram`. */
export interface InstagramSimulator {
  /** Creates a media object in state (someone else's unless `owned`), for lookups and replies. */
  addMedia(options?: {
    readonly id?: string | undefined;
    readonly caption?: string | undefined;
    readonly owner?: IgAuthor | undefined;
    readonly owned?: boolean | undefined;
    readonly mediaType?: string | undefined;
    readonly mediaProductType?: string | undefined;
  }): MediaRecord;
  /** A user mentions the account in a comment: creates comment (and media), sends `mentions` `{ comment_id, media_id }`. */
  mentionInComment(
    input: {
      readonly from: IgAuthor;
      readonly text: string;
      readonly mediaId?: string | undefined;
    } & ChangeOptions,
  ): Promise<ChangeDelivery>;
  /** A user mentions the account in a media caption: creates the media, sends `mentions` `{ media_id }`. */
  mentionInCaption(
    input: {
      readonly caption: string;
      readonly from?: IgAuthor | undefined;
      readonly mediaType?: string | undefined;
    } & ChangeOptions,
  ): Promise<ChangeDelivery>;
  /** A user comments on the account's media: sends a `comments` (or `live_comments`) change. */
  comment(
    input: {
      readonly from: IgAuthor;
      readonly text: string;
      readonly mediaId?: string | undefined;
      readonly parentId?: string | undefined;
      readonly live?: boolean | undefined;
    } & ChangeOptions,
  ): Promise<ChangeDelivery>;
  /** A story of the account expired: sends `story_insights` (counts default 0, -1 allowed). */
  storyInsights(input?: Partial<StoryInsightsInput> & ChangeOptions): Promise<ChangeDelivery>;
  /** Replies the bot posted (`/{ig-user-id}/mentions`, `/{comment-id}/replies`). */
  readonly replies: readonly ReplyRecord[];
  /** The next reply the bot posts that no wait has taken yet. */
  nextReply(options?: {
    readonly timeoutMs?: number | undefined;
    readonly predicate?: ((reply: ReplyRecord) => boolean) | undefined;
  }): Promise<ReplyRecord>;
}

/** Creates the Instagram simulator bound to `hub`. */
export function createInstagramSimulator(hub: SimulationHub): InstagramSimulator {
  const { state, config, ids } = hub;

  const author = (who: IgAuthor): { id: string; username: string } => {
    if (typeof who !== 'string') return { id: who.id, username: who.username };
    let id = state.usernames.get(who);
    if (id === undefined) {
      id = ids.numeric('6');
      state.usernames.set(who, id);
    }
    return { id, username: who };
  };

  const addMedia: InstagramSimulator['addMedia'] = (options = {}) => {
    const id = options.id ?? ids.numeric('179');
    const owned = options.owned === true;
    const username = owned ? config.igUsername : author(options.owner ?? 'someone_else').username;
    const media: MediaRecord = {
      id,
      caption: options.caption ?? '',
      media_type: options.mediaType ?? 'IMAGE',
      media_product_type: options.mediaProductType ?? 'FEED',
      timestamp: graphTimestamp(hub.clock()),
      username,
      ownerId: owned ? config.igAccountId : undefined,
      permalink: `https://www.instagram.com/p/${id}/`,
    };
    state.media.set(id, media);
    return media;
  };

  const mediaFor = (mediaId: string | undefined, owned: boolean): MediaRecord =>
    (mediaId !== undefined ? state.media.get(mediaId) : undefined) ?? addMedia({ id: mediaId, owned });

  const addComment = (from: IgAuthor, text: string, mediaId: string, parentId?: string): string => {
    const id = ids.numeric('179');
    state.comments.set(id, {
      id,
      text,
      timestamp: graphTimestamp(hub.clock()),
      from: author(from),
      mediaId,
      parentId,
      replies: [],
    });
    if (parentId !== undefined) state.comments.get(parentId)?.replies.push(id);
    return id;
  };

  const deliver = async (
    change: ChangeItem,
    options: ChangeOptions,
    mediaId: string,
    commentId: string | undefined,
  ): Promise<ChangeDelivery> => {
    const time = options.time ?? Math.floor(hub.clock() / 1000);
    const payload = changesBody('instagram', options.accountId ?? config.igAccountId, [change], { time });
    const result = await hub.deliver(payload, options.deliver);
    return { ...result, payload, change, mediaId, commentId };
  };

  return {
    addMedia,
    mentionInComment: (input) => {
      const media = mediaFor(input.mediaId, false);
      const commentId = addComment(input.from, input.text, media.id);
      return deliver(mentionChange({ mediaId: media.id, commentId }), input, media.id, commentId);
    },
    mentionInCaption: (input) => {
      const media = addMedia({ caption: input.caption, owner: input.from, mediaType: input.mediaType });
      return deliver(mentionChange({ mediaId: media.id }), input, media.id, undefined);
    },
    comment: (input) => {
      const media = mediaFor(input.mediaId, true);
      const commentId = addComment(input.from, input.text, media.id, input.parentId);
      const change = commentChange({
        id: commentId,
        text: input.text,
        from: author(input.from),
        mediaId: media.id,
        mediaProductType: input.live === true ? 'LIVE' : media.media_product_type,
        parentId: input.parentId,
        live: input.live,
      });
      return deliver(change, input, media.id, commentId);
    },
    storyInsights: (input = {}) => {
      const mediaId =
        input.mediaId ?? addMedia({ owned: true, mediaType: 'STORY', mediaProductType: 'STORY' }).id;
      return deliver(storyInsightsChange({ ...input, mediaId }), input, mediaId, undefined);
    },
    get replies() {
      return state.replies;
    },
    nextReply: (options) => hub.nextReply(options?.predicate ?? (() => true), options?.timeoutMs),
  };
}
