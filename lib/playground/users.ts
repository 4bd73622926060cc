/** The people the page chats as: a name per simulated user, fresh ids, and a few to start with. */
import type { Platform } from '../emulator/index.js';
import { PlaygroundRequestError } from './errors.js';
import type { PlaygroundUser } from './types.js';

/** The users a playground starts with: two on Messenger (to try per-user state), one on Instagram. */
export const STARTING_USERS: readonly { readonly name: string; readonly platform: Platform }[] = [
  { name: 'Ann', platform: 'messenger' },
  { name: 'Ben', platform: 'messenger' },
  { name: 'cleo.ig', platform: 'instagram' },
];

const NAME_RE = /^[\p{L}\p{N}._ -]{1,30}$/u;

/** The playground's users by id, with ids shaped like PSIDs (Messenger) and IGSIDs (Instagram). */
export class UserRegistry {
  private readonly users = new Map<string, PlaygroundUser>();
  private counter = 0;

  /** Every user, in the order they joined. */
  get all(): readonly PlaygroundUser[] {
    return [...this.users.values()];
  }

  /** The user with this id on this platform, or a `PlaygroundRequestError` (404). */
  get(platform: Platform, id: string): PlaygroundUser {
    const user = this.users.get(id);
    if (user === undefined || user.platform !== platform) {
      throw new PlaygroundRequestError(404, `No ${platform} user with id ${id}`);
    }
    return user;
  }

  /** The id of the user of `platform` with this name (Instagram authors are known by username). */
  idOf(platform: Platform, name: string): string | undefined {
    return this.all.find((u) => u.platform === platform && u.name === name)?.id;
  }

  /**
   * Registers a user the playground did not create (a spec or a script delivered a webhook for it, or the bot
   * wrote to it first), named `known` (an Instagram username) or after the end of its id; answers undefined when it is known already.
   */
  adopt(platform: Platform, id: string, known?: string): PlaygroundUser | undefined {
    if (this.users.has(id)) return undefined;
    const base = known ?? `User ${id.slice(-4)}`;
    let name = base;
    for (let n = 2; this.idOf(platform, name) !== undefined; n += 1) name = `${base} (${n})`;
    const user: PlaygroundUser = { id, name, platform };
    this.users.set(id, user);
    return user;
  }

  /** Adds a user; the name must be 1 to 30 letters, digits, spaces, dots, dashes or underscores, unique per platform. */
  add(platform: Platform, name: string): PlaygroundUser {
    const trimmed = name.trim();
    if (!NAME_RE.test(trimmed)) {
      throw new PlaygroundRequestError(
        400,
        'A user name has 1 to 30 letters, digits, spaces, dots, dashes or underscores',
      );
    }
    if (this.idOf(platform, trimmed) !== undefined) {
      throw new PlaygroundRequestError(409, `There is already a ${platform} user named ${trimmed}`);
    }
    this.counter += 1;
    const prefix = platform === 'instagram' ? '5' : '8';
    const user: PlaygroundUser = {
      id: `${prefix}${String(this.counter).padStart(15, '0')}`,
      name: trimmed,
      platform,
    };
    this.users.set(user.id, user);
    return user;
  }
}
