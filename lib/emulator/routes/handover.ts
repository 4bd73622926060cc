/**
 * Handover / Conversation Routing routes: `POST /{page-id}/pass_thread_control|take_thread_control|
 * request_thread_control|release_thread_control|extend_thread_control`, `GET /{page-id}/thread_owner|secondary_receivers`. The calling
 * app is the emulator's `appId`; threads start owned by it.
 */
import { GraphFault, invalidParameter } from '../errors.js';
import { handoverBody, inboxOf, ownerOf, threadKey } from '../handover.js';
import {
  accountOf,
  type RouteContext,
  type RouteHandler,
  type RouteRequest,
  type RouteResult,
} from './types.js';

/** How long control lasts without activity (Meta: 24 hours), in seconds. */
const CONTROL_SECONDS = 24 * 60 * 60;

/** The names `secondary_receivers` gives the inbox apps. */
const INBOX_NAMES = { messenger: 'Page Inbox', instagram: 'Instagram Inbox' } as const;

function recipientOf(request: RouteRequest): string {
  const recipient = request.params['recipient'];
  const id =
    typeof recipient === 'object' && recipient !== null && 'id' in recipient
      ? (recipient as { id: unknown }).id
      : typeof recipient === 'string'
        ? recipient
        : undefined;
  if (typeof id !== 'string' && typeof id !== 'number')
    throw invalidParameter('The parameter recipient is required');
  return String(id);
}

function metadataOf(request: RouteRequest): { metadata?: string } {
  const metadata = request.params['metadata'];
  return typeof metadata === 'string' ? { metadata } : {};
}

/** Graph's answer when an app acts on a thread another app controls (code 10, subcode 2018300). */
export function controlledByAnotherApp(): GraphFault {
  return new GraphFault(400, {
    code: 10,
    error_subcode: 2018300,
    type: 'OAuthException',
    message: '(#10) Message failed to send because another app is controlling this thread now.',
  });
}

/** Throws the 10/2018300 fault when another app owns the thread of `user` on `account`. */
export function checkThreadControl(context: RouteContext, account: string, user: string | undefined): void {
  if (user === undefined) return;
  const owner = ownerOf(context.state, context.config, account, user);
  if (owner !== null && owner !== context.config.appId) throw controlledByAnotherApp();
}

const passThreadControl: RouteHandler = (request, context) => {
  const { account } = accountOf(request, context.config);
  const user = recipientOf(request);
  const target = request.params['target_app_id'];
  checkThreadControl(context, account, user);
  const owner = target === undefined ? null : String(target);
  context.state.threadOwners.set(threadKey(account, user), owner);
  return { account, body: { success: true } };
};

const takeThreadControl: RouteHandler = (request, context) => {
  const { account } = accountOf(request, context.config);
  const user = recipientOf(request);
  context.state.threadOwners.set(threadKey(account, user), context.config.appId);
  return { account, body: { success: true } };
};

const releaseThreadControl: RouteHandler = (request, context) => {
  const { account } = accountOf(request, context.config);
  const user = recipientOf(request);
  checkThreadControl(context, account, user);
  context.state.threadOwners.set(threadKey(account, user), null);
  return { account, body: { success: true } };
};

const extendThreadControl: RouteHandler = (request, context) => {
  const { account } = accountOf(request, context.config);
  const user = recipientOf(request);
  const duration = Number(request.params['duration']);
  if (!Number.isInteger(duration) || duration <= 0 || duration > 7 * CONTROL_SECONDS) {
    throw invalidParameter('Param duration must be a number of seconds from 1 to 604800');
  }
  if (ownerOf(context.state, context.config, account, user) !== context.config.appId)
    throw controlledByAnotherApp();
  return { account, body: { success: true } };
};

const requestThreadControl: RouteHandler = (request, context): RouteResult => {
  const { account, platform } = accountOf(request, context.config);
  const user = recipientOf(request);
  const owner = ownerOf(context.state, context.config, account, user);
  if (owner !== null) return { account, body: { success: true } };
  // An idle thread: the caller gets control and, as Meta does, a pass_thread_control webhook.
  context.state.threadOwners.set(threadKey(account, user), context.config.appId);
  const webhook = handoverBody(platform, account, user, context.clock(), {
    pass_thread_control: {
      previous_owner_app_id: null,
      new_owner_app_id: context.config.appId,
      ...metadataOf(request),
    },
  });
  return { account, body: { success: true }, webhooks: [webhook] };
};

const threadOwner: RouteHandler = (request, context) => {
  const { account } = accountOf(request, context.config);
  const user = recipientOf(request);
  const owner = ownerOf(context.state, context.config, account, user);
  if (owner === null) return { account, body: { data: [] } };
  const expiration = Math.floor(context.clock() / 1000) + CONTROL_SECONDS;
  return { account, body: { data: [{ thread_owner: { app_id: owner, expiration } }] } };
};

const secondaryReceivers: RouteHandler = (request, context) => {
  const { account, platform } = accountOf(request, context.config);
  return { account, body: { data: [{ id: inboxOf(platform), name: INBOX_NAMES[platform] }] } };
};

/** The handover edges by name and method. */
export const HANDOVER_EDGES = {
  pass_thread_control: { POST: passThreadControl },
  take_thread_control: { POST: takeThreadControl },
  release_thread_control: { POST: releaseThreadControl },
  request_thread_control: { POST: requestThreadControl },
  extend_thread_control: { POST: extendThreadControl },
  thread_owner: { GET: threadOwner },
  secondary_receivers: { GET: secondaryReceivers },
} as const;
