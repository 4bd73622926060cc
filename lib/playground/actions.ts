/**
 * What the page asks the user side to do (the JSON bodies of `POST /api/actions`), decoded with io-ts, and
 * how each drives the emulator's simulated users and Instagram simulator.
 */
import * as t from 'io-ts';
import type { Emulator } from '../emulator/index.js';
import { PlaygroundRequestError } from './errors.js';
import type { UserRegistry } from './users.js';

const PlatformC = t.union([t.literal('messenger'), t.literal('instagram')]);
const Short = (max: number): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    `a text of 1 to ${max} characters`,
    (u): u is string => typeof u === 'string' && u.length > 0 && u.length <= max,
    (u, c) => (typeof u === 'string' && u.length > 0 && u.length <= max ? t.success(u) : t.failure(u, c)),
    t.identity,
  );
const Who = { platform: PlatformC, userId: t.string };

/** One user action the page can ask for. */
export const ActionC = t.union([
  t.type({ type: t.literal('text'), ...Who, text: Short(20_000) }),
  t.type({ type: t.literal('quick_reply'), ...Who, title: Short(1000), payload: t.string }),
  t.type({ type: t.literal('postback'), ...Who, title: Short(1000), payload: t.string }),
  t.type({ type: t.literal('attachment'), ...Who, attachmentType: Short(40), url: Short(4000) }),
  t.type({ type: t.literal('react'), ...Who, mid: Short(400), emoji: Short(16) }),
  t.type({ type: t.literal('unreact'), ...Who, mid: Short(400) }),
  t.type({ type: t.literal('read'), ...Who }),
  t.type({
    type: t.union([t.literal('comment'), t.literal('mention_comment'), t.literal('mention_caption')]),
    ...Who,
    text: Short(2200),
  }),
]);
/** A decoded user action. */
export type Action = t.TypeOf<typeof ActionC>;

/** The body of `POST /api/users`. */
export const NewUserC = t.type({ platform: PlatformC, name: t.string });

/** Decodes a request body with `codec`, or throws a `PlaygroundRequestError` (400) naming the first bad field. */
export function decodeBody<A>(codec: t.Decoder<unknown, A>, body: unknown): A {
  const result = codec.decode(body);
  if (result._tag === 'Right') return result.right;
  const first = result.left[0];
  const path = first?.context
    .map((c) => c.key)
    .filter((k) => k !== '' && !/^\d+$/.test(k))
    .join('.');
  const expected = first?.context[first.context.length - 1]?.type.name ?? 'a valid value';
  throw new PlaygroundRequestError(
    400,
    `Invalid ${path === undefined || path === '' ? 'body' : path}: expected ${expected}`,
  );
}

/** Performs `action` as the user it names; answers the HTTP status the bot's webhook answered. */
export async function perform(action: Action, emulator: Emulator, users: UserRegistry): Promise<number> {
  const user = users.get(action.platform, action.userId);
  const simulated = emulator.user(user.id, { platform: user.platform });
  const instagramOnly = (): void => {
    if (user.platform !== 'instagram')
      throw new PlaygroundRequestError(400, 'Comments and mentions are on Instagram only');
  };
  const from = { id: user.id, username: user.name };
  switch (action.type) {
    case 'text':
      return (await simulated.say(action.text)).status;
    case 'quick_reply':
      return (await simulated.tapQuickReply(action.title, action.payload)).status;
    case 'postback':
      return (await simulated.postback(action.payload, action.title)).status;
    case 'attachment':
      return (await simulated.sendAttachment(action.attachmentType, action.url)).status;
    case 'react':
      return (await simulated.react(action.mid, action.emoji)).status;
    case 'unreact':
      return (await simulated.unreact(action.mid)).status;
    case 'read':
      return (await simulated.read()).status;
    case 'comment':
      instagramOnly();
      return (await emulator.instagram.comment({ from, text: action.text })).status;
    case 'mention_comment':
      instagramOnly();
      return (await emulator.instagram.mentionInComment({ from, text: action.text })).status;
    case 'mention_caption':
      instagramOnly();
      return (await emulator.instagram.mentionInCaption({ from, caption: action.text })).status;
  }
}
