/**
 * Thread control in the emulator: who owns each conversation (the bot's app by default, another app such as
 * the Page Inbox after a pass, or nobody once released), and the handover webhooks Meta sends the bot.
 */
import { INBOX_APP_IDS } from '../graph/index.js';
import type { EmulatorConfig, Platform } from './defaults.js';
import type { SimulationHub } from './hub.js';
import { messagingBody, type RawMessagingItem, type WebhookBody } from './payloads.js';
import type { EmulatorState } from './state.js';
import type { DeliveryResult } from './webhook-client.js';

/** The Page Inbox's app id (Messenger), the usual other side of a handover: the Graph client's `INBOX_APP_IDS`. */
export const PAGE_INBOX_APP_ID = INBOX_APP_IDS.messenger;
/** The Instagram Inbox's app id (the Graph client's `INBOX_APP_IDS`). */
export const INSTAGRAM_INBOX_APP_ID = INBOX_APP_IDS.instagram;

/** The state key of a thread: the page or IG account and the user. */
export function threadKey(account: string, user: string): string {
  return `${account}:${user}`;
}

/**
 * The app that owns a thread: the bot's own app when nothing was recorded (it is the page's only app),
 * `null` when the thread is idle (released).
 */
export function ownerOf(
  state: EmulatorState,
  config: EmulatorConfig,
  account: string,
  user: string,
): string | null {
  const owner = state.threadOwners.get(threadKey(account, user));
  return owner === undefined ? config.appId : owner;
}

/** The inbox app of a platform. */
export function inboxOf(platform: Platform): string {
  return INBOX_APP_IDS[platform];
}

/** A handover webhook body (`pass_thread_control`, `take_thread_control`, `request_thread_control`). */
export function handoverBody(
  platform: Platform,
  account: string,
  user: string,
  timestamp: number,
  event: Readonly<Record<string, unknown>>,
): WebhookBody {
  const item: RawMessagingItem = { sender: { id: user }, recipient: { id: account }, timestamp, ...event };
  return messagingBody(platform, [item]);
}

/** Options of the simulated other app's handover actions. */
export interface HandoverActionOptions {
  /** Default `messenger`. */
  readonly platform?: Platform;
  /** The page or IG account; default the emulator's page or IG account. */
  readonly accountId?: string;
  /** The other app (default: the platform's inbox). */
  readonly appId?: string;
  /** `metadata` carried by the webhook. */
  readonly metadata?: string;
}

/**
 * What the other side of a handover does: the Page Inbox (or any other app) passing a thread back to the bot,
 * taking it from the bot, or asking the bot for it. Each changes the thread's owner as Meta would and POSTs the
 * webhook Meta sends the bot.
 */
export interface HandoverSimulator {
  /** The app owning the thread now (the bot's `appId` by default), or `null` when the thread is idle. */
  owner(user: string, options?: HandoverActionOptions): string | null;
  /** Another app passes the thread to the bot: the bot owns it and gets `pass_thread_control`. */
  passToBot(user: string, options?: HandoverActionOptions): Promise<DeliveryResult>;
  /** Another app takes the thread from the bot: it owns it and the bot gets `take_thread_control`. */
  takeFromBot(user: string, options?: HandoverActionOptions): Promise<DeliveryResult>;
  /** Another app asks the bot for the thread: the bot gets `request_thread_control`. */
  requestFromBot(user: string, options?: HandoverActionOptions): Promise<DeliveryResult>;
}

/** Creates the handover simulator over the emulator's hub. */
export function createHandoverSimulator(hub: SimulationHub): HandoverSimulator {
  const where = (o: HandoverActionOptions | undefined) => {
    const platform = o?.platform ?? 'messenger';
    const account = o?.accountId ?? (platform === 'instagram' ? hub.config.igAccountId : hub.config.pageId);
    return { platform, account, other: o?.appId ?? inboxOf(platform) };
  };
  const metadata = (o: HandoverActionOptions | undefined) =>
    o?.metadata === undefined ? {} : { metadata: o.metadata };
  return {
    owner: (user, o) => {
      const { account } = where(o);
      return ownerOf(hub.state, hub.config, account, user);
    },
    passToBot: (user, o) => {
      const { platform, account, other } = where(o);
      hub.state.threadOwners.set(threadKey(account, user), hub.config.appId);
      return hub.deliver(
        handoverBody(platform, account, user, hub.clock(), {
          pass_thread_control: {
            previous_owner_app_id: other,
            new_owner_app_id: hub.config.appId,
            ...metadata(o),
          },
        }),
      );
    },
    takeFromBot: (user, o) => {
      const { platform, account, other } = where(o);
      hub.state.threadOwners.set(threadKey(account, user), other);
      return hub.deliver(
        handoverBody(platform, account, user, hub.clock(), {
          take_thread_control: {
            previous_owner_app_id: hub.config.appId,
            new_owner_app_id: other,
            ...metadata(o),
          },
        }),
      );
    },
    requestFromBot: (user, o) => {
      const { platform, account, other } = where(o);
      return hub.deliver(
        handoverBody(platform, account, user, hub.clock(), {
          request_thread_control: { requested_owner_app_id: other, ...metadata(o) },
        }),
      );
    },
  };
}
