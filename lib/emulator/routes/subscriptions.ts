/** `/{app-id}/subscriptions` and `/{page-id}/subscribed_apps`, kept in state. */
import { AppSubscriptionParamsC, PageSubscriptionParamsC, decodeParams, names } from '../codecs.js';
import { invalidParameter, unsupportedRequest } from '../errors.js';
import type { AppSubscription } from '../state.js';
import { accountOf, type RouteContext, type RouteHandler, type RouteResult } from './types.js';

const OBJECTS = ['user', 'page', 'permissions', 'payments', 'instagram', 'whatsapp_business_account'];
const VERSION = 'v25.0';

function appId(request: { segments: readonly string[]; method: string }, context: RouteContext): string {
  const id = request.segments[0] ?? '';
  if (id !== context.config.appId && id !== 'app') throw unsupportedRequest(request.method, id);
  return context.config.appId;
}

/** `GET|POST|DELETE /{app-id}/subscriptions`: lists, adds (or merges fields into) and removes app subscriptions. */
export const appSubscriptions: RouteHandler = (request, context): RouteResult => {
  const account = appId(request, context);
  const byObject = context.state.appSubscriptions.get(account) ?? new Map<string, AppSubscription>();
  context.state.appSubscriptions.set(account, byObject);
  if (request.method === 'GET') return { account, body: { data: [...byObject.values()] } };
  const params = decodeParams(AppSubscriptionParamsC, request.params);
  if (request.method === 'DELETE') {
    if (params.object === undefined) byObject.clear();
    else {
      const fields = names(params.fields);
      const existing = byObject.get(params.object);
      if (fields.length === 0 || existing === undefined) byObject.delete(params.object);
      else {
        existing.fields = existing.fields.filter((f) => !fields.includes(f.name));
        if (existing.fields.length === 0) byObject.delete(params.object);
      }
    }
    return { account, body: { success: true } };
  }
  if (params.object === undefined) throw invalidParameter('The parameter object is required');
  if (!OBJECTS.includes(params.object)) {
    throw invalidParameter(`Param object must be one of {${OBJECTS.join(', ')}}`);
  }
  const existing = byObject.get(params.object);
  const callbackUrl = params.callback_url ?? existing?.callback_url;
  if (callbackUrl === undefined) throw invalidParameter('The parameter callback_url is required');
  if (existing === undefined && params.verify_token === undefined) {
    throw invalidParameter('The parameter verify_token is required');
  }
  const fields = names(params.fields);
  if (fields.length === 0 && existing === undefined)
    throw invalidParameter('The parameter fields is required');
  const merged = new Set([...(existing?.fields.map((f) => f.name) ?? []), ...fields]);
  const includeValues = params.include_values === true || params.include_values === 'true';
  byObject.set(params.object, {
    object: params.object,
    callback_url: callbackUrl,
    active: true,
    fields: [...merged].map((name) => ({ name, version: VERSION })),
    ...(includeValues || existing?.include_values === true ? { include_values: true } : {}),
  });
  return { account, body: { success: true } };
};

/** `GET|POST|DELETE /{page-id}/subscribed_apps`: the app's page-level subscription and its fields. */
export const pageSubscriptions: RouteHandler = (request, context): RouteResult => {
  const { account } = accountOf(request, context.config);
  const { state, config } = context;
  if (request.method === 'GET') {
    const fields = state.pageSubscriptions.get(account);
    const data =
      fields === undefined
        ? []
        : [
            {
              category: 'Business',
              link: `https://emulator.local/apps/${config.appId}`,
              name: 'Emulated App',
              id: config.appId,
              subscribed_fields: fields,
            },
          ];
    return { account, body: { data } };
  }
  if (request.method === 'DELETE') {
    state.pageSubscriptions.delete(account);
    return { account, body: { success: true } };
  }
  const fields = names(decodeParams(PageSubscriptionParamsC, request.params).subscribed_fields);
  if (fields.length === 0) throw invalidParameter('The parameter subscribed_fields is required');
  state.pageSubscriptions.set(account, fields);
  return { account, body: { success: true } };
};
