import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lineColumn, scanJsonValue, skipJsonSpace } from './json-scan.js';

const VALID = [
  '{}',
  '[]',
  '0',
  '-0',
  '1.5e+10',
  '-12.25E-3',
  '"a\\"b\\\\c\\u00e9\\n"',
  'true',
  'false',
  'null',
  ' { "a" : [ 1 , { "b" : null } ] } ',
  '[[[[[]]]]]',
  '{"": ""}',
  '"\u2028"',
  '[1,[2,[3]],{"k":{"k":[]}}]',
];
const INVALID = [
  '',
  '{',
  '[1,]',
  '{"a":1,}',
  '{a:1}',
  "{'a':1}",
  '01',
  '1.',
  '.5',
  '+1',
  '-',
  '1e',
  'tru',
  'nul',
  'NaN',
  '"\\x"',
  '"\\u12"',
  '"a\nb"',
  '"tab\there"',
  '{"a" 1}',
  '[1 2]',
  '{"a":1 "b":2}',
  '"unterminated',
  '[',
  '{"a":',
];

test('scanJsonValue accepts exactly what JSON.parse accepts', () => {
  for (const text of VALID) {
    assert.not.throws(() => JSON.parse(text), `JSON.parse should accept ${text}`);
    const scan = scanJsonValue(text);
    assert.ok(scan.ok, `scanner should accept ${JSON.stringify(text)}`);
    if (scan.ok)
      assert.is(skipJsonSpace(text, scan.end), text.length, `scanner should consume ${JSON.stringify(text)}`);
  }
  for (const text of INVALID) {
    assert.throws(() => JSON.parse(text), undefined, `JSON.parse should reject ${text}`);
    const scan = scanJsonValue(text);
    const whole = scan.ok && skipJsonSpace(text, scan.end) === text.length;
    assert.not.ok(whole, `scanner should reject ${JSON.stringify(text)}`);
  }
});

test('scanJsonValue finds the end of the leading value, not of the text', () => {
  const text = '{"a": "}{", "b": [1, "]"]}\n}\n]garbage';
  const scan = scanJsonValue(text);
  assert.equal(scan, { ok: true, end: 26 });
  assert.equal(JSON.parse(text.slice(0, 26)), { a: '}{', b: [1, ']'] });
  assert.is(skipJsonSpace(text, 26), 27);
});

test('scanJsonValue reports the offset and reason of the first error', () => {
  assert.equal(scanJsonValue('{"a": 1 "b": 2}'), { ok: false, offset: 8, message: `expected ',' or '}', found "\\""` });
  assert.equal(scanJsonValue('[1, 2'), {
    ok: false,
    offset: 5,
    message: "expected ',' or ']', found the end of the file",
  });
  assert.equal(scanJsonValue('{"a": tru}'), { ok: false, offset: 6, message: 'expected a value, found "t"' });
  assert.equal(scanJsonValue('"a\nb"'), {
    ok: false,
    offset: 2,
    message: 'control character (such as a raw line break or tab) inside a string',
  });
  assert.equal(scanJsonValue('{"x": "\\q"}'), { ok: false, offset: 7, message: 'invalid escape sequence in string' });
  assert.equal(scanJsonValue('["ok", "cut off'), {
    ok: false,
    offset: 7,
    message: 'the string that starts here is never closed (the file may be cut off)',
  });
});

test('scanJsonValue handles deep nesting without recursion', () => {
  const depth = 200_000;
  const text = '['.repeat(depth) + ']'.repeat(depth);
  assert.equal(scanJsonValue(text), { ok: true, end: text.length });
  assert.equal(scanJsonValue('['.repeat(depth)), {
    ok: false,
    offset: depth,
    message: 'expected a value, found the end of the file',
  });
});

test('lineColumn is 1-based', () => {
  const text = 'ab\ncd\n\nef';
  assert.equal(lineColumn(text, 0), { line: 1, column: 1 });
  assert.equal(lineColumn(text, 2), { line: 1, column: 3 });
  assert.equal(lineColumn(text, 3), { line: 2, column: 1 });
  assert.equal(lineColumn(text, 7), { line: 4, column: 1 });
  assert.equal(lineColumn(text, 9), { line: 4, column: 3 });
});

test.run();
