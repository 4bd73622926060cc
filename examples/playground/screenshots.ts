/**
 * Screenshots of the playground for the README: `npx tsx examples/playground/screenshots.ts` starts the
 * playground with the showcase bot (examples/playground/showcase.ts), plays a short chat on Messenger and one
 * on Instagram in a headless Chromium, and writes examples/playground/messenger.png and instagram.png.
 * Needs Debian's Chromium (`apt-get install -y chromium`; CHROMIUM_PATH overrides /usr/bin/chromium).
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { startPlayground } from '../../lib/playground/index.js';
import { launchChromium } from '../../spec/playground/support/browser.js';

const out = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

async function say(page: Page, text: string, expect: string | RegExp): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.keyboard.press('Enter');
  await page.getByText(expect).first().waitFor();
}

async function main(): Promise<void> {
  const showcase = fileURLToPath(new URL('./showcase.ts', import.meta.url));
  const playground = await startPlayground({ bot: showcase, name: 'examples/playground/showcase.ts' });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 }, deviceScaleFactor: 1 });
    await page.goto(playground.url);
    await page.getByRole('button', { name: 'Get Started' }).click();
    await page.getByText('Welcome to the showcase!').waitFor();
    await page.getByRole('button', { name: 'Cards' }).click();
    await page.getByRole('group', { name: 'Carousel' }).waitFor();
    await say(page, 'Can I book for tonight?', 'You said: Can I book for tonight?');
    await say(page, 'buttons', 'How would you like to continue?');
    await page.locator('#log > li[data-kind=graph]').last().locator('summary').click();
    await page.getByRole('textbox', { name: 'Message' }).focus();
    await page.screenshot({ path: out('messenger.png') });

    await page.getByRole('tab', { name: 'Instagram' }).click();
    await say(page, 'Hi! Do you ship abroad?', 'You said: Hi! Do you ship abroad?');
    await page.getByRole('combobox', { name: 'Simulate' }).selectOption('mention_comment');
    await page.getByRole('textbox', { name: 'Comment text' }).fill('@emulated_account best pizza in town');
    await page.getByRole('button', { name: 'Post' }).click();
    await page.getByText('Thanks for the mention!').waitFor();
    await say(page, 'long', /at most 1000 bytes/);
    await page.getByRole('checkbox', { name: 'Only this conversation' }).check();
    await page
      .locator('#log > li[data-kind=webhook]', { hasText: 'mention-comment' })
      .locator('summary')
      .click();
    await page.getByRole('textbox', { name: 'Message' }).focus();
    await page.screenshot({ path: out('instagram.png') });
    process.stdout.write(`Wrote ${out('messenger.png')} and ${out('instagram.png')}\n`);
  } finally {
    await browser.close();
    await playground.close();
  }
}

await main();
