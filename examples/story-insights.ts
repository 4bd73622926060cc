/**
 * Story insights logger: when one of the account's stories expires, Instagram sends its metrics
 * (`story_insights`: reach, impressions, replies, exits, taps forward and back). The bot logs one line per story,
 * shows -1 as "fewer than 5" (Meta hides small counts), and keeps a running summary. Nothing is sent back.
 *
 * Run it locally: `npm run example:insights` (three stories expire on the emulator), `npm run example:insights --
 * --console` (then `/insights`), or add `-- --once`.
 *
 * Run it against a real account: set APP_SECRET, VERIFY_TOKEN and PAGE_ACCESS_TOKEN (GRAPH_API_URL, PORT optional)
 * and start `npm run example:insights`; the webhook is at /webhook. Expose it with a tunnel (`ngrok http 3000`),
 * set https://<tunnel>/webhook as the callback URL of the Instagram object in the dashboard and subscribe to
 * `story_insights`.
 */
import { Bot, type BotOptions, type StoryInsightsEvent } from '../lib/index.js';
import type { StoryInsightsInput } from '../lib/emulator/index.js';
import { isMain, runExample, type Example } from './support/run.js';

/** The metrics of one story, as Meta sends them (-1: fewer than 5). */
export type StoryMetrics = StoryInsightsEvent['value'];

const METRICS = ['reach', 'impressions', 'replies', 'exits', 'taps_forward', 'taps_back'] as const;

/** Totals over the stories seen so far; `hidden` counts values Meta reported as -1 (left out of the totals). */
export interface InsightsSummary {
  readonly stories: number;
  readonly totals: Readonly<Record<(typeof METRICS)[number], number>>;
  readonly hidden: number;
}

/** Formats one count: -1 becomes "fewer than 5". */
export function formatCount(value: number): string {
  return value === -1 ? 'fewer than 5' : String(value);
}

/** Keeps the running summary of story insights and formats the log lines. */
export class InsightsLog {
  private stories = 0;
  private hidden = 0;
  private readonly totals: Record<(typeof METRICS)[number], number> = {
    reach: 0,
    impressions: 0,
    replies: 0,
    exits: 0,
    taps_forward: 0,
    taps_back: 0,
  };

  /** Adds one story's metrics and returns its log line. */
  record(metrics: StoryMetrics): string {
    this.stories += 1;
    for (const metric of METRICS) {
      const value = metrics[metric];
      if (value === -1) this.hidden += 1;
      else this.totals[metric] += value;
    }
    const parts = METRICS.map((metric) => `${metric.replace('_', ' ')} ${formatCount(metrics[metric])}`);
    return `story ${metrics.media_id}: ${parts.join(', ')}`;
  }

  /** The totals so far. */
  summary(): InsightsSummary {
    return { stories: this.stories, totals: { ...this.totals }, hidden: this.hidden };
  }

  /** The summary as one line. */
  summaryLine(): string {
    const s = this.summary();
    const hidden = s.hidden > 0 ? ` (${s.hidden} value(s) under 5 not counted)` : '';
    return `${s.stories} stories so far: reach ${s.totals.reach}, impressions ${s.totals.impressions}, replies ${s.totals.replies}${hidden}`;
  }
}

/** Options of the insights bot: where lines go (default console.log) and the summary to keep. */
export interface StoryInsightsOptions extends BotOptions {
  readonly log?: (line: string) => void;
  readonly insights?: InsightsLog;
}

/** The story insights bot: logs every expired story's metrics and the running summary. */
export function createStoryInsightsBot(options: StoryInsightsOptions): Bot {
  const { log = (line: string) => console.log(line), insights = new InsightsLog(), ...botOptions } = options;
  const bot = new Bot(botOptions);
  bot.on('story_insights', (ctx) => {
    log(insights.record(ctx.event.value));
    log(insights.summaryLine());
  });
  return bot;
}

/** Meta's own sample `story_insights` value (without the media id): what the demo's first story reports. */
export const META_SAMPLE_STORY: Omit<StoryInsightsInput, 'mediaId'> = {
  reach: 17,
  impressions: 28,
  replies: 0,
  exits: 1,
  tapsForward: 12,
  tapsBack: 0,
};

/** The stories the demo lets expire: Meta's sample, a busier one, and one with counts too small to report. */
export const DEMO_STORIES: readonly Omit<StoryInsightsInput, 'mediaId'>[] = [
  META_SAMPLE_STORY,
  { reach: 42, impressions: 60, replies: 3, exits: 2, tapsForward: 20, tapsBack: 4 },
  { reach: 6, impressions: 9, replies: -1, exits: -1, tapsForward: 5, tapsBack: -1 },
];

/** The insights example: three stories expire, one of them with counts too small to report. */
export const storyInsightsExample: Example<Bot> = {
  script: 'example:insights',
  title: 'Story insights logger: one line per expired story, -1 shown as "fewer than 5".',
  create: (config, print) => createStoryInsightsBot({ ...config, log: (line) => print(`  bot ✎ ${line}`) }),
  demo: async (demo) => {
    for (const story of DEMO_STORIES) await demo.storyInsights(story);
  },
};

if (isMain(import.meta.url)) process.exitCode = await runExample(storyInsightsExample);

/** The bot file of this example, for `messenger-rx console|playground examples/story-insights.ts`. */
export default storyInsightsExample;
