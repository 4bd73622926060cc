import type { WebhookEvent } from '../events/index.js';

/**
 * Chooses the Botkit event name for a decoded event that is not an ordinary message: the name
 * `controller.on(name, ...)` and `controller.hears(pattern, name, ...)` listen for. Return `undefined` to fall
 * back to {@link botkitEventName}.
 */
export type EventNamer = (event: WebhookEvent) => string | undefined;

/**
 * The adapter's default names: Botkit hears ordinary messages as `message`; every other event is named after
 * its messenger-rx query (`postback`, `referral`, `read`, `delivery`, `reaction`, `optin`, `handover`, `echo`,
 * `edit`, `policy_enforcement`, `account_linking`, `mention`, `comment`, `live_comment`, `story_insights`,
 * `change`, `unknown`), and anything delivered in `standby[]` is `standby`.
 */
export function botkitEventName(event: WebhookEvent): string {
  if (event.standby) return 'standby';
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

/** True for the events that become Botkit `message` activities: received, non-standby messages. */
export function isBotkitMessage(event: WebhookEvent): boolean {
  return event.type === 'message' && !event.standby;
}
