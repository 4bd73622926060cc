/** `messenger-rx profile get|set|delete` (Messenger Profile API, page token). */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { messageOf } from '../../errors/base.js';
import type { MessengerProfile, ProfileOptions } from '../../graph/index.js';
import type { CliContext, CliRun } from '../context.js';
import { CliError } from '../errors.js';

/** Every Messenger Profile property, read by `profile get` when none are named. */
export const PROFILE_FIELDS = [
  'get_started',
  'greeting',
  'persistent_menu',
  'ice_breakers',
  'commands',
  'whitelisted_domains',
  'account_linking_url',
] as const;

/** Reads a JSON object of profile properties from a file; a {@link CliError} names what is wrong. */
export async function readProfileFile(path: string, cwd: string): Promise<MessengerProfile> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${messageOf(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not JSON: ${messageOf(error)}`);
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.keys(value).length === 0
  ) {
    throw new CliError(
      `${path} must hold a JSON object of profile properties, e.g. {"get_started":{"payload":"GET_STARTED"}}`,
    );
  }
  return value as MessengerProfile;
}

/** Registers `profile get|set|delete` on the program. */
export function registerProfile(program: Command, run: CliRun): void {
  const profile = program
    .command('profile')
    .description(
      'The Messenger Profile: get started, greeting, persistent menu, ice breakers, commands (PAGE_ACCESS_TOKEN)',
    );
  const optionsOf = (ctx: CliContext, o: { instagram?: boolean }): ProfileOptions => {
    const page = ctx.env.get('PAGE_ID');
    return {
      from: page,
      ...(o.instagram === true ? { platform: 'instagram' } : {}),
    };
  };
  profile
    .command('get')
    .description('Print profile properties (all of them when none are named)')
    .argument('[fields...]', `properties to read: ${PROFILE_FIELDS.join(', ')}`)
    .option('--instagram', "the Instagram profile (ice breakers) instead of Messenger's")
    .action((fields: string[], o: { instagram?: boolean }) =>
      run(async (ctx) => {
        const wanted = fields.length > 0 ? fields : [...PROFILE_FIELDS];
        const data = await ctx.pageClient('profile get').profile.get(wanted, optionsOf(ctx, o));
        const keys = Object.keys(data);
        ctx.print(
          data,
          keys.length === 0
            ? ['No profile property is set.']
            : keys.map((k) => `${k}: ${JSON.stringify(data[k as keyof typeof data])}`),
        );
      }),
    );
  profile
    .command('set')
    .description('Set the profile properties of a JSON file, e.g. {"get_started":{"payload":"GET_STARTED"}}')
    .argument('<file.json>', 'a JSON object of profile properties')
    .option('--instagram', "the Instagram profile instead of Messenger's")
    .action((file: string, o: { instagram?: boolean }) =>
      run(async (ctx) => {
        const properties = await readProfileFile(file, ctx.io.cwd);
        const ok = await ctx.pageClient('profile set').profile.set(properties, optionsOf(ctx, o));
        ctx.print({ success: ok, set: Object.keys(properties) }, [
          `Set ${Object.keys(properties).join(', ')}.`,
        ]);
      }),
    );
  profile
    .command('delete')
    .description('Delete profile properties')
    .argument('<fields...>', `properties to delete: ${PROFILE_FIELDS.join(', ')}`)
    .option('--instagram', "the Instagram profile instead of Messenger's")
    .action((fields: string[], o: { instagram?: boolean }) =>
      run(async (ctx) => {
        const ok = await ctx.pageClient('profile delete').profile.delete(fields, optionsOf(ctx, o));
        ctx.print({ success: ok, deleted: fields }, [`Deleted ${fields.join(', ')}.`]);
      }),
    );
}
