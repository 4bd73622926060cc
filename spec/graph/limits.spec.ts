import assert from 'node:assert/strict';
import { SEND_LIMITS, codePointLength } from '../../lib/graph/index.js';
import { REDACTED, createRedactor } from '../../lib/graph/core/redact.js';
import { utf8ByteLength } from '../../lib/graph/limits.js';

describe('graph limits and redaction helpers', () => {
  it('counts code points, not UTF-16 units, and UTF-8 bytes', () => {
    assert.equal(codePointLength('a😀é'), 3);
    assert.equal('a😀é'.length, 4);
    assert.equal(utf8ByteLength('a😀é'), 7);
  });

  it('documents the Send API limits it enforces', () => {
    assert.equal(SEND_LIMITS.textChars, 2000);
    assert.equal(SEND_LIMITS.metadataChars, 999);
    assert.equal(SEND_LIMITS.quickReplies, 13);
    assert.equal(SEND_LIMITS.quickReplyTitleChars, 20);
    assert.equal(SEND_LIMITS.quickReplyPayloadChars, 1000);
    assert.equal(SEND_LIMITS.instagramTextBytes, 1000);
  });

  it('redacts known secrets, their URL-encoded form, the secret half of app tokens and token-shaped text', () => {
    const redact = createRedactor(['tok/en+1234', '42|s3cretpart']);
    assert.equal(redact('a tok/en+1234 b tok%2Fen%2B1234'), `a ${REDACTED} b ${REDACTED}`);
    assert.equal(redact('secret s3cretpart'), `secret ${REDACTED}`);
    assert.equal(
      redact('x?access_token=abc&appsecret_proof=def&y=1'),
      `x?access_token=${REDACTED}&appsecret_proof=${REDACTED}&y=1`,
    );
    assert.equal(redact('Authorization: Bearer EAAxyz'), `Authorization: Bearer ${REDACTED}`);
    assert.equal(redact('app 1234567890|abcdefghijkl'), `app 1234567890|${REDACTED}`);
  });

  it('redacts token values after Bearer and OAuth, never the words of a sentence around them', () => {
    const redact = createRedactor([]);
    assert.equal(redact('Invalid OAuth access token.'), 'Invalid OAuth access token.');
    assert.equal(
      redact('Error validating access token: OAuth Exception'),
      'Error validating access token: OAuth Exception',
    );
    assert.equal(redact('a Bearer token is missing'), 'a Bearer token is missing');
    assert.equal(redact('OAuth EAABsbCS1iHgBAKZC'), `OAuth ${REDACTED}`);
    assert.equal(redact('Bearer abc.def'), `Bearer ${REDACTED}`);
    assert.equal(redact('Bearer abcdefghijklmnopqrstuvwxyz'), `Bearer ${REDACTED}`, 'longer than any word');
  });
});
