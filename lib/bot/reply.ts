import type { CommentEvent, LiveCommentEvent, MentionEvent, WebhookEvent } from '../events/index.js';
import { accountIdOf, userOf } from '../events/index.js';
import type {
  AttachmentInput,
  GraphClient,
  QuickReply,
  Recipient,
  SendOptions,
  SendResult,
  TemplatePayload,
} from '../graph/index.js';
import { BotContextError } from './errors.js';

/**
 * Options of a reply through the Send API; `messagingType` defaults to `'RESPONSE'` (without a tag) and `from`
 * is always the event's account.
 */
export type ReplyOptions = Omit<SendOptions, 'from'>;

/** The result of `ctx.reply.text`: the id of the message, mention reply or comment reply created. */
export interface SentReply {
  readonly id: string;
}

/**
 * Replies in the context of one event. `text` answers where the person spoke: a DM (Messenger or Instagram)
 * through the Send API, a mention with a mention reply, a comment with a public comment reply, a live comment
 * (which takes no public replies) with a private reply. The other helpers send through the Send API. On events
 * that are no message to answer (echoes, standby events, read and delivery receipts, app-level changes) every
 * helper rejects with BotContextError and calls nothing.
 */
export interface Reply {
  /** Answers where the person spoke (see {@link Reply}). */
  text(text: string, options?: ReplyOptions): Promise<SentReply>;
  /** Sends a text with quick reply buttons (DM, or a private reply on a comment). */
  quickReplies(text: string, replies: readonly QuickReply[], options?: ReplyOptions): Promise<SendResult>;
  /** Sends an attachment by url or attachment id (DM, or a private reply on a comment). */
  attachment(attachment: AttachmentInput, options?: ReplyOptions): Promise<SendResult>;
  /** Sends a template (generic, button, media...) (DM, or a private reply on a comment). */
  template(payload: TemplatePayload, options?: ReplyOptions): Promise<SendResult>;
  /** Shows (default) or hides the typing indicator in the DM. */
  typing(on?: boolean): Promise<unknown>;
  /** Marks the DM as seen. */
  markSeen(): Promise<unknown>;
  /** Reacts to the received message with an emoji. */
  react(emoji: string): Promise<unknown>;
  /** Sends a private reply (a DM) to the author of a comment (`recipient.comment_id`); once per comment. */
  privately(text: string): Promise<SendResult>;
  /** Posts a public reply under the comment (`POST /{comment-id}/replies`). */
  comment(text: string): Promise<SentReply>;
}

/** Where Send API messages go for an event: the person (a DM) or, on a comment, a private reply. */
interface DmTarget {
  readonly to: Recipient;
  readonly from: string;
}

function isComment(event: WebhookEvent): event is CommentEvent | LiveCommentEvent {
  return event.type === 'comment' || event.type === 'live_comment';
}

function commentIdOf(method: string, event: CommentEvent | LiveCommentEvent): string {
  const id = event.value.id ?? event.value.comment_id;
  if (id === undefined) throw new BotContextError(method, event.type, 'the comment has no id');
  return id;
}

/** Events that name a person but are no message to answer, with the reason a reply would be wrong. */
const NOT_ANSWERABLE: Partial<Record<WebhookEvent['type'], string>> = {
  echo: "an echo is the page's own message; answering it would message the user unasked (and may loop)",
  read: 'a read receipt is no message to answer',
  delivery: 'a delivery receipt is no message to answer',
};

function dmTarget(method: string, event: WebhookEvent): DmTarget {
  if (event.standby) {
    throw new BotContextError(
      method,
      event.type,
      'it arrived in standby: another app owns the conversation (take thread control first)',
    );
  }
  const refused = NOT_ANSWERABLE[event.type];
  if (refused !== undefined) throw new BotContextError(method, event.type, refused);
  if (isComment(event)) return { to: { comment_id: commentIdOf(method, event) }, from: accountIdOf(event) };
  if (event.type === 'mention') {
    throw new BotContextError(
      method,
      event.type,
      'a mention has no conversation to message; use ctx.reply.text',
    );
  }
  const user = 'field' in event ? undefined : userOf(event);
  if (user === undefined) throw new BotContextError(method, event.type, 'the event names no user to answer');
  return { to: user, from: accountIdOf(event) };
}

function personTarget(method: string, event: WebhookEvent): DmTarget {
  if (isComment(event) || event.type === 'mention') {
    throw new BotContextError(method, event.type, 'only direct-message events have a conversation to act in');
  }
  return dmTarget(method, event);
}

function sendOptions(
  event: WebhookEvent,
  target: DmTarget,
  options: ReplyOptions | undefined,
  signal: AbortSignal | undefined,
): SendOptions {
  return {
    // A tag implies MESSAGE_TAG (the client's default); otherwise this answers the user: RESPONSE.
    ...(options?.tag === undefined ? { messagingType: 'RESPONSE' as const } : {}),
    platform: event.platform === 'instagram' ? 'instagram' : 'messenger',
    ...options,
    ...signalOption(signal, options?.signal),
    from: target.from,
  };
}

/** The signal a reply's Graph call carries: the handler's, joined with the caller's own when given one. */
function signalOption(
  handler: AbortSignal | undefined,
  own: AbortSignal | undefined,
): { signal?: AbortSignal } {
  if (handler === undefined) return own === undefined ? {} : { signal: own };
  return { signal: own === undefined ? handler : AbortSignal.any([handler, own]) };
}

async function replyToMention(
  api: GraphClient,
  event: MentionEvent,
  text: string,
  signal: AbortSignal | undefined,
): Promise<SentReply> {
  const { media_id: mediaId, comment_id: commentId } = event.value;
  const result = await api.instagram.replyToMention(
    {
      igUserId: accountIdOf(event),
      mediaId,
      commentId,
      message: text,
    },
    signalOption(signal, undefined),
  );
  return { id: result.id };
}

/**
 * Builds the {@link Reply} helpers of one event. `endedBy` answers why the handler's time is over (undefined while
 * it runs); from then on every helper rejects with a BotContextError and sends nothing. `signal` gives the
 * handler's abort signal: every Graph call of a helper carries it, so a call in flight when the handler's time
 * ends is aborted, and so is every retry it would still make.
 */
export function createReply(
  api: GraphClient,
  event: WebhookEvent,
  endedBy: () => Error | undefined = () => undefined,
  signal: () => AbortSignal | undefined = () => undefined,
): Reply {
  const send = api.send;
  const opts = (options?: ReplyOptions): { signal?: AbortSignal } => signalOption(signal(), options?.signal);
  const live = (method: string): void => {
    const reason = endedBy();
    if (reason === undefined) return;
    throw new BotContextError(
      method,
      event.type,
      `the handler's time is over (${reason.message}); a late reply would break the conversation's order`,
    );
  };
  const reply: Reply = {
    async text(text, options) {
      live('reply.text');
      if (event.type === 'mention') return replyToMention(api, event, text, signal());
      if (event.type === 'comment') return reply.comment(text);
      if (event.type === 'live_comment') {
        const result = await reply.privately(text);
        return { id: result.message_id };
      }
      const target = dmTarget('reply.text', event);
      const result = await send.text(target.to, text, sendOptions(event, target, options, signal()));
      return { id: result.message_id };
    },
    async quickReplies(text, replies, options) {
      live('reply.quickReplies');
      const target = dmTarget('reply.quickReplies', event);
      return send.quickReplies(target.to, text, [...replies], sendOptions(event, target, options, signal()));
    },
    async attachment(attachment, options) {
      live('reply.attachment');
      const target = dmTarget('reply.attachment', event);
      return send.attachment(target.to, attachment, sendOptions(event, target, options, signal()));
    },
    async template(payload, options) {
      live('reply.template');
      const target = dmTarget('reply.template', event);
      return send.template(target.to, payload, sendOptions(event, target, options, signal()));
    },
    async typing(on = true) {
      live('reply.typing');
      const target = personTarget('reply.typing', event);
      return send.senderAction(target.to, on ? 'typing_on' : 'typing_off', { from: target.from, ...opts() });
    },
    async markSeen() {
      live('reply.markSeen');
      const target = personTarget('reply.markSeen', event);
      return send.senderAction(target.to, 'mark_seen', { from: target.from, ...opts() });
    },
    async react(emoji) {
      live('reply.react');
      const target = personTarget('reply.react', event);
      if (event.type !== 'message') {
        throw new BotContextError('reply.react', event.type, 'only a received message can be reacted to');
      }
      return send.react(target.to, event.message.mid, emoji, { from: target.from, ...opts() });
    },
    async privately(text) {
      live('reply.privately');
      if (!isComment(event)) {
        throw new BotContextError('reply.privately', event.type, 'private replies answer comments');
      }
      return api.instagram.privateReply(
        { from: accountIdOf(event), commentId: commentIdOf('reply.privately', event), text },
        opts(),
      );
    },
    async comment(text) {
      live('reply.comment');
      if (event.type !== 'comment') {
        throw new BotContextError('reply.comment', event.type, 'only comments take comment replies');
      }
      const result = await api.instagram.replyToComment(commentIdOf('reply.comment', event), text, {
        igUserId: accountIdOf(event),
        ...opts(),
      });
      return { id: result.id };
    },
  };
  return reply;
}
