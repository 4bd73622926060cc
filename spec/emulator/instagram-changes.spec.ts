import assert from 'node:assert/strict';
import type { Emulator } from '../../lib/emulator/index.js';
import { type Sink, useConnectedEmulator } from './helpers.js';

type Json = Record<string, unknown>;

function change(sink: Sink): { body: Json; entry: Json; change: Json } {
  const received = sink.received[sink.received.length - 1];
  assert.ok(received?.signatureValid);
  const body = received.body as Json;
  const entry = (body['entry'] as Json[])[0] as Json;
  const changes = entry['changes'] as Json[];
  assert.equal(changes.length, 1);
  return { body, entry, change: changes[0] as Json };
}

describe('emulator Instagram changes: mentions, comments, story insights', () => {
  let emulator: Emulator;
  let sink: Sink;
  useConnectedEmulator((connected) => ({ emulator, sink } = connected));

  it('sends a comment mention as { comment_id, media_id } with entry time in seconds and keeps both in state', async () => {
    const nowSeconds = Math.floor(Date.now() / 1000);
    const result = await emulator.instagram.mentionInComment({ from: 'ann', text: '@emulated_account look' });
    assert.equal(result.status, 200);
    const { body, entry, change: c } = change(sink);
    assert.equal(body['object'], 'instagram');
    assert.equal(entry['id'], emulator.config.igAccountId);
    assert.ok(Math.abs(Number(entry['time']) - nowSeconds) < 5, 'entry time is in seconds');
    assert.deepEqual(c, {
      field: 'mentions',
      value: { comment_id: result.commentId, media_id: result.mediaId },
    });
    assert.equal(emulator.state.comments.get(result.commentId ?? '')?.text, '@emulated_account look');
    assert.ok(emulator.state.media.has(result.mediaId));
  });

  it('sends a caption mention as { media_id } only', async () => {
    const result = await emulator.instagram.mentionInCaption({
      caption: '@emulated_account hi',
      time: 1520622968,
    });
    const { entry, change: c } = change(sink);
    assert.equal(entry['time'], 1520622968);
    assert.deepEqual(c, { field: 'mentions', value: { media_id: result.mediaId } });
  });

  it('sends a comments change with from, media, id and text (and live_comments for live)', async () => {
    const result = await emulator.instagram.comment({
      from: { id: '1784', username: 'ann' },
      text: 'nice pic',
    });
    assert.deepEqual(change(sink).change, {
      field: 'comments',
      value: {
        from: { id: '1784', username: 'ann' },
        media: { id: result.mediaId, media_product_type: 'FEED' },
        id: result.commentId,
        text: 'nice pic',
      },
    });
    await emulator.instagram.comment({ from: 'bob', text: 'live!', live: true, mediaId: result.mediaId });
    const live = change(sink).change;
    assert.equal(live['field'], 'live_comments');
    assert.equal(((live['value'] as Json)['media'] as Json)['media_product_type'], 'LIVE');
  });

  it('gives the same made-up IGSID to the same username', async () => {
    const a = await emulator.instagram.comment({ from: 'carol', text: '1' });
    const b = await emulator.instagram.comment({ from: 'carol', text: '2' });
    const from = (id: string | undefined) => emulator.state.comments.get(id ?? '')?.from.id;
    assert.equal(from(a.commentId), from(b.commentId));
  });

  it('sends story_insights with -1 allowed for counts', async () => {
    const result = await emulator.instagram.storyInsights({ reach: 17, impressions: 28, exits: -1 });
    assert.deepEqual(change(sink).change, {
      field: 'story_insights',
      value: {
        media_id: result.mediaId,
        exits: -1,
        replies: 0,
        reach: 17,
        taps_forward: 0,
        taps_back: 0,
        impressions: 28,
      },
    });
  });
});
