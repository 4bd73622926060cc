import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { SendLimitError } from '../../lib/graph/index.js';
import { PAGE_TOKEN, auth, makeClient, startServer, useLoopback } from './helpers.js';

/** One part of a multipart body as the test reads it, independently of the library's encoder. */
interface Part {
  headers: string;
  name: string | undefined;
  filename: string | undefined;
  data: Buffer;
}

interface Received {
  url: string;
  contentType: string;
  parts: Part[];
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=([^;]+)/.exec(contentType)?.[1];
  assert.ok(boundary !== undefined, `no boundary in ${contentType}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const source = Buffer.concat([Buffer.from('\r\n'), body]);
  const parts: Part[] = [];
  let at = source.indexOf(delimiter);
  for (;;) {
    const start = at + delimiter.length;
    if (source.subarray(start, start + 2).toString() === '--') break;
    const next = source.indexOf(delimiter, start);
    assert.ok(next > 0, 'unterminated multipart body');
    const part = source.subarray(start + 2, next); // after the CRLF that ends the delimiter line
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString();
    parts.push({
      headers,
      name: /name="([^"]*)"/.exec(headers)?.[1],
      filename: /filename="([^"]*)"/.exec(headers)?.[1],
      data: part.subarray(split + 4),
    });
    at = next;
  }
  return parts;
}

/** A loopback Graph stand-in that records each multipart call and answers with `answer`. */
async function uploadServer(answers: { status: number; body: unknown }[]) {
  const received: Received[] = [];
  const server = await startServer((req, res) => {
    void readAll(req).then((body) => {
      const contentType = req.headers['content-type'] ?? '';
      received.push({ url: req.url ?? '', contentType, parts: parseMultipart(body, contentType) });
      const answer = answers[Math.min(received.length - 1, answers.length - 1)] ?? { status: 500, body: {} };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body));
    });
  });
  return { ...server, received };
}

function field(parts: Part[], name: string): unknown {
  const part = parts.find((p) => p.name === name && p.filename === undefined);
  return part === undefined ? undefined : JSON.parse(part.data.toString('utf8'));
}

// Bytes that contain CRLF, dashes and a fake boundary line, to prove the body survives byte for byte.
const TRICKY = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]),
  Buffer.from('\r\n--fake\r\n\r\n--'),
]);

describe('graph uploads (multipart/form-data)', () => {
  useLoopback();

  it('uploads a file to message_attachments with the message as a JSON field and the bytes in filedata', async () => {
    const server = await uploadServer([{ status: 200, body: { attachment_id: '1857777774821032' } }]);
    try {
      const client = makeClient({ baseUrl: server.url });
      const result = await client.send.uploadAttachment({
        type: 'image',
        file: { data: TRICKY, filename: 'cat.png' },
      });
      assert.deepEqual(result, { attachment_id: '1857777774821032' });
      const [call] = server.received;
      assert.ok(call !== undefined);
      const url = new URL(call.url, server.url);
      assert.equal(url.pathname, '/v25.0/me/message_attachments');
      assert.deepEqual(Object.fromEntries(url.searchParams), auth());
      assert.match(call.contentType, /^multipart\/form-data; boundary=/);
      assert.deepEqual(field(call.parts, 'message'), {
        attachment: { type: 'image', payload: { is_reusable: true } },
      });
      const file = call.parts.find((p) => p.name === 'filedata');
      assert.equal(file?.filename, 'cat.png');
      assert.match(file?.headers ?? '', /Content-Type: image\/png/);
      assert.deepEqual(file?.data, TRICKY);
      assert.ok(!call.parts.some((p) => p.data.includes(PAGE_TOKEN)), 'the token travels in the query only');
    } finally {
      await server.close();
    }
  });

  it('sends a file with a message: recipient, messaging type and message as fields, Instagram checks kept', async () => {
    const server = await uploadServer([{ status: 200, body: { recipient_id: '42', message_id: 'm_1' } }]);
    try {
      const client = makeClient({ baseUrl: server.url });
      const data = Buffer.from('%PDF-1.7 report');
      const result = await client.send.attachment(
        '42',
        { type: 'file', file: { data, filename: 'report "Q3".pdf' }, isReusable: false },
        { from: '777', tag: 'HUMAN_AGENT' },
      );
      assert.deepEqual(result, { recipient_id: '42', message_id: 'm_1' });
      const [call] = server.received;
      assert.ok(call !== undefined);
      assert.equal(new URL(call.url, server.url).pathname, '/v25.0/777/messages');
      assert.deepEqual(field(call.parts, 'recipient'), { id: '42' });
      assert.equal(call.parts.find((p) => p.name === 'messaging_type')?.data.toString(), 'MESSAGE_TAG');
      assert.equal(call.parts.find((p) => p.name === 'tag')?.data.toString(), 'HUMAN_AGENT');
      assert.deepEqual(field(call.parts, 'message'), {
        attachment: { type: 'file', payload: { is_reusable: false } },
      });
      const file = call.parts.find((p) => p.name === 'filedata');
      // A quote in the name cannot break out of the header: it is replaced.
      assert.equal(file?.filename, 'report _Q3_.pdf');
      assert.match(file?.headers ?? '', /Content-Type: application\/pdf/);
      assert.deepEqual(file?.data, data);
    } finally {
      await server.close();
    }
  });

  it('sends the whole body again when a failed upload is retried', async () => {
    const server = await uploadServer([
      { status: 500, body: { error: { message: 'try again', code: 2 } } },
      { status: 200, body: { attachment_id: '9' } },
    ]);
    try {
      const client = makeClient({ baseUrl: server.url });
      const data = Buffer.alloc(200_000, 7);
      const result = await client.send.uploadAttachment({
        type: 'video',
        file: { data, filename: 'clip.mp4' },
        platform: 'instagram',
      });
      assert.deepEqual(result, { attachment_id: '9' });
      assert.equal(server.received.length, 2);
      for (const call of server.received) {
        assert.deepEqual(call.parts.find((p) => p.name === 'filedata')?.data, data);
        assert.equal(call.parts.find((p) => p.name === 'platform')?.data.toString(), 'instagram');
      }
    } finally {
      await server.close();
    }
  });

  it('refuses a file over 25 MB, a file with no name and an attachment given two ways, sending nothing', async () => {
    const server = await uploadServer([{ status: 200, body: { attachment_id: '1' } }]);
    try {
      const client = makeClient({ baseUrl: server.url });
      const big = new Uint8Array(25 * 1024 * 1024 + 1);
      const error: unknown = await client.send
        .attachment('1', { type: 'video', file: { data: big, filename: 'big.mp4' } })
        .catch((e: unknown) => e);
      assert.ok(error instanceof SendLimitError);
      assert.equal(error.field, 'file.data');
      assert.equal(error.unit, 'bytes');
      await assert.rejects(
        client.send.uploadAttachment({ type: 'image', file: { data: TRICKY, filename: ' ' } }),
        /filename must not be empty/,
      );
      await assert.rejects(
        client.send.attachment('1', {
          type: 'image',
          url: 'https://example.com/cat.png',
          file: { data: TRICKY, filename: 'cat.png' },
        }),
        /exactly one of `url`, `attachmentId` and `file`/,
      );
      assert.deepEqual(server.received, []);
    } finally {
      await server.close();
    }
  });
});
