import assert from 'node:assert/strict';
import type { Bot } from '../../lib/bot/index.js';
import { createTestKit, type TestKit } from '../../lib/testkit/index.js';
import {
  createStoryInsightsBot,
  formatCount,
  InsightsLog,
  META_SAMPLE_STORY,
} from '../../examples/story-insights.js';

describe('examples/story-insights', function () {
  this.timeout(10_000);
  let kit: TestKit<Bot>;
  let lines: string[];
  let insights: InsightsLog;

  beforeEach(async () => {
    lines = [];
    insights = new InsightsLog();
    kit = await createTestKit((config) =>
      createStoryInsightsBot({ ...config, log: (line) => lines.push(line), insights }),
    );
  });
  afterEach(async () => {
    await kit.close();
  });

  it('logs one line per expired story with every metric, and calls no Graph API', async () => {
    const delivery = await kit.instagram.storyInsights(META_SAMPLE_STORY);
    await kit.settle();
    assert.equal(
      lines[0],
      `story ${delivery.mediaId}: reach 17, impressions 28, replies 0, exits 1, taps forward 12, taps back 0`,
    );
    assert.equal(lines[1], '1 stories so far: reach 17, impressions 28, replies 0');
    assert.deepEqual(kit.emulator.requests, []);
  });

  it('shows -1 as "fewer than 5" and leaves it out of the totals', async () => {
    await kit.instagram.storyInsights({ reach: 10, impressions: 20, replies: 2 });
    await kit.instagram.storyInsights({ reach: 6, impressions: 9, replies: -1, exits: -1 });
    await kit.settle();
    assert.match(lines[2] ?? '', /replies fewer than 5, exits fewer than 5/);
    assert.deepEqual(insights.summary(), {
      stories: 2,
      totals: { reach: 16, impressions: 29, replies: 2, exits: 0, taps_forward: 0, taps_back: 0 },
      hidden: 2,
    });
    assert.match(lines[3] ?? '', /\(2 value\(s\) under 5 not counted\)$/);
  });

  it('formatCount keeps real counts as numbers', () => {
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(-1), 'fewer than 5');
  });
});
