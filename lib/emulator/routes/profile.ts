/** `GET|POST|DELETE /{page-id}/messenger_profile`, kept in state per account. */
import { ProfileDeleteParamsC, decodeParams, names } from '../codecs.js';
import { invalidParameter } from '../errors.js';
import { accountOf, type RouteHandler, type RouteResult } from './types.js';

/** The Messenger Profile properties Graph knows. */
export const PROFILE_PROPERTIES = [
  'get_started',
  'greeting',
  'ice_breakers',
  'persistent_menu',
  'whitelisted_domains',
  'account_linking_url',
  'commands',
  'title',
  'description',
] as const;

const CONTROL_PARAMS = new Set(['platform', 'fields']);

/** `GET` answers `{ data: [{...}] }` (empty `data` when nothing is set), `POST`/`DELETE` answer `{ result: 'success' }`. */
export const messengerProfile: RouteHandler = (request, context): RouteResult => {
  const { account } = accountOf(request, context.config);
  const platform = typeof request.params['platform'] === 'string' ? request.params['platform'] : 'messenger';
  const key = `${account}:${platform}`;
  const profile = context.state.profiles.get(key) ?? {};
  const known: readonly string[] = PROFILE_PROPERTIES;
  if (request.method === 'GET') {
    const wanted = names(typeof request.params['fields'] === 'string' ? request.params['fields'] : undefined);
    if (wanted.length === 0) throw invalidParameter('The parameter fields is required');
    const unknown = wanted.find((f) => !known.includes(f));
    if (unknown !== undefined)
      throw invalidParameter(`Param fields[${unknown}] is not a valid profile field`);
    const picked = Object.fromEntries(wanted.filter((f) => f in profile).map((f) => [f, profile[f]]));
    return { account, body: { data: Object.keys(picked).length > 0 ? [picked] : [] } };
  }
  if (request.method === 'DELETE') {
    const fields = names(decodeParams(ProfileDeleteParamsC, request.params).fields);
    if (fields.length === 0) throw invalidParameter('The parameter fields is required');
    for (const f of fields) delete profile[f];
    context.state.profiles.set(key, profile);
    return { account, body: { result: 'success' } };
  }
  const properties = Object.entries(request.params).filter(([k]) => !CONTROL_PARAMS.has(k));
  if (properties.length === 0) throw invalidParameter('At least one profile property is required');
  const unknown = properties.find(([k]) => !known.includes(k));
  if (unknown !== undefined) throw invalidParameter(`Param ${unknown[0]} is not a valid profile property`);
  if (
    properties.some(([k]) => k === 'persistent_menu') &&
    !('get_started' in profile) &&
    !properties.some(([k]) => k === 'get_started')
  ) {
    throw invalidParameter(
      'You must set a Get Started button if you also wish to use persistent menu.',
      2018145,
    );
  }
  for (const [k, v] of properties) profile[k] = v;
  context.state.profiles.set(key, profile);
  return { account, body: { result: 'success' } };
};
