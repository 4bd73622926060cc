/** Persona routes: `POST|GET /{page-id}/personas`, and `GET|DELETE /{persona-id}` (soft delete). */
import { PERSONA_NAME_LIMIT, codePointLength } from '../../graph/index.js';
import { invalidParameter } from '../errors.js';
import {
  accountOf,
  type RouteHandler,
  type RouteRequest,
  type RouteResult,
  type RouteContext,
} from './types.js';

/** `POST` creates `{ name, profile_picture_url }` and answers `{ id }`; `GET` lists `{ data, paging }`. */
export const personasEdge: RouteHandler = (request, context): RouteResult => {
  const { account } = accountOf(request, context.config, 'messenger');
  if (request.method === 'GET') {
    const data = [...context.state.personas.values()]
      .filter((p) => p.account === account && !p.deleted)
      .map((p) => ({ name: p.name, profile_picture_url: p.profile_picture_url, id: p.id }));
    return { account, body: { data, paging: { cursors: { before: 'MAZDZD', after: 'MAZDZD' } } } };
  }
  const name = request.params['name'];
  const picture = request.params['profile_picture_url'];
  if (typeof name !== 'string' || name.length === 0) throw invalidParameter('The parameter name is required');
  if (codePointLength(name) > PERSONA_NAME_LIMIT)
    throw invalidParameter(`Param name must be at most ${PERSONA_NAME_LIMIT} characters`);
  if (typeof picture !== 'string' || picture.length === 0) {
    throw invalidParameter('The parameter profile_picture_url is required');
  }
  const id = context.ids.numeric('3');
  context.state.personas.set(id, { id, account, name, profile_picture_url: picture, deleted: false });
  return { account, body: { id } };
};

/** `GET /{persona-id}` answers the persona; `DELETE` marks it deleted and answers `{ success: true }`. */
export function personaNode(request: RouteRequest, context: RouteContext): RouteResult | undefined {
  const id = request.segments[0] ?? '';
  const persona = context.state.personas.get(id);
  if (persona === undefined || persona.deleted) return undefined;
  if (request.method === 'DELETE') {
    persona.deleted = true;
    return { account: persona.account, body: { success: true } };
  }
  return {
    account: persona.account,
    body: { name: persona.name, profile_picture_url: persona.profile_picture_url, id: persona.id },
  };
}
