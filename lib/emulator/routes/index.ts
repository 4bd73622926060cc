/** The route table of the emulated Graph API: `(method, path)` -> handler, Graph error 100 / 404 otherwise. */
import { unsupportedRequest } from '../errors.js';
import { HANDOVER_EDGES } from './handover.js';
import { getNode, listReplies, replyToComment, replyToMention } from './instagram.js';
import { personaNode, personasEdge } from './personas.js';
import { messengerProfile } from './profile.js';
import { sendMessage, uploadAttachment } from './send.js';
import { appSubscriptions, pageSubscriptions } from './subscriptions.js';
import type { RouteContext, RouteHandler, RouteRequest, RouteResult } from './types.js';

export type { RouteContext, RouteRequest, RouteResult } from './types.js';

/** Edge name -> method -> handler, for paths `/{node}/{edge}`. */
const EDGES: Readonly<Record<string, Readonly<Record<string, RouteHandler>>>> = {
  messages: { POST: sendMessage },
  message_attachments: { POST: uploadAttachment },
  mentions: { POST: replyToMention },
  replies: { POST: replyToComment, GET: listReplies },
  subscriptions: { GET: appSubscriptions, POST: appSubscriptions, DELETE: appSubscriptions },
  subscribed_apps: { GET: pageSubscriptions, POST: pageSubscriptions, DELETE: pageSubscriptions },
  messenger_profile: { GET: messengerProfile, POST: messengerProfile, DELETE: messengerProfile },
  personas: { GET: personasEdge, POST: personasEdge },
  ...HANDOVER_EDGES,
};

/** Answers one Graph call, or throws a `GraphFault` (unknown routes: code 100, subcode 33, HTTP 404). */
export function route(request: RouteRequest, context: RouteContext): RouteResult {
  const [node, edge, ...rest] = request.segments;
  if (node === undefined) throw unsupportedRequest(request.method, '', 404);
  if (edge === undefined) {
    const persona = personaNode(request, context);
    if (persona !== undefined) return persona;
    if (request.method === 'GET') return getNode(request, context);
    throw unsupportedRequest(request.method, node, 404);
  }
  const handler = rest.length === 0 ? EDGES[edge]?.[request.method] : undefined;
  if (handler === undefined)
    throw unsupportedRequest(request.method, `${node}/${[edge, ...rest].join('/')}`, 404);
  return handler(request, context);
}
