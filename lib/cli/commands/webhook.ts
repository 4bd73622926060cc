/** `messenger-rx webhook check <url>`. */
import type { Command } from 'commander';
import type { CliRun } from '../context.js';
import { CliError } from '../errors.js';
import { checkWebhook } from '../webhook-check.js';

/** Registers `webhook check <url>` on the program. */
export function registerWebhook(program: Command, run: CliRun): void {
  const webhook = program.command('webhook').description('Check a webhook the way Meta calls it');
  webhook
    .command('check')
    .description(
      'Send the GET handshake (hub.challenge, VERIFY_TOKEN) and a POST signed with APP_SECRET, as Meta does, ' +
        'and an unsigned POST the webhook must refuse',
    )
    .argument('<url>', 'the callback URL, e.g. https://example.com/webhook')
    .option('--timeout <ms>', 'how long each request may take', '10000')
    .action((url: string, options: { timeout: string }) =>
      run(async (ctx) => {
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          throw new CliError(`Not a URL: ${url}`);
        }
        const steps = await checkWebhook({
          url: parsed.href,
          verifyToken: ctx.env.need('VERIFY_TOKEN', 'webhook check'),
          appSecret: ctx.env.need('APP_SECRET', 'webhook check'),
          timeoutMs: Number(options.timeout),
        });
        ctx.print(
          { url: parsed.href, ok: steps.every((s) => s.ok) && steps.length === 3, steps },
          steps.map((s) => `${s.ok ? '✓' : '✗'} ${s.name}: ${s.detail}`),
        );
        const failed = steps.find((s) => !s.ok);
        if (failed !== undefined)
          throw new CliError(`webhook check failed at the ${failed.name}: ${failed.detail}`);
      }),
    );
}
