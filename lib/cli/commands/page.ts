/** `messenger-rx page subscribe|unsubscribe|list` (`/{page-id}/subscribed_apps`, page token). */
import type { Command } from 'commander';
import type { CliContext, CliRun } from '../context.js';
import { commaList } from './subscriptions.js';

/** The fields `page subscribe` subscribes to when none are given: what a messenger-rx bot handles. */
export const DEFAULT_PAGE_FIELDS = [
  'messages',
  'messaging_postbacks',
  'messaging_referrals',
  'message_reactions',
  'messaging_handovers',
  'standby',
] as const;

/** Registers `page subscribe|unsubscribe|list` on the program. */
export function registerPage(program: Command, run: CliRun): void {
  const page = program
    .command('page')
    .description(
      "The page's subscribed apps (/{page-id}/subscribed_apps; needs PAGE_ACCESS_TOKEN, PAGE_ID or me)",
    );
  const pageOf = (ctx: CliContext, option: string | undefined): string =>
    option ?? ctx.env.get('PAGE_ID') ?? 'me';
  page
    .command('subscribe')
    .description("Subscribe the app to the page's webhook fields")
    .option('--fields <fields>', 'comma-separated fields', DEFAULT_PAGE_FIELDS.join(','))
    .option('--page <id>', "the page id (default PAGE_ID, else the token's page)")
    .action((options: { fields: string; page?: string }) =>
      run(async (ctx) => {
        const id = pageOf(ctx, options.page);
        const fields = commaList(options.fields);
        const ok = await ctx.pageClient('page subscribe').subscriptions.subscribePage(id, fields);
        ctx.print({ success: ok, page: id, fields }, [
          `Subscribed the app to page ${id}: ${fields.join(', ')}.`,
        ]);
      }),
    );
  page
    .command('unsubscribe')
    .description('Unsubscribe the app from the page')
    .option('--page <id>', "the page id (default PAGE_ID, else the token's page)")
    .action((options: { page?: string }) =>
      run(async (ctx) => {
        const id = pageOf(ctx, options.page);
        const ok = await ctx.pageClient('page unsubscribe').subscriptions.unsubscribePage(id);
        ctx.print({ success: ok, page: id }, [`Unsubscribed the app from page ${id}.`]);
      }),
    );
  page
    .command('list')
    .description('List the apps subscribed to the page and their fields')
    .option('--page <id>', "the page id (default PAGE_ID, else the token's page)")
    .action((options: { page?: string }) =>
      run(async (ctx) => {
        const id = pageOf(ctx, options.page);
        const apps = await ctx.pageClient('page list').subscriptions.listPage(id);
        ctx.print(
          apps,
          apps.length === 0
            ? [`No app is subscribed to page ${id}.`]
            : apps.map(
                (a) => `${a.id}  ${a.name ?? '-'}  fields: ${(a.subscribed_fields ?? []).join(', ') || '-'}`,
              ),
        );
      }),
    );
}
