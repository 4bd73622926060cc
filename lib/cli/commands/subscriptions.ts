/** `messenger-rx subscriptions list|set|delete` (`/{app-id}/subscriptions`, app access token). */
import type { Command } from 'commander';
import type { CliRun } from '../context.js';

/** Splits a comma list (`messages,messaging_postbacks`) into names. */
export function commaList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** Registers `subscriptions list|set|delete` on the program. */
export function registerSubscriptions(program: Command, run: CliRun): void {
  const subscriptions = program
    .command('subscriptions')
    .description("The app's webhook subscriptions (/{app-id}/subscriptions; needs APP_ID and APP_SECRET)");
  subscriptions
    .command('list')
    .description('List the objects the app is subscribed to, with callback URL and fields')
    .action(() =>
      run(async (ctx) => {
        const appId = ctx.env.need('APP_ID', 'subscriptions list');
        const list = await ctx.appClient('subscriptions list').subscriptions.list(appId);
        ctx.print(
          list,
          list.length === 0
            ? ['The app has no webhook subscriptions.']
            : list.map(
                (s) =>
                  `${s.object}  ${s.callback_url ?? '-'}  ${s.active === false ? 'inactive' : 'active'}  ` +
                  `fields: ${(s.fields ?? []).map((f) => f.name).join(', ') || '-'}`,
              ),
        );
      }),
    );
  subscriptions
    .command('set')
    .description(
      'Subscribe the app to fields of an object (Meta verifies the callback URL with VERIFY_TOKEN)',
    )
    .requiredOption('--callback-url <url>', 'the webhook URL Meta calls')
    .requiredOption('--fields <fields>', 'comma-separated fields, e.g. messages,messaging_postbacks')
    .option('--object <object>', 'page, instagram, user, permissions, ...', 'page')
    .option('--include-values', 'include the new values in change notifications')
    .action((options: { callbackUrl: string; fields: string; object: string; includeValues?: boolean }) =>
      run(async (ctx) => {
        const appId = ctx.env.need('APP_ID', 'subscriptions set');
        const fields = commaList(options.fields);
        const ok = await ctx.appClient('subscriptions set').subscriptions.subscribe(appId, {
          object: options.object,
          callbackUrl: options.callbackUrl,
          fields,
          includeValues: options.includeValues === true,
          verifyToken: ctx.env.need('VERIFY_TOKEN', 'subscriptions set'),
        });
        ctx.print({ success: ok, object: options.object, fields }, [
          `Subscribed the app to ${options.object}: ${fields.join(', ')}.`,
        ]);
      }),
    );
  subscriptions
    .command('delete')
    .description('Remove subscriptions: all, one object (--object), or some of its fields (--fields)')
    .option('--object <object>', 'the object to unsubscribe from')
    .option('--fields <fields>', 'comma-separated fields of that object')
    .action((options: { object?: string; fields?: string }) =>
      run(async (ctx) => {
        const appId = ctx.env.need('APP_ID', 'subscriptions delete');
        const fields = options.fields === undefined ? undefined : commaList(options.fields);
        const ok = await ctx.appClient('subscriptions delete').subscriptions.unsubscribe(appId, {
          ...(options.object === undefined ? {} : { object: options.object }),
          ...(fields === undefined ? {} : { fields }),
        });
        const what =
          options.object === undefined
            ? 'every object'
            : fields === undefined
              ? options.object
              : `${options.object} (${fields.join(', ')})`;
        ctx.print({ success: ok }, [`Removed the subscription of ${what}.`]);
      }),
    );
}
