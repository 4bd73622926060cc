import { EVENT_TYPES, matches } from '../events/index.js';
import type { WebhookEvent } from '../events/index.js';

/**
 * Chooses the Botkit event name for a decoded event that is not an ordinary message: the name
 * `controller.on(name, ...)` and `controller.hears(pattern, name, ...)` listen for. Return `undefined` to fall
 * back to {@link botkitEventName}.
 */
export type EventNamer = (event: WebhookEvent) => string | undefined;

/** The names of received messages that are not Botkit messages: unsent and unsupported Instagram messages. */
const MESSAGE_REFINEMENT_NAMES = ['message_deleted', 'message_unsupported'] as const;

/**
 * Every default Botkit event name, derived from the table of event kinds (lib/events/kinds.ts): one per event
 * `type` (`postback`, `read`, `game_play`, `comment`, `change`, `unknown`, ...), plus `optout`, `standby`,
 * `message_deleted` and `message_unsupported`. `message` itself is the name of ordinary messages.
 */
export const BOTKIT_EVENT_NAMES: readonly string[] = [...EVENT_TYPES, ...MESSAGE_REFINEMENT_NAMES, 'standby'];

/**
 * The adapter's default names: Botkit hears ordinary messages as `message`; every other event is named after
 * its messenger-rx query, which is its `type` from the table of event kinds (see {@link BOTKIT_EVENT_NAMES}):
 * an unsent or unsupported Instagram message is `message_deleted` / `message_unsupported`, a marketing-messages
 * opt-out (`optout` item or STOP NOTIFICATIONS optin) is `optout`, and anything delivered in `standby[]` is
 * `standby`.
 */
export function botkitEventName(event: WebhookEvent): string {
  if (event.standby) return 'standby';
  if (event.type === 'message') {
    if (event.message.is_deleted === true) return 'message_deleted';
    if (event.message.is_unsupported === true) return 'message_unsupported';
  }
  if (event.type === 'optin' && matches('optout', event)) return 'optout';
  return event.type;
}

/**
 * Names as the retired botbuilder-adapter-facebook emitted them (`facebook_postback`, `message_echo`,
 * `message_read`, `message_delivered`, `facebook_optin`, `facebook_receive_thread_control`, ...), for apps
 * migrating from it: pass it as the adapter's `eventName` option. Events that adapter never knew keep the
 * default names.
 */
export const legacyFacebookEventName: EventNamer = (event) => {
  if (event.standby) return 'standby';
  switch (event.type) {
    case 'postback':
      return 'facebook_postback';
    case 'referral':
      return 'facebook_referral';
    case 'optin':
      return 'facebook_optin';
    case 'delivery':
      return 'message_delivered';
    case 'read':
      return 'message_read';
    case 'account_linking':
      return 'facebook_account_linking';
    case 'echo':
      return 'message_echo';
    case 'handover':
      if ('app_roles' in event) return 'facebook_app_roles';
      if ('pass_thread_control' in event) return 'facebook_receive_thread_control';
      if ('take_thread_control' in event) return 'facebook_lose_thread_control';
      return 'facebook_request_thread_control';
    default:
      return undefined;
  }
};

/**
 * True for the events that become Botkit `message` activities: those the `message` query matches (received,
 * not standby, neither unsent nor unsupported).
 */
export function isBotkitMessage(event: WebhookEvent): boolean {
  return matches('message', event);
}
