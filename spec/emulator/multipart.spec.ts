import assert from 'node:assert/strict';
import { GraphFault } from '../../lib/emulator/errors.js';
import { multipartBoundary, parseMultipart, type MultipartPart } from '../../lib/emulator/multipart.js';

const CT = 'multipart/form-data; boundary=abc';

function parse(body: string | Buffer, contentType = CT): MultipartPart[] {
  return parseMultipart(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), contentType);
}

function assertFault(run: () => unknown, reason: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof GraphFault, `expected a GraphFault, got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.spec.code, 100);
    assert.match(error.spec.message, /^\(#100\) Invalid multipart\/form-data body: /);
    assert.match(error.spec.message, reason);
    return true;
  });
}

describe('emulator multipart/form-data parser', () => {
  it('reads the boundary plain or quoted (with : = and spaces), whatever the case of the type and parameter', () => {
    assert.equal(multipartBoundary('multipart/form-data; boundary=----x1'), '----x1');
    assert.equal(multipartBoundary('Multipart/Form-Data; charset=utf-8; BOUNDARY="a b:c=d"'), 'a b:c=d');
    assertFault(() => multipartBoundary('multipart/form-data'), /no boundary/);
    assertFault(() => multipartBoundary('multipart/form-data; boundary='), /no boundary/);
    assertFault(() => multipartBoundary('multipart/form-data; boundary="abc'), /unterminated/);
    assertFault(() => multipartBoundary(`multipart/form-data; boundary=${'a'.repeat(71)}`), /1 to 70/);
    assertFault(() => multipartBoundary('multipart/form-data; boundary="ends with space "'), /1 to 70/);
    assertFault(() => multipartBoundary('multipart/mixed; boundary=abc'), /not multipart\/form-data/);
  });

  it('parses fields as UTF-8 and files as bytes with filename and Content-Type, skipping preamble and epilogue', () => {
    const body = Buffer.concat([
      Buffer.from('preamble to ignore\r\n--abc\r\n'),
      Buffer.from(
        'Content-Disposition: form-data; name="message"\r\n\r\n{"text":"héllo 😀"}\r\n--abc  \t\r\n',
      ),
      Buffer.from('content-disposition: form-data; name="filedata"; filename="c\\"at.png"\r\n'),
      Buffer.from('Content-Type: image/png\r\n\r\n'),
      Buffer.from([0, 13, 10, 255]),
      Buffer.from('\r\n--abc--\r\nepilogue --abc\r\n'),
    ]);
    const [message, file, ...rest] = parse(body);
    assert.deepEqual(message, { kind: 'field', name: 'message', value: '{"text":"héllo 😀"}' });
    assert.equal(file?.kind, 'file');
    if (file?.kind !== 'file') return;
    assert.equal(file.name, 'filedata');
    assert.equal(file.filename, 'c"at.png');
    assert.equal(file.contentType, 'image/png');
    assert.deepEqual([...file.data], [0, 13, 10, 255]);
    assert.deepEqual(rest, []);
  });

  it('keeps empty values and files, prefers filename* (RFC 8187) and leaves a file without Content-Type untyped', () => {
    const parts = parse(
      '--abc\r\nContent-Disposition: form-data; name="empty"\r\n\r\n\r\n' +
        `--abc\r\nContent-Disposition: form-data; name="f"; filename="plain.txt"; filename*=UTF-8''%F0%9F%98%80.txt\r\n\r\n\r\n` +
        '--abc--',
    );
    assert.deepEqual(parts[0], { kind: 'field', name: 'empty', value: '' });
    const file = parts[1];
    assert.equal(file?.kind, 'file');
    if (file?.kind !== 'file') return;
    assert.equal(file.filename, '😀.txt');
    assert.equal(file.contentType, undefined);
    assert.equal(file.data.length, 0);
  });

  it('treats "\\r\\n--boundary" followed by anything but "--", padding + CRLF as content', () => {
    const content = '\r\n--abcd\r\n--abc-\r\n--abc x\r\n--ab\r\n--\r\n';
    const [part] = parse(
      `--abc\r\nContent-Disposition: form-data; name="v"\r\n\r\n${content}\r\n--abc--\r\n`,
    );
    assert.deepEqual(part, { kind: 'field', name: 'v', value: content });
  });

  it('accepts a form with no parts', () => {
    assert.deepEqual(parse('--abc--\r\n'), []);
  });

  const bad: [string, string, RegExp][] = [
    ['no delimiter at all', 'just text', /no --abc delimiter/],
    ['no closing delimiter', '--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n', /closing/],
    [
      'a closing delimiter without its CRLF before it',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nx--abc--',
      /closing/,
    ],
    [
      'a part without a name',
      '--abc\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc--',
      /part 1 has no name/,
    ],
    [
      'a part with an empty name',
      '--abc\r\nContent-Disposition: form-data; name=""\r\n\r\nx\r\n--abc--',
      /no name/,
    ],
    ['a part without headers', '--abc\r\n\r\nx\r\n--abc--', /part 1 has no Content-Disposition/],
    [
      'a part that is not form-data',
      '--abc\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--abc--',
      /form-data/,
    ],
    [
      'a part without a blank line after its headers',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\n--abc--',
      /blank line/,
    ],
    [
      'a malformed header line',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\nno colon\r\n\r\nx\r\n--abc--',
      /malformed header/,
    ],
    [
      'a folded header line',
      '--abc\r\nContent-Disposition: form-data;\r\n name="a"\r\n\r\nx\r\n--abc--',
      /malformed header/,
    ],
    [
      'a repeated header',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\nContent-Disposition: form-data; name="b"\r\n\r\nx\r\n--abc--',
      /more than one/,
    ],
    [
      'a second part without a name',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--abc\r\nContent-Disposition: form-data\r\n\r\ny\r\n--abc--',
      /part 2 has no name/,
    ],
  ];
  for (const [what, body, reason] of bad) {
    it(`answers (#100) for ${what}`, () => {
      assertFault(() => parse(body), reason);
    });
  }
});
