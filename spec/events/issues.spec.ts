import assert from 'node:assert/strict';
import * as t from 'io-ts';
import { codecs, describeDecodeErrors, isRecord } from '../../lib/events/index.js';

function errorsOf(codec: t.Mixed, value: unknown): t.Errors {
  const result = codec.decode(value);
  if (result._tag === 'Right') throw new Error('expected the value not to decode');
  return result.left;
}

describe('describeDecodeErrors', () => {
  const Item = t.type({ id: t.string, tags: t.array(t.string), price: t.union([t.string, t.number]) });

  it('gives one issue per bad place, first error first, with readable paths', () => {
    const issues = describeDecodeErrors(errorsOf(Item, { id: 42, tags: ['a', 7], price: 'x' }));
    assert.deepEqual(
      issues.map((issue) => issue.message),
      ['id: expected string, got 42', 'tags[1]: expected string, got 7'],
    );
    assert.deepEqual(issues[0], {
      path: 'id',
      expected: 'string',
      got: '42',
      message: 'id: expected string, got 42',
    });
  });

  it('reports a failing union at the union, and the value itself as $', () => {
    const [union] = describeDecodeErrors(errorsOf(Item, { id: 'a', tags: [], price: true }));
    assert.equal(union?.message, 'price: expected (string | number), got true');
    const [root] = describeDecodeErrors(errorsOf(Item, 'nope'));
    assert.equal(root?.path, '$');
  });

  it('puts `at` before every path and shows only types with values: type', () => {
    const [issue] = describeDecodeErrors(errorsOf(Item, { id: 'secret-token-value', tags: 'x', price: 1 }), {
      at: 'body',
      values: 'type',
    });
    assert.equal(issue?.message, 'body.tags: expected Array<string>, got string');
    const all = describeDecodeErrors(errorsOf(Item, { id: ['secret-token-value'], tags: [], price: 1 }), {
      values: 'type',
    });
    assert.doesNotMatch(JSON.stringify(all), /secret-token-value/);
  });

  it('describes the errors of the library codecs', () => {
    const [issue] = describeDecodeErrors(errorsOf(codecs.MessageC, { mid: 'm1', text: 42 }));
    assert.equal(issue?.message, 'text: expected string, got 42');
  });
});

describe('isRecord', () => {
  it('is true for objects only, not null or arrays, and reads no property', () => {
    const trapping = new Proxy({}, { get: () => assert.fail('read'), has: () => assert.fail('has') });
    assert.deepEqual([{}, Object.create(null), trapping, null, [], 'x', 1, undefined].map(isRecord), [
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
