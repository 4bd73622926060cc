import * as t from 'io-ts';

/** `message.reply_to.story` on Instagram: the story a user replied to. */
export const StoryReplyC = t.partial({ url: t.string, id: t.string }, 'StoryReply');

/** Optional flags only Instagram documents on `message`: a deleted (unsent) message and an unsupported one. */
export const InstagramMessageProps = {
  is_deleted: t.boolean,
  is_unsupported: t.boolean,
};

/** Attachment payload fields only Instagram sends: an `ig_post` share (from Nov 2025). */
export const InstagramPayloadProps = {
  ig_post_media_id: t.string,
};
