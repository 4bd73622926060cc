/**
 * The playground in a real headless Chromium (playwright-core, Debian's chromium): the main flows through role
 * and name selectors, keyboard use, and the figures the README reports (first load, time to a usable composer,
 * bot answer to DOM). Figures are printed, never asserted against a time.
 */
import { strict as assert } from 'node:assert';
import type { Browser, Page } from 'playwright-core';
import { loadBotFile } from '../../lib/cli/bot-file.js';
import { startPlayground, type Playground } from '../../lib/playground/index.js';
import { launchChromium, summary } from './support/browser.js';

/** The page's globals the specs read (the specs compile without the DOM library). */
interface PageGlobals {
  readonly playground?: { readonly metrics: { readyAt?: number; readonly shown: Shown[] } };
  readonly document: { readonly activeElement: { readonly textContent: string | null } | null };
}

interface Shown {
  readonly requestId: number;
  readonly at: number;
  readonly shownAt: number;
}

const pageErrors: string[] = [];

/** Collects the page's uncaught errors; the suite fails on any (see the `after` hook). */
function watchErrors(page: Page): void {
  page.on('pageerror', (error) => pageErrors.push(error.message));
}

function report(line: string): void {
  process.stdout.write(`      [playground] ${line}\n`);
}

async function open(browser: Browser, playground: Playground): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  watchErrors(page);
  await page.goto(playground.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  await page.waitForFunction(
    () => (globalThis as unknown as PageGlobals).playground?.metrics.readyAt !== undefined,
  );
  return page;
}

async function say(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

describe('playground in a real Chromium', function () {
  this.timeout(60_000);
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    assert.deepEqual(pageErrors, [], 'the page threw no error');
  });

  describe('with the echo bot (the default bot file)', () => {
    let playground: Playground;
    let page: Page;
    before(async () => {
      playground = await startPlayground();
    });
    after(async () => {
      await page?.close();
      await playground?.close();
    });

    it('loads in under 300 KB and reports the time to a usable composer', async () => {
      page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      watchErrors(page);
      const responses: Promise<number>[] = [];
      page.on('requestfinished', (request) => {
        if (request.url().endsWith('/api/events')) return;
        responses.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
      });
      await page.goto(playground.url);
      await page.waitForFunction(
        () => (globalThis as unknown as PageGlobals).playground?.metrics.readyAt !== undefined,
      );
      const readyAt =
        (await page.evaluate(() => (globalThis as unknown as PageGlobals).playground?.metrics.readyAt)) ??
        NaN;
      const bytes = (await Promise.all(responses)).reduce((a, b) => a + b, 0);
      report(`first load: ${responses.length} responses, ${(bytes / 1024).toFixed(1)} KB transferred`);
      report(
        `usable composer (SSE hello and replay rendered) ${readyAt.toFixed(0)} ms after navigation start`,
      );
      assert.ok(bytes < 300 * 1024, `the first load transferred ${bytes} bytes`);
      assert.ok(await page.getByRole('textbox', { name: 'Message' }).isEditable());
    });

    it('sends a text (Send button and Enter) and shows the echo', async () => {
      await say(page, 'Hello bot!');
      await page.getByText('You said: Hello bot!').waitFor();
      await page.getByRole('textbox', { name: 'Message' }).fill('Sent with Enter');
      await page.keyboard.press('Enter');
      await page.getByText('You said: Sent with Enter').waitFor();
      assert.equal(await page.getByRole('textbox', { name: 'Message' }).inputValue(), '');
    });

    it('shows each bot answer soon after the emulator received it (median and max reported)', async () => {
      await page.evaluate(() => {
        const shown = (globalThis as unknown as PageGlobals).playground?.metrics.shown;
        if (shown !== undefined) shown.length = 0;
      });
      for (let i = 1; i <= 20; i += 1) {
        await page.getByRole('textbox', { name: 'Message' }).fill(`ping ${i}`);
        await page.keyboard.press('Enter');
        await page.getByText(`You said: ping ${i}`, { exact: true }).waitFor();
      }
      const shown =
        (await page.evaluate(() => (globalThis as unknown as PageGlobals).playground?.metrics.shown)) ?? [];
      assert.equal(shown.length, 20);
      const { median, max } = summary(shown.map((s) => s.shownAt - s.at));
      report(`bot answer to DOM over ${shown.length} messages: median ${median} ms, max ${max} ms`);
    });

    it('shows the raw JSON of the webhook the user sent and of the Graph call the bot made', async () => {
      await say(page, 'raw please');
      await page.getByText('You said: raw please').waitFor();
      const webhook = page.locator('#log > li[data-kind=webhook]', { hasText: 'page: message · Ann' }).last();
      await webhook.locator('summary').click();
      await webhook.getByText('"raw please"').waitFor();
      assert.match(await webhook.locator('pre').innerText(), /"object": "page"/);
      const call = page.locator('#log > li[data-kind=graph]', { hasText: '/messages' }).last();
      await call.locator('summary').click();
      const json = await call.locator('pre').innerText();
      assert.match(json, /"text": "You said: raw please"/);
      assert.match(json, /"status": 200/);
      assert.equal(await call.locator('.status').innerText(), '200');
    });

    it('switches to Instagram and chats as an Instagram user', async () => {
      await page.getByRole('tab', { name: 'Instagram' }).click();
      assert.equal(await page.getByRole('tab', { name: 'Instagram' }).getAttribute('aria-selected'), 'true');
      await page.getByRole('heading', { name: 'emulated_account' }).waitFor();
      await say(page, 'Hi from Instagram');
      await page.getByText('You said: Hi from Instagram').waitFor();
      await page.locator('#log > li', { hasText: 'instagram: message · cleo.ig' }).waitFor();
      assert.equal(
        await page.getByText('You said: Hello bot!').count(),
        0,
        'the Messenger chat is not shown',
      );
      await page.getByRole('tab', { name: 'Messenger' }).click();
      await page.getByText('You said: Hello bot!').waitFor();
    });

    it('keeps a conversation per user, and adds users', async () => {
      await page.getByRole('button', { name: 'Ben' }).click();
      assert.equal(await page.getByText('You said: Hello bot!').count(), 0);
      await say(page, 'I am Ben');
      await page.getByText('You said: I am Ben').waitFor();
      await page.getByRole('textbox', { name: 'New user' }).fill('Dana');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Dana' }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Dana' }).getAttribute('aria-current'), 'true');
      await say(page, 'I am Dana');
      await page.getByText('You said: I am Dana').waitFor();
      await page.getByRole('button', { name: 'Ann' }).click();
      await page.getByText('You said: Hello bot!').waitFor();
      assert.equal(await page.getByText('You said: I am Dana').count(), 0);
      const ids = new Set(playground.emulator.sent.map((m) => m.recipient.id));
      assert.equal(ids.size, 4, 'Ann, Ben, Dana and the Instagram user each got answers');
    });

    it('shows only the current conversation in the log while "Only this conversation" is ticked', async () => {
      const webhooksOf = (name: string) =>
        page.locator('#log > li[data-kind=webhook]', { hasText: `page: message · ${name}` });
      const filter = page.getByRole('checkbox', { name: 'Only this conversation' });
      await filter.check();
      assert.ok(await webhooksOf('Ann').last().isVisible(), "Ann's webhooks stay");
      assert.ok((await webhooksOf('Ben').count()) > 0);
      assert.equal(await webhooksOf('Ben').first().isVisible(), false, "Ben's webhooks are hidden");
      await filter.uncheck();
      assert.ok(await webhooksOf('Ben').first().isVisible(), 'unticked, every entry shows again');
    });
  });

  describe('with examples/menu.ts through loadBotFile', () => {
    let playground: Playground;
    let page: Page;
    before(async () => {
      playground = await startPlayground({
        bot: await loadBotFile('examples/menu.ts'),
        name: 'examples/menu.ts',
      });
      page = await open(browser, playground);
    });
    after(async () => {
      await page?.close();
      await playground?.close();
    });

    it('opens with Get Started, then taps quick replies and a postback button', async () => {
      await page.getByRole('button', { name: 'Get Started' }).click();
      await page.getByText('Welcome to Rx Bistro! What can I do for you?').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Get Started' }).count(), 0, 'Get Started is gone');
      await page.getByRole('button', { name: 'Opening hours' }).click();
      await page.getByText('We are open every day from 11:00 to 22:00. Anything else?').waitFor();
      const tap = playground.emulator.requests.length;
      await page.getByRole('button', { name: 'Order food' }).click();
      await page.getByText('What would you like?').waitFor();
      assert.ok(playground.emulator.requests.length > tap);
      await page.getByRole('button', { name: 'Pizza' }).click();
      await page.getByText('Great choice: a pizza is on its way! Anything else?').waitFor();
    });

    it('works with the keyboard alone: Enter sends, quick replies are reachable with Tab', async () => {
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.focus();
      await page.keyboard.type('anything');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Talk to a human' }).waitFor();
      await box.focus();
      let focused = '';
      for (let i = 0; i < 8 && focused !== 'Talk to a human'; i += 1) {
        await page.keyboard.press('Shift+Tab');
        focused = await page.evaluate(
          () => (globalThis as unknown as PageGlobals).document.activeElement?.textContent?.trim() ?? '',
        );
      }
      assert.equal(focused, 'Talk to a human');
      await page.keyboard.press('Enter');
      await page.getByText('A person from the team will answer here soon.').waitFor();
      await page.getByRole('tab', { name: 'Messenger' }).focus();
      await page.keyboard.press('ArrowRight');
      const instagram = page.getByRole('tab', { name: 'Instagram', selected: true });
      await instagram.waitFor();
      assert.ok(await instagram.evaluate((tab) => tab === tab.ownerDocument.activeElement));
      await page.keyboard.press('ArrowLeft');
      await page.getByRole('tab', { name: 'Messenger', selected: true }).waitFor();
    });
  });

  describe('with the showcase bot (examples/playground/showcase.ts)', () => {
    let playground: Playground;
    let page: Page;
    before(async () => {
      playground = await startPlayground({ bot: 'examples/playground/showcase.ts' });
      page = await open(browser, playground);
    });
    after(async () => {
      await page?.close();
      await playground?.close();
    });

    it('shows ice breakers, the persistent menu and templates from the profile the bot set', async () => {
      await page.getByRole('button', { name: 'What can you show me?' }).waitFor();
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('button', { name: 'Show the cards' }).click();
      await page.getByRole('group', { name: 'Carousel' }).waitFor();
      await page.getByRole('button', { name: 'Book a table' }).waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'See the menu' }).getAttribute('href'),
        'https://example.com/menu',
      );
      await page.getByRole('button', { name: 'Order a coffee' }).click();
      await page.getByText('You tapped “Order a coffee”.').waitFor();
      await say(page, 'buttons');
      await page.getByRole('button', { name: 'Talk to a human' }).waitFor();
      await say(page, 'photo');
      await page.getByRole('img', { name: 'image from the bot' }).waitFor();
    });

    it('shows typing, then the answer with its quick replies, and reactions', async () => {
      await say(page, 'hello there');
      await page.getByText('You said: hello there').waitFor();
      await page
        .getByRole('group', { name: 'Quick replies' })
        .getByRole('button', { name: 'Cards' })
        .waitFor();
      assert.ok(playground.emulator.actions.some((a) => a.action === 'typing_on'));
      await say(page, 'heart');
      await page.locator('.from-user .reaction').waitFor();
      const answer = page.locator('li.from-bot', { hasText: 'You said: hello there' });
      await answer.getByRole('button', { name: 'React' }).click();
      await page.locator('#log > li[data-kind=webhook]', { hasText: 'page: reaction · Ann' }).waitFor();
      await answer.getByRole('button', { name: 'React', pressed: true }).waitFor();
    });

    it('on Instagram: shows the error Graph answered to a text over the limit, and a reply under a mention', async () => {
      await page.getByRole('tab', { name: 'Instagram' }).click();
      await page.getByRole('button', { name: 'Show me the cards' }).waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Get Started' }).count(),
        0,
        'no Get Started on Instagram',
      );
      await say(page, 'long');
      await page
        .getByText(/must be at most 1000 bytes/)
        .first()
        .waitFor();
      const refused = page.locator('#log > li[data-kind=graph]', { hasText: '/messages' }).last();
      assert.equal(await refused.locator('.status').innerText(), '400');
      await page.getByRole('combobox', { name: 'Simulate' }).selectOption('mention_comment');
      await page.getByRole('textbox', { name: 'Comment text' }).fill('@emulated_account love this');
      await page.getByRole('button', { name: 'Post' }).click();
      const post = page.getByRole('article', { name: 'You mentioned @emulated_account in a comment' });
      await post.getByText('Thanks for the mention!').waitFor();
      await page.getByRole('combobox', { name: 'Simulate' }).selectOption('mention_caption');
      await page.getByRole('textbox', { name: 'Comment text' }).fill('My post with @emulated_account');
      await page.keyboard.press('Enter');
      await page
        .getByRole('article', { name: 'You mentioned @emulated_account in your post' })
        .getByText('Thanks for featuring us!')
        .waitFor();
    });
  });
});
