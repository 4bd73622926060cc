import * as t from 'io-ts';
import { accountPath, callFields } from './call.js';
import { IdResult, SuccessResult, isSuccess } from './core/codecs.js';
import { codePointLength } from './limits.js';
import type { CallOptions, GraphCaller } from './types.js';

/** A persona: a name and picture a page can send as (`persona_id` on a send). */
export const Persona = t.intersection([
  t.type({ id: t.string }),
  t.partial({ name: t.string, profile_picture_url: t.string }),
]);
/** A persona. */
export type Persona = t.TypeOf<typeof Persona>;

/** `GET /{page-id}/personas` result: `{ data, paging? }` with cursors. */
export const PersonaList = t.intersection([
  t.type({ data: t.array(Persona) }),
  t.partial({
    paging: t.partial({
      cursors: t.partial({ before: t.string, after: t.string }),
      next: t.string,
      previous: t.string,
    }),
  }),
]);
/** `GET /{page-id}/personas` result. */
export type PersonaList = t.TypeOf<typeof PersonaList>;

/** What a persona is created from: a name (at most 50 characters) and a picture URL Meta downloads. */
export interface PersonaInput {
  name: string;
  profilePictureUrl: string;
}

/** Options of `personas.list`: page size and cursors. */
export interface PersonaListOptions extends CallOptions {
  limit?: number;
  after?: string;
  before?: string;
}

/** The longest persona name Meta accepts. */
export const PERSONA_NAME_LIMIT = 50;

/**
 * Personas (`POST|GET /{page-id}/personas`, `GET|DELETE /{persona-id}`, page token): create one, then send as it
 * with `personaId` on any send helper. Deleting is soft: old messages keep the persona.
 * @example
 * const id = await api.personas.create({ name: 'Ana', profilePictureUrl: 'https://example.com/ana.png' });
 * await api.send.text('PSID', 'Hi, Ana here', { personaId: id });
 */
export class PersonasApi {
  readonly #caller: GraphCaller;

  /** Creates the group over a client (normally reached as `client.personas`). */
  constructor(caller: GraphCaller) {
    this.#caller = caller;
  }

  /** Creates a persona and resolves with its id; refuses a name over 50 characters before calling. */
  async create(input: PersonaInput, options: CallOptions = {}): Promise<string> {
    if (codePointLength(input.name) > PERSONA_NAME_LIMIT) {
      throw new RangeError(`A persona name has at most ${PERSONA_NAME_LIMIT} characters`);
    }
    const result = await this.#caller.request({
      method: 'POST',
      path: accountPath(options.from, 'personas'),
      body: { name: input.name, profile_picture_url: input.profilePictureUrl },
      codec: IdResult,
      ...callFields(options, options.from ?? 'me'),
    });
    return result.id;
  }

  /** Reads one persona (`GET /{persona-id}`). */
  async get(personaId: string, options: CallOptions = {}): Promise<Persona> {
    return this.#caller.request({
      method: 'GET',
      path: encodeURIComponent(personaId),
      query: { fields: ['name', 'profile_picture_url', 'id'] },
      codec: Persona,
      ...callFields(options, options.from),
    });
  }

  /** Lists the page's personas, one page of results with its cursors (`GET /{page-id}/personas`). */
  async list(options: PersonaListOptions = {}): Promise<PersonaList> {
    return this.#caller.request({
      method: 'GET',
      path: accountPath(options.from, 'personas'),
      query: { limit: options.limit, after: options.after, before: options.before },
      codec: PersonaList,
      ...callFields(options, options.from ?? 'me'),
    });
  }

  /** Deletes a persona (`DELETE /{persona-id}`); resolves true on success. */
  async delete(personaId: string, options: CallOptions = {}): Promise<boolean> {
    const result = await this.#caller.request({
      method: 'DELETE',
      path: encodeURIComponent(personaId),
      codec: SuccessResult,
      ...callFields(options, options.from),
    });
    return isSuccess(result);
  }
}
