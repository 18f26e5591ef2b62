import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isoDate } from './dates.js';

test('isoDate: ISO 8601 dates and date-times, normalized', () => {
  const cases: [unknown, string | undefined][] = [
    ['2024-05-01', '2024-05-01'],
    [' 2024-02-29 ', '2024-02-29'],
    ['2024-05-01T10:20', '2024-05-01T10:20:00Z'],
    ['2024-05-01 10:20:30', '2024-05-01T10:20:30Z'],
    ['2024-05-01T10:20:30.123+0200', '2024-05-01T10:20:30.123+02:00'],
    ['2024-05-01T10:20:30-05:30', '2024-05-01T10:20:30-05:30'],
    ['2024-05-01T10:20:30z', '2024-05-01T10:20:30Z'],
    [new Date(Date.UTC(2020, 0, 2)), '2020-01-02T00:00:00.000Z'],
  ];
  for (const [input, expected] of cases) assert.is(isoDate(input), expected, String(input));
});

test('isoDate: anything else is undefined', () => {
  const bad = [
    '2023-02-29',
    '1900-02-29',
    '2024-13-01',
    '2024-04-31',
    '2024-05-01T24:00',
    '2024-05-01T10:61',
    '05/01/2024',
    'May 1, 2024',
    '2024',
    '',
    'today',
    20240501,
    null,
    new Date(NaN),
    '2024-05-01T10:00+15:00',
  ];
  for (const input of bad) assert.is(isoDate(input), undefined, String(input));
  assert.is(isoDate('2000-02-29'), '2000-02-29');
});

test.run();
