import * as t from 'io-ts';
import { accountIdOf, userOf } from '../events/index.js';
import type { Participant, WebhookEvent } from '../events/index.js';

/** The Bot Framework channel id of Messenger activities (botbuilder's own `Channels.Facebook`). */
export const MESSENGER_CHANNEL_ID = 'facebook';

/** The Bot Framework channel id of Instagram activities. */
export const INSTAGRAM_CHANNEL_ID = 'instagram';

/** The key under `conversation.properties` where the adapter keeps a conversation's {@link ConversationRoute}. */
export const ROUTE_PROPERTY = 'messengerRx';

const ParticipantC = t.union([t.type({ id: t.string }), t.type({ user_ref: t.string })], 'Participant');

/** Codec of a {@link ConversationRoute}, used to read one back from a (possibly stored) conversation reference. */
export const ConversationRouteC = t.union(
  [
    t.type(
      {
        kind: t.literal('direct'),
        platform: t.keyof({ messenger: null, instagram: null }),
        accountId: t.string,
        user: ParticipantC,
      },
      'DirectRoute',
    ),
    t.intersection(
      [
        t.type({ kind: t.literal('mention'), accountId: t.string, mediaId: t.string }),
        t.partial({ commentId: t.string }),
      ],
      'MentionRoute',
    ),
    t.type({ kind: t.literal('comment'), accountId: t.string, commentId: t.string }, 'CommentRoute'),
    t.type({ kind: t.literal('account'), platform: t.string, accountId: t.string }, 'AccountRoute'),
  ],
  'ConversationRoute',
);

/**
 * Where replies in a conversation go: a direct message to a user (`direct`), a reply on the Instagram media or
 * comment that mentioned the account (`mention`), a private reply to an Instagram comment (`comment`), or
 * nowhere (`account`: events with no person, such as story insights). Kept in `conversation.properties.messengerRx`.
 */
export type ConversationRoute = t.TypeOf<typeof ConversationRouteC>;

/** Messenger or Instagram: the two platforms a direct conversation can be on. */
export type DirectPlatform = 'messenger' | 'instagram';

/** The route replies to this event take. */
export function routeOfEvent(event: WebhookEvent): ConversationRoute {
  switch (event.type) {
    case 'mention':
      return event.value.comment_id === undefined
        ? { kind: 'mention', accountId: event.entryId, mediaId: event.value.media_id }
        : {
            kind: 'mention',
            accountId: event.entryId,
            mediaId: event.value.media_id,
            commentId: event.value.comment_id,
          };
    case 'comment':
    case 'live_comment': {
      const commentId = event.value.id ?? event.value.comment_id;
      return commentId === undefined
        ? { kind: 'account', platform: event.platform, accountId: event.entryId }
        : { kind: 'comment', accountId: event.entryId, commentId };
    }
    case 'story_insights':
    case 'change':
      return { kind: 'account', platform: event.platform, accountId: event.entryId };
    default: {
      const user = userOf(event);
      const accountId = accountIdOf(event);
      return user === undefined
        ? { kind: 'account', platform: event.platform, accountId }
        : { kind: 'direct', platform: event.platform, accountId, user };
    }
  }
}

/** The user id or user_ref of a participant. */
export function participantKey(participant: Participant): string {
  return 'id' in participant ? participant.id : participant.user_ref;
}

/** The Bot Framework channel id for a platform: `'instagram'` for Instagram, `'facebook'` for everything else. */
export function channelIdOf(platform: string): string {
  return platform === 'instagram' ? INSTAGRAM_CHANNEL_ID : MESSENGER_CHANNEL_ID;
}

/**
 * The conversation id of a route: `platform:account:user` for direct messages (the same key messenger-rx's
 * events carry), `instagram:account:mention:<comment or media>`, `instagram:account:comment:<comment>` and
 * `platform:account` for account-level events.
 */
export function conversationIdOf(route: ConversationRoute): string {
  switch (route.kind) {
    case 'direct':
      return `${route.platform}:${route.accountId}:${participantKey(route.user)}`;
    case 'mention':
      return `instagram:${route.accountId}:mention:${route.commentId ?? route.mediaId}`;
    case 'comment':
      return `instagram:${route.accountId}:comment:${route.commentId}`;
    case 'account':
      return `${route.platform}:${route.accountId}`;
  }
}
