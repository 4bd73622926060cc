/** `messenger-rx send <recipient-id> <text>` (Send API, page token). */
import type { Command } from 'commander';
import type { CliRun } from '../context.js';

/** Registers `send <recipient-id> <text>` on the program. */
export function registerSend(program: Command, run: CliRun): void {
  program
    .command('send')
    .description('Send a text message to a PSID or IGSID from the page (PAGE_ACCESS_TOKEN; PAGE_ID or me)')
    .argument('<recipient-id>', 'the PSID (Messenger) or IGSID (Instagram) of the person')
    .argument('<text>', 'the text to send')
    .option('--tag <tag>', 'a message tag, e.g. HUMAN_AGENT (outside the 24-hour window)')
    .option('--persona <id>', 'send as this persona')
    .option('--instagram', "check Instagram's limits (1000 UTF-8 bytes)")
    .action((recipient: string, text: string, o: { tag?: string; persona?: string; instagram?: boolean }) =>
      run(async (ctx) => {
        const page = ctx.env.get('PAGE_ID');
        const result = await ctx.pageClient('send').send.text(recipient, text, {
          from: page,
          tag: o.tag,
          personaId: o.persona,
          ...(o.instagram === true ? { platform: 'instagram' as const } : {}),
        });
        ctx.print(result, [`Sent ${result.message_id} to ${result.recipient_id ?? recipient}.`]);
      }),
    );
}
