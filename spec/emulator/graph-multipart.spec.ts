import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { EMULATOR_DEFAULTS, startEmulator, type Emulator } from '../../lib/emulator/index.js';
import { appSecretProof } from '../../lib/graph/index.js';
import { errorOf, graph, graphMultipart, multipartBody, type FormPart } from './helpers.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'); // PNG signature + IHDR start (has \r\n)
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
const json = (value: unknown): string => JSON.stringify(value);

function uploadParts(file: { filename: string; contentType?: string; data: Buffer }): FormPart[] {
  return [
    { name: 'message', value: json({ attachment: { type: 'image', payload: { is_reusable: true } } }) },
    { name: 'filedata', ...file },
  ];
}

describe('emulator Graph API: multipart/form-data file uploads', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator();
  });
  afterEach(() => emulator.close());

  it('uploads a filedata part to message_attachments; its attachment_id then sends, carrying the file', async () => {
    const upload = await graphMultipart(
      emulator.url,
      '/v25.0/me/message_attachments',
      uploadParts({ filename: 'cat.png', contentType: 'image/png', data: PNG }),
    );
    assert.equal(upload.status, 200, json(upload.json));
    const id = String(upload.json['attachment_id']);
    assert.match(id, /^\d+$/);
    const described = {
      filename: 'cat.png',
      contentType: 'image/png',
      size: PNG.length,
      sha256: sha256(PNG),
    };
    assert.deepEqual(emulator.state.attachments.get(id), {
      id,
      account: EMULATOR_DEFAULTS.pageId,
      type: 'image',
      url: undefined,
      isReusable: true,
      ...described,
    });
    const request = emulator.requests[0];
    assert.deepEqual(request?.params['filedata'], described);
    assert.deepEqual(request?.params['message'], {
      attachment: { type: 'image', payload: { is_reusable: true } },
    });

    const send = await graph(emulator.url, 'POST', '/v25.0/me/messages', {
      json: {
        recipient: { id: '42' },
        message: { attachment: { type: 'image', payload: { attachment_id: id } } },
      },
    });
    assert.equal(send.status, 200, json(send.json));
    assert.equal(send.json['recipient_id'], '42');
    assert.deepEqual(emulator.sent[0]?.file, described);
  });

  it('uploads for Instagram with a platform field, to the IG account', async () => {
    const upload = await graphMultipart(
      emulator.url,
      `/v25.0/${EMULATOR_DEFAULTS.igAccountId}/message_attachments`,
      [
        { name: 'message', value: json({ attachment: { type: 'video', payload: { is_reusable: false } } }) },
        { name: 'platform', value: 'instagram' },
        { name: 'filedata', filename: 'clip.mp4', contentType: 'video/mp4', data: Buffer.from('mp4') },
      ],
    );
    assert.equal(upload.status, 200, json(upload.json));
    const record = emulator.state.attachments.get(String(upload.json['attachment_id']));
    assert.equal(record?.account, EMULATOR_DEFAULTS.igAccountId);
    assert.equal(record?.filename, 'clip.mp4');
    assert.equal(record?.isReusable, false);
    assert.equal(emulator.requests[0]?.params['platform'], 'instagram');
  });

  it('sends a file directly in /messages; the message, its file and every field are recorded', async () => {
    const user = emulator.user('123');
    const message = { attachment: { type: 'image', payload: { is_reusable: false } } };
    const answer = await graphMultipart(emulator.url, `/v25.0/${EMULATOR_DEFAULTS.pageId}/messages`, [
      { name: 'recipient', value: json({ id: '123' }) },
      { name: 'messaging_type', value: 'MESSAGE_TAG' },
      { name: 'tag', value: 'HUMAN_AGENT' },
      { name: 'notification_type', value: 'SILENT_PUSH' },
      { name: 'reply_to', value: json({ mid: 'm_earlier' }) },
      { name: 'message', value: json(message) },
      { name: 'filedata', filename: 'cat.png', contentType: 'image/png', data: PNG },
    ]);
    assert.equal(answer.status, 200, json(answer.json));
    assert.equal(answer.json['recipient_id'], '123');
    assert.match(String(answer.json['message_id']), /^m_/);

    const sent = await user.nextMessage({ timeoutMs: 500 });
    assert.equal(sent.messageId, answer.json['message_id']);
    assert.deepEqual(sent.message, message);
    assert.equal(sent.text, undefined);
    assert.deepEqual(sent.recipient, { id: '123' });
    const described = {
      filename: 'cat.png',
      contentType: 'image/png',
      size: PNG.length,
      sha256: sha256(PNG),
    };
    assert.deepEqual(sent.file, described);
    assert.deepEqual(sent.body, {
      recipient: { id: '123' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      notification_type: 'SILENT_PUSH',
      reply_to: { mid: 'm_earlier' },
      message,
      filedata: described,
    });
    assert.equal(user.messages.length, 1);
  });

  // A client picks a boundary that its content does not hold (RFC 2046), so only shorter look-alikes here.
  it('keeps binary content whole: CR/LF, "\\r\\n--" and boundary look-alikes inside the file', async () => {
    const boundary = 'XyZ-boundary';
    const data = Buffer.concat([
      Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      Buffer.from(`\r\n--\r\n--${boundary.slice(0, 8)}\r\n--${boundary.slice(0, 11)} \tZ`, 'latin1'),
      Buffer.from(`\r\n--${boundary.slice(0, 5)}\r\n\r\nZ`, 'latin1'),
      Buffer.from([0x0d, 0x0a, 0x2d, 0x2d]), // ends with "\r\n--" right before the real delimiter
    ]);
    const answer = await graphMultipart(
      emulator.url,
      '/v25.0/me/message_attachments',
      uploadParts({ filename: 'blob.bin', contentType: 'application/octet-stream', data }),
      { boundary },
    );
    assert.equal(answer.status, 200, json(answer.json));
    const record = emulator.state.attachments.get(String(answer.json['attachment_id']));
    assert.equal(record?.size, data.length);
    assert.equal(record?.sha256, sha256(data));
  });

  it('accepts a 25 MB file (Meta attachment limit) and never keeps its bytes in the records', async function () {
    this.timeout(20_000);
    const data = Buffer.alloc(25 * 1024 * 1024, 'never-recorded-marker;');
    const answer = await graphMultipart(
      emulator.url,
      '/v25.0/me/message_attachments',
      uploadParts({ filename: 'big.bin', data }),
    );
    assert.equal(answer.status, 200, json(answer.json));
    const request = emulator.requests[0];
    assert.deepEqual(request?.params['filedata'], {
      filename: 'big.bin',
      contentType: 'text/plain', // the part has none: Fetch reads it as text/plain
      size: data.length,
      sha256: sha256(data),
    });
    assert.doesNotMatch(json(emulator.requests), /never-recorded-marker/);
    assert.doesNotMatch(json([...emulator.state.attachments.values()]), /never-recorded-marker/);
  });

  it('takes access_token and appsecret_proof from form fields and never records them', async () => {
    const token = 'form-field-token-value';
    const proof = appSecretProof(token, EMULATOR_DEFAULTS.appSecret);
    const send = (appsecretProof: string) =>
      graphMultipart(
        emulator.url,
        '/v25.0/me/messages',
        [
          { name: 'access_token', value: token },
          { name: 'appsecret_proof', value: appsecretProof },
          { name: 'recipient', value: json({ id: '7' }) },
          { name: 'message', value: json({ attachment: { type: 'file', payload: {} } }) },
          { name: 'filedata', filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('hello') },
        ],
        { token: null },
      );
    const good = await send(proof);
    assert.equal(good.status, 200, json(good.json));
    const bad = await send('0'.repeat(64));
    assert.equal(bad.status, 400);
    assert.match(String(errorOf(bad)['message']), /appsecret_proof/);
    const request = emulator.requests[0];
    assert.equal(request?.hasAccessToken, true);
    assert.equal(request?.hasAppSecretProof, true);
    assert.equal(request?.params['access_token'], undefined);
    assert.equal((request?.body as Record<string, unknown>)['appsecret_proof'], undefined);
    const recorded = json([emulator.requests, emulator.sent]);
    assert.doesNotMatch(recorded, new RegExp(token));
    assert.doesNotMatch(recorded, new RegExp(proof));
  });

  it('answers error 100 when an attachment has neither url nor attachment_id and no filedata part', async () => {
    const answer = await graphMultipart(emulator.url, '/v25.0/me/messages', [
      { name: 'recipient', value: json({ id: '7' }) },
      { name: 'message', value: json({ attachment: { type: 'image', payload: { is_reusable: false } } }) },
      { name: 'other', filename: 'cat.png', contentType: 'image/png', data: PNG }, // a file, but not filedata
    ]);
    assert.equal(answer.status, 400);
    assert.equal(errorOf(answer)['code'], 100);
    assert.match(String(errorOf(answer)['message']), /^\(#100\) .*url.*attachment_id.*filedata/);
    assert.equal(emulator.sent.length, 0);
  });

  it('answers error 100 to message_attachments with neither url nor filedata, even as a JSON field', async () => {
    const message = { attachment: { type: 'image', payload: { is_reusable: true } } };
    const multipart = await graphMultipart(emulator.url, '/v25.0/me/message_attachments', [
      { name: 'message', value: json(message) },
    ]);
    const fake = await graph(emulator.url, 'POST', '/v25.0/me/message_attachments', {
      json: { message, filedata: { filename: 'cat.png', size: 3, sha256: 'x' } },
    });
    for (const answer of [multipart, fake]) {
      assert.equal(answer.status, 400);
      assert.equal(errorOf(answer)['code'], 100);
      assert.match(String(errorOf(answer)['message']), /^\(#100\) .*\[url\] is required.*filedata/);
    }
    assert.equal(emulator.state.attachments.size, 0);
  });

  const boundary = 'b0undary';
  const field = (name: string, value: string): string =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const malformed: [string, Buffer, string][] = [
    [
      'no boundary in the Content-Type',
      multipartBody(boundary, [{ name: 'message', value: '{}' }]),
      'multipart/form-data',
    ],
    [
      'no closing delimiter',
      Buffer.from(field('recipient', '{"id":"1"}'), 'latin1'),
      `multipart/form-data; boundary=${boundary}`,
    ],
    [
      'a part without a name',
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; filename="a.png"\r\n\r\nxx\r\n--${boundary}--\r\n`,
      ),
      `multipart/form-data; boundary=${boundary}`,
    ],
    [
      'a boundary the body does not use',
      multipartBody(boundary, [{ name: 'message', value: '{}' }]),
      'multipart/form-data; boundary=other',
    ],
    [
      'LF-only line endings',
      Buffer.from(`--${boundary}\nContent-Disposition: form-data; name="a"\n\nx\n--${boundary}--\n`),
      `multipart/form-data; boundary=${boundary}`,
    ],
  ];
  for (const [what, body, contentType] of malformed) {
    it(`answers Graph error 100 (HTTP 400) to malformed multipart: ${what}`, async () => {
      const answer = await graphMultipart(emulator.url, '/v25.0/me/messages', body, { contentType });
      assert.equal(answer.status, 400);
      const error = errorOf(answer);
      assert.equal(error['code'], 100);
      assert.equal(error['type'], 'OAuthException');
      assert.match(String(error['message']), /^\(#100\) Invalid multipart\/form-data body: /);
      assert.match(String(error['message']), /boundary of its Content-Type/);
      assert.equal(emulator.sent.length, 0);
      assert.equal(emulator.requests.length, 0, 'a body that cannot be parsed is not a recorded call');
    });
  }
});
