import type { MentionEvent, WebhookEvent } from '../events/index.js';
import { accountIdOf } from '../events/index.js';
import type { GraphClient, MentionedComment, MentionedMedia } from '../graph/index.js';
import { BotContextError } from './errors.js';
import { createReply, type Reply } from './reply.js';

/** What an Instagram mention said: the comment (comment mentions) or the media caption (caption mentions). */
export type Mentioned =
  | { readonly kind: 'comment'; readonly text: string | undefined; readonly comment: MentionedComment }
  | { readonly kind: 'caption'; readonly text: string | undefined; readonly media: MentionedMedia };

/** The key the Bot ends a context with (module-private to lib/bot: not exported from the package). */
export const END_CONTEXT: unique symbol = Symbol('messenger-rx.endContext');

/**
 * What middleware gets: the event (`ctx.event`, narrowed by `on`), the Graph client, the match of `hears`, reply
 * helpers that answer in context, a signal that aborts when the chain timed out, and (for mentions) a lookup of
 * what was said. One context per event, shared by the whole chain, so plugins install their flavors on it
 * (`ctx.session`); `Bot<C>` takes the flavored type (`Context & SessionFlavor<S>`).
 */
export class Context<E extends WebhookEvent = WebhookEvent> {
  private replies: Reply | undefined;
  private mentionLookup: Promise<Mentioned> | undefined;
  private controller: AbortController | undefined;
  /** Why the handler's time is over, once it is; its reply helpers then refuse to send. */
  private ended: { reason: Error } | undefined;

  constructor(
    /** The event being handled. */
    readonly event: E,
    /** The Graph API client of the bot, for anything the reply helpers do not cover. */
    readonly api: GraphClient,
    /**
     * The RegExp match of the `hears`, `command`, `postback` or `quickReply` that matched last (undefined for
     * string triggers and `on`).
     */
    public match?: RegExpExecArray,
  ) {}

  /** Replies in the context of the event (see {@link Reply}); built on first use. */
  get reply(): Reply {
    this.replies ??= createReply(this.api, this.event, () => this.ended?.reason);
    return this.replies;
  }

  /**
   * Aborts when the bot stops waiting for this handler (`handlerTimeoutMs`), with the timeout error as reason.
   * Pass it to long work (`fetch(url, { signal: ctx.signal })`, `ctx.api` calls' `signal` option) to stop it.
   * From then on `ctx.reply.*` rejects instead of sending: a late reply would land after the replies of the
   * conversation's next event. Created on first use.
   */
  get signal(): AbortSignal {
    if (this.controller === undefined) {
      this.controller = new AbortController();
      if (this.ended !== undefined) this.controller.abort(this.ended.reason);
    }
    return this.controller.signal;
  }

  /** Ends the handler's time: aborts `signal` and stops the reply helpers. Called by the Bot. */
  [END_CONTEXT](reason: Error): void {
    if (this.ended !== undefined) return;
    this.ended = { reason };
    this.controller?.abort(reason);
  }

  /** The event's platform: `'messenger'`, `'instagram'`, or the object of an app-level change. */
  get platform(): E['platform'] {
    return this.event.platform;
  }

  /** The page or Instagram account the event belongs to (the one replies are sent from). */
  get accountId(): string {
    return accountIdOf(this.event);
  }

  /**
   * Reads what a mention said: `GET /{ig-user-id}?fields=mentioned_comment...` for a comment mention, or
   * `mentioned_media...{caption,media_type}` for a caption mention. Fetched once per context, on demand.
   */
  mentioned(): Promise<Mentioned> {
    const event: WebhookEvent = this.event;
    if (event.type !== 'mention') {
      return Promise.reject(
        new BotContextError('mentioned', event.type, 'only mention events have a mentioned text'),
      );
    }
    this.mentionLookup ??= lookupMention(this.api, event);
    return this.mentionLookup;
  }
}

async function lookupMention(api: GraphClient, event: MentionEvent): Promise<Mentioned> {
  const igUserId = accountIdOf(event);
  const { media_id: mediaId, comment_id: commentId } = event.value;
  if (commentId !== undefined) {
    const comment = await api.instagram.mentionedComment({ igUserId, commentId });
    return { kind: 'comment', text: comment.text, comment };
  }
  const media = await api.instagram.mentionedMedia({ igUserId, mediaId });
  return { kind: 'caption', text: media.caption, media };
}
