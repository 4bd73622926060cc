import assert from 'node:assert/strict';
import { GraphFault } from '../../lib/emulator/errors.js';
import { parseMultipart, type MultipartPart } from '../../lib/emulator/multipart.js';

const CT = 'multipart/form-data; boundary=abc';

function parse(body: string | Buffer, contentType = CT): Promise<MultipartPart[]> {
  return parseMultipart(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), contentType);
}

async function assertFault(parsing: Promise<unknown>): Promise<void> {
  await assert.rejects(parsing, (error: unknown) => {
    assert.ok(error instanceof GraphFault, `expected a GraphFault, got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.spec.code, 100);
    assert.match(error.spec.message, /^\(#100\) Invalid multipart\/form-data body: /);
    assert.match(error.spec.message, /boundary of its Content-Type/);
    return true;
  });
}

describe('emulator multipart/form-data parser', () => {
  it('reads the boundary plain or quoted (with : = and spaces), whatever the case of the type and parameter', async () => {
    const part = 'Content-Disposition: form-data; name="v"\r\n\r\nx\r\n';
    assert.deepEqual(await parse(`------x1\r\n${part}------x1--`, 'multipart/form-data; boundary=----x1'), [
      { kind: 'field', name: 'v', value: 'x' },
    ]);
    assert.deepEqual(
      await parse(
        `--a b:c=d\r\n${part}--a b:c=d--`,
        'Multipart/Form-Data; charset=utf-8; BOUNDARY="a b:c=d"',
      ),
      [{ kind: 'field', name: 'v', value: 'x' }],
    );
  });

  it('parses fields as UTF-8 and files as bytes with filename and Content-Type', async () => {
    const body = Buffer.concat([
      Buffer.from('--abc\r\n'),
      Buffer.from('Content-Disposition: form-data; name="message"\r\n\r\n{"text":"héllo 😀"}\r\n--abc\r\n'),
      Buffer.from('content-disposition: form-data; name="filedata"; filename="c😀t.png"\r\n'),
      Buffer.from('Content-Type: image/png\r\n\r\n'),
      Buffer.from([0, 13, 10, 255]),
      Buffer.from('\r\n--abc--\r\n'),
    ]);
    const [message, file, ...rest] = await parse(body);
    assert.deepEqual(message, { kind: 'field', name: 'message', value: '{"text":"héllo 😀"}' });
    assert.equal(file?.kind, 'file');
    if (file?.kind !== 'file') return;
    assert.equal(file.name, 'filedata');
    assert.equal(file.filename, 'c😀t.png');
    assert.equal(file.contentType, 'image/png');
    assert.deepEqual([...file.data], [0, 13, 10, 255]);
    assert.deepEqual(rest, []);
  });

  it('keeps empty values and files, and reads a file without Content-Type as text/plain', async () => {
    const parts = await parse(
      '--abc\r\nContent-Disposition: form-data; name="empty"\r\n\r\n\r\n' +
        '--abc\r\nContent-Disposition: form-data; name="f"; filename="plain.txt"\r\n\r\n\r\n' +
        '--abc--',
    );
    assert.deepEqual(parts[0], { kind: 'field', name: 'empty', value: '' });
    const file = parts[1];
    assert.equal(file?.kind, 'file');
    if (file?.kind !== 'file') return;
    assert.equal(file.filename, 'plain.txt');
    assert.equal(file.contentType, 'text/plain');
    assert.equal(file.data.length, 0);
  });

  it('keeps content that only looks like a delimiter ("\\r\\n--ab", "\\r\\n--")', async () => {
    const content = '\r\n--ab\r\n--\r\n';
    const [part] = await parse(
      `--abc\r\nContent-Disposition: form-data; name="v"\r\n\r\n${content}\r\n--abc--\r\n`,
    );
    assert.deepEqual(part, { kind: 'field', name: 'v', value: content });
  });

  it('accepts a form with no parts', async () => {
    assert.deepEqual(await parse('--abc--\r\n'), []);
  });

  const bad: [string, string, string?][] = [
    ['a Content-Type without boundary', '--abc--\r\n', 'multipart/form-data'],
    ['an empty boundary', '--abc--\r\n', 'multipart/form-data; boundary='],
    ['a boundary over 70 characters', '--abc--\r\n', `multipart/form-data; boundary=${'a'.repeat(71)}`],
    ['a Content-Type that is not multipart/form-data', '--abc--\r\n', 'multipart/mixed; boundary=abc'],
    ['no delimiter at all', 'just text'],
    ['no closing delimiter', '--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n'],
    [
      'a closing delimiter without its CRLF before it',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nx--abc--',
    ],
    ['a part without a name', '--abc\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc--'],
    ['a part without headers', '--abc\r\n\r\nx\r\n--abc--'],
    [
      'a part that is not form-data',
      '--abc\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--abc--',
    ],
    [
      'a part without a blank line after its headers',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\n--abc--',
    ],
    [
      'a malformed header line',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\nno colon\r\n\r\nx\r\n--abc--',
    ],
    ['a folded header line', '--abc\r\nContent-Disposition: form-data;\r\n name="a"\r\n\r\nx\r\n--abc--'],
    [
      'a second part without a name',
      '--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--abc\r\nContent-Disposition: form-data\r\n\r\ny\r\n--abc--',
    ],
    ['LF-only line endings', '--abc\nContent-Disposition: form-data; name="a"\n\nx\n--abc--\n'],
  ];
  for (const [what, body, contentType] of bad) {
    it(`answers (#100) for ${what}`, async () => {
      await assertFault(parse(body, contentType));
    });
  }
});
