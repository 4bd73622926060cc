import assert from 'node:assert/strict';
import { checkSignature } from '../../lib/webhook/signature.js';
import { signBody, SIGNATURE_HEADER } from '../../lib/webhook/index.js';
import { sha1Header } from './helpers.js';

describe('webhook signature', () => {
  it('signs like Meta: sha256= and the lowercase hex HMAC-SHA256 of the bytes', () => {
    assert.equal(
      signBody('The quick brown fox jumps over the lazy dog', 'key'),
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    assert.equal(SIGNATURE_HEADER, 'x-hub-signature-256');
  });

  it('signs a string as its UTF-8 bytes', () => {
    assert.equal(signBody('äöå 👋', 's'), signBody(Buffer.from('äöå 👋', 'utf8'), 's'));
  });

  it('tells missing, malformed, mismatching and valid signatures apart', () => {
    const body = Buffer.from('{"object":"page"}');
    const good = signBody(body, 's1');
    assert.equal(checkSignature(body, { [SIGNATURE_HEADER]: good }, ['s1'], false), 'valid');
    assert.equal(checkSignature(body, { [SIGNATURE_HEADER]: good.toUpperCase() }, ['s1'], false), 'valid');
    assert.equal(checkSignature(body, {}, ['s1'], false), 'missing');
    assert.equal(checkSignature(body, { [SIGNATURE_HEADER]: '  ' }, ['s1'], false), 'missing');
    assert.equal(checkSignature(body, { [SIGNATURE_HEADER]: 'sha256=xyz' }, ['s1'], false), 'malformed');
    assert.equal(checkSignature(body, { [SIGNATURE_HEADER]: good + '0' }, ['s1'], false), 'malformed');
    assert.equal(checkSignature(body, { [SIGNATURE_HEADER]: good }, ['s2'], false), 'mismatch');
    assert.equal(checkSignature(body, { [SIGNATURE_HEADER]: good }, ['s2', 's1'], false), 'valid');
  });

  it('uses the SHA-1 header only when allowed and the SHA-256 one is absent', () => {
    const body = Buffer.from('{}');
    const headers = { 'x-hub-signature': sha1Header(body, 's1') };
    assert.equal(checkSignature(body, headers, ['s1'], false), 'missing');
    assert.equal(checkSignature(body, headers, ['s1'], true), 'valid');
    assert.equal(checkSignature(body, { 'x-hub-signature': 'sha1=abc' }, ['s1'], true), 'malformed');
  });
});
