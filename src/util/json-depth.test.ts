import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deepSpec } from '../../test/support/hostile-specs.js';
import { MAX_JSON_DEPTH, jsonDeeperThan, jsonTextDeeperThan } from './json-depth.js';

test('jsonDeeperThan: counts nested arrays and objects, without recursion', () => {
  assert.is(MAX_JSON_DEPTH, 1000);
  assert.not.ok(jsonDeeperThan(deepSpec(1000)));
  assert.ok(jsonDeeperThan(deepSpec(1001)));
  assert.ok(jsonDeeperThan(deepSpec(100_000)), 'no stack overflow');
  assert.not.ok(jsonDeeperThan([[1], { a: [2] }, 'x'], 3));
  assert.ok(jsonDeeperThan([[1], { a: [[2]] }], 3));
  assert.not.ok(jsonDeeperThan('text'));
  assert.not.ok(jsonDeeperThan(null));
});

test('jsonTextDeeperThan: brackets inside strings do not count, escaped quotes do not end them', () => {
  assert.ok(jsonTextDeeperThan('['.repeat(100_000) + ']'.repeat(100_000)));
  assert.not.ok(jsonTextDeeperThan('{"a":[[1]]}', 3));
  assert.ok(jsonTextDeeperThan('{"a":[[[1]]]}', 3));
  assert.not.ok(jsonTextDeeperThan(JSON.stringify({ s: '[[[[[[\\"[[[[' }), 2));
  assert.not.ok(jsonTextDeeperThan(JSON.stringify({ s: 'say "[[[[[["' }), 1));
});

test.run();
