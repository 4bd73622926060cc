/** Simulated people chatting with the bot on Messenger or Instagram; every action POSTs Meta's exact webhook. */
import type { Platform } from './defaults.js';
import { EmulatorUsageError } from './errors.js';
import { ownerOf } from './handover.js';
import type { SimulationHub } from './hub.js';
import {
  attachmentItem,
  deliveryItem,
  messagingBody,
  postbackItem,
  quickReplyItem,
  reactionItem,
  readItem,
  referralItem,
  storyMentionItem,
  textItem,
  type ItemInput,
  type RawMessagingItem,
  type WebhookBody,
} from './payloads.js';
import type { SentMessage } from './records.js';
import type { DeliverOptions, DeliveryResult } from './webhook-client.js';

/** Options of `emulator.user(id, options)`. */
export interface UserOptions {
  /** Default `messenger`. */
  readonly platform?: Platform;
  /** The page / IG account the user writes to; default the emulator's page or IG account. */
  readonly accountId?: string;
  /** What `GET /{user-id}` answers for this user (default: a name made from the id). */
  readonly profile?: Readonly<Record<string, unknown>>;
}

/** Options every user action takes. */
export interface ActionOptions {
  /**
   * Deliver the item in `entry[].standby[]` (the app does not own the thread); default: standby exactly while
   * another app owns the thread (see `emulator.handover`).
   */
  readonly standby?: boolean;
  /** Epoch ms for the item; default the emulator's clock. */
  readonly timestamp?: number;
  /** Signature and serialisation of the POST. */
  readonly deliver?: DeliverOptions;
}

/** The bot's answer to one user action, with what was sent. */
export interface UserDelivery extends DeliveryResult {
  /** The webhook body that was POSTed. */
  readonly payload: WebhookBody;
  /** The messaging item inside it. */
  readonly item: RawMessagingItem;
  /** The mid of the user's message or postback, when the action created one. */
  readonly mid: string | undefined;
}

/** Options of the waits on a user: timeout and an extra filter. */
export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly predicate?: (message: SentMessage) => boolean;
}

/** A person talking to the bot; each method builds Meta's exact item, signs it and POSTs it to the bot. */
export interface SimulatedUser {
  /** The PSID (Messenger) or IGSID (Instagram). */
  readonly id: string;
  readonly platform: Platform;
  /** The page or IG account the user talks to (the webhook entry id). */
  readonly accountId: string;
  /** The mid of the last message this user sent. */
  readonly lastMid: string | undefined;
  /** Sends a text message; `replyTo` quotes an earlier mid. */
  say(text: string, options?: ActionOptions & { readonly replyTo?: string }): Promise<UserDelivery>;
  /** Taps a quick reply: a message with the title as text and `quick_reply.payload`. */
  tapQuickReply(title: string, payload: string, options?: ActionOptions): Promise<UserDelivery>;
  /** Taps a postback button (title defaults to the payload). */
  postback(payload: string, title?: string, options?: ActionOptions): Promise<UserDelivery>;
  /** Sends an attachment (`image`, `audio`, `video`, `file`, `reel`, `share`, ...) with its url. */
  sendAttachment(type: string, url: string, options?: ActionOptions): Promise<UserDelivery>;
  /** Instagram only: mentions the account in a story (a `story_mention` attachment). */
  shareStoryMention(url: string, options?: ActionOptions): Promise<UserDelivery>;
  /** Reacts to a message with an emoji (default ❤️). */
  react(mid: string, emoji?: string, options?: ActionOptions): Promise<UserDelivery>;
  /** Removes a reaction. */
  unreact(mid: string, options?: ActionOptions): Promise<UserDelivery>;
  /**
   * Reads the conversation: a number is a Messenger watermark (ms), a string an Instagram mid. Default:
   * now on Messenger, the bot's last message to this user on Instagram.
   */
  read(watermarkOrMid?: number | string, options?: ActionOptions): Promise<UserDelivery>;
  /** Confirms delivery of the bot's messages (default: every message the bot sent this user). */
  delivered(mids?: readonly string[], options?: ActionOptions): Promise<UserDelivery>;
  /** Opens the conversation through an m.me / ig.me link carrying `ref`. */
  referral(ref: string, options?: ActionOptions): Promise<UserDelivery>;
  /** POSTs a messaging item built elsewhere (e.g. with the payload builders) for this user's platform. */
  send(item: RawMessagingItem, options?: ActionOptions): Promise<UserDelivery>;
  /** Every message the bot sent to this user so far. */
  readonly messages: readonly SentMessage[];
  /** The next message to this user that no wait has taken yet. */
  nextMessage(options?: WaitOptions): Promise<SentMessage>;
  /** The next `n` messages to this user that no wait has taken yet. */
  waitForMessages(n: number, options?: WaitOptions): Promise<SentMessage[]>;
}

type ItemFields = Omit<ItemInput, 'pageId' | 'psid'>;

/** Creates a `SimulatedUser` bound to `hub`. */
export function createUser(hub: SimulationHub, id: string, options: UserOptions = {}): SimulatedUser {
  const platform = options.platform ?? 'messenger';
  const accountId =
    options.accountId ?? (platform === 'instagram' ? hub.config.igAccountId : hub.config.pageId);
  hub.state.users.set(id, platform);
  if (options.profile !== undefined) hub.state.userProfiles.set(id, { ...options.profile });
  let lastMid: string | undefined;

  const input = (o: ActionOptions | undefined): ItemInput & ItemFields => ({
    pageId: accountId,
    psid: id,
    timestamp: o?.timestamp ?? hub.clock(),
  });
  const isMine = (m: SentMessage): boolean => m.recipient.id === id || m.recipientId === id;
  const mineAnd =
    (o: WaitOptions | undefined) =>
    (m: SentMessage): boolean =>
      isMine(m) && (o?.predicate?.(m) ?? true);

  const send = async (item: RawMessagingItem, o?: ActionOptions): Promise<UserDelivery> => {
    // While another app owns the thread (after a handover), Meta delivers the user's events in standby[].
    const owner = ownerOf(hub.state, hub.config, accountId, id);
    const standby = o?.standby ?? (owner !== null && owner !== hub.config.appId);
    const payload = messagingBody(platform, [item], { standby });
    const message = item['message'] as { mid?: string } | undefined;
    const postback = item['postback'] as { mid?: string } | undefined;
    const mid = message?.mid ?? postback?.mid;
    if (mid !== undefined) lastMid = mid;
    const result = await hub.deliver(payload, o?.deliver);
    return { ...result, payload, item, mid };
  };

  const user: SimulatedUser = {
    id,
    platform,
    accountId,
    get lastMid() {
      return lastMid;
    },
    say: (text, o) => send(textItem({ ...input(o), text, replyTo: o?.replyTo }), o),
    tapQuickReply: (title, payload, o) => send(quickReplyItem({ ...input(o), title, payload }), o),
    postback: (payload, title, o) => send(postbackItem({ ...input(o), payload, title }), o),
    sendAttachment: (type, url, o) => send(attachmentItem({ ...input(o), type, url }), o),
    shareStoryMention: (url, o) => {
      if (platform !== 'instagram') {
        return Promise.reject(new EmulatorUsageError('Story mentions exist only on Instagram'));
      }
      return send(storyMentionItem({ ...input(o), url }), o);
    },
    react: (mid, emoji, o) => send(reactionItem({ ...input(o), mid, emoji }), o),
    unreact: (mid, o) => send(reactionItem({ ...input(o), mid, action: 'unreact' }), o),
    read: (mark, o) => {
      if (typeof mark === 'string') return send(readItem({ ...input(o), mid: mark }), o);
      if (typeof mark === 'number' || platform === 'messenger') {
        return send(readItem({ ...input(o), watermark: mark }), o);
      }
      const last = user.messages[user.messages.length - 1];
      if (last === undefined) {
        return Promise.reject(
          new EmulatorUsageError('Nothing to read: the bot sent this user no message yet'),
        );
      }
      return send(readItem({ ...input(o), mid: last.messageId }), o);
    },
    delivered: (mids, o) =>
      send(deliveryItem({ ...input(o), mids: mids ?? user.messages.map((m) => m.messageId) }), o),
    referral: (ref, o) => send(referralItem({ ...input(o), ref }), o),
    send,
    get messages() {
      return hub.sent().filter(isMine);
    },
    nextMessage: (o) => hub.nextMessage(mineAnd(o), o?.timeoutMs),
    waitForMessages: (n, o) => hub.takeMessages(n, mineAnd(o), o?.timeoutMs),
  };
  return user;
}
