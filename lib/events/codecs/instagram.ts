import * as t from 'io-ts';
import { optionalProps } from './common.js';

/** `message.reply_to.story` on Instagram: the story a user replied to. */
export const StoryReplyC = optionalProps(
  { url: t.string, id: t.string, link_sticker_url: t.string },
  'StoryReply',
);

/**
 * Optional fields only Instagram documents on `message`: a deleted (unsent) message, an unsupported one, a test
 * message the account sent to itself (`is_self`), and the inbox folder.
 */
export const InstagramMessageProps = {
  is_deleted: t.boolean,
  is_unsupported: t.boolean,
  is_self: t.boolean,
  folder: t.string,
};

/** Attachment payload fields only Instagram sends: an `ig_post` share (from Nov 2025). */
export const InstagramPayloadProps = {
  ig_post_media_id: t.string,
};
