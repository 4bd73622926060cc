import * as t from 'io-ts';
import { optionalProps, withOptional } from './common.js';

/** Instagram `mentions` value: a caption mention (`media_id`) or a comment mention (`comment_id` too). */
export const MentionValueC = withOptional({ media_id: t.string }, { comment_id: t.string }, 'MentionValue');

/** A decoded mention value. */
export type MentionValue = t.TypeOf<typeof MentionValueC>;

/** Instagram `comments` / `live_comments` value; the id arrives as `id` (field reference) or `comment_id` (examples). */
export const CommentValueC = optionalProps(
  {
    id: t.string,
    comment_id: t.string,
    text: t.string,
    parent_id: t.string,
    from: withOptional({ id: t.string }, { username: t.string }, 'CommentFrom'),
    media: withOptional(
      { id: t.string },
      { media_product_type: t.string, ad_id: t.string, ad_title: t.string, original_media_id: t.string },
      'CommentMedia',
    ),
  },
  'CommentValue',
);

/** A decoded comment value. */
export type CommentValue = t.TypeOf<typeof CommentValueC>;

/** Instagram `story_insights` value, sent when a story expires; counts below 5 come as -1. */
export const StoryInsightsValueC = t.type(
  {
    media_id: t.string,
    exits: t.number,
    replies: t.number,
    reach: t.number,
    taps_forward: t.number,
    taps_back: t.number,
    impressions: t.number,
  },
  'StoryInsightsValue',
);

/** A decoded story insights value. */
export type StoryInsightsValue = t.TypeOf<typeof StoryInsightsValueC>;

/** One `entry[].changes[]` item: a `field` name and, when Include Values is on, its raw `value`. */
export const ChangeItemC = withOptional({ field: t.string }, { value: t.unknown }, 'ChangeItem');
